"""``form4gen check`` and ``form4gen rules``: the validator on the command line.

Exit codes of ``check``: 0 no file has an error; 1 a file has an error (or a warning, with
``--strict``); 2 a file, a setting or an option cannot be used.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import json
import multiprocessing
import os
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import click

from form4gen import rules
from form4gen.check import check
from form4gen.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, XML_SUFFIXES, atomic_file, expand_paths, main
from form4gen.config import Settings, load_settings
from form4gen.errors import InputError, Problem
from form4gen.input_file import load
from form4gen.report_formats import FORMATS, FileResult, ReportWriter, Summary, writer


def _patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select FN,OWN --select DOC`` -> ("FN", "OWN", "DOC")."""
    return tuple(p.strip().upper() for v in values for p in v.split(",") if p.strip())


def _unknown_patterns(patterns: tuple[str, ...]) -> list[str]:
    ids = [r.id for r in rules.all_rules()]
    return [p for p in patterns if not any(rules.matches(i, (p,)) for i in ids)]


def _refuse(message: str) -> None:
    click.echo(f"form4gen: {message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def check_one(
    path: Path,
    *,
    as_of: datetime.date | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    closures: tuple[datetime.date, ...] = (),
) -> FileResult:
    try:
        if path.suffix.lower() in XML_SUFFIXES:
            report = check(path, as_of=as_of, select=select, ignore=ignore, closures=closures)
        else:
            report = check(load(path, with_ccc=False), as_of=as_of, select=select, ignore=ignore, closures=closures)
    except InputError as error:
        return FileResult(str(path), None, error.problems)
    except Exception as error:  # a bug in form4gen: one file of a long run must not stop the rest
        # The error's own text could quote the file (a CCC even): only its type and place are shown.
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = f"form4gen failed on this file ({type(error).__name__} in {Path(where.filename).name}, line {where.lineno}); please report it"
        return FileResult(str(path), None, [Problem("", message)])
    report.source = str(path)
    return FileResult(str(path), report)


@main.command(name="check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge by the rules in force on this date (default: today for drafts, the signature date for XML).")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules: IDs or prefixes, comma-separated (FN,OWN-DUP).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules: IDs or prefixes, comma-separated.")
@click.option("--strict/--no-strict", default=None, help="Warnings fail the run too (exit code 1).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Settings file (default: form4gen.toml or [tool.form4gen] in pyproject.toml, searched upwards).")
@click.option("--color/--no-color", default=None, help="Colour the text format (default: when writing to a terminal).")
@click.option("--show-fixes", is_flag=True, help="Text format: print each rule's fix under its finding.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Check files in this many processes (default: the number of cores).")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file (replaced whole at the end of the run) instead of standard output.")
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
    try:
        settings = load_settings(config_path) if config_path else load_settings()
    except InputError as error:
        click.echo(error.render(), err=True)
        sys.exit(EXIT_UNUSABLE)
    from_file = _unknown_patterns(tuple(p.upper() for p in settings.select + settings.ignore))
    if from_file:
        _refuse(f"{settings.path}: no rule ID or prefix {', '.join(from_file)} (form4gen rules lists them)")
    chosen_select = _patterns(select) or tuple(p.upper() for p in settings.select)
    chosen_ignore = _patterns(ignore) + tuple(p.upper() for p in settings.ignore)
    unknown = _unknown_patterns(chosen_select + chosen_ignore)
    if unknown:
        _refuse(f"no rule ID or prefix {', '.join(unknown)} (form4gen rules lists them)")
    output = fmt or settings.format or "text"
    if output not in FORMATS:
        _refuse(f"{settings.path}: format {output!r} is not one of {', '.join(FORMATS)}")
    is_strict = settings.strict if strict is None else strict

    files = [str(p) for p in expand_paths(_with_stdin(paths))]
    if not files:
        _refuse("no filing found in " + " ".join(paths))
    if output_file is not None:
        _refuse_output(output_file, files, force=force)
    to_terminal = output_file is None and sys.stdout.isatty()
    use_color = (to_terminal if color is None else color) and output == "text"
    options = (("color", use_color), ("show_fixes", show_fixes)) if output == "text" else (("strict", is_strict),)
    report = writer(output, **dict(options))
    # each worker writes its files' parts of the report; this process only joins them
    task = CheckTask(as_of.date() if as_of else None, chosen_select, chosen_ignore, settings.closures, (output, options))
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
    from form4gen.safe_files import lands_on_input

    checked = lands_on_input(output_file, (Path(f) for f in files))
    if checked is not None:
        _refuse(f"-o {output_file}: is one of the files checked ({checked}); write the report elsewhere (e.g. -o check-report.txt outside the folders checked)")
    if (output_file.exists() or output_file.is_symlink()) and not force:
        _refuse(f"-o {output_file}: exists; not replaced (use --force to replace it)")
    if output_file.is_dir():
        _refuse(f"-o {output_file}: is a folder; name a file for the report")


@dataclass(frozen=True)
class CheckTask:
    """What every file is checked with (sent to the worker processes)."""

    as_of: datetime.date | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    closures: tuple[datetime.date, ...]
    # The report's format and options: the file's part of the report is written with its result.
    report: tuple[str, tuple[tuple[str, object], ...]] | None = None

    def __call__(self, path: str) -> FileResult:
        result = check_one(Path(path), as_of=self.as_of, select=self.select, ignore=self.ignore, closures=self.closures)
        if self.report is not None:
            result.rendered = _part_writer(self.report).part(result)
        return result


