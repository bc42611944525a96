"""``form4gen rules``: the rule catalogue, or one rule explained."""

from __future__ import annotations

import difflib
import json
from typing import TYPE_CHECKING

import click

from form4gen.cli.common import refuse

if TYPE_CHECKING:
    from form4gen import rules


def _explain(rule: rules.Rule) -> str:
    lines = [
        f"{rule.id} ({rule.severity}): {rule.title}",
        "",
        rule.description,
        "",
        f"Fix: {rule.fix}",
        f"Source: {rule.source}",
        f"In force: {rule.in_force_text}",
        "Checks: "
        + {
            "filing": "the filing (any input)",
            "xml": "how an XML file is written (XML input only)",
            "schema": "the XML (XML input, and the XML a draft makes)",
        }[rule.kind],
    ]
    for example in rule.examples:
        lines += ["", f"{'Fails' if example.verdict == 'fails' else 'Passes'}:", *("    " + line for line in example.text.splitlines())]
        if example.location:
            lines.append(f"Reported on: {example.location}")
        if example.message:
            lines.append(f"Message: {example.message}")
    if any(e.language == "yaml" for e in rule.examples):
        lines += ["", "(The examples are parts of an input file, merged into the small Form 4 that", " form4gen rules --base prints.)"]
    return "\n".join(lines) + "\n"


def _as_data(rule: rules.Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "severity": rule.severity,
        "title": rule.title,
        "description": rule.description,
        "fix": rule.fix,
        "source": rule.source,
        "since": rule.since.isoformat() if rule.since else None,
        "until": rule.until.isoformat() if rule.until else None,
        "applies_to": rule.kind,
        "examples": [{"verdict": e.verdict, "language": e.language, "text": e.text, "location": e.location, "message": e.message} for e in rule.examples],
    }


@click.command(name="rules")
@click.argument("rule_id", required=False, metavar="[ID]")
@click.option("--base", is_flag=True, help="Print the Form 4 input file that the rules' examples change.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the catalogue as data (id, severity, title, fix, source, since, until, applies_to).",
)
def rules_command(rule_id: str | None, base: bool, fmt: str) -> None:
    """List the rule catalogue, or explain one rule (what it checks, why, examples, fix, source)."""
    from form4gen import rules

    if base:
        from form4gen.rules.examples import BASE

        click.echo(BASE, nl=False)
        return
    if fmt == "json":
        chosen = rules.all_rules() if rule_id is None else [r for r in [rules.get(rule_id)] if r is not None]
        if not chosen:
            refuse(f"no rule {rule_id!r}")
        click.echo(json.dumps([_as_data(r) for r in chosen], indent=2, ensure_ascii=False))
        return
    if rule_id is None:
        catalogue = rules.all_rules()
        for entry in catalogue:
            since = f"since {entry.since}" if entry.since else ""
            click.echo(f"{entry.id:<16} {entry.severity:<8} {since:<17} {entry.title}")
        click.echo(f"{len(catalogue)} rules; form4gen rules ID explains one.")
        return
    rule = rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), [r.id for r in rules.all_rules()], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        refuse(f"no rule {rule_id!r}{hint}")
        return
    click.echo(_explain(rule), nl=False)
