"""EDGAR ownership XML -> Filing, for every schema version from X0202 to X0609.

Reads documents as filers submit them and as EDGAR disseminates them (names filled in, CCC
stripped, ``schemaVersion`` present).  Every XML input is treated as hostile: no DTD, no entity
expansion, no network.  Anything the element tables do not know is refused with its line number
rather than dropped, so an import loses nothing silently.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from lxml import etree
from pydantic import ValidationError

from form4gen.form import spec
from form4gen.form.errors import InputError, Problem, problems_from_validation
from form4gen.form.models import Filing
from form4gen.form.provenance import Provenance
from form4gen.form.spec import Complex, Element, Simple
from form4gen.xml.lexical import _XML_SPACE, _XSI_HINTS, _reader_of, shown_value
from form4gen.xml.source import MAX_DEPTH, MAX_XML_BYTES, XmlTooLarge, parse_tree, read_regular_file, read_source

_NO_ATTRIBUTES: frozenset[str] = frozenset()

# How each element of a complex type is read (worked out once per type, see _plan_of).  A value
# (_TEXT) has as detail the function that reads its text (see _reader_of), or None.
_WRAPPER, _TEXT, _REFERENCE, _ROWS, _COMPLEX = range(5)


class _Plan:
    """A complex type compiled for reading: its attributes, and for each child tag how to read it
    as (kind, model attribute, repeats, detail)."""

    __slots__ = ("attribute_names", "attributes", "children", "expected", "mixed", "shortcut")

    def __init__(self, t: Complex):
        self.attributes = tuple((a.name, a.attr, _reader_of(a.type)) for a in t.attributes)
        self.attribute_names = frozenset(a.name for a in t.attributes)
        self.mixed = t.mixed
        self.children: dict[str, tuple[int, str | None, bool, Any]] = {}
        for el in spec.elements_of(t):
            self.children[el.xml] = _entry(el)
        self.expected = ", ".join(self.children) or "no child elements"
        # A value with footnote marks (<value> and <footnoteId id=.../>, a third of all the
        # elements of a filing) is read by a shortcut: a type whose only children are one
        # value and a repeated reference, as (value tag, its kind, its attribute, reference
        # tag, its attribute, the reference's XML attribute); else None.
        values = [(tag, e) for tag, e in self.children.items() if e[0] == _TEXT and not e[2]]
        marks = [(tag, e) for tag, e in self.children.items() if e[0] == _REFERENCE and e[2]]
        plain = not self.attributes and not self.mixed and len(values) == 1 and len(marks) <= 1
        if plain and len(values) + len(marks) == len(self.children):
            (value_tag, (_, value_attr, _, read_value)), *_ = values
            mark_tag, (_, marks_attr, _, id_name) = marks[0] if marks else ("", (0, "", True, ""))
            # a value's and a reference's model attribute are never None (only a wrapper's is)
            self.shortcut: tuple[str, Any, str, str, str, str] | None = (value_tag, read_value, cast(str, value_attr), mark_tag, cast(str, marks_attr), id_name)
        else:
            self.shortcut = None


def _entry(el: Element) -> tuple[int, str | None, bool, Any]:
    many = el.max != 1
    if el.attr is None:  # a wrapper such as <reportingOwnerId>: its children belong to the parent
        assert isinstance(el.type, Complex)
        return _WRAPPER, None, False, _plan_of(el.type)
    if isinstance(el.type, Simple):
        return _TEXT, el.attr, many, _reader_of(el.type)
    if spec.is_reference(el.type):
        # references are footnote ids (IDREF): their whitespace is collapsed like an id's
        return _REFERENCE, el.attr, many, el.type.attributes[0].name
    if spec.is_row_table(el.type):
        rows = {}
        for row in spec.elements_of(el.type):
            assert isinstance(row.type, Complex)
            rows[row.xml] = _plan_of(row.type)
        return _ROWS, el.attr, many, rows
    return _COMPLEX, el.attr, many, _plan_of(el.type)


def _plan_of(t: Complex) -> _Plan:
    return spec.compiled(t, _Plan)


class _Reader:
    """Reads a document into the dict the Filing model validates.  With ``lines``, it also
    records the source line of every field path (for messages); without, it skips that work."""

    def __init__(self, source: str, document_type: str, *, lines: bool = True):
        self.source = source
        self.document_type = document_type
        self.lines: dict[tuple[Any, ...], int] | None = {} if lines else None

    def fail(self, node: etree._Element, message: str) -> InputError:
        return InputError(self.source, [Problem(_xml_path(node), message, node.sourceline)])

    def value(self, node: etree._Element, read: Any, text: str, what: str = "") -> str:
        """A value's text as its type reads it, or an InputError naming the element and line."""
        value, problem = read(text)
        if problem is not None:
            raise self.fail(node, f"{what}{problem}")
        return cast(str, value)

    def attributes_known(self, node: etree._Element, known: frozenset[str]) -> None:
        """An InputError for the first attribute the schema does not define on this element
        (namespace declarations are not attributes; the xsi: schema-location hints are allowed)."""
        for name, given in node.attrib.items():
            if name in known or name in _XSI_HINTS:
                continue
            qname = etree.QName(name)
            spaces = {**(node.nsmap or {}), "xml": "http://www.w3.org/XML/1998/namespace"}
            prefix = next((p for p, uri in spaces.items() if uri == qname.namespace and p), None) if qname.namespace else None
            shown = f"{prefix}:{qname.localname}" if prefix else (qname.localname if not qname.namespace else name)
            takes = f"it takes only {', '.join(sorted(known))}" if known else f"<{node.tag}> takes no attributes"
            raise self.fail(
                node,
                f"<{node.tag}> has the attribute {shown}={shown_value(str(given))}, which the schema does not define there ({takes}): "
                "remove it (form4gen would otherwise drop it without a word)",
            )

    def read(self, t: Complex, node: etree._Element) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.complex(_plan_of(t), node, (), out)
        return out

    def attributes_of(self, plan: _Plan, node: etree._Element, out: dict[str, Any]) -> None:
        """The element's attributes: each one the schema defines, read; any other refused."""
        self.attributes_known(node, plan.attribute_names)
        for name, attr, read in plan.attributes:
            given = node.get(name)
            if given is not None:
                out[attr] = self.value(node, read, given, f"the {name} attribute: ") if read is not None else given

    def wrapper_child(self, child: etree._Element, plan: _Plan, path: tuple[Any, ...], out: dict[str, Any], seen: set[str] | None) -> set[str]:
        """A wrapper (``<footnotes>``): its children belong to the enclosing part; a second one
        is refused (it would be merged into the first without a word)."""
        seen = seen if seen is not None else set()
        if child.tag in seen:
            raise self.fail(child, f"<{child.tag}> appears more than once")
        seen.add(child.tag)
        self.complex(plan, child, path, out)
        return seen

    def text_child(self, child: etree._Element, read: Any) -> Any:
        """A value element: its text, read by its type's reader."""
        if len(child):
            raise self.fail(child[0], f"<{child.tag}> holds a value, not the element <{child[0].tag}>")
        if child.attrib:
            self.attributes_known(child, _NO_ATTRIBUTES)
        value: Any = child.text or ""
        return self.value(child, read, value) if read is not None else value

    def reference_child(self, child: etree._Element, attribute: str) -> str:
        """A reference element (``<footnoteId id="F1"/>``): its id."""
        value = child.get(attribute)
        if value is None:
            raise self.fail(child, f"<{child.tag}> needs its {attribute} attribute")
        if len(child.attrib) > 1:
            self.attributes_known(child, frozenset((attribute,)))
        return value.strip(_XML_SPACE)

    def rows_child(self, child: etree._Element, plans: dict[str, _Plan], path: tuple[Any, ...]) -> list[dict[str, Any]]:
        """A table: its rows, each read by the plan of its kind."""
        if child.attrib:
            self.attributes_known(child, _NO_ATTRIBUTES)
        rows: list[dict[str, Any]] = []
        for row in child:
            if not isinstance(row.tag, str):
                continue
            row_plan = plans.get(row.tag)
            if row_plan is None:
                raise self.fail(row, f"<{row.tag}> is not a row of <{child.tag}> in a Form {self.document_type} document")
            row_data: dict[str, Any] = {}
            self.complex(row_plan, row, (*path, len(rows)), row_data)
            rows.append(row_data)
        return rows

    def complex_child(self, child: etree._Element, plan: _Plan, key: tuple[Any, ...]) -> dict[str, Any]:
        """A part of the document: by the shortcut for a plain footnoted value, else in full."""
        value = None
        if plan.shortcut is not None and self.lines is None:
            value = _footnoted(plan.shortcut, child)
        if value is None:
            value = {}
            self.complex(plan, child, key, value)
        return value

    def complex(self, plan: _Plan, node: etree._Element, path: tuple[Any, ...], out: dict[str, Any]) -> None:
        lines = self.lines
        if lines is not None:
            lines[path] = node.sourceline
        if node.attrib:
            self.attributes_of(plan, node, out)
        if plan.mixed:
            if len(node):
                raise self.fail(node[0], f"a <{node.tag}> holds text only, not <{node[0].tag}>")
            out["text"] = node.text or ""
            return
        children = plan.children
        wrappers: set[str] | None = None  # the wrapper elements met (each may appear once)
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            entry = children.get(tag)
            if entry is None:
                raise self.fail(
                    child,
                    f"<{tag}> is not allowed in <{node.tag}> of a Form {self.document_type} document (expected one of: {plan.expected})",
                )
            kind, attr, many, detail = entry  # attr is None only for a wrapper, which is handled first
            if kind == _WRAPPER:
                wrappers = self.wrapper_child(child, detail, path, out, wrappers)
                continue
            if kind == _TEXT:
                value: Any = self.text_child(child, detail)
            elif kind == _REFERENCE:
                value = self.reference_child(child, detail)
            elif kind == _ROWS:
                value = self.rows_child(child, detail, (*path, attr))
            else:
                value = self.complex_child(child, detail, (*path, attr, len(out.get(attr, ()))) if many else (*path, attr))  # type: ignore[arg-type]
            if lines is not None and kind != _COMPLEX:
                lines[(*path, attr)] = child.sourceline
            if many:
                out.setdefault(attr, []).append(value)  # type: ignore[arg-type]  # not a wrapper: attr is a name
            elif attr in out:
                raise self.fail(child, f"<{tag}> appears more than once")
            else:
                out[attr] = value  # type: ignore[index]


