"""The GitHub format: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from form4gen.checking.formats import FileResult, ReportWriter


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
