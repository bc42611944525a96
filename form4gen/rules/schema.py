"""Well-formedness and schema conformance (spec v5.5 sections 2.1, 3.2 to 3.6, 4.1 and 4.3).

The schema settles many catalogue entries at once: element order and names (FMT-ORDER), booleans,
dates and decimals (FMT-BOOL, FMT-DATE, FMT-DEC), lengths (FMT-LEN), the document type (DOC-TYPE),
required elements (DOC-POR-REQ, DOC-ORIG, COD-REQ, ND-DATE, DOC-10B5-PRESENT), counts (DOC-OWNERS,
DOC-SIGS, DOC-ROWS), code lists (COD-PICKLIST, ND-AD, NAT-DI, OWN-STATE), CIK format (ISS-CIK,
OWN-CIK), footnote ids and references (FN-ID, FN-DUP, FN-RESOLVE, FN-WHERE, FN-LEN) and the shape
of holdings (HLD-ND, HLD-DV).  A document stamped with an older ``schemaVersion`` is judged by
the element tables of its version (see :func:`form4gen.form.spec.document_tree`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

from form4gen.form import spec
from form4gen.rules.registry import Context, Violation, XmlDocument, rule
from form4gen.xml.resources import schema_file_name, schemas_dir

if TYPE_CHECKING:  # xmlschema is loaded only to explain an invalid document
    import xmlschema

_SECRET_ELEMENTS = ("rptOwnerCcc",)


@cache
def document_schema(document_type: str, version: str = spec.CURRENT_SCHEMA_VERSION) -> xmlschema.XMLSchema:
    """The project's schema for one document type in one schema version (built once per process)."""
    import xmlschema

    era = spec.schema_era(version)
    if era == spec.CURRENT_SCHEMA_VERSION:
        return xmlschema.XMLSchema(str(schemas_dir() / schema_file_name(document_type)))
    from form4gen.xml.xsd import tree_schema_text

    return xmlschema.XMLSchema(tree_schema_text(spec.document_tree(document_type, era), f"Form {document_type}, {era}"))


@cache
def fast_document_schema(document_type: str, version: str = spec.CURRENT_SCHEMA_VERSION) -> etree.XMLSchema:
    """The same schema compiled by libxml2: the quick yes-or-no that comes first (a valid
    document, the usual case, never reaches the slower validator that explains errors)."""
    era = spec.schema_era(version)
    if era == spec.CURRENT_SCHEMA_VERSION:
        text = (schemas_dir() / schema_file_name(document_type)).read_bytes()
    else:
        from form4gen.xml.xsd import tree_schema_text

        text = tree_schema_text(spec.document_tree(document_type, era), f"Form {document_type}, {era}").encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(text, parser))


def _references_resolve(root: etree._Element) -> bool:
    """libxml2 does not check that an xs:IDREF names an xs:ID: every footnoteId must name a
    footnote (the slower validator then says which does not)."""
    ids = {note.get("id") for note in root.iter("footnote")}
    return all(ref.get("id") in ids for ref in root.iter("footnoteId"))


def _schema_message(error: xmlschema.XMLSchemaValidationError) -> str:
    path = error.path or ""
    if any(path.endswith(name) for name in _SECRET_ELEMENTS):
        return f"rptOwnerCcc must be exactly {spec.CCC_LENGTH} characters (the value is not shown)"
    reason = (error.reason or str(error.message)).strip().splitlines()[0]
    if "must be one of" in reason:  # an enumeration: do not list 60 or 270 codes
        element = path.rsplit("/", 1)[-1]
        return f"{error.obj!r} is not an allowed code for <{element}>"
    return reason


def schema_violations(root: etree._Element, version: str) -> Iterator[Violation]:
    if root.tag != "ownershipDocument":
        yield Violation(f"the root element is <{root.tag}>, expected <ownershipDocument>", line=root.sourceline, xml_path=f"/{root.tag}")
        return
    document_type = (root.findtext("documentType") or "").strip()
    if document_type not in spec.DOCUMENT_TYPES:
        yield Violation(
            f"documentType {document_type!r} is not one of {', '.join(spec.DOCUMENT_TYPES)}",
            line=root.sourceline,
            xml_path="/ownershipDocument/documentType",
        )
        return
    if fast_document_schema(document_type, version).validate(root) and _references_resolve(root):
        return
    for error in document_schema(document_type, version).iter_errors(root):
        element = error.elem if isinstance(error.elem, etree._Element) else None
        line = element.sourceline if element is not None else None
        index = getattr(error, "index", None)
        if element is not None and isinstance(index, int) and 0 <= index < len(element):
            line = element[index].sourceline  # the offending child, not its parent
        yield Violation(_schema_message(error), line=line, xml_path=error.path or "")


@rule(
    "XML-SYNTAX",
    "error",
    kind="xml",
    fix="Make the file well-formed XML: every start tag closed, & written as &amp;, < as &lt;.",
    source="OTS §3.2, §4.1, §5; XML 1.0",
)
def xml_syntax(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """The file is well-formed XML.

    EDGAR suspends a submission whose XML cannot be parsed: an unclosed tag, an unescaped ``&``
    or ``<`` in a value (FMT-ESCAPE), an XML declaration that is not at the very start (FMT-DECL).

    Fails::

        <ownershipDocument><remarks>Smith & Sons</remarks></ownershipDocument>

    Passes::

        <ownershipDocument><remarks>Smith &amp; Sons</remarks></ownershipDocument>
    """
    if document.syntax_error is not None:
        yield document.syntax_error


@rule(
    "XML-SCHEMA",
    "error",
    kind="schema",
    fix="Give the element the value, order or count the schema asks for.",
    source="OTS §2.1, §3.2-3.6, §4.3; ownership XSDs",
)
def xml_schema(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """The document conforms to the ownership schema of its document type and version.

    EDGAR validates every ownership document against its schema and suspends it on any
    violation: elements out of order or unknown, a missing required element, a value too long,
    a code outside its list, a footnote reference to no footnote.  A document EDGAR stamped with
    an older ``schemaVersion`` is judged by that version (no ``aff10b5One`` before X0508; country
    codes in ``rptOwnerState`` before X0609); a draft by the version in use on its date.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            address: {street1: 1 Main St, city: Springfield, state: ZZ, zip_code: "62701"}
            relationship: {is_director: true}

    Passes::

        reporting_owners:
          - cik: "0001000001"
            address: {street1: 1 Main St, city: Springfield, state: IL, zip_code: "62701"}
            relationship: {is_director: true}
    """
    if document.root is not None:
        yield from schema_violations(document.root, context.schema_version or spec.CURRENT_SCHEMA_VERSION)


@cache
def submission_schema() -> xmlschema.XMLSchema:
    import xmlschema

    from form4gen.xml.resources import SUBMISSION_SCHEMA

    return xmlschema.XMLSchema(str(schemas_dir() / SUBMISSION_SCHEMA))


def submission_schema_violations(text: str) -> Iterator[Violation]:
    """Conformance of an edgarSubmission document to the project's envelope schema."""
    root = etree.fromstring(text.encode("utf-8"))
    for error in submission_schema().iter_errors(root):
        element = error.elem if isinstance(error.elem, etree._Element) else None
        yield Violation(
            (error.reason or str(error.message)).splitlines()[0], line=element.sourceline if element is not None else None, xml_path=error.path or ""
        )
