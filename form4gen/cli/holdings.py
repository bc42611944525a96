"""``form4gen holdings``: the holdings ledger of one owner and issuer from their earlier filings."""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from form4gen.cli.common import EXIT_UNUSABLE, expand_paths
from form4gen.form.errors import InputError

if TYPE_CHECKING:
    from form4gen.form.models import Filing


def _adjustment(value: str):
    from form4gen.prepare.ledger import Adjustment

    parts = value.split(":")
    try:
        day, title, ratio = parts[0], ":".join(parts[1:-1]), parts[-1]
        if "/" in ratio or "-for-" in ratio:
            new, old = ratio.replace("-for-", "/").split("/")
            number = Decimal(new) / Decimal(old)
        else:
            number = Decimal(ratio)
        if not title or number <= 0:
            raise ValueError
        return Adjustment(datetime.date.fromisoformat(day), title, number, f"split {ratio}")
    except (ValueError, ArithmeticError, IndexError):
        click.echo(f"form4gen holdings: --split {value!r}: expected DATE:TITLE:RATIO, e.g. 2020-08-31:Common Stock:5-for-1", err=True)
        sys.exit(EXIT_UNUSABLE)


def _read_all(paths: tuple[str, ...]) -> tuple[list[Filing], int]:
    """The XML filings among ``paths`` (files, folders, globs), and how many could not be read."""
    from form4gen.xml.read import parse_xml

    filings, unreadable = [], 0
    for path in expand_paths(paths):
        if path.suffix.lower() != ".xml":
            continue
        try:
            filings.append(parse_xml(path))
        except InputError:
            unreadable += 1
    return filings, unreadable


@click.command(name="holdings")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--owner", "owner_cik", required=True, help="The reporting owner's CIK.")
@click.option("--issuer", "issuer_cik", help="The issuer's CIK (needed when the filings cover several issuers).")
@click.option(
    "--split",
    "splits",
    multiple=True,
    metavar="DATE:TITLE:RATIO",
    help="A split no Form 4 reports, e.g. 2020-08-31:Common Stock:5-for-1 (repeatable); recorded in the output.",
)
@click.option("--yaml", "as_yaml", is_flag=True, help="Print the holdings_before section for a new draft.")
def holdings_command(paths: tuple[str, ...], owner_cik: str, issuer_cik: str | None, splits: tuple[str, ...], as_yaml: bool) -> None:
    """The holdings ledger of one owner and issuer, from their earlier filings (XML files,
    folders, globs): every reported "owned following" figure compared with the balance carried
    forward, and the closing balance of each holding.  --yaml prints them as the
    holdings_before of a new draft, so its figures are carried forward.
    """
    from form4gen.drafts.yaml_out import dump_yaml
    from form4gen.prepare.ledger import closing_balances, holdings_before, of_owner, replay, shares_text

    adjustments = [_adjustment(s) for s in splits]
    readable, unreadable = _read_all(paths)
    chosen = of_owner(readable, owner_cik, issuer_cik)
    issuers = {f.issuer.cik.lstrip("0") for f in chosen}
    if not chosen:
        click.echo(f"form4gen holdings: no filing of owner {owner_cik} in {' '.join(paths)}", err=True)
        sys.exit(EXIT_UNUSABLE)
    if len(issuers) > 1:
        click.echo(f"form4gen holdings: the filings cover {len(issuers)} issuers ({', '.join(sorted(issuers))}); choose one with --issuer", err=True)
        sys.exit(EXIT_UNUSABLE)
    result = replay(chosen, adjustments)
    balances = closing_balances(chosen, adjustments)
    if as_yaml:
        entries, footnotes = holdings_before(result, balances)
        header = f"Holdings of owner {owner_cik} carried forward from {len(chosen)} filing(s) by form4gen holdings."
        if result.applied:
            header += "\nAdjustments applied: " + "; ".join(f"{a.date} {a.title} {a.note}" for a in result.applied)
        if footnotes:
            header += "\nThe footnotes tell holdings of one nature apart: mark each line's nature with its footnote."
        section: dict[str, object] = {"holdings_before": entries, **({"footnotes": footnotes} if footnotes else {})}
        click.echo(dump_yaml(section, header=header), nl=False)
        return
    compared = result.compared
    click.echo(f"{len(chosen)} filing(s); {len(compared)} figures compared with the balance carried forward; {result.agreement:.1%} agree")
    for c in compared:
        if not c.agrees:
            click.echo(
                f"  {Path(c.source).name} {c.label} ({c.day}): {c.key.label}: "
                f"expected {shares_text(c.expected)}, reported {shares_text(c.reported)}: {c.explanation}"  # type: ignore[arg-type]
            )
    for adjustment in result.applied:
        click.echo(f"  adjustment {adjustment.date}: {adjustment.title} {adjustment.note}")
    click.echo("closing balances:")
    for key, shares in balances.items():
        click.echo(f"  {key.label}: {shares_text(shares)}")
    if unreadable:
        click.echo(f"({unreadable} file(s) could not be read and were left out)", err=True)
