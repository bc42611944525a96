"""``form4gen preview INPUT -o FILE.html|FILE.pdf``: the form as EDGAR shows it.

PDF goes through a headless Chromium (Debian's ``chromium`` package; ``$FORM4GEN_CHROMIUM``
names another binary).  Output is written whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from form4gen.check import check
from form4gen.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, _read_filing, atomic_file, main, refuse_to_overwrite, write_atomically
from form4gen.errors import InputError, Problem
from form4gen.preview import to_html

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    named = os.environ.get("FORM4GEN_CHROMIUM")
    if named:
        return named if Path(named).is_file() or shutil.which(named) else None
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def html_to_pdf(html: str, target: Path, *, timeout: float = 60) -> None:
    """Print the page to ``target`` with headless Chromium; the PDF appears whole or not at all."""
    browser = find_chromium()
    if browser is None:
        raise InputError(
            str(target),
            [Problem("", "PDF output needs Chromium: install Debian's chromium package (apt-get install chromium) or set FORM4GEN_CHROMIUM")],
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="form4gen-pdf-") as work:
        page = Path(work) / "preview.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(work) / "preview.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise InputError(str(target), [Problem("", f"Chromium did not finish the PDF within {timeout:.0f} seconds")]) from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise InputError(str(target), [Problem("", f"Chromium could not print the PDF (exit code {done.returncode})")])
        with atomic_file(target, "wb") as handle, pdf.open("rb") as printed:
            shutil.copyfileobj(printed, handle)


@main.command(name="preview")
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
    try:
        filing = _read_filing(input_file, with_ccc=False)
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
