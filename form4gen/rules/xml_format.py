"""How the XML itself is written (rules.md section B).  These rules read XML input only: the XML
form4gen writes from a draft is written to them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from form4gen.form import spec
from form4gen.rules.registry import Context, Violation, XmlDocument, rule


def elements(document: XmlDocument) -> list[etree._Element]:
    return document.elements


def _path(node: etree._Element) -> str:
    return "/" + "/".join(reversed([n.tag for n in [node, *node.iterancestors()]]))


def _all_elements() -> list[spec.Element]:
    """Every element of every document type, as the element tables give them."""
    out: list[spec.Element] = []

    def walk(t: spec.Simple | spec.Complex) -> None:
        if isinstance(t, spec.Complex):
            for e in spec.elements_of(t):
                out.append(e)
                walk(e.type)

    for document_type in spec.DOCUMENT_TYPES:
        walk(spec.document_tree(document_type).type)
    return out


_ELEMENTS = _all_elements()
# Element name -> simple type, over every document type (the same name has one type).
_SIMPLE: dict[str, spec.Simple] = {}
for _element in _ELEMENTS:
    if isinstance(_element.type, spec.Simple):
        _SIMPLE.setdefault(_element.xml, _element.type)
# Rules that look at a few element names ask libxml2 for just those (root.iter(*names) filters
# in C; a Python loop over every element costs more than the rest of such a rule).
_DATES = tuple(sorted(name for name, t in _SIMPLE.items() if t is spec.DATE))
_BOOLEANS = tuple(sorted(name for name, t in _SIMPLE.items() if t.base == "boolean"))
_DECLARATION = re.compile(rb"<\?xml\b[^>]*\?>")
_VERSION = re.compile(rb"""version\s*=\s*["']([^"']*)["']""")


@rule(
    "FMT-DECL",
    "error",
    kind="xml",
    fix="Remove whatever comes before <?xml ...?> (blank lines, spaces), or drop the declaration; use version 1.0.",
    source="OTS §4.1(4)",
)
def declaration(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """The XML declaration, if any, is the very first thing in the file and says version 1.0.

    EDGAR suspends a document with anything (even a blank line) before ``<?xml ...?>``, or an
    XML version other than 1.0.

    Fails::

        <?xml version="1.1"?>
        <ownershipDocument/>

    Reported on: line 1
    Message: EDGAR accepts 1.0 only

    Passes::

        <?xml version="1.0"?>
        <ownershipDocument/>
    """
    data = document.data[3:] if document.data.startswith(b"\xef\xbb\xbf") else document.data
    match = _DECLARATION.search(data[:4096])
    if match is None:
        return
    if match.start() != 0:
        line = data[: match.start()].count(b"\n") + 1
        yield Violation("the XML declaration is not at the start of the file", line=line)
    version = _VERSION.search(match.group(0))
    if version and version.group(1) != b"1.0":
        yield Violation(f"XML version {version.group(1).decode('ascii', 'replace')!r}: EDGAR accepts 1.0 only", line=1)


@rule(
    "FMT-NOPI",
    "error",
    kind="xml",
    fix="Delete the <?xml-stylesheet ...?> or other processing instruction, the DOCTYPE and any entity.",
    source="OTS §5",
)
def no_processing_instructions(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """No processing instruction, DOCTYPE or entity reference.

    EDGAR suspends ownership documents that carry an ``xml-stylesheet`` or other processing
    instruction, a document type declaration, or entities.  form4gen never expands entities or
    loads a DTD.

    Fails::

        <?xml version="1.0"?>
        <?xml-stylesheet type="text/xsl" href="form4.xsl"?>
        <ownershipDocument/>

    Reported on: line 2
    Message: processing instruction

    Passes::

        <?xml version="1.0"?>
        <ownershipDocument/>
    """
    root = document.root
    if root is None:
        return
    tree = root.getroottree()
    if tree.docinfo.doctype:
        yield Violation("a DOCTYPE declaration is not allowed (form4gen never loads it)", line=1)
    for node in [*root.itersiblings(preceding=True), *root.iter(etree.PI), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            yield Violation(f"processing instruction <?{node.target} ...?> is not allowed", line=node.sourceline)
    for node in root.iter(etree.Entity):
        yield Violation(f"entity reference {node.text} is not allowed", line=node.sourceline, xml_path=_path(node.getparent()))


@rule(
    "FMT-NONS",
    "error",
    kind="xml",
    fix="Remove the xmlns=... declaration and any prefix: ownership documents have no namespace.",
    source="ownership XSDs (no targetNamespace); OTS §4.1",
)
def no_namespace(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """Ownership documents carry no XML namespace.

    The ownership schemas have no target namespace, so an element in a namespace is an element
    EDGAR does not know.

    Fails::

        <ownershipDocument xmlns="http://www.sec.gov/edgar/ownership"/>

    Reported on: line 1
    Message: is in namespace

    Passes::

        <ownershipDocument/>
    """
    if b"xmlns" not in document.data:
        return  # no namespace is declared, so no element is in one
    for node in elements(document):
        if node.tag.startswith("{"):
            namespace, local = node.tag[1:].split("}", 1)
            yield Violation(f"<{local}> is in namespace {namespace!r}", line=node.sourceline)
            return


@rule(
    "FMT-NOCOMPRESS",
    "warning",
    kind="xml",
    fix="Write one element per line (form4gen xml does).",
    source="OTS §4.1(2-3)",
)
def not_compressed(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """The document is laid out one element per line, not run together on one line.

    The SEC discourages single-line XML and will not reformat it; people reading a suspense
    notice need line numbers that mean something.

    Fails::

        <ownershipDocument><documentType>4</documentType><periodOfReport>2026-04-06</periodOfReport><issuer><issuerCik>1</issuerCik><issuerTradingSymbol>X</issuerTradingSymbol></issuer></ownershipDocument>

    Reported on: line 1
    Message: not pretty-printed

    Passes::

        <ownershipDocument>
          <documentType>4</documentType>
          <periodOfReport>2026-04-06</periodOfReport>
          <issuer>
            <issuerCik>1</issuerCik>
            <issuerTradingSymbol>X</issuerTradingSymbol>
          </issuer>
        </ownershipDocument>
    """
    count = sum(1 for _ in elements(document))
    lines = len({e.sourceline for e in elements(document)})
    if count >= 6 and lines * 3 < count:
        yield Violation(f"{count} elements on {lines} line(s): the document is not pretty-printed", line=1)


@rule(
    "FMT-ONELINE",
    "error",
    kind="xml",
    fix="Keep the start tag, the value and the end tag on one line with no spaces around the value.",
    source="OTS §4.1(5-6)",
)
def value_on_one_line(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A value is not padded with line breaks or spaces that push it past its length limit.

    EDGAR counts whitespace around a value toward its length: a 10-digit CIK written on its own
    line between the tags becomes "too long" and the filing is suspended.

    Fails::

        <ownershipDocument><issuer><issuerCik>
            0000320193
        </issuerCik></issuer></ownershipDocument>

    Reported on: /ownershipDocument/issuer/issuerCik
    Message: 16 with the whitespace around it

    Passes::

        <ownershipDocument><issuer><issuerCik>0000320193</issuerCik></issuer></ownershipDocument>
    """
    for node in elements(document):
        t = _SIMPLE.get(node.tag)
        limit = (t.max_length or t.length) if t else None
        if limit is None or len(node) or not node.text:
            continue
        raw, stripped = node.text, node.text.strip()
        if len(raw) > limit >= len(stripped):
            shown = "(not shown)" if node.tag == "rptOwnerCcc" else repr(stripped)
            yield Violation(
                f"<{node.tag}> {shown} is {len(stripped)} characters, {len(raw)} with the whitespace around it (limit {limit})",
                line=node.sourceline,
                xml_path=_path(node),
            )


