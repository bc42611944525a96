"""EDGAR ownership XML -> Filing, for every schema version from X0202 to X0609.

Reads documents as filers submit them and as EDGAR disseminates them (names filled in, CCC
stripped, ``schemaVersion`` present).  Every XML input is treated as hostile: no DTD, no entity
expansion, no network.  Anything the element tables do not know is refused with its line number
rather than dropped, so an import loses nothing silently.
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from lxml import etree
from pydantic import ValidationError

from form4gen.form import spec
from form4gen.form.errors import InputError, Problem, problems_from_validation
from form4gen.form.files import FileTooLarge, NotRegularFile, read_bounded
from form4gen.form.models import Filing
from form4gen.form.provenance import Provenance
from form4gen.form.spec import Complex, Element, Simple

# The lexical spaces of the schema's simple types (XML Schema Part 2), in ASCII: Python's
# Decimal() and int() also take 1e3, 1_500 and Arabic-Indic or full-width digits, pydantic's bool
# takes yes/on/t, and re's \d and \s match any Unicode digit or space.  xs:date allows a timezone
# suffix (2021-09-30-05:00); the form's date is the calendar date (years 0001 to 9999 here).
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_BOOLEAN = frozenset({"true", "false", "1", "0"})
_DATE_WITH_ZONE = re.compile(r"([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?")
# The whitespace an XML Schema facet replaces or collapses: space, tab, CR and LF only (a no-break
# space or an em space is a character of the value).
_XML_SPACE = " \t\r\n"
_XML_SPACE_RUN = re.compile("[ \t\r\n]+")
# Attributes the schema allows on any element (XML Schema Part 1, 3.2.7): hints where the schema
# is, with nothing of the form in them.  xsi:type and xsi:nil would change what a value means.
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_XSI_HINTS = frozenset({f"{_XSI}schemaLocation", f"{_XSI}noNamespaceSchemaLocation"})
_TRUE_WORDS = frozenset({"yes", "y", "on", "t", "true"})
_FALSE_WORDS = frozenset({"no", "n", "off", "f", "false"})


def shown_value(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: control and invisible characters (and any space but the
    plain one) as \\uXXXX, cut after ``limit`` characters."""
    cut = text[:limit]
    out = "".join(c if c == " " or (c.isprintable() and not c.isspace()) else f"\\u{ord(c):04x}" for c in cut)
    return f'"{out}"' + (f" (and {len(text) - limit:,} more characters)" if len(text) > limit else "")


