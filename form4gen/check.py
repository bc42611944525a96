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

from form4gen import spec
from form4gen.errors import InputError, field_path
from form4gen.models import Filing
from form4gen.resources import SUBMISSION_SCHEMA, schema_file_name, schemas_dir
from form4gen.xml_in import field_paths_by_line, parse_tree, read_source
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
    return xmlschema.XMLSchema(str(schemas_dir() / schema_file_name(document_type)))


@cache
def submission_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(schemas_dir() / SUBMISSION_SCHEMA))


_SECRET_ELEMENTS = ("rptOwnerCcc",)


def _schema_message(error: xmlschema.XMLSchemaValidationError) -> str:
    path = error.path or ""
    if any(path.endswith(name) for name in _SECRET_ELEMENTS):
        return f"rptOwnerCcc must be exactly {spec.CCC_LENGTH} characters (the value is not shown)"
    reason = (error.reason or str(error.message)).strip().splitlines()[0]
    if "must be one of" in reason:  # an enumeration: do not list 60 or 270 codes
        element = path.rsplit("/", 1)[-1]
        return f"{error.obj!r} is not an allowed code for <{element}>"
    return reason


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


def _check_filing(filing: Filing) -> Report:
    """Check the XML the filing makes, and point each finding at the filing's own fields (and
    the lines of its input file) rather than at lines of XML the user never saw."""
    text = to_xml(filing, include_ccc=False)
    root = etree.fromstring(text.encode("utf-8"))
    findings = schema_findings(root)
    if not findings:
        return Report(filing.source or "<filing>", [])
    try:
        paths = field_paths_by_line(root)
    except InputError:
        paths = {}
    placed = []
    for finding in findings:
        path = paths.get(finding.line or -1)
        if path is None:
            placed.append(Finding(finding.rule, finding.severity, finding.message, finding.location, None))
            continue
        placed.append(
            Finding(finding.rule, finding.severity, finding.message, field_path(path) or finding.location, filing.source_line(path))
        )
    return Report(filing.source or "<filing>", placed)


def check(target: Filing | bytes | str | Path) -> Report:
    """Check a Filing, or an ownership document given as bytes, XML text or a path."""
    if isinstance(target, Filing):
        return _check_filing(target)
    data, source = read_source(target)
    try:
        root = parse_tree(data, source)
    except InputError as exc:
        problem = exc.problems[0]
        return Report(source, [Finding("XML-SYNTAX", "error", problem.message, problem.location, problem.line)])
    return Report(source, schema_findings(root))