@rule(
    "FMT-BOOL-RENDER",
    "warning",
    kind="xml",
    fix="Write booleans as 1 and 0.",
    source="SEC stylesheet 4_X09.xsl; OTS §3.2",
)
def booleans_as_digits(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """Booleans are written 1 or 0, not true or false.

    The schema allows both, but the SEC's rendering stylesheet shows the K mark only for
    ``equitySwapInvolved`` = '1' and compares ``notSubjectToSection16`` as a number: "true" is
    printed as an unchecked box.

    Fails::

        <ownershipDocument><notSubjectToSection16>true</notSubjectToSection16></ownershipDocument>

    Reported on: /ownershipDocument/notSubjectToSection16
    Message: is 'true'

    Passes::

        <ownershipDocument><notSubjectToSection16>1</notSubjectToSection16></ownershipDocument>
    """
    for node in document.root.iter(*_BOOLEANS) if document.root is not None else ():
        if (node.text or "").strip() in ("true", "false"):
            yield Violation(f"<{node.tag}> is {node.text.strip()!r}", line=node.sourceline, xml_path=_path(node))


@rule(
    "FMT-DATE-ZONE",
    "warning",
    kind="xml",
    fix="Write the date as YYYY-MM-DD, without the time zone.",
    source="OTS §3.2 (dates are YYYY-MM-DD)",
)
def dates_without_zone(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """Dates are plain YYYY-MM-DD, without a time zone suffix.

    The spec's date type is the calendar date.  The schema's ``xs:date`` lets ``2021-09-30-05:00``
    through, and EDGAR has accepted it, but renderers and readers differ on what it means.

    Fails::

        <ownershipDocument><periodOfReport>2021-09-30-05:00</periodOfReport></ownershipDocument>

    Reported on: /ownershipDocument/periodOfReport
    Message: has a time zone suffix

    Passes::

        <ownershipDocument><periodOfReport>2021-09-30</periodOfReport></ownershipDocument>
    """
    for node in document.root.iter(*_DATES, "value") if document.root is not None else ():
        text = (node.text or "").strip()
        parent = node.getparent()
        is_date = node.tag != "value" or (parent is not None and parent.tag.endswith("Date"))
        if is_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})", text):
            yield Violation(f"date {text!r} has a time zone suffix", line=node.sourceline, xml_path=_path(node))


