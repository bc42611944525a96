"""The text format: grouped by file, for people at a terminal."""

from __future__ import annotations

from typing import Any

import click

from form4gen.checking.formats import FileResult, ReportWriter, _rule_meta

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