@lru_cache(maxsize=8)
def _part_writer(report: tuple[str, tuple[tuple[str, object], ...]]) -> ReportWriter:
    """The writer a process renders files' parts with (one per format and options)."""
    fmt, options = report
    return writer(fmt, **dict(options))


def _with_stdin(paths: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for path in paths:
        if path == "-":
            out.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            out.append(path)
    return out


@contextmanager
def _report_sink(path: Path | None, *, color: bool) -> Iterator[Callable[[str], None]]:
    """Where the report goes, a part at a time: standard output, or a temporary file beside
    ``path`` that replaces it only once the run has finished (never a half-written report)."""
    if path is None:
        yield lambda text: click.echo(text, nl=False, color=color)
        return
    with atomic_file(path) as handle:
        yield handle.write


def iter_checks(files: list[str], task: CheckTask, jobs: int, *, progress: bool = False) -> Iterator[FileResult]:
    """Check the files, in ``jobs`` processes when there are enough of them, yielding each
    result in the order of ``files`` however the work was scheduled (nothing is held beyond
    the results that arrive early).  ``progress``: a progress bar on standard error (the
    command shows one on a terminal when the report goes elsewhere, for 50 files or more)."""
    workers = min(jobs, max(1, len(files) // 4))
    _process_ready()  # before the fork: the workers share the frozen objects' pages
    pool = None
    if workers <= 1:
        results: Iterator[FileResult] = map(task, files)
    else:
        pool = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(workers, _worker_ready)
        results = pool.imap(task, files, chunksize=max(1, min(128, len(files) // (workers * 8))))  # big chunks: less work for this process
    try:
        if progress:
            with click.progressbar(results, length=len(files), label="checking", file=sys.stderr) as bar:
                yield from bar
        else:
            yield from results
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()


def _process_ready() -> None:
    """Before a long run: what is loaded now (schemas, rules, modules) lives as long as the
    process, so the garbage collector is told not to scan it again and again."""
    gc.collect()
    gc.freeze()


def _worker_ready() -> None:
    _process_ready()


def exit_code(summary: Summary, *, strict: bool) -> int:
    if summary.unusable:
        return EXIT_UNUSABLE
    if summary.errors or (strict and summary.warnings):
        return EXIT_FINDINGS
    return EXIT_OK


def _explain(rule: rules.Rule) -> str:
    lines = [
        f"{rule.id} ({rule.severity}): {rule.title}",
        "",
        rule.description,
        "",
        f"Fix: {rule.fix}",
        f"Source: {rule.source}",
        f"In force: {rule.in_force_text}",
        "Checks: " + {"filing": "the filing (any input)", "xml": "how an XML file is written (XML input only)", "schema": "the XML (XML input, and the XML a draft makes)"}[rule.kind],
    ]
    for example in rule.examples:
        lines += ["", f"{'Fails' if example.verdict == 'fails' else 'Passes'}:", *("    " + line for line in example.text.splitlines())]
    if any(e.language == "yaml" for e in rule.examples):
        lines += ["", "(The examples are parts of an input file, merged into the small Form 4 that", " form4gen rules --base prints.)"]
    return "\n".join(lines) + "\n"


def _as_data(rule: rules.Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "severity": rule.severity,
        "title": rule.title,
        "description": rule.description,
        "fix": rule.fix,
        "source": rule.source,
        "since": rule.since.isoformat() if rule.since else None,
        "until": rule.until.isoformat() if rule.until else None,
        "applies_to": rule.kind,
        "examples": [{"verdict": e.verdict, "language": e.language, "text": e.text} for e in rule.examples],
    }


@main.command(name="rules")
@click.argument("rule_id", required=False, metavar="[ID]")
@click.option("--base", is_flag=True, help="Print the Form 4 input file that the rules' examples change.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: the catalogue as data (id, severity, title, fix, source, since, until, applies_to).")
def rules_command(rule_id: str | None, base: bool, fmt: str) -> None:
    """List the rule catalogue, or explain one rule (what it checks, why, examples, fix, source)."""
    if base:
        from form4gen.rules.examples import BASE

        click.echo(BASE, nl=False)
        return
    if fmt == "json":
        chosen = rules.all_rules() if rule_id is None else [r for r in [rules.get(rule_id)] if r is not None]
        if not chosen:
            _refuse(f"no rule {rule_id!r}")
        click.echo(json.dumps([_as_data(r) for r in chosen], indent=2, ensure_ascii=False))
        return
    if rule_id is None:
        catalogue = rules.all_rules()
        for rule in catalogue:
            since = f"since {rule.since}" if rule.since else ""
            click.echo(f"{rule.id:<16} {rule.severity:<8} {since:<17} {rule.title}")
        click.echo(f"{len(catalogue)} rules; form4gen rules ID explains one.")
        return
    rule = rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), [r.id for r in rules.all_rules()], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        _refuse(f"no rule {rule_id!r}{hint}")
        return
    click.echo(_explain(rule), nl=False)


__all__ = ["check_command", "rules_command", "exit_code", "Settings", "Problem"]