# The elements EDGAR fills in ("NA" in the element tables: Element.edgar_fills), less the three
# that have rules of their own (ISS-NAME, OWN-NAME, DOC-SCHEMAVER).
_OWN_RULE = {"issuerName": "ISS-NAME", "rptOwnerName": "OWN-NAME", "schemaVersion": "DOC-SCHEMAVER"}
_EDGAR_FILLED_NA = tuple(dict.fromkeys(e.xml for e in _ELEMENTS if e.edgar_fills and e.xml not in _OWN_RULE))


def is_submission(document: XmlDocument) -> bool:
    """A document as a filer submits it, not EDGAR's disseminated copy (see
    :attr:`XmlDocument.is_submission`)."""
    return document.is_submission


def supplied(document: XmlDocument, names: tuple[str, ...]) -> Iterator[etree._Element]:
    if not is_submission(document):
        return
    yield from document.root.iter(*names)


@rule(
    "FMT-NA",
    "warning",
    kind="xml",
    fix="Leave the element out: EDGAR fills it in.",
    source="OTS §3.3, §4.3, §5",
)
def edgar_filled_elements(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A submission leaves out the elements EDGAR fills in itself.

    ``rptOwnerStateDescription``, ``rptOwnerGoodAddress``, ``noSecuritiesOwned`` (Form 3) and
    ``form3HoldingsReported`` / ``form4TransactionsReported`` (Form 5) are "NA" in the element
    tables: EDGAR warns, discards the value and computes its own.  EDGAR's disseminated copies
    (stamped with ``schemaVersion``, no CCC) are not submissions and are not checked.

    Fails::

        <ownershipDocument><documentType>3</documentType><noSecuritiesOwned>1</noSecuritiesOwned></ownershipDocument>

    Reported on: /ownershipDocument/noSecuritiesOwned
    Message: is filled in by EDGAR

    Passes::

        <ownershipDocument><documentType>3</documentType></ownershipDocument>
    """
    for node in supplied(document, _EDGAR_FILLED_NA):
        yield Violation(f"<{node.tag}> is filled in by EDGAR; the value given is discarded", line=node.sourceline, xml_path=_path(node))
