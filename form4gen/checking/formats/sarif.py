"""The SARIF 2.1.0 format, for code-scanning tools."""

from __future__ import annotations

from pathlib import Path

from form4gen import rules
from form4gen.checking.formats import FileResult, ReportWriter, _nested, tool_version

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
