"""``form4gen package``: the EDGAR submission package, written whole or not at all."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from form4gen.cli.common import fail, load_and_check
from form4gen.form.errors import InputError, Problem


@click.command(name="package")
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
    from form4gen.drafts.files import file_mode
    from form4gen.prepare.folder import PackageFolderError, why_not_replaceable, write_package
    from form4gen.prepare.package import build_package

    if outdir.exists() or outdir.is_symlink():
        if outdir.is_symlink() and not outdir.exists():
            reason: str | None = "is a link to nothing; name a folder to create (or remove the link)"
        elif replace:
            reason = why_not_replaceable(outdir, [input_file])
        else:
            reason = "exists; not replaced (use --replace to replace a package form4gen wrote; --force only writes despite error findings)"
        if reason:
            fail(InputError(str(outdir), [Problem("", reason)]))
    filing, report = load_and_check(input_file, force=force, refusal="not packaged")
    try:
        package = build_package(filing, report, source=input_file, live=live)
        write_package(outdir, package.files, replace=replace, inputs=[input_file], mode=file_mode())
    except InputError as error:
        fail(error)
    except PackageFolderError as error:
        fail(InputError(str(outdir), [Problem("", str(error))]))
    stem = input_file.stem
    click.echo(f"wrote {outdir}/: submission.xml ({'LIVE' if live else 'TEST'}), {stem}.xml, {stem}.html, manifest.json")
    sys.exit(1 if report.errors else 0)
