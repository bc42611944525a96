"""``form4gen import``: an EDGAR ownership document turned into a draft."""

from __future__ import annotations

from pathlib import Path

import click

from form4gen.cli.common import fail, refuse_to_overwrite
from form4gen.form.errors import InputError


@click.command(name="import")
@click.argument("xml_file", metavar="FILE.xml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The YAML file to write (default: FILE.yaml beside the input).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_command(xml_file: Path, output: Path | None, force: bool) -> None:
    """Turn an EDGAR ownership document into a form4gen YAML input file.

    Footnotes keep their ids as names (F1, F2, ...).  A CCC in the document is not written.
    """
    from form4gen.drafts.files import write_atomically
    from form4gen.drafts.yaml_out import filing_to_yaml
    from form4gen.xml.read import parse_xml

    try:
        filing = parse_xml(xml_file)
    except InputError as error:
        fail(error)
    target = output or xml_file.with_suffix(".yaml")
    refuse_to_overwrite([target], force, inputs=[xml_file])
    write_atomically(target, filing_to_yaml(filing, source=xml_file.name))
    click.echo(f"wrote {target}")
    if any(owner.ccc for owner in filing.reporting_owners):
        click.echo(f"{xml_file}: note: the document carried a CCC; it was not written to {target}", err=True)
