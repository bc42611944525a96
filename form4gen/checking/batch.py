"""Checking many files: one file's result (a bug on one file never stops a long run), the task
sent to worker processes, and the runner that yields results in the order of the files however
they were scheduled."""

from __future__ import annotations

import datetime
import gc
import multiprocessing
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import click

from form4gen.checking.engine import check
from form4gen.checking.formats import FileResult, ReportWriter, writer
from form4gen.drafts.load import load
from form4gen.form.errors import InputError, Problem

XML_SUFFIXES = (".xml",)


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
