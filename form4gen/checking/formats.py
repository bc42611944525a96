"""``form4gen check --format``: the reports of a run as text, JSON, JUnit XML, SARIF or GitHub
workflow annotations.

Every format is a :class:`ReportWriter` that writes a run a file at a time: ``head()``, then
``file(result)`` for each :class:`FileResult` (in the order the files were given), then
``tail()``, each returning the text to print (``stream(results)`` yields them all).  A run over
50,000 files therefore never holds 50,000 reports: the text, JSON and GitHub formats keep only
running counts, SARIF also the unusable files' problems, and JUnit, whose header carries the
counts, spools its test cases to a temporary file.  The JSON format is described by ``report.schema.json`` beside
this module; SARIF follows SARIF 2.1.0.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import click
from lxml import etree

from form4gen import rules
from form4gen.checking import FORMATS as FORMATS  # re-exported: the writers below are these
from form4gen.checking.engine import Finding, Report
from form4gen.form.errors import Problem

JSON_REPORT_VERSION = 1
JSON_SCHEMA_FILE = Path(__file__).with_name("report.schema.json")


@dataclass
class FileResult:
    """One input file: its report, or the problems that made it unusable (exit code 2)."""

    path: str
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    rendered: str | None = None  # its part of the report, when the worker that checked it wrote it

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings if self.report else []

    @property
    def unusable(self) -> bool:
        return self.report is None


@dataclass
class Summary:
    """The counts of a run, kept up to date a file at a time."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    files_with_errors: int = 0
    unusable: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.report is None:
            self.unusable += 1
            return
        errors = len(result.report.errors)
        self.errors += errors
        self.warnings += len(result.report.warnings)
        self.files_with_errors += errors > 0

    def as_data(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "files_with_errors": self.files_with_errors,
            "unusable": self.unusable,
        }

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


