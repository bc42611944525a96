"""``form4gen check``: the validator on the command line.

Exit codes: 0 no file has an error; 1 a file has an error (or a warning, with ``--strict``);
2 a file, a setting or an option cannot be used.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from form4gen.checking import FORMATS
from form4gen.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, expand_paths, fail, refuse
from form4gen.form.errors import InputError

if TYPE_CHECKING:
    from form4gen.checking.formats import Summary
    from form4gen.form.models import Filing


def _load_draft(path: Path) -> Filing:
    """A draft, which may name a workspace's profiles by key (the workspace's loader is
    imported for the first draft: checking XML alone does not need it)."""
    from form4gen.workspace.drafts import load_draft

    return load_draft(path)


def _patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select FN,OWN --select DOC`` -> ("FN", "OWN", "DOC")."""
    return tuple(p.strip().upper() for v in values for p in v.split(",") if p.strip())


def _unknown_patterns(patterns: tuple[str, ...]) -> list[str]:
    ids = [r.id for r in _catalogue().all_rules()]
    return [p for p in patterns if not any(_catalogue().matches(i, (p,)) for i in ids)]


def _catalogue():
    from form4gen import rules

    return rules


@click.command(name="check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge by the rules in force on this date (default: today for drafts, the signature date for XML).",
)
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules: IDs or prefixes, comma-separated (FN,OWN-DUP).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules: IDs or prefixes, comma-separated.")
@click.option("--strict/--no-strict", default=None, help="Warnings fail the run too (exit code 1).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: form4gen.toml or [tool.form4gen] in pyproject.toml, searched upwards).",
)
@click.option("--color/--no-color", default=None, help="Colour the text format (default: when writing to a terminal).")
@click.option("--show-fixes", is_flag=True, help="Text format: print each rule's fix under its finding.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Check files in this many processes (default: the number of cores).")
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (replaced whole at the end of the run) instead of standard output.",
)
@click.option("--timing/--no-timing", default=None, help="Print the summary line with seconds and files per second on standard error (default: on a terminal).")
@click.option("--force", is_flag=True, help="Replace the -o file if it exists (never one of the files checked).")
def check_command(
    paths: tuple[str, ...],
    as_of: datetime.datetime | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    fmt: str | None,
    config_path: Path | None,
    color: bool | None,
    show_fixes: bool,
    jobs: int | None,
    output_file: Path | None,
    timing: bool | None,
    force: bool,
) -> None:
    """Check filings: YAML, JSON or XML files, folders and glob patterns; "-" reads a list of
    paths from standard input, one per line.

    Every file gets one report: schema conformance and the rule catalogue together
    (form4gen rules lists it).  Exit code 0 when no file has an error, 1 when one has (or a
    warning, with --strict), 2 when a file or a setting cannot be used.
    """
    from form4gen.checking.batch import CheckTask, iter_checks
    from form4gen.checking.formats import writer
    from form4gen.checking.settings import load_settings

    try:
        settings = load_settings(config_path) if config_path else load_settings()
    except InputError as error:
        fail(error)
    from_file = _unknown_patterns(tuple(p.upper() for p in settings.select + settings.ignore))
    if from_file:
        refuse(f"{settings.path}: no rule ID or prefix {', '.join(from_file)} (form4gen rules lists them)")
    chosen_select = _patterns(select) or tuple(p.upper() for p in settings.select)
    chosen_ignore = _patterns(ignore) + tuple(p.upper() for p in settings.ignore)
    unknown = _unknown_patterns(chosen_select + chosen_ignore)
    if unknown:
        refuse(f"no rule ID or prefix {', '.join(unknown)} (form4gen rules lists them)")
    output = fmt or settings.format or "text"
    if output not in FORMATS:
        refuse(f"{settings.path}: format {output!r} is not one of {', '.join(FORMATS)}")
    is_strict = settings.strict if strict is None else strict
    if settings.path is not None:  # a settings file changes which rules run: say which one
        click.echo(f"form4gen: settings from {settings.path}", err=True)

    files = [str(p) for p in expand_paths(_with_stdin(paths))]
    if not files:
        refuse("no filing found in " + " ".join(paths))
    if output_file is not None:
        _refuse_output(output_file, files, force=force)
    to_terminal = output_file is None and sys.stdout.isatty()
    use_color = (to_terminal if color is None else color) and output == "text"
    options = (("color", use_color), ("show_fixes", show_fixes)) if output == "text" else (("strict", is_strict),)
    report = writer(output, **dict(options))
    # each worker writes its files' parts of the report; this process only joins them
    task = CheckTask(as_of.date() if as_of else None, chosen_select, chosen_ignore, settings.closures, (output, options), loader=_load_draft)
    progress = sys.stderr.isatty() and not to_terminal and len(files) >= 50
    started = time.monotonic()
    with _report_sink(output_file, color=use_color) as write:
        write(report.head())
        for result in iter_checks(files, task, jobs or os.cpu_count() or 1, progress=progress):  # a file at a time
            write(report.file(result))
        write(report.tail())
    elapsed = max(time.monotonic() - started, 1e-6)
    summary = report.summary
    if timing or (timing is None and sys.stderr.isatty()):  # on stderr: stdout stays the same run to run
        click.echo(f"{summary.sentence()} in {elapsed:.1f} s ({summary.files / elapsed:.0f} files/s)", err=True)
    sys.exit(exit_code(summary, strict=is_strict))


def _refuse_output(output_file: Path, files: list[str], *, force: bool) -> None:
    """The report never replaces a file being checked, and replaces another only with --force."""
    from form4gen.drafts.files import lands_on_input

    checked = lands_on_input(output_file, (Path(f) for f in files))
    if checked is not None:
        refuse(f"-o {output_file}: is one of the files checked ({checked}); write the report elsewhere (e.g. -o check-report.txt outside the folders checked)")
    if (output_file.exists() or output_file.is_symlink()) and not force:
        refuse(f"-o {output_file}: exists; not replaced (use --force to replace it)")
    if output_file.is_dir():
        refuse(f"-o {output_file}: is a folder; name a file for the report")


def _with_stdin(paths: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for path in paths:
        if path == "-":
            out.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            out.append(path)
    return out


@contextmanager
def _report_sink(path: Path | None, *, color: bool) -> Iterator[Callable[[str], object]]:
    """Where the report goes, a part at a time: standard output, or a temporary file beside
    ``path`` that replaces it only once the run has finished (never a half-written report)."""
    if path is None:
        yield lambda text: click.echo(text, nl=False, color=color)
        return
    from form4gen.drafts.files import atomic_file

    with atomic_file(path) as handle:
        yield handle.write


def exit_code(summary: Summary, *, strict: bool) -> int:
    if summary.unusable:
        return EXIT_UNUSABLE
    if summary.errors or (strict and summary.warnings):
        return EXIT_FINDINGS
    return EXIT_OK