def _footnoted(shortcut: tuple[str, Any, str, str, str, str], node: etree._Element) -> dict[str, Any] | None:
    """``{"value": ..., "footnotes": [...]}`` of a plain footnoted value (see ``_Plan.shortcut``),
    or None when it is not plain (something else inside, a repeated value, an attribute, a value
    its type does not read): the general reader then says what is wrong."""
    value_tag, read, value_attr, mark_tag, marks_attr, id_name = shortcut
    if node.attrib:
        return None
    out: dict[str, Any] = {}
    for child in node:
        tag = child.tag
        if tag == mark_tag:
            mark = child.get(id_name)
            if mark is None or len(child) or len(child.attrib) > 1:
                return None
            out.setdefault(marks_attr, []).append(mark.strip(_XML_SPACE))
        elif tag == value_tag:
            if value_attr in out or len(child) or child.attrib:
                return None
            text = child.text or ""
            if read is not None:
                text, problem = read(text)
                if problem is not None:
                    return None
            out[value_attr] = text
        elif isinstance(tag, str):
            return None
    return out


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
    root = parse_tree(data, name)
    unfileable = _UNFILEABLE.search(data)
    if unfileable is not None:  # rare: the document is read again to say where
        _refuse_unfileable(root, name)
    return filing_from_tree(root, name)


