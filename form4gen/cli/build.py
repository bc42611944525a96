"""``form4gen build``: the EDGAR XML and its preview, written as a unit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from form4gen.cli.common import EXIT_FINDINGS, EXIT_OK, load_and_check, refuse_to_overwrite


@click.command(name="build")
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True, help="Folder to write into.")
@click.option("--force", is_flag=True, help="Write even when the XML has error-level findings, and replace files that exist.")
def build_command(input_file: Path, outdir: Path, force: bool) -> None:
    """Build the EDGAR ownership XML for INPUT (YAML or JSON) into OUTDIR, with its preview.

    Writes OUTDIR/<name>.xml and OUTDIR/<name>.html (the form as EDGAR shows it, with the
    findings on it).  Neither holds a CCC: form4gen package puts the CCCs into the submission
    file, the only file that holds them.  Nothing is written when the document has error-level
    findings, and existing files are not replaced, unless --force is given.
    """
    filing, report = load_and_check(input_file, force=force, refusal="not written")
    target = outdir / f"{input_file.stem}.xml"
    preview = outdir / f"{input_file.stem}.html"
    refuse_to_overwrite([target, preview], force, inputs=[input_file])
    from form4gen.drafts.files import write_together
    from form4gen.preview.render import to_html
    from form4gen.xml.write import to_xml

    xml_text, html_text = to_xml(filing, include_ccc=False), to_html(filing, findings=report.findings)
    write_together({target: xml_text, preview: html_text})
    click.echo(f"wrote {target}")
    click.echo(f"wrote {preview}")
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)
