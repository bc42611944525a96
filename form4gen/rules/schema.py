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

import itertools
import re
import threading
import unicodedata
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

# At most this many schema errors of one document are explained, then one finding counts the
# rest: the validator that explains them spends time on each (a 40 KB file can hold 4,000
# errors), and a filer fixes the first ones first.
MAX_EXPLAINED_ERRORS = 50


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
def _fast_schema_text(document_type: str, version: str) -> bytes:
    era = spec.schema_era(version)
    if era == spec.CURRENT_SCHEMA_VERSION:
        return (schemas_dir() / schema_file_name(document_type)).read_bytes()
    from form4gen.xml.xsd import tree_schema_text

    return tree_schema_text(spec.document_tree(document_type, era), f"Form {document_type}, {era}").encode("utf-8")


def _compiled_fast_schema(document_type: str, version: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(_fast_schema_text(document_type, version), parser))


@cache
def fast_document_schema(document_type: str, version: str = spec.CURRENT_SCHEMA_VERSION) -> etree.XMLSchema:
    """The same schema compiled by libxml2: the quick yes-or-no that comes first (a valid
    document, the usual case, never reaches the slower validator that explains errors)."""
    return _compiled_fast_schema(document_type, version)


_THREAD_SCHEMAS = threading.local()


def _libxml2_errors(root: etree._Element, document_type: str, version: str) -> list[etree._LogEntry]:
    """libxml2's own errors for an invalid document.  A validator keeps one error log, so the
    shared one of :func:`fast_document_schema` could mix the errors of two threads: each thread
    asks its own (compiled in about 10 ms, and only for an invalid document)."""
    schemas = getattr(_THREAD_SCHEMAS, "schemas", None)
    if schemas is None:
        schemas = _THREAD_SCHEMAS.schemas = {}
    key = (document_type, spec.schema_era(version))
    schema = schemas.get(key)
    if schema is None:
        schema = schemas[key] = _compiled_fast_schema(document_type, version)
    schema.validate(root)
    return [entry for entry in schema.error_log if entry.level_name in ("ERROR", "FATAL")]


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


def _visible(text: str) -> str:
    """Characters a reader cannot see (a no-break space, a control character) as escapes."""
    return "".join(c if c.isprintable() and (c == " " or not c.isspace()) else f"\\u{ord(c):04x}" for c in text)


def _libxml2_message(entry: etree._LogEntry) -> str:
    path = entry.path or ""
    if any(name in path for name in _SECRET_ELEMENTS) or any(f"'{name}'" in entry.message for name in _SECRET_ELEMENTS):
        return f"rptOwnerCcc must be exactly {spec.CCC_LENGTH} characters (the value is not shown)"
    message = re.sub(r"\{[^{}]{120,}\}", "{...}", entry.message.strip())  # an enumeration: do not list 270 codes
    visible = _visible(message)
    if len(visible) > 300:
        visible = visible[:297] + "..."
    hidden = sorted({f"\\u{ord(c):04x} ({unicodedata.name(c, 'space').lower()})" for c in message if c.isspace() and c not in " \t\n\r"})
    if hidden:  # a no-break space pasted from a spreadsheet or a web page
        visible = visible.rstrip(".") + f": delete the invisible {', '.join(hidden)} and write the value alone"
    return visible


def _libxml2_path(entry: etree._LogEntry) -> str:
    return re.sub(r"\[1\]", "", entry.path or "")


def _too_many_attributes(root: etree._Element) -> bool:
    """An element with more attributes than are explained: the explaining validator would
    describe the whole element again for each one (time quadratic in their number)."""
    return any(len(node.attrib) > MAX_EXPLAINED_ERRORS for node in root.iter(etree.Element))


def schema_violations(root: etree._Element, version: str) -> Iterator[Violation]:
    """The schema errors of a document.  libxml2's verdict decides; xmlschema only explains an
    invalid document in words (at most ``MAX_EXPLAINED_ERRORS``, then one finding counts the
    rest).  Where xmlschema finds nothing libxml2 found, or would take too long, libxml2's own
    messages are given, with their lines."""
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
    valid = fast_document_schema(document_type, version).validate(root)
    if valid and _references_resolve(root):
        return
    libxml2 = [] if valid else _libxml2_errors(root, document_type, version)
    explained = 0
    more = False
    if not _too_many_attributes(root):
        errors = document_schema(document_type, version).iter_errors(root)
        for error in itertools.islice(errors, MAX_EXPLAINED_ERRORS + 1):
            if explained == MAX_EXPLAINED_ERRORS:
                more = True
                break
            explained += 1
            yield _explained(error)
    if explained == 0:  # libxml2 said invalid, xmlschema found nothing (or was not asked): libxml2 says why
        for entry in libxml2[:MAX_EXPLAINED_ERRORS]:
            explained += 1
            yield Violation(_libxml2_message(entry), line=entry.line or None, xml_path=_libxml2_path(entry))
        more = len(libxml2) > MAX_EXPLAINED_ERRORS
    if explained == 0:  # a footnoteId that names no footnote, which neither validator named
        ids = {note.get("id") for note in root.iter("footnote")}
        for ref in root.iter("footnoteId"):
            if ref.get("id") not in ids and explained < MAX_EXPLAINED_ERRORS:
                explained += 1
                yield Violation(f"footnoteId {ref.get('id')!r} names no <footnote> of the document", line=ref.sourceline, xml_path="")
    if more:
        rest = len(libxml2) - explained
        counted = f"and {rest} more schema errors" if rest > 0 else "and more schema errors"
        yield Violation(f"{counted} (not listed: form4gen lists the first {MAX_EXPLAINED_ERRORS}; fix these and check again)", line=None, xml_path="")


def _explained(error: xmlschema.XMLSchemaValidationError) -> Violation:
    element = error.elem if isinstance(error.elem, etree._Element) else None
    line = element.sourceline if element is not None else None
    index = getattr(error, "index", None)
    if element is not None and isinstance(index, int) and 0 <= index < len(element):
        line = element[index].sourceline  # the offending child, not its parent
    return Violation(_schema_message(error), line=line, xml_path=error.path or "")


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

    Reported on: line 1
    Message: not well-formed XML

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

    Reported on: reporting_owners[0].address.state
    Message: is not an allowed code for <rptOwnerState>

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