# Characters XML may hold but a filing may not, the same ones a draft refuses (drafts.parse):
# C1 control characters (U+0080 to U+009F, NEL among them, which YAML reads as a line break) and
# the invisible text-direction controls (U+202A-U+202E, U+2066-U+2069).  Searched for in the
# bytes first (UTF-8, or as character references), which costs nothing when there is none.
_UNFILEABLE = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"  # in UTF-8 (DEL is one byte)
    rb"|&#(?:x0*(?:7[fF]|[89][0-9a-fA-F]|202[a-eA-E]|206[6-9])|0*(?:127|1[2-5][0-9]|82(?:3[4-8]|9[4-7])));"  # as references
)
_UNFILEABLE_TEXT = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _one_footnote_per_id(data: dict[str, Any], root: etree._Element, name: str) -> None:
    """Two footnotes with one id (a draft names its footnotes by id, so one would be lost)."""
    ids = [note.get("id") for note in data.get("footnotes") or [] if isinstance(note, dict)]
    if len(ids) == len(set(ids)):
        return
    twice = next(i for i in ids if ids.count(i) > 1)
    where = [n.sourceline for n in root.iter("footnote") if (n.get("id") or "").strip() == twice]
    message = f"two footnotes have the id {twice!r}: give each footnote its own id (F1, F2, ...)"
    raise InputError(name, [Problem("/ownershipDocument/footnotes/footnote", message, where[1] if len(where) > 1 else None)])


