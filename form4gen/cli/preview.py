"""``form4gen preview INPUT -o FILE.html|FILE.pdf``: the form as EDGAR shows it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from form4gen.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, read_filing, refuse_to_overwrite
from form4gen.form.errors import InputError


@click.command(name="preview")
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="FILE.html or FILE.pdf.")
@click.option("--draft/--no-draft", default=True, show_default=True, help='The "DRAFT, not filed" band.')
@click.option("--findings/--no-findings", default=True, show_default=True, help="Show the findings of form4gen check on the form.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def preview_command(input_file: Path, output: Path, draft: bool, findings: bool, force: bool) -> None:
    """Write the form as EDGAR shows it, as HTML or PDF (YAML, JSON or XML input).

    Each finding of form4gen check is shown on the box or cell it concerns, and listed at the
    top.  The preview never contains a CCC.  Exit code 1 when the filing has errors (the
    preview is written all the same), 2 when the input or the output cannot be used.
    """
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        click.echo(f"{output}: the preview is written as .html or .pdf", err=True)
        sys.exit(EXIT_UNUSABLE)
    refuse_to_overwrite([output], force, inputs=[input_file])
    from form4gen.checking.engine import check
    from form4gen.drafts.files import write_atomically
    from form4gen.preview.pdf import html_to_pdf
    from form4gen.preview.render import to_html

    try:
        filing = read_filing(input_file, with_ccc=False)
        report = check(filing)
        html = to_html(filing, findings=report.findings, draft=draft, show_findings=findings)
        if suffix == ".pdf":
            html_to_pdf(html, output)
        else:
            write_atomically(output, html)
    except InputError as error:
        click.echo(error.render(), err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(f"wrote {output}")
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)
