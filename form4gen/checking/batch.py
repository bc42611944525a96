"""Checking many files: one file's result (a bug on one file never stops a long run), the task
sent to worker processes, and the runner that yields results in the order of the files however
they were scheduled.

No file stops the run: a file that takes more than ``FILE_TIME_LIMIT`` seconds is reported as
unusable, and a worker process that dies (the system's out-of-memory killer) makes the files it
had not finished unusable instead of leaving the run waiting for it."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import multiprocessing
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import click

from form4gen.checking.engine import check
from form4gen.checking.formats import FileResult, ReportWriter, writer
from form4gen.form.errors import InputError, Problem

if TYPE_CHECKING:
    from form4gen.form.models import Filing

XML_SUFFIXES = (".xml",)

# Seconds one file may take before it is reported as unusable (tests set a smaller one).
FILE_TIME_LIMIT: float = 60.0


class _TookTooLong(BaseException):
    """Raised in a file's check when its time is up (a BaseException: ``check_one``'s net for
    form4gen's own bugs must not catch it)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise _TookTooLong in the block after ``seconds`` (a SIGALRM timer; where there is no
    such timer, or off the main thread, the block runs unbounded)."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def expire(_signum: int, _frame: object) -> None:
        if armed[0]:
            raise _TookTooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False  # a timer that fires from here on does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _unusable(path: str, message: str) -> FileResult:
    return FileResult(path, None, [Problem("", message)])


def check_one(
    path: Path,
    *,
    as_of: datetime.date | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    closures: tuple[datetime.date, ...] = (),
    loader: Callable[[Path], Filing] | None = None,
) -> FileResult:
    """One file's result.  ``loader`` reads a draft (default: ``drafts.load.load`` without the
    CCC); the CLI passes one that resolves workspace profiles, which this layer cannot import."""
    try:
        if path.suffix.lower() in XML_SUFFIXES:
            report = check(path, as_of=as_of, select=select, ignore=ignore, closures=closures)
        else:
            from form4gen.drafts.load import load  # loaded for the first draft, not for XML

            filing = loader(path) if loader is not None else load(path, with_ccc=False)
            report = check(filing, as_of=as_of, select=select, ignore=ignore, closures=closures)
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
    # Seconds a file may take (None: FILE_TIME_LIMIT as it is when the file is checked).
    time_limit: float | None = None
    # How a draft is read (a module-level function, sent to the workers; None: check_one's default).
    loader: Callable[[Path], Filing] | None = None

    def __call__(self, path: str) -> FileResult:
        limit = FILE_TIME_LIMIT if self.time_limit is None else self.time_limit
        try:
            with _time_limit(limit):
                result = check_one(Path(path), as_of=self.as_of, select=self.select, ignore=self.ignore, closures=self.closures, loader=self.loader)
        except _TookTooLong:
            result = _unusable(path, _took_too_long(limit))
        if self.report is not None:
            result.rendered = _part_writer(self.report).part(result)
        return result


@lru_cache(maxsize=8)
def _part_writer(report: tuple[str, tuple[tuple[str, object], ...]]) -> ReportWriter:
    """The writer a process renders files' parts with (one per format and options)."""
    fmt, options = report
    return writer(fmt, **dict(options))


def _took_too_long(limit: float) -> str:
    return f"took more than {limit:g} s to check, so it was stopped and not checked; check it alone (form4gen check FILE) to see why"


_WORKER_DIED = (
    "not checked: the worker process checking it stopped (killed by the system, perhaps for lack of memory) "
    "before it finished this file or one checked with it; check it again alone (form4gen check FILE --jobs 1)"
)


def _check_chunk(task: CheckTask, paths: list[str]) -> list[FileResult]:
    """A worker's share: a few files, checked one after the other."""
    return [task(path) for path in paths]