class ReportWriter:
    """A run's report, written a file at a time (see the module's docstring)."""

    def __init__(self, **_: object) -> None:
        self.summary = Summary()

    def head(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        """The text to print for one more file (its part, with what joins it to the others)."""
        self.summary.add(result)
        part = result.rendered if result.rendered is not None else self.part(result)
        return self.place(result, part)

    def part(self, result: FileResult) -> str:
        """One file's part of the report, from the file's result alone: a worker process can
        render it, and the writer of the run places it (:meth:`place`)."""
        raise NotImplementedError

    def place(self, result: FileResult, part: str) -> str:
        """What the run prints for a file's part: the part itself, unless the format joins
        parts with separators or keeps them until the end."""
        return part

    def tail(self) -> str:
        return ""

    def stream(self, results: Iterable[FileResult]) -> Iterator[str]:
        yield self.head()
        for result in results:
            yield self.file(result)
        yield self.tail()


# --- text ------------------------------------------------------------------------------------

_SEVERITY_STYLE: dict[str, dict[str, Any]] = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow"}}


class TextWriter(ReportWriter):
    """Grouped by file: a heading per file with findings, then ``line  severity  RULE  message``
    (and, with ``show_fixes``, the rule's fix hint under each); the summary sentence last."""

    def __init__(self, *, color: bool = False, show_fixes: bool = False, **_: object) -> None:
        super().__init__()
        self.color = color
        self.show_fixes = show_fixes

    def style(self, text: str, **kw: object) -> str:
        return click.style(text, **kw) if self.color else text  # type: ignore[arg-type]

    def part(self, result: FileResult) -> str:
        style = self.style
        lines: list[str] = []
        if result.unusable:
            lines.append(style(result.path, bold=True))
            for p in result.problems:
                where = f"{p.line}" if p.line else "-"
                field_text = f"{p.location}: " if p.location else ""
                lines.append(f"  {where:>5}  {style('unusable', fg='magenta', bold=True)}  {field_text}{p.message}")
            return "\n".join(lines) + "\n"
        if not result.findings:
            return ""
        lines.append(style(result.path, bold=True))
        for f in result.findings:
            where = f"{f.line}" if f.line else "-"
            location = style(f"  [{f.location}]", dim=True) if f.location else ""
            severity = style(f"{f.severity:<7}", **_SEVERITY_STYLE[f.severity])
            lines.append(f"  {where:>5}  {severity}  {style(f'{f.rule:<15}', bold=True)} {f.message}{location}")
            fix = _rule_meta(f.rule)["fix"]
            if self.show_fixes and fix:
                lines.append(style(f"{'':>34}fix: {fix}", dim=True))
        return "\n".join(lines) + "\n"

    def tail(self) -> str:
        return self.summary.sentence() + "\n"


# --- JSON ------------------------------------------------------------------------------------


def _nested(value: object, level: int) -> str:
    """``value`` as JSON indented by two spaces, placed ``level`` levels deep in a document."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _json_entry(result: FileResult) -> dict[str, object]:
    entry: dict[str, object] = {"path": result.path}
    if result.unusable:
        entry["status"] = "unusable"
        entry["problems"] = [{"location": p.location, "line": p.line, "message": p.message} for p in result.problems]
        entry["findings"] = []
        return entry
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
    return entry


class JsonWriter(ReportWriter):
    """One JSON document (``report.schema.json``): the files in order, then the summary."""

    def head(self) -> str:
        tool = {"name": "form4gen", "version": tool_version()}
        return f'{{\n  "form4gen_report": {JSON_REPORT_VERSION},\n  "tool": {_nested(tool, 1)},\n  "files": ['

    def part(self, result: FileResult) -> str:
        return "    " + _nested(_json_entry(result), 2)

    def place(self, result: FileResult, part: str) -> str:
        return ("\n" if self.summary.files == 1 else ",\n") + part

    def tail(self) -> str:
        close = "\n  ]" if self.summary.files else "]"
        return f'{close},\n  "summary": {_nested(self.summary.as_data(), 1)}\n}}\n'


# --- JUnit -----------------------------------------------------------------------------------


def _finding_line(f: Finding) -> str:
    where = f"line {f.line}: " if f.line else ""
    location = f" [{f.location}]" if f.location else ""
    return f"{where}{f.severity}: {f.rule}: {f.message}{location}"


class JunitWriter(ReportWriter):
    """One test case per file: a <failure> when it has errors (or warnings with ``strict``), an
    <error> when it cannot be used; warnings otherwise go to <system-out>.  The counts belong
    in the opening tags, so the test cases wait in a temporary file (on disk past 8 MB)."""

    def __init__(self, *, strict: bool = False, **_: object) -> None:
        super().__init__()
        self.strict = strict
        self.failures = 0
        # kept open across the run, read and closed in tail(), so no with-block
        self.cases = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8")  # noqa: SIM115

    def _failing(self, result: FileResult) -> bool:
        report = result.report
        return report is not None and bool(report.errors or (self.strict and report.warnings))

    def part(self, result: FileResult) -> str:
        case = etree.Element("testcase", classname="form4gen.check", name=result.path, file=result.path)
        report = result.report
        if report is None:
            text = "\n".join(f"{'line ' + str(p.line) + ': ' if p.line else ''}{p.location + ': ' if p.location else ''}{p.message}" for p in result.problems)
            node = etree.SubElement(case, "error", message="the file cannot be used", type="unusable")
            node.text = text
        elif self._failing(result):
            node = etree.SubElement(case, "failure", message=f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", type="form4gen")
            node.text = "\n".join(_finding_line(f) for f in report.findings)
        elif report.warnings:
            out = etree.SubElement(case, "system-out")
            out.text = "\n".join(_finding_line(f) for f in report.warnings)
        return "    " + etree.tostring(case, encoding="unicode") + "\n"

    def place(self, result: FileResult, part: str) -> str:
        self.failures += self._failing(result)
        self.cases.write(part)
        return ""

    def tail(self) -> str:
        counts = f'tests="{self.summary.files}" failures="{self.failures}" errors="{self.summary.unusable}"'
        self.cases.seek(0)
        body = self.cases.read()
        self.cases.close()
        return (
            "<?xml version='1.0' encoding='UTF-8'?>\n"
            f'<testsuites name="form4gen check" {counts}>\n'
            f'  <testsuite name="form4gen check" {counts} skipped="0">\n'
            f"{body}"
            "  </testsuite>\n"
            "</testsuites>\n"
        )


# --- SARIF -----------------------------------------------------------------------------------

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return Path(path).as_posix()


def _rule_descriptor(rule_id: str) -> dict[str, object]:
    descriptor: dict[str, object] = {"id": rule_id, "name": rule_id.replace("-", "_").lower()}
    rule = rules.get(rule_id)
    if rule is not None:
        descriptor.update(
            shortDescription={"text": rule.title},
            fullDescription={"text": rule.description or rule.title},
            help={"text": f"{rule.fix}\nSource: {rule.source}"},
            defaultConfiguration={"level": rule.severity},
            properties={"source": rule.source, "in_force": rule.in_force_text},
        )
    return descriptor


class SarifWriter(ReportWriter):
    """SARIF 2.1.0, one run.  Its results come first and its tool after them, so that results
    are written as they come; the tool's driver lists the whole catalogue, and each result
    names its rule by ``ruleId`` and by ``ruleIndex`` into that list."""

    def __init__(self, **_: object) -> None:
        super().__init__()
        self.catalogue = [r.id for r in rules.all_rules()]
        self.index = {rule_id: i for i, rule_id in enumerate(self.catalogue)}
        self.notifications: list[dict[str, object]] = []
        self.results = 0

    def head(self) -> str:
        return f'{{\n  "$schema": "{SARIF_SCHEMA_URI}",\n  "version": "2.1.0",\n  "runs": [\n    {{\n      "results": ['

    def part(self, result: FileResult) -> str:
        entries = []
        for f in result.findings:
            physical: dict[str, object] = {"artifactLocation": {"uri": _uri(result.path)}}
            if f.line:
                physical["region"] = {"startLine": f.line}
            location: dict[str, object] = {"physicalLocation": physical}
            if f.location:
                location["logicalLocations"] = [{"fullyQualifiedName": f.location}]
            entry = {
                "ruleId": f.rule,
                "ruleIndex": self.index[f.rule],
                "level": f.severity,
                "message": {"text": f.message},
                "locations": [location],
            }
            entries.append("        " + _nested(entry, 4))
        return ",\n".join(entries)

    def place(self, result: FileResult, part: str) -> str:
        for p in result.problems:
            physical: dict[str, object] = {"artifactLocation": {"uri": _uri(result.path)}}
            if p.line:
                physical["region"] = {"startLine": p.line}
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{p.location + ': ' if p.location else ''}{p.message}"},
                    "locations": [{"physicalLocation": physical}],
                }
            )
        if not part:
            return ""
        separator = "\n" if self.results == 0 else ",\n"
        self.results += len(result.findings)
        return separator + part

    def tail(self) -> str:
        descriptors = [_rule_descriptor(rule_id) for rule_id in self.catalogue]
        driver = {"name": "form4gen", "version": tool_version(), "rules": descriptors}
        invocation = {"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}
        close = "\n      ]" if self.results else "]"
        return (
            f'{close},\n      "tool": {{\n        "driver": {_nested(driver, 4)}\n      }},\n'
            f'      "invocations": [\n        {_nested(invocation, 4)}\n      ]\n    }}\n  ]\n}}\n'
        )


# --- GitHub workflow commands -----------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubWriter(ReportWriter):
    """``::error file=...,line=...,title=RULE::message`` lines, which GitHub Actions shows on the
    pull request's files; the summary sentence last."""

    def part(self, result: FileResult) -> str:
        lines = []
        for p in result.problems:
            props = f"file={_escape_property(result.path)}" + (f",line={p.line}" if p.line else "") + ",title=unusable input"
            lines.append(f"::error {props}::{_escape_data((p.location + ': ' if p.location else '') + p.message)}")
        for f in result.findings:
            props = f"file={_escape_property(result.path)}" + (f",line={f.line}" if f.line else "") + f",title={_escape_property(f.rule)}"
            message = f.message + (f" [{f.location}]" if f.location else "")
            lines.append(f"::{f.severity} {props}::{_escape_data(message)}")
        return "".join(line + "\n" for line in lines)

    def tail(self) -> str:
        return self.summary.sentence() + "\n"


WRITERS: dict[str, type[ReportWriter]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "junit": JunitWriter,
    "sarif": SarifWriter,
    "github": GithubWriter,
}


def writer(fmt: str, **options: object) -> ReportWriter:
    """The writer of a format; options: ``color`` and ``show_fixes`` (text), ``strict`` (JUnit)."""
    return WRITERS[fmt](**options)