def _as_decimal_text(text: str) -> str | None:
    """The number Python would make of a text the schema refuses (1e3, 1_500, Arabic-Indic digits), written
    as the schema writes it, if it is a short one."""
    if len(text) > 40:
        return None
    try:
        number = Decimal(text.replace(",", "") if re.fullmatch(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?", text) else text)
    except ArithmeticError:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 20:
        return None
    return format(number, "f")


def _read_decimal(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    if _DECIMAL.fullmatch(value):
        return value, None
    instead = _as_decimal_text(value)
    hint = f"write {instead}" if instead is not None and _DECIMAL.fullmatch(instead) else "write the number in ASCII digits, for example 1500 or 12.50"
    return value, (
        f"{shown_value(value)} is not a number as EDGAR's schema writes one (ASCII digits 0-9, an optional sign "
        f"and decimal point; no exponent, digit separators, spaces or other characters): {hint}"
    )


def _read_boolean(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    if value in _BOOLEAN:
        return value, None
    word = value.lower()
    hint = "write true" if word in _TRUE_WORDS else "write false" if word in _FALSE_WORDS else "write true or false"
    return value, f"{shown_value(value)} is not a boolean as EDGAR's schema writes one (true, false, 1 or 0): {hint}"


def _read_date(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    match = _DATE_WITH_ZONE.fullmatch(value)
    if match:
        return match.group(1), None
    return value, (
        f"{shown_value(value)} is not a date as EDGAR's schema writes one: write YYYY-MM-DD in ASCII digits, "
        "for example 2021-09-30 (a timezone such as -05:00 may follow)"
    )


def _read_collapsed(text: str) -> tuple[str, str | None]:
    """A string type whose whitespace facet is collapse (the schema's facets then judge the rest)."""
    return _XML_SPACE_RUN.sub(" ", text).strip(" "), None


def _reader_of(t: Simple) -> Any:
    """How a simple type's text is read: a function giving (value, problem or None), or None
    for a string kept as written (its facets are the model's to judge)."""
    if t.base == "decimal":
        return _read_decimal
    if t.base == "boolean":
        return _read_boolean
    if t.base == "date":
        return _read_date
    if t.whitespace == "collapse" or t.base in ("ID", "IDREF"):
        return _read_collapsed
    return None


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


_PARSERS = threading.local()


def _checking_parser() -> etree.XMLParser:
    """One parser per thread, kept: libxml2 then reuses its table of element names."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = safe_parser(remove_pis=False)
    return parser


# Limits on what is read as XML.  Real ownership documents are a few kilobytes and a dozen
# levels deep; libxml2's own limits (without XML_PARSE_HUGE) stop deeper nesting and longer texts.
MAX_XML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 256


def _where(exc: etree.XMLSyntaxError) -> str:
    return f" (line {exc.lineno}, column {exc.offset})" if exc.lineno else ""


def _at_the_end(exc: etree.XMLSyntaxError, data: bytes) -> bool:
    """Whether the parser stopped at the end of the data (a truncated file)."""
    lines = data.rstrip().split(b"\n")
    if not exc.lineno:
        return False
    if exc.lineno > len(lines):
        return True
    return exc.lineno == len(lines) and (exc.offset or 0) >= len(lines[-1].rstrip(b"\r"))


def syntax_message(exc: etree.XMLSyntaxError, data: bytes) -> str:
    """libxml2's complaint in words a filer can act on."""
    raw = re.sub(r",? line \d+, column \d+\s*$", "", (exc.msg or "").strip()).strip()
    text = raw.lower()
    if not data.strip():
        return "the file is empty"
    if "char 0x0 " in text or "char 0x0\n" in text or "0x0 out of allowed range" in text:
        return f"a NUL byte{_where(exc)}: XML cannot contain one (is this really a text file?)"
    if "invalid bytes in character encoding" in text or "not proper utf-8" in text:
        return f"bytes that are not UTF-8{_where(exc)}: save the file as UTF-8 (EDGAR takes ASCII or UTF-8)"
    if "excessive depth" in text:
        return f"elements nested more than {MAX_DEPTH} deep: not an ownership document (they nest about 6 deep)"
    if "text node too long" in text or "huge" in text:
        return "a text longer than 10 MB: not an ownership document"
    cut_short = ("premature end", "expected", "endtag", "not properly terminated", "couldn't find end")
    if _at_the_end(exc, data) and "mismatch" not in text and any(c in text for c in cut_short):
        return f"the file ends in the middle of the document{_where(exc)}: it looks truncated"
    return f"not well-formed XML: {raw}"


# The encodings EDGAR takes (ASCII is a part of UTF-8); the names as an XML declaration gives them.
_EDGAR_ENCODINGS = ("utf-8", "utf8", "us-ascii", "ascii")
_DECLARED_ENCODING = re.compile(rb"""<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def declared_encoding(data: bytes) -> str | None:
    """The encoding named by the XML declaration at the start of the file (after a UTF-8 byte
    order mark, if any), or None when there is no such declaration or it names none."""
    head = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not head.startswith(b"<?xml"):
        return None  # a declaration anywhere else is not one (FMT-DECL says so; libxml2 ignores it)
    end = head.find(b"?>", 0, 1024)
    match = _DECLARED_ENCODING.match(head[: end + 2 if end >= 0 else 1024])
    if match is None:
        return None
    name = (match.group(1) if match.group(1) is not None else match.group(2)) or b""
    return name.decode("ascii", "replace").strip()


def _encoding_message(declared: str) -> str:
    shown = declared if declared.isprintable() and len(declared) <= 40 else repr(declared[:40])
    return (
        f'the XML declaration says encoding="{shown}"; EDGAR takes ASCII or UTF-8 XML only: '
        'save the file as UTF-8 and write <?xml version="1.0" encoding="UTF-8"?> (or leave the encoding out)'
    )


def parse_tree(data: bytes, source: str, *, strict: bool = True) -> etree._Element:
    """Well-formed, DTD-free XML or an InputError naming the line.

    Entities are never expanded, no DTD is loaded, nothing is fetched from the network, and no
    XInclude is processed.  A file over 10 MB, in UTF-16 or declaring an encoding other than
    UTF-8 or ASCII (ISO-8859-1, windows-1252 ...) is refused before parsing.
    ``strict=False`` (for the checker) keeps processing instructions and lets a DOCTYPE or an
    entity reference through, unexpanded, so that rule FMT-NOPI can report them."""
    if len(data) > MAX_XML_BYTES:
        size = len(data) / (1024 * 1024)
        raise InputError(source, [Problem("", f"the file is {size:.1f} MB; an ownership document is at most {MAX_XML_BYTES // (1024 * 1024)} MB here", None)])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise InputError(source, [Problem("", "the file is UTF-16; EDGAR takes ASCII or UTF-8 XML: save it as UTF-8", 1)])
    declared = declared_encoding(data)
    if declared is not None and declared.lower() not in _EDGAR_ENCODINGS:
        raise InputError(source, [Problem("", _encoding_message(declared), 1)])
    try:
        root = etree.fromstring(data, _checking_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(source, [Problem("", syntax_message(exc, data), exc.lineno or None)]) from None
    if not strict:
        return root
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        raise InputError(source, [Problem("", "a DOCTYPE declaration is not allowed in an EDGAR document (EDGAR suspends it; form4gen never loads it)", 1)])
    for node in root.iter(etree.Entity):
        raise InputError(source, [Problem("", f"entity reference {node.text} is not allowed (form4gen never expands entities)", node.sourceline)])
    for node in [*root.itersiblings(preceding=True), *root.iter(etree.PI), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            raise InputError(source, [Problem("", f"processing instruction <?{node.target} ...?> is not allowed (EDGAR suspends it)", node.sourceline)])
    return root


def read_source(source: bytes | str | Path) -> tuple[bytes, str]:
    """(bytes, name for messages) from bytes, XML text or a path.

    A path is opened without blocking and read only if it is a regular file (a link to one is
    fine) of at most ``MAX_XML_BYTES``: a FIFO, a device (``/dev/zero``), a socket or a folder is
    refused, and no more than the limit and one byte is ever read."""
    if isinstance(source, bytes):
        return source, "<xml>"
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("<")):
        path = Path(source)
        return read_regular_file(path, MAX_XML_BYTES), str(path)
    return source.encode("utf-8"), "<xml>"


class XmlTooLarge(InputError):
    """A regular file over the size limit, refused before it is read (the checker reports it as
    a finding of the document, as it does XML that cannot be parsed)."""


def _too_big(name: str, size: int | None, limit: int) -> XmlTooLarge:
    """``size`` None: more than ``limit`` bytes were there to read."""
    shown = f"{size / (1024 * 1024):.1f} MB" if size is not None else f"more than {limit // (1024 * 1024)} MB"
    return XmlTooLarge(name, [Problem("", f"the file is {shown}; an ownership document is at most {limit // (1024 * 1024)} MB here")])


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an InputError saying why not
    (see :func:`form4gen.form.files.read_bounded`)."""
    name = str(path)
    try:
        return read_bounded(path, limit)
    except NotRegularFile as exc:
        raise InputError(name, [Problem("", f"is not a regular file ({exc.kind}): give the path of an ownership document saved as an ordinary file")]) from None
    except FileTooLarge as exc:
        raise _too_big(name, exc.size, limit) from None
    except OSError as exc:
        raise InputError(name, [Problem("", f"cannot read the file: {exc.strerror}")]) from None


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
                self.complex(detail, child, path, out)
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
    rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"  # in UTF-8
    rb"|&#(?:x0*(?:[89][0-9a-fA-F]|202[a-eA-E]|206[6-9])|0*(?:1[2-5][0-9]|82(?:3[4-8]|9[4-7])));"  # as references
)
_UNFILEABLE_TEXT = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")


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
