"""``form4gen check --format``: the reports of a run as text, JSON, JUnit XML, SARIF or GitHub
workflow annotations.

Every format takes the same list of :class:`FileResult` (one per input file, in the order the
files were given) and returns the whole output as a string.  The JSON format is described by
``report.schema.json`` beside this module; SARIF follows SARIF 2.1.0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable

import click
from lxml import etree

from form4gen import rules
from form4gen.check import Finding, Report
from form4gen.errors import Problem

FORMATS = ("text", "json", "junit", "sarif", "github")
JSON_REPORT_VERSION = 1
JSON_SCHEMA_FILE = Path(__file__).with_name("report.schema.json")


@dataclass
class FileResult:
    """One input file: its report, or the problems that made it unusable (exit code 2)."""

    path: str
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings if self.report else []

    @property
    def unusable(self) -> bool:
        return self.report is None


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    files_with_errors: int
    unusable: int

    @classmethod
    def of(cls, results: list[FileResult]) -> "Summary":
        return cls(
            files=len(results),
            errors=sum(len(r.report.errors) for r in results if r.report),
            warnings=sum(len(r.report.warnings) for r in results if r.report),
            files_with_errors=sum(1 for r in results if r.report and r.report.errors),
            unusable=sum(1 for r in results if r.unusable),
        )

    def sentence(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        text = f"{n(self.files, 'file')} checked: {n(self.errors, 'error')}, {n(self.warnings, 'warning')}"
        if self.unusable:
            text += f", {self.unusable} unusable"
        return text


def tool_version() -> str:
    try:
        return version("form4gen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0+unknown"


def _rule_meta(rule_id: str) -> dict[str, str]:
    rule = rules.get(rule_id)
    return {"fix": rule.fix, "source": rule.source} if rule else {"fix": "", "source": ""}


# --- text ------------------------------------------------------------------------------------

_SEVERITY_STYLE = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow"}}


def render_text(results: list[FileResult], *, color: bool = False, show_fixes: bool = False) -> str:
    """Grouped by file: a heading per file with findings, then ``line  severity  RULE  message``
    (and, with ``show_fixes``, the rule's fix hint under each)."""
    lines: list[str] = []

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    for result in results:
        if result.unusable:
            lines.append(style(result.path, bold=True))
            for p in result.problems:
                where = f"{p.line}" if p.line else "-"
                field_text = f"{p.location}: " if p.location else ""
                lines.append(f"  {where:>5}  {style('unusable', fg='magenta', bold=True)}  {field_text}{p.message}")
            continue
        if not result.findings:
            continue
        lines.append(style(result.path, bold=True))
        for f in result.findings:
            where = f"{f.line}" if f.line else "-"
            location = style(f"  [{f.location}]", dim=True) if f.location else ""
            severity = style(f"{f.severity:<7}", **_SEVERITY_STYLE[f.severity])
            lines.append(f"  {where:>5}  {severity}  {style(f'{f.rule:<15}', bold=True)} {f.message}{location}")
            fix = _rule_meta(f.rule)["fix"]
            if show_fixes and fix:
                lines.append(style(f"{'':>34}fix: {fix}", dim=True))
    summary = Summary.of(results)
    lines.append(summary.sentence())
    return "\n".join(lines) + "\n"


# --- JSON ------------------------------------------------------------------------------------


def render_json(results: list[FileResult]) -> str:
    files = []
    for result in results:
        entry: dict[str, object] = {"path": result.path}
        if result.unusable:
            entry["status"] = "unusable"
            entry["problems"] = [{"location": p.location, "line": p.line, "message": p.message} for p in result.problems]
            entry["findings"] = []
        else:
            report = result.report
            assert report is not None
            entry["status"] = "errors" if report.errors else ("warnings" if report.warnings else "ok")
            entry["as_of"] = report.as_of.isoformat() if report.as_of else None
            entry["schema_version"] = report.schema_version
            entry["findings"] = [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "location": f.location,
                    "line": f.line,
                    **_rule_meta(f.rule),
                }
                for f in report.findings
            ]
        files.append(entry)
    s = Summary.of(results)
    document = {
        "form4gen_report": JSON_REPORT_VERSION,
        "tool": {"name": "form4gen", "version": tool_version()},
        "files": files,
        "summary": {
            "files": s.files,
            "errors": s.errors,
            "warnings": s.warnings,
            "files_with_errors": s.files_with_errors,
            "unusable": s.unusable,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- JUnit -----------------------------------------------------------------------------------


def _finding_line(f: Finding) -> str:
    where = f"line {f.line}: " if f.line else ""
    location = f" [{f.location}]" if f.location else ""
    return f"{where}{f.severity}: {f.rule}: {f.message}{location}"


def render_junit(results: list[FileResult], *, strict: bool = False) -> str:
    """One test case per file: a <failure> when it has errors (or warnings with --strict), an
    <error> when it cannot be used; warnings otherwise go to <system-out>."""
    suites = etree.Element("testsuites", name="form4gen check")
    suite = etree.SubElement(suites, "testsuite", name="form4gen check")
    failures = errors = 0
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="form4gen.check", name=result.path, file=result.path)
        if result.unusable:
            errors += 1
            text = "\n".join(f"{'line ' + str(p.line) + ': ' if p.line else ''}{p.location + ': ' if p.location else ''}{p.message}" for p in result.problems)
            node = etree.SubElement(case, "error", message="the file cannot be used", type="unusable")
            node.text = text
            continue
        report = result.report
        assert report is not None
        failing = report.errors + (report.warnings if strict else [])
        if failing:
            failures += 1
            node = etree.SubElement(
                case, "failure", message=f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", type="form4gen"
            )
            node.text = "\n".join(_finding_line(f) for f in report.findings)
        elif report.warnings:
            out = etree.SubElement(case, "system-out")
            out.text = "\n".join(_finding_line(f) for f in report.warnings)
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    return etree.tostring(suites, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


# --- SARIF -----------------------------------------------------------------------------------

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return Path(path).as_posix()


def render_sarif(results: list[FileResult]) -> str:
    used = sorted({f.rule for r in results for f in r.findings})
    catalogue = [rules.get(rule_id) for rule_id in used]
    descriptors = []
    for rule_id, rule in zip(used, catalogue):
        descriptor: dict[str, object] = {"id": rule_id, "name": rule_id.replace("-", "_").lower()}
        if rule is not None:
            descriptor.update(
                shortDescription={"text": rule.title},
                fullDescription={"text": rule.description or rule.title},
                help={"text": f"{rule.fix}\nSource: {rule.source}"},
                defaultConfiguration={"level": rule.severity},
                properties={"source": rule.source, "in_force": rule.in_force_text},
            )
        descriptors.append(descriptor)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    sarif_results = []
    for result in results:
        for f in result.findings:
            physical: dict[str, object] = {"artifactLocation": {"uri": _uri(result.path)}}
            if f.line:
                physical["region"] = {"startLine": f.line}
            location: dict[str, object] = {"physicalLocation": physical}
            if f.location:
                location["logicalLocations"] = [{"fullyQualifiedName": f.location}]
            sarif_results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": f.severity,
                    "message": {"text": f.message},
                    "locations": [location],
                }
            )
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{p.location + ': ' if p.location else ''}{p.message}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(result.path)},
                        **({"region": {"startLine": p.line}} if p.line else {}),
                    }
                }
            ],
        }
        for result in results
        if result.unusable
        for p in result.problems
    ]
    run = {
        "tool": {
            "driver": {
                "name": "form4gen",
                "version": tool_version(),
                "rules": descriptors,
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "results": sarif_results,
    }
    return json.dumps({"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"


# --- GitHub workflow commands -----------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult]) -> str:
    """``::error file=...,line=...,title=RULE::message`` lines, which GitHub Actions shows on the
    pull request's files."""
    lines = []
    for result in results:
        for p in result.problems:
            props = f"file={_escape_property(result.path)}" + (f",line={p.line}" if p.line else "") + ",title=unusable input"
            lines.append(f"::error {props}::{_escape_data((p.location + ': ' if p.location else '') + p.message)}")
        for f in result.findings:
            props = f"file={_escape_property(result.path)}" + (f",line={f.line}" if f.line else "") + f",title={_escape_property(f.rule)}"
            message = f.message + (f" [{f.location}]" if f.location else "")
            lines.append(f"::{f.severity} {props}::{_escape_data(message)}")
    lines.append(Summary.of(results).sentence())
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
}
