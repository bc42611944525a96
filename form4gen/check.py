"""``form4gen.check``: is this filing something EDGAR would accept?

This module covers well-formedness (``XML-SYNTAX``) and conformance to the project's schemas
(``XML-SCHEMA``, spec v5.5 sections 3.3 to 3.6 and 4.3).  The business-rule catalogue adds its
findings to the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import xmlschema
from lxml import etree

from form4gen import spec, xsd
from form4gen.errors import InputError
from form4gen.models import Filing
from form4gen.resources import schemas_dir
from form4gen.xml_in import parse_tree, read_source
from form4gen.xml_out import to_xml

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: str = ""
    line: int | None = None


@dataclass
class Report:
    source: str = "<filing>"
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@cache
def document_schema(document_type: str) -> xmlschema.XMLSchema:
    """The project's schema for one document type (built once per process)."""
    return xmlschema.XMLSchema(str(schemas_dir() / xsd.schema_file_name(document_type)))


@cache
def submission_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(schemas_dir() / xsd.SUBMISSION_SCHEMA))


_SECRET_ELEMENTS = ("rptOwnerCcc",)


def _schema_message(error: xmlschema.XMLSchemaValidationError) -> str:
    path = error.path or ""
    if any(path.endswith(name) for name in _SECRET_ELEMENTS):
        return f"rptOwnerCcc must be exactly {spec.CCC_LENGTH} characters (the value is not shown)"
    reason = (error.reason or str(error.message)).strip()
    return reason.splitlines()[0]


def schema_findings(root: etree._Element) -> list[Finding]:
    """Schema conformance of a parsed ownership document, one finding per violation."""
    if root.tag != "ownershipDocument":
        return [Finding("XML-SCHEMA", "error", f"the root element is <{root.tag}>, expected <ownershipDocument>", f"/{root.tag}", root.sourceline)]
    document_type = (root.findtext("documentType") or "").strip()
    if document_type not in spec.DOCUMENT_TYPES:
        return [
            Finding(
                "XML-SCHEMA",
                "error",
                f"documentType {document_type!r} is not one of {', '.join(spec.DOCUMENT_TYPES)}",
                "/ownershipDocument/documentType",
                root.sourceline,
            )
        ]
    findings = []
    for error in document_schema(document_type).iter_errors(root):
        element = error.elem if isinstance(error.elem, etree._Element) else None
        line = element.sourceline if element is not None else None
        index = getattr(error, "index", None)
        if element is not None and isinstance(index, int) and 0 <= index < len(element):
            line = element[index].sourceline  # the offending child, not its parent
        findings.append(Finding("XML-SCHEMA", "error", _schema_message(error), error.path or "", line))
    return findings


def check(target: Filing | bytes | str | Path) -> Report:
    """Check a Filing, or an ownership document given as bytes, XML text or a path."""
    if isinstance(target, Filing):
        text = to_xml(target, include_ccc=False)
        root = etree.fromstring(text.encode("utf-8"))
        return Report("<filing>", schema_findings(root))
    data, source = read_source(target)
    try:
        root = parse_tree(data, source)
    except InputError as exc:
        problem = exc.problems[0]
        return Report(source, [Finding("XML-SYNTAX", "error", problem.message, problem.location, problem.line)])
    return Report(source, schema_findings(root))
