"""``form4gen aggregate``: broker fills turned into Form 4 lines at weighted average prices."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from form4gen.cli.common import EXIT_UNUSABLE, refuse_to_overwrite
from form4gen.form.errors import InputError


def _opening_balances(values: tuple[str, ...]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for value in values:
        key, _, amount = value.rpartition("=")
        number = None
        try:
            number = Decimal(amount.replace(",", ""))
        except InvalidOperation:
            pass
        if not key or number is None or not number.is_finite() or number < 0 or not (key == "D" or key.startswith("I:")):
            click.echo(f"form4gen aggregate: --owned-before {value!r}: expected D=AMOUNT or 'I:<nature>=AMOUNT'", err=True)
            sys.exit(EXIT_UNUSABLE)
        out[key] = number
    return out


@click.command(name="aggregate")
@click.argument("fills_file", metavar="FILLS.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="YAML file to write (default: standard output).")
@click.option(
    "--owned-before",
    "owned_before",
    multiple=True,
    metavar="KEY=AMOUNT",
    help="Amount owned before the first fill, per ownership: D=10000 or 'I:By Trust=500' (repeatable); gives each line its 'owned following'.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def aggregate_command(fills_file: Path, output: Path | None, owned_before: tuple[str, ...], force: bool) -> None:
    """Turn broker fills into Form 4 lines at weighted average prices.

    FILLS.csv has the columns date, code (P or S), shares, price, ownership (D or I) and
    optionally nature and security_title.  Fills of the same day, code, ownership and security
    share a line when their prices lie within $1; a wider spread becomes several lines.  Each
    aggregated line gets the footnote the SEC staff's 2008 relief asks for: the price range and
    the undertaking to provide the details on request.  The output is the non_derivative_table
    and footnotes of an input file, to put into the draft.
    """
    from form4gen.drafts.files import write_atomically
    from form4gen.drafts.yaml_out import dump_yaml
    from form4gen.prepare.aggregate import aggregate, lines_as_input, read_fills

    opening = _opening_balances(owned_before)
    if output is not None:
        refuse_to_overwrite([output], force, inputs=[fills_file])
    try:
        fills = read_fills(fills_file)
    except InputError as error:
        click.echo(error.render(), err=True)
        sys.exit(EXIT_UNUSABLE)
    lines = aggregate(fills)
    header = f"Form 4 lines from {fills_file.name} ({len(fills)} fills, {len(lines)} lines), by form4gen aggregate."
    if not opening:
        header += "\nAdd post_transaction_amounts to each line (or run with --owned-before)."
    text = dump_yaml(lines_as_input(lines, opening), header=header)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    click.echo(f"wrote {output}: {len(lines)} line(s) from {len(fills)} fill(s)", err=True)