def iter_checks(files: list[str], task: CheckTask, jobs: int, *, progress: bool = False) -> Iterator[FileResult]:
    """Check the files, in ``jobs`` processes when there are enough of them, yielding each
    result in the order of ``files`` however the work was scheduled (nothing is held beyond
    the results that arrive early).  ``progress``: a progress bar on standard error (the
    command shows one on a terminal when the report goes elsewhere, for 50 files or more).

    Every file gets a result: one over the time limit is unusable ("took more than N s"), and
    if a worker process dies, the files not checked are unusable and the run goes on to its end."""
    if task.time_limit is None:  # the limit in force now, for the workers too
        task = dataclasses.replace(task, time_limit=FILE_TIME_LIMIT)
    workers = min(jobs, max(1, len(files) // 4))
    _process_ready()  # before the fork: the workers share the frozen objects' pages
    if workers <= 1:
        results: Iterator[FileResult] = map(task, files)
    else:
        results = _in_workers(files, task, workers, chunksize=max(1, min(128, len(files) // (workers * 8))))  # big chunks: less work for this process
    if progress:
        with click.progressbar(results, length=len(files), label="checking", file=sys.stderr) as bar:
            yield from bar
    else:
        yield from results


def _in_workers(files: list[str], task: CheckTask, workers: int, *, chunksize: int) -> Iterator[FileResult]:
    """The results of ``files`` checked in chunks by ``workers`` processes, in file order.  A few
    chunks per worker are in flight at a time (the results that arrive early wait here)."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_ready)
    chunks = [files[i : i + chunksize] for i in range(0, len(files), chunksize)]
    pending: deque[tuple[list[str], Future[list[FileResult]]]] = deque()
    submitted = 0
    broken = False
    clean = False
    try:
        while submitted < len(chunks) or pending:
            while not broken and submitted < len(chunks) and len(pending) < workers * 3:
                try:
                    pending.append((chunks[submitted], executor.submit(_check_chunk, task, chunks[submitted])))
                except BrokenProcessPool:
                    broken = True
                    break
                submitted += 1
            if not pending:  # the pool broke before these were sent
                for paths in chunks[submitted:]:
                    for path in paths:
                        yield _unusable(path, _WORKER_DIED)
                break
            paths, future = pending.popleft()
            try:
                chunk_results = _result(future, paths, executor, task.time_limit or FILE_TIME_LIMIT)
            except BrokenProcessPool:
                broken = True
                chunk_results = [_unusable(path, _WORKER_DIED) for path in paths]
            except Exception as error:  # the chunk's results could not come back (a bug in form4gen)
                message = f"form4gen failed on this file ({type(error).__name__} between processes); please report it"
                chunk_results = [_unusable(path, message) for path in paths]
            del future
            yield from chunk_results
        clean = True
    finally:
        if not clean:  # stopped early (interrupted, or the consumer gave up): no waiting for workers
            _stop_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[FileResult]], paths: list[str], executor: ProcessPoolExecutor, limit: float) -> list[FileResult]:
    """The chunk's results.  Each file is stopped at its time limit inside the worker; should a
    worker still not answer (stuck where the timer cannot reach it), the workers are stopped
    once the chunk has been running for twice the time all its files may take, and the pool
    reports itself broken."""
    running_since: float | None = None
    patience = 2 * limit * (len(paths) + 1)
    while True:
        try:
            return future.result(timeout=min(5.0, limit))
        except TimeoutError:
            pass
        if running_since is None and future.running():
            running_since = time.monotonic()
        if running_since is not None and time.monotonic() - running_since > patience:
            _stop_workers(executor)
            try:
                return future.result(timeout=60)
            except (BrokenProcessPool, TimeoutError):
                return [_unusable(path, _took_too_long(limit)) for path in paths]


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the executor's worker processes (there is no public way to)."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()


def _process_ready() -> None:
    """Before a long run: what is loaded now (schemas, rules, modules) lives as long as the
    process, so the garbage collector is told not to scan it again and again."""
    gc.collect()
    gc.freeze()


def _worker_ready() -> None:
    _process_ready()
