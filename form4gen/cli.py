"""The ``form4gen`` command.

Exit codes: 0 fine, 1 findings at error level, 2 unusable input (a message names the file, the
field or XML line, and what was expected; never a traceback).
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import click

from form4gen.check import Report, check
from form4gen.errors import InputError, Problem
from form4gen.input_file import JSON_SUFFIXES, YAML_SUFFIXES, load
from form4gen.models import Filing
from form4gen.preview import to_html
from form4gen.xml_in import parse_xml
from form4gen.xml_out import to_xml
from form4gen.yaml_out import filing_to_yaml

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
XML_SUFFIXES = (".xml",)
INPUT_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES + XML_SUFFIXES


def _fail(error: InputError) -> None:
    click.echo(error.render(), err=True)
    sys.exit(EXIT_UNUSABLE)


def file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (a temporary file starts at
    0o600, which would leave drafts and previews unreadable to the user's group)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file written whole or not at all: a temporary file in the same folder, renamed over
    ``path`` once the block ends without an error.  The file gets the mode open() would give
    it.  A folder that cannot be written is unusable input (exit 2), not a traceback."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        _fail(InputError(str(path), [Problem("", f"cannot write the file: {exc.strerror}")]))
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
            yield handle
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing (see :func:`atomic_file`)."""
    with atomic_file(path) as handle:
        handle.write(text)


def write_together(texts: dict[Path, str]) -> None:
    """Write several files as a unit: every one is written to a temporary file first, and only
    when all are whole are they renamed into place (a full disk leaves none of them)."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            temporaries.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(tmp, file_mode())
        for tmp, path in temporaries:
            os.replace(tmp, path)
    except OSError as exc:
        _fail(InputError(str(path), [Problem("", f"cannot write the file: {exc.strerror}; nothing was written")]))
    finally:
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)


def _read_filing(path: Path, *, with_ccc: bool) -> Filing:
    if path.suffix.lower() in XML_SUFFIXES:
        return parse_xml(path)
    return load(path, with_ccc=with_ccc)


def print_report(report: Report) -> None:
    """Findings as ``file:line: severity: RULE: message [location]``."""
    for f in report.findings:
        where = f"{report.source}:{f.line}" if f.line else report.source
        location = f" [{f.location}]" if f.location else ""
        click.echo(f"{where}: {f.severity}: {f.rule}: {f.message}{location}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="form4gen")
def main() -> None:
    """Prepare SEC Section 16 ownership filings (Forms 3, 4, 5 and amendments) for EDGAR."""


def run() -> None:
    """The ``form4gen`` program: the command group, stopped cleanly by SIGTERM and SIGINT."""
    stop_on_signals()
    main()


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like an error: half-written files are removed


def stop_on_signals() -> None:
    """SIGTERM and SIGINT end a command as an exception would, so that every temporary file is
    removed on the way out, with the shell's exit codes (143, 130) rather than a traceback."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)


@main.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True, help="Folder to write into.")
@click.option("--force", is_flag=True, help="Write even when the XML has error-level findings, and replace files that exist.")
def build(input_file: Path, outdir: Path, force: bool) -> None:
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
    xml_text, html_text = to_xml(filing, include_ccc=False), to_html(filing, findings=report.findings)
    write_together({target: xml_text, preview: html_text})
    click.echo(f"wrote {target}")
    click.echo(f"wrote {preview}")
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)


def load_and_check(input_file: Path, *, force: bool, refusal: str) -> tuple[Filing, Report]:
    """Load a draft (exit 2 if unusable), print its findings, and stop (exit 1) on error-level
    findings unless ``force``."""
    try:
        filing = load(input_file, with_ccc=False)
    except InputError as error:
        _fail(error)
    report = check(filing)
    print_report(report)
    if report.errors and not force:
        click.echo(f"{input_file}: {refusal}: {len(report.errors)} error(s)", err=True)
        sys.exit(EXIT_FINDINGS)
    return filing, report


def refuse_to_overwrite(paths: list[Path], force: bool, inputs: Iterable[Path] = ()) -> None:
    """Exit 2, writing nothing, when an output would replace one of the command's ``inputs``
    (whatever the options), or exists and --force was not given."""
    from form4gen.safe_files import lands_on_input

    sources = list(inputs)
    for path in paths:
        source = lands_on_input(path, sources)
        if source is not None:
            _fail(InputError(str(path), [Problem("", f"is the input {source}; an output never replaces its own input (choose another output name)")]))
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        _fail(InputError(str(existing[0]), [Problem("", "exists; not overwritten (use --force)")]))


@main.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--with-ccc", is_flag=True, help="Include each owner's CCC (kept out by default: stdout ends up in logs).")
@click.option("--edgar-fields/--no-edgar-fields", default=None, help="Write the elements EDGAR fills in itself (names, schemaVersion). Default: only for imported XML.")
def xml(input_file: Path, with_ccc: bool, edgar_fields: bool | None) -> None:
    """Print the ownership XML for INPUT (YAML, JSON or XML) to standard output."""
    try:
        filing = _read_filing(input_file, with_ccc=with_ccc)
    except InputError as error:
        _fail(error)
    click.echo(to_xml(filing, edgar_fields=edgar_fields, include_ccc=with_ccc), nl=False)


@main.command(name="import")
@click.argument("xml_file", metavar="FILE.xml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The YAML file to write (default: FILE.yaml beside the input).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_(xml_file: Path, output: Path | None, force: bool) -> None:
    """Turn an EDGAR ownership document into a form4gen YAML input file.

    Footnotes keep their ids as names (F1, F2, ...).  A CCC in the document is not written.
    """
    try:
        filing = parse_xml(xml_file)
    except InputError as error:
        _fail(error)
    target = output or xml_file.with_suffix(".yaml")
    refuse_to_overwrite([target], force, inputs=[xml_file])
    write_atomically(target, filing_to_yaml(filing, source=xml_file.name))
    click.echo(f"wrote {target}")
    if any(owner.ccc for owner in filing.reporting_owners):
        click.echo(f"{xml_file}: note: the document carried a CCC; it was not written to {target}", err=True)


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Files, folders (searched for .yaml, .yml, .json and .xml) and glob patterns."""
    for raw in paths:
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            else:
                yield path


from form4gen import cli_check, cli_prepare, cli_preview  # noqa: E402,F401  (they register their commands)

if __name__ == "__main__":
    # Run as a script (python -m form4gen.cli) this file is __main__, and the check and rules
    # commands were registered on the imported form4gen.cli: use that group.
    
    from form4gen.cli import run as registered_run

    registered_run()
