"""Commands that prepare a filing: ``form4gen deadline``, ``form4gen amend`` and
``form4gen aggregate`` (weighted-average lines from broker fills)."""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from form4gen import calendar
from form4gen.cli import EXIT_UNUSABLE, _fail, main
from form4gen.config import load_settings
from form4gen.errors import InputError, Problem

ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _settings_closures(config_path: Path | None) -> tuple[datetime.date, ...]:
    try:
        return (load_settings(config_path) if config_path else load_settings()).closures
    except InputError as error:
        click.echo(error.render(), err=True)
        sys.exit(EXIT_UNUSABLE)


@main.command(name="deadline")
@click.argument("day", metavar="DATE", type=ISO_DATE)
@click.option("--form", "form", type=click.Choice(["3", "4", "5"]), default="4", show_default=True, help="3: DATE is the event; 4: the trade; 5: the fiscal year end.")
@click.option("--deemed", type=ISO_DATE, help="Form 4: the deemed execution date under Rule 16a-3(g)(2)/(3).")
@click.option("--closed", "closed", type=ISO_DATE, multiple=True, help="A day EDGAR is closed besides weekends and federal holidays (repeatable; also 'closures' in the settings file).")
@click.option("--time", "with_time", is_flag=True, help="Print the cut-off, 10 p.m. Eastern on the due date, as an ISO date-time.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Settings file (default: form4gen.toml or [tool.form4gen], searched upwards).")
def deadline_command(
    day: datetime.datetime,
    form: str,
    deemed: datetime.datetime | None,
    closed: tuple[datetime.datetime, ...],
    with_time: bool,
    config_path: Path | None,
) -> None:
    """Print the due date (YYYY-MM-DD) of a Form 3, 4 or 5.

    Form 4: before the end of the second business day after the trade, or after the deemed
    execution date (at most the third business day after the trade).  Form 3: 10 days after
    the event.  Form 5: 45 days after the fiscal year end.  A due date that falls on a weekend,
    federal holiday (observed days included) or closure moves to the next business day.  A
    filing transmitted by 10 p.m. Eastern counts for that day.
    """
    if deemed is not None and form != "4":
        click.echo("form4gen deadline: --deemed applies to Form 4 only", err=True)
        sys.exit(EXIT_UNUSABLE)
    closures = set(_settings_closures(config_path)) | {c.date() for c in closed}
    due = calendar.due_date(form, day.date(), deemed=deemed.date() if deemed else None, closures=closures)
    click.echo(calendar.cutoff(due).isoformat() if with_time else due.isoformat())


@main.command(name="amend")
@click.argument("original", metavar="ORIGINAL.xml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--filed", type=ISO_DATE, required=True, help="The date EDGAR filed the original (box 4 of the amendment).")
@click.option("--signed", type=ISO_DATE, help="The amendment's signature date (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The draft to write (YAML).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def amend_command(original: Path, filed: datetime.datetime, signed: datetime.datetime | None, output: Path, force: bool) -> None:
    """Start a 4/A (or 3/A, 5/A) from the EDGAR document it amends.

    The draft keeps the original's lines and box 3, sets the date the original was filed, and
    puts a placeholder in remarks that form4gen check refuses (RMK-PLACEHOLDER) until it says
    what the amendment corrects.  Keep only the lines the amendment corrects.
    """
    from form4gen.amend import start_amendment
    from form4gen.cli import refuse_to_overwrite, write_atomically
    from form4gen.xml_in import parse_xml
    from form4gen.yaml_out import filing_to_yaml

    refuse_to_overwrite([output], force, inputs=[original])
    try:
        filing = parse_xml(original)
    except InputError as error:
        click.echo(error.render(), err=True)
        sys.exit(EXIT_UNUSABLE)
    if filed.date() < filing.period_of_report:
        click.echo(f"{original}: --filed {filed.date()} is before the original's period of report {filing.period_of_report}", err=True)
        sys.exit(EXIT_UNUSABLE)
    draft = start_amendment(filing, filed=filed.date(), signed=(signed or datetime.datetime.now()).date())
    header = (
        f"Amendment ({draft.document_type}) of {original.name}, filed {filed.date()}, started by form4gen amend.\n"
        "Replace the placeholder in remarks, keep only the lines this amendment corrects, and check the\n"
        "signature dates. The CCC is never written here."
    )
    write_atomically(output, filing_to_yaml(draft, header=header))
    click.echo(f"wrote {output}")


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


@main.command(name="aggregate")
@click.argument("fills_file", metavar="FILLS.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="YAML file to write (default: standard output).")
@click.option("--owned-before", "owned_before", multiple=True, metavar="KEY=AMOUNT", help="Amount owned before the first fill, per ownership: D=10000 or 'I:By Trust=500' (repeatable); gives each line its 'owned following'.")
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
    from form4gen.aggregate import aggregate, lines_as_input, read_fills
    from form4gen.cli import refuse_to_overwrite, write_atomically
    from form4gen.yaml_out import dump_yaml

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


@main.command(name="package")
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), required=True, help="The folder to write (whole, or not at all).")
@click.option("--live", is_flag=True, help="Mark the submission LIVE (default: TEST, which EDGAR checks but never files).")
@click.option("--force", is_flag=True, help="Write the package even with error-level findings.")
@click.option("--replace", is_flag=True, help="Replace OUTDIR if it is a package form4gen wrote (never a folder holding anything else, or the input).")
def package_command(input_file: Path, outdir: Path, live: bool, force: bool, replace: bool) -> None:
    """Write the EDGAR submission for INPUT (YAML or JSON) into the folder OUTDIR.

    OUTDIR/submission.xml is the edgarSubmission file: the ownership document with each
    owner's CCC (from FORM4GEN_CCC_<CIK>, FORM4GEN_CCC or the credentials file; the only file
    that holds it) and the attachments of the input's submission section, base64 encoded.
    Beside it: the plain XML without CCC, the preview, and manifest.json with each file's
    SHA-256.  The folder is built aside and renamed into place, so it appears whole or not at
    all.  An existing OUTDIR is replaced only with --replace, and only when it is a package
    form4gen wrote; --force is for error-level findings and never replaces a folder.
    """
    from form4gen.cli import file_mode, load_and_check
    from form4gen.package import build_package
    from form4gen.package_folder import PackageFolderError, write_package, why_not_replaceable

    if outdir.exists() or outdir.is_symlink():
        reason = why_not_replaceable(outdir, [input_file]) if replace else "exists; not replaced (use --replace to replace a package form4gen wrote; --force only writes despite error findings)"
        if reason:
            _fail(InputError(str(outdir), [Problem("", reason)]))
    filing, report = load_and_check(input_file, force=force, refusal="not packaged")
    try:
        package = build_package(filing, report, source=input_file, live=live)
        write_package(outdir, package.files, replace=replace, inputs=[input_file], mode=file_mode())
    except InputError as error:
        _fail(error)
    except PackageFolderError as error:
        _fail(InputError(str(outdir), [Problem("", str(error))]))
    stem = input_file.stem
    click.echo(f"wrote {outdir}/: submission.xml ({'LIVE' if live else 'TEST'}), {stem}.xml, {stem}.html, manifest.json")
    sys.exit(1 if report.errors else 0)


