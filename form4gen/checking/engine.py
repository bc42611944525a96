"""``form4gen.checking.engine``: would EDGAR accept this filing, and is the form right?

One report per filing with every finding: well-formedness (``XML-SYNTAX``), schema conformance
(``XML-SCHEMA``) and the rule catalogue of :mod:`form4gen.rules`.

Historic filings are judged by the rules of their day.  ``as_of`` defaults to today for a draft
and to the signature date for an XML document; rules not in force on that date do not run.  The
schema is the one of the document's own ``schemaVersion`` stamp or, without a stamp, the one in
use on the ``as_of`` date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from form4gen import rules
from form4gen.form import spec
from form4gen.form.errors import InputError, field_path
from form4gen.form.models import Filing
from form4gen.rules import Context, Rule, Violation, XmlDocument, walk
from form4gen.rules.schema import document_schema, schema_violations
from form4gen.rules.xml_format import is_submission
from form4gen.xml.read import XmlTooLarge, field_paths_by_line, filing_from_tree, parse_tree, read_source
from form4gen.xml.write import to_xml

Severity = Literal["error", "warning"]

__all__ = ["Finding", "Report", "Selection", "check", "document_schema"]


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
    as_of: datetime.date | None = None
    schema_version: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Selection:
    """Which rules run: ``select`` (IDs or prefixes; empty means all) minus ``ignore``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    closures: frozenset[datetime.date] = frozenset()

    def wants(self, rule_id: str) -> bool:
        if self.select and not rules.matches(rule_id, self.select):
            return False
        return not rules.matches(rule_id, self.ignore)


@lru_cache(maxsize=4096)
def _active(kind: str, selection: Selection, day: datetime.date) -> tuple[Rule, ...]:
    """The rules of one kind that run for this selection on this day (worked out once)."""
    return tuple(r for r in rules.all_rules() if r.kind == kind and selection.wants(r.id) and r.in_force(day))


def _finding(rule: Rule, violation: Violation, location: str, line: int | None) -> Finding:
    return Finding(rule.id, rule.severity, violation.message, location, line)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line is None, f.line or 0, f.rule))


def _filing_findings(filing: Filing, context: Context, selection: Selection) -> list[Finding]:
    out = []
    with walk.walks_of_one_check():  # the rows and marks the rules share, for this check only
        for rule in _active("filing", selection, context.as_of):
            for v in rule.run(filing, context):
                out.append(_finding(rule, v, field_path(v.path), filing.source_line(v.path)))
    return out


def _signature_date(root: etree._Element) -> datetime.date | None:
    dates = []
    for node in root.iterfind("ownerSignature/signatureDate"):
        try:
            dates.append(datetime.date.fromisoformat((node.text or "").strip()[:10]))
        except ValueError:
            continue
    return max(dates) if dates else None


def _check_draft(filing: Filing, as_of: datetime.date | None, selection: Selection) -> Report:
    """Check the XML the filing makes, pointing each schema finding at the filing's own field
    (and the line of its input file) rather than at XML the user never saw."""
    if filing.origin == "edgar":
        day = as_of or filing.signed_on or datetime.date.today()
        version = spec.schema_era(filing.schema_version or spec.schema_version_on(day.isoformat()))
    else:
        day = as_of or datetime.date.today()
        version = spec.schema_era(spec.schema_version_on(day.isoformat()))
    context = Context(
        day,
        document_of_record=filing.origin == "edgar" and filing.schema_version is not None,
        schema_version=version,
        closures=selection.closures,
    )
    findings: list[Finding] = []
    schema_rule = rules.get("XML-SCHEMA")
    if schema_rule and selection.wants(schema_rule.id):
        root = etree.fromstring(to_xml(filing, include_ccc=False).encode("utf-8"))
        violations = list(schema_violations(root, version))
        paths: dict[int, tuple[Any, ...]] = {}
        if violations:
            try:
                paths = field_paths_by_line(root)
            except InputError:
                pass
        for v in violations:
            path = paths.get(v.line or -1)
            if path is None:
                findings.append(_finding(schema_rule, v, v.xml_path, None))
            else:
                findings.append(_finding(schema_rule, v, field_path(path) or v.xml_path, filing.source_line(path)))
    findings += _filing_findings(filing, context, selection)
    return Report(filing.source or "<filing>", _sorted(findings), day, version)


def _refused_markup(root: etree._Element) -> bool:
    """A DOCTYPE or an entity reference: no model is built from such a document."""
    return bool(root.getroottree().docinfo.doctype) or next(root.iter(etree.Entity), None) is not None


def _check_xml(data: bytes, source: str, as_of: datetime.date | None, selection: Selection, refused: InputError | None = None) -> Report:
    """``refused``: why the file was not even read (too large), reported as XML that cannot be parsed is."""
    try:
        if refused is not None:
            raise refused
        root = parse_tree(data, source, strict=False)
        document = XmlDocument(data, root)
    except InputError as exc:
        problem = exc.problems[0]
        root = None
        document = XmlDocument(data, None, Violation(problem.message, line=problem.line))
    stamp = (root.findtext("schemaVersion") or "").strip() if root is not None else ""
    day = as_of or (_signature_date(root) if root is not None else None) or datetime.date.today()
    version = spec.schema_era(stamp or spec.schema_version_on(day.isoformat()))
    context = Context(
        day,
        document_of_record=root is not None and not is_submission(document),
        schema_version=version,
        closures=selection.closures,
    )
    findings: list[Finding] = []
    for rule in (*_active("xml", selection, day), *_active("schema", selection, day)):
        for v in rule.run(document, context):
            findings.append(_finding(rule, v, v.xml_path, v.line))
    if root is None or _refused_markup(root):
        return Report(source, _sorted(findings), day, version)  # FMT-NOPI has said why
    etree.strip_elements(root, etree.PI, with_tail=False)  # the model is built from the same parse
    try:
        filing = filing_from_tree(root, source)
    except InputError as exc:
        schema_said = any(f.rule in rules.SCHEMA_RULES for f in findings)
        schema_rule = rules.get("XML-SCHEMA")
        if not schema_said and schema_rule and selection.wants(schema_rule.id):
            for p in exc.problems:
                findings.append(Finding(schema_rule.id, schema_rule.severity, p.message, p.location, p.line))
        return Report(source, _sorted(findings), day, version)
    findings += _filing_findings(filing, context, selection)
    return Report(source, _sorted(findings), day, version)


def check(
    target: Filing | bytes | str | Path,
    *,
    as_of: datetime.date | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    closures: Iterable[datetime.date] = (),
) -> Report:
    """Check a Filing, or an ownership document given as bytes, XML text or a path.

    ``as_of``: judge by the rules in force on that date (default: today for a draft, the
    signature date for an XML document).  ``select`` / ``ignore``: rule IDs or prefixes
    (``FN``, ``OWN-``) to run or to skip.  ``closures``: days EDGAR was closed besides weekends
    and federal holidays, for the deadline rules.
    """
    selection = Selection(tuple(select), tuple(ignore), frozenset(closures))
    if isinstance(target, Filing):
        return _check_draft(target, as_of, selection)
    try:
        data, source = read_source(target)
    except XmlTooLarge as exc:
        return _check_xml(b"", exc.source, as_of, selection, refused=exc)
    return _check_xml(data, source, as_of, selection)
