"""The JSON format: one document, described by ``form4gen/checking/report.schema.json``
(:data:`form4gen.checking.formats.JSON_SCHEMA_FILE`), for scripts."""

from __future__ import annotations

from form4gen.checking.formats import FileResult, ReportWriter, _nested, _rule_meta, tool_version

JSON_REPORT_VERSION = 1


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
