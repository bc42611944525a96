"""EDGAR ownership XML -> Filing, for every schema version from X0202 to X0609.

Reads documents as filers submit them and as EDGAR disseminates them (names filled in, CCC
stripped, ``schemaVersion`` present).  Every XML input is treated as hostile: no DTD, no entity
expansion, no network.  Anything the element tables do not know is refused with its line number
rather than dropped, so an import loses nothing silently.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import ValidationError

from form4gen import spec
from form4gen.errors import InputError, Problem, problems_from_validation
from form4gen.models import Filing
from form4gen.spec import Complex, Element, Simple

# xs:date allows a timezone suffix (2021-09-30-05:00); the form's date is the calendar date.
_DATE_WITH_ZONE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?\s*$")


def safe_parser(*, remove_pis: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=remove_pis,
    )


def parse_tree(data: bytes, source: str, *, strict: bool = True) -> etree._Element:
    """Well-formed, DTD-free XML or an InputError naming the line.

    ``strict=False`` (for the checker) keeps processing instructions and lets a DOCTYPE or an
    entity reference through, unexpanded, so that rule FMT-NOPI can report them."""
    try:
        root = etree.fromstring(data, safe_parser(remove_pis=strict))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        raise InputError(source, [Problem("", f"not well-formed XML: {exc.msg}", line)]) from None
    if not strict:
        return root
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        raise InputError(source, [Problem("", "a DOCTYPE declaration is not allowed in an EDGAR document", 1)])
    for node in root.iter(etree.Entity):
        raise InputError(source, [Problem("", f"entity reference {node.text} is not allowed", node.sourceline)])
    return root


def read_source(source: bytes | str | Path) -> tuple[bytes, str]:
    """(bytes, name for messages) from bytes, XML text or a path."""
    if isinstance(source, bytes):
        return source, "<xml>"
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("<")):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise InputError(str(path), [Problem("", f"cannot read the file: {exc.strerror}")]) from None
    return source.encode("utf-8"), "<xml>"


class _Reader:
    def __init__(self, source: str, document_type: str):
        self.source = source
        self.document_type = document_type
        self.lines: dict[tuple[Any, ...], int] = {}

    def fail(self, node: etree._Element, message: str) -> InputError:
        return InputError(self.source, [Problem(_xml_path(node), message, node.sourceline)])

    def simple(self, el: Element, node: etree._Element) -> Any:
        if len(node):
            raise self.fail(node[0], f"<{el.xml}> holds a value, not the element <{node[0].tag}>")
        text = node.text or ""
        if el.type is spec.DATE:
            match = _DATE_WITH_ZONE.match(text)
            return match.group(1) if match else text
        if isinstance(el.type, Simple) and el.type.base in ("decimal", "boolean"):
            return text.strip()
        return text

    def complex(self, t: Complex, node: etree._Element, path: tuple[Any, ...], out: dict[str, Any]) -> None:
        self.lines[path] = node.sourceline
        for a in t.attributes:
            if node.get(a.name) is not None:
                out[a.attr] = node.get(a.name)
        if t.mixed:
            if len(node):
                raise self.fail(node[0], f"a <{node.tag}> holds text only, not <{node[0].tag}>")
            out["text"] = node.text or ""
            return
        children = {e.xml: e for e in spec.elements_of(t)}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            el = children.get(child.tag)
            if el is None:
                expected = ", ".join(children) or "no child elements"
                raise self.fail(
                    child,
                    f"<{child.tag}> is not allowed in <{node.tag}> of a Form {self.document_type} document"
                    f" (expected one of: {expected})",
                )
            self.child(el, child, path, out)

    def child(self, el: Element, node: etree._Element, path: tuple[Any, ...], out: dict[str, Any]) -> None:
        if el.attr is None:  # a wrapper such as <reportingOwnerId>: its children belong to the parent
            assert isinstance(el.type, Complex)
            self.complex(el.type, node, path, out)
            return
        many = el.max != 1
        if isinstance(el.type, Simple):
            value: Any = self.simple(el, node)
            self.lines[(*path, el.attr)] = node.sourceline
        elif spec.is_reference(el.type):
            value = node.get(el.type.attributes[0].name)
            if value is None:
                raise self.fail(node, f"<{node.tag}> needs its {el.type.attributes[0].name} attribute")
            self.lines[(*path, el.attr)] = node.sourceline
        elif spec.is_row_table(el.type):
            value = []
            self.lines[(*path, el.attr)] = node.sourceline
            rows = {e.xml: e for e in spec.elements_of(el.type)}
            for index, row in enumerate(c for c in node if isinstance(c.tag, str)):
                row_el = rows.get(row.tag)
                if row_el is None:
                    raise self.fail(row, f"<{row.tag}> is not a row of <{node.tag}> in a Form {self.document_type} document")
                row_data: dict[str, Any] = {}
                assert isinstance(row_el.type, Complex)
                self.complex(row_el.type, row, (*path, el.attr, index), row_data)
                value.append(row_data)
        else:
            assert isinstance(el.type, Complex)
            value = {}
            key = (*path, el.attr, len(out.get(el.attr, []))) if many else (*path, el.attr)
            self.complex(el.type, node, key, value)
        if many:
            out.setdefault(el.attr, []).append(value)
        elif el.attr in out:
            raise self.fail(node, f"<{node.tag}> appears more than once")
        else:
            out[el.attr] = value


def _xml_path(node: etree._Element) -> str:
    parts = []
    while node is not None:
        parts.append(node.tag if isinstance(node.tag, str) else "?")
        node = node.getparent()
    return "/" + "/".join(reversed(parts))


def parse_xml(source: bytes | str | Path) -> Filing:
    """Read an EDGAR ownership document (bytes, XML text or a path) into a Filing.

    Every element and value is kept, EDGAR-filled ones included (names, schemaVersion,
    rptOwnerStateDescription ...), so ``to_xml`` gives the document back.  What is not kept:
    comments and processing instructions, the order of out-of-order elements (written back in
    schema order), and a timezone suffix on a date (``2021-09-30-05:00`` is the date 2021-09-30).
    """
    data, name = read_source(source)
    return filing_from_tree(parse_tree(data, name), name)


def filing_from_tree(root: etree._Element, name: str) -> Filing:
    """The Filing of an already parsed ownership document (see :func:`parse_xml`)."""
    if root.tag != "ownershipDocument":
        raise InputError(name, [Problem(f"/{root.tag}", f"the root element is <{root.tag}>, expected <ownershipDocument>", root.sourceline)])
    document_type = (root.findtext("documentType") or "").strip()
    if document_type not in spec.DOCUMENT_TYPES:
        raise InputError(
            name,
            [Problem("/ownershipDocument/documentType", f"documentType must be one of {', '.join(spec.DOCUMENT_TYPES)}, not {document_type!r}", root.sourceline)],
        )
    tree = spec.document_tree(document_type)
    reader = _Reader(name, document_type)
    data_dict: dict[str, Any] = {}
    assert isinstance(tree.type, Complex)
    reader.complex(tree.type, root, (), data_dict)
    try:
        filing = Filing.model_validate(data_dict)
    except ValidationError as exc:
        raise InputError(name, problems_from_validation(exc, reader.lines)) from None
    filing._origin = "edgar"
    filing._source = name
    filing._source_lines = reader.lines
    return filing


def field_paths_by_line(root: etree._Element) -> dict[int, tuple[Any, ...]]:
    """For a document form4gen wrote (one element per line): each line's model field path."""
    document_type = (root.findtext("documentType") or "").strip()
    reader = _Reader("<xml>", document_type)
    tree = spec.document_tree(document_type)
    assert isinstance(tree.type, Complex)
    reader.complex(tree.type, root, (), {})
    out: dict[int, tuple[Any, ...]] = {}
    for path, line in reader.lines.items():
        if line not in out or len(path) > len(out[line]):
            out[line] = path
    return out