def _adjustment(value: str):
    from form4gen.ledger import Adjustment

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


@main.command(name="holdings")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--owner", "owner_cik", required=True, help="The reporting owner's CIK.")
@click.option("--issuer", "issuer_cik", help="The issuer's CIK (needed when the filings cover several issuers).")
@click.option("--split", "splits", multiple=True, metavar="DATE:TITLE:RATIO", help="A split no Form 4 reports, e.g. 2020-08-31:Common Stock:5-for-1 (repeatable); recorded in the output.")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print the holdings_before section for a new draft.")
def holdings_command(paths: tuple[str, ...], owner_cik: str, issuer_cik: str | None, splits: tuple[str, ...], as_yaml: bool) -> None:
    """The holdings ledger of one owner and issuer, from their earlier filings (XML files,
    folders, globs): every reported "owned following" figure compared with the balance carried
    forward, and the closing balance of each holding.  --yaml prints them as the
    holdings_before of a new draft, so its figures are carried forward.
    """
    from form4gen.cli import expand_paths
    from form4gen.ledger import closing_balances, replay, shares_text
    from form4gen.xml_in import parse_xml
    from form4gen.yaml_out import dump_yaml

    adjustments = [_adjustment(s) for s in splits]
    owner = owner_cik.lstrip("0")
    chosen, unreadable = [], 0
    for path in expand_paths(paths):
        if path.suffix.lower() != ".xml":
            continue
        try:
            filing = parse_xml(path)
        except InputError:
            unreadable += 1
            continue
        if any(o.cik.lstrip("0") == owner for o in filing.reporting_owners) and (
            issuer_cik is None or filing.issuer.cik.lstrip("0") == issuer_cik.lstrip("0")
        ):
            chosen.append(filing)
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
        entries = []
        for key, shares in balances.items():
            title, nature = result.titles.get(key, (key.title, key.nature))
            entry: dict[str, object] = {"security_title": title, "ownership": key.ownership}
            if key.nature:
                entry["nature"] = nature
            if key.exercise_price:
                entry["exercise_price"] = Decimal(key.exercise_price)
            if key.expiration:
                entry["expiration_date"] = datetime.date.fromisoformat(key.expiration)
            entry["shares"] = shares
            entries.append(entry)
        header = f"Holdings of owner {owner_cik} carried forward from {len(chosen)} filing(s) by form4gen holdings."
        if result.applied:
            header += "\nAdjustments applied: " + "; ".join(f"{a.date} {a.title} {a.note}" for a in result.applied)
        click.echo(dump_yaml({"holdings_before": entries}, header=header), nl=False)
        return
    compared = result.compared
    click.echo(f"{len(chosen)} filing(s); {len(compared)} figures compared with the balance carried forward; {result.agreement:.1%} agree")
    for c in compared:
        if not c.agrees:
            click.echo(f"  {Path(c.source).name} {c.label} ({c.day}): {c.key.label}: expected {shares_text(c.expected)}, reported {shares_text(c.reported)}: {c.explanation}")  # type: ignore[arg-type]
    for adjustment in result.applied:
        click.echo(f"  adjustment {adjustment.date}: {adjustment.title} {adjustment.note}")
    click.echo("closing balances:")
    for key, shares in balances.items():
        click.echo(f"  {key.label}: {shares_text(shares)}")
    if unreadable:
        click.echo(f"({unreadable} file(s) could not be read and were left out)", err=True)
