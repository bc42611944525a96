"""The JUnit XML format: one test case per file, for CI test reports."""

from __future__ import annotations

import tempfile

from lxml import etree

from form4gen.checking.engine import Finding
from form4gen.checking.formats import FileResult, ReportWriter


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
