"""``form4gen xml``: the ownership XML on standard output."""

from __future__ import annotations

from pathlib import Path

import click

from form4gen.cli.common import fail, read_filing
from form4gen.form.errors import InputError


@click.command(name="xml")
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--with-ccc", is_flag=True, help="Include each owner's CCC (kept out by default: stdout ends up in logs).")
@click.option(
    "--edgar-fields/--no-edgar-fields", default=None, help="Write the elements EDGAR fills in itself (names, schemaVersion). Default: only for imported XML."
)
def xml_command(input_file: Path, with_ccc: bool, edgar_fields: bool | None) -> None:
    """Print the ownership XML for INPUT (YAML, JSON or XML) to standard output."""
    from form4gen.xml.write import to_xml

    try:
        filing = read_filing(input_file, with_ccc=with_ccc)
    except InputError as error:
        fail(error)
    click.echo(to_xml(filing, edgar_fields=edgar_fields, include_ccc=with_ccc), nl=False)
