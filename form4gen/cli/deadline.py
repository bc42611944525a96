"""``form4gen deadline``: the due date of a Form 3, 4 or 5."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from form4gen.cli.common import EXIT_UNUSABLE, ISO_DATE, fail
from form4gen.form.errors import InputError


def _settings_closures(config_path: Path | None) -> tuple[datetime.date, ...]:
    from form4gen.checking.settings import load_settings

    try:
        return (load_settings(config_path) if config_path else load_settings()).closures
    except InputError as error:
        fail(error)


@click.command(name="deadline")
@click.argument("day", metavar="DATE", type=ISO_DATE)
@click.option(
    "--form", "form", type=click.Choice(["3", "4", "5"]), default="4", show_default=True, help="3: DATE is the event; 4: the trade; 5: the fiscal year end."
)
@click.option("--deemed", type=ISO_DATE, help="Form 4: the deemed execution date under Rule 16a-3(g)(2)/(3).")
@click.option(
    "--closed",
    "closed",
    type=ISO_DATE,
    multiple=True,
    help="A day EDGAR is closed besides weekends and federal holidays (repeatable; also 'closures' in the settings file).",
)
@click.option("--time", "with_time", is_flag=True, help="Print the cut-off, 10 p.m. Eastern on the due date, as an ISO date-time.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: form4gen.toml or [tool.form4gen], searched upwards).",
)
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
    from form4gen.form import calendar

    closures = set(_settings_closures(config_path)) | {c.date() for c in closed}
    try:
        due = calendar.due_date(form, day.date(), deemed=deemed.date() if deemed else None, closures=closures)
    except calendar.PastTheCalendar as error:
        click.echo(f"form4gen deadline: {error}", err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(calendar.cutoff(due).isoformat() if with_time else due.isoformat())
