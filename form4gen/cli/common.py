"""What every command shares: exit codes, the input suffixes, how a failure becomes a message,
reading an input, printing findings, refusing to write over files, expanding paths.

Exit codes: 0 fine, 1 findings at error level, 2 unusable input (a message names the file, the
field or XML line, and what was expected; never a traceback), 130 and 143 when interrupted.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from form4gen.drafts import JSON_SUFFIXES, YAML_SUFFIXES
from form4gen.form.errors import InputError, Problem

if TYPE_CHECKING:
    from form4gen.checking.engine import Report
    from form4gen.form.models import Filing

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
XML_SUFFIXES = (".xml",)
INPUT_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES + XML_SUFFIXES
ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def fail(error: InputError) -> NoReturn:
    """Print the message and exit 2."""
    click.echo(error.render(), err=True)
    sys.exit(EXIT_UNUSABLE)


def refuse(message: str) -> NoReturn:
    click.echo(f"form4gen: {message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def read_filing(path: Path, *, with_ccc: bool) -> Filing:
    from form4gen.workspace.drafts import load_draft  # a draft in a workspace may name profiles
    from form4gen.xml.read import parse_xml

    if path.suffix.lower() in XML_SUFFIXES:
        return parse_xml(path)
    return load_draft(path, with_ccc=with_ccc)


def print_report(report: Report) -> None:
    """Findings as ``file:line: severity: RULE: message [location]``."""
    for f in report.findings:
        where = f"{report.source}:{f.line}" if f.line else report.source
        location = f" [{f.location}]" if f.location else ""
        click.echo(f"{where}: {f.severity}: {f.rule}: {f.message}{location}")


def load_and_check(input_file: Path, *, force: bool, refusal: str) -> tuple[Filing, Report]:
    """Load a draft (exit 2 if unusable), print its findings, and stop (exit 1) on error-level
    findings unless ``force``."""
    from form4gen.checking.engine import check
    from form4gen.workspace.drafts import load_draft  # a draft in a workspace may name profiles

    try:
        filing = load_draft(input_file, with_ccc=False)
    except InputError as error:
        fail(error)
    report = check(filing)
    print_report(report)
    if report.errors and not force:
        click.echo(f"{input_file}: {refusal}: {len(report.errors)} error(s)", err=True)
        sys.exit(EXIT_FINDINGS)
    return filing, report


def refuse_to_overwrite(paths: list[Path], force: bool, inputs: Iterable[Path] = ()) -> None:
    """Exit 2, writing nothing, when an output would replace one of the command's ``inputs``
    (whatever the options), or exists and --force was not given."""
    from form4gen.drafts.files import lands_on_input

    sources = list(inputs)
    for path in paths:
        source = lands_on_input(path, sources)
        if source is not None:
            fail(InputError(str(path), [Problem("", f"is the input {source}; an output never replaces its own input (choose another output name)")]))
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        fail(InputError(str(existing[0]), [Problem("", "exists; not overwritten (use --force)")]))


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
