"""``form4gen amend``: a 4/A (3/A, 5/A) started from the document it amends."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from form4gen.cli.common import EXIT_UNUSABLE, ISO_DATE, refuse_to_overwrite
from form4gen.form.errors import InputError


@click.command(name="amend")
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
    from form4gen.drafts.files import write_atomically
    from form4gen.drafts.yaml_out import filing_to_yaml
    from form4gen.prepare.amend import start_amendment
    from form4gen.xml.read import parse_xml

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