def _refuse_unfileable(root: etree._Element, name: str) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for text in (element.text, *element.attrib.values()):
            found = _UNFILEABLE_TEXT.search(text or "")
            if found is not None:
                code = ord(found.group())
                kind = "a control character" if code < 0x2000 else "an invisible text-direction character"
                path = "/" + "/".join(reversed([e.tag for e in (element, *element.iterancestors())]))
                message = f"<{element.tag}> holds {kind} (U+{code:04X}), which cannot be filed: retype the text without it"
                raise InputError(name, [Problem(path, message, element.sourceline)])


def filing_from_tree(root: etree._Element, name: str) -> Filing:
    """The Filing of an already parsed ownership document (see :func:`parse_xml`)."""
    if root.tag != "ownershipDocument":
        raise InputError(name, [Problem(f"/{root.tag}", f"the root element is <{root.tag}>, expected <ownershipDocument>", root.sourceline)])
    document_type = (root.findtext("documentType") or "").strip()
    if document_type not in spec.DOCUMENT_TYPES:
        raise InputError(
            name,
            [
                Problem(
                    "/ownershipDocument/documentType", f"documentType must be one of {', '.join(spec.DOCUMENT_TYPES)}, not {document_type!r}", root.sourceline
                )
            ],
        )
    plan = spec.document_tree(document_type).type
    assert isinstance(plan, Complex)
    data_dict = _Reader(name, document_type, lines=False).read(plan, root)
    _one_footnote_per_id(data_dict, root, name)
    try:
        filing = Filing.model_validate(data_dict)
    except ValidationError as exc:
        raise InputError(name, problems_from_validation(exc, _lines_of(root, name, document_type))) from None
    # the lines are worked out if a message needs one
    return filing.with_provenance(Provenance(source=name, origin="edgar", lines_pending=lambda: _lines_of(root, name, document_type)))


def _lines_of(root: etree._Element, name: str, document_type: str) -> dict[tuple[Any, ...], int]:
    """The source line of every field path of a document that has been read once already."""
    reader = _Reader(name, document_type)
    tree = spec.document_tree(document_type).type
    assert isinstance(tree, Complex)
    reader.read(tree, root)
    return reader.lines or {}


def field_paths_by_line(root: etree._Element) -> dict[int, tuple[Any, ...]]:
    """For a document form4gen wrote (one element per line): each line's model field path."""
    document_type = (root.findtext("documentType") or "").strip()
    lines = _lines_of(root, "<xml>", document_type)
    out: dict[int, tuple[Any, ...]] = {}
    for path, line in lines.items():
        if line not in out or len(path) > len(out[line]):
            out[line] = path
    return out


# Read from here by other modules and the tests since before the reader was split.
__all__ = ["MAX_DEPTH", "MAX_XML_BYTES", "XmlTooLarge", "field_paths_by_line", "filing_from_tree", "parse_xml", "read_regular_file"]
