"""Writing a package folder whole or not at all, and never over the user's files.

A package is built in a private temporary folder beside OUTDIR (mode 0700; ``submission.xml``
created 0600 from its first byte, since it holds the CCC) and moved into place by one rename:
``renameat2(RENAME_NOREPLACE)`` for a new folder, so that a folder that appeared meanwhile is
never replaced, and ``renameat2(RENAME_EXCHANGE)`` to swap a package in for the old one.  A lock
beside OUTDIR lets only one run write it at a time; the run that holds it removes what killed
runs left behind.

An existing OUTDIR is replaced only when asked (``--replace``) and only when it is a package
form4gen wrote: a folder of regular files, every one of them named in its ``manifest.json``,
and not the folder of the input.  Anything else is the user's, and is never touched.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from form4gen.drafts.files import holds

PRIVATE_FILES = frozenset({"submission.xml"})
_TEMP, _OLD, _LOCK = "form4gen-tmp-", "form4gen-old-", "form4gen-lock"
_AT_FDCWD, _NOREPLACE, _EXCHANGE = -100, 1, 2


class PackageFolderError(Exception):
    """OUTDIR cannot be written; the message says why and what to do instead."""


def _renameat2(source: Path, target: Path, flags: int) -> bool:
    """True when done; False where the system has no renameat2 (the caller falls back)."""
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if call(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(target))


def why_not_replaceable(outdir: Path, inputs: Sequence[Path]) -> str | None:
    """None when OUTDIR is a package form4gen wrote that may be replaced; else the reason."""
    if outdir.is_symlink():
        return "is a link; name the folder itself"
    if not outdir.is_dir():
        return "exists and is not a folder"
    for path in inputs:
        if holds(outdir, path):
            return f"holds the input {path}; a package is never written over its own input's folder (choose another -o, e.g. -o package)"
    try:
        listed = {entry["name"] for entry in json.loads((outdir / "manifest.json").read_text("utf-8"))["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return "is not a package form4gen wrote (it has no readable manifest.json); only such a folder is replaced"
    foreign = sorted(p.name for p in outdir.iterdir() if p.name != "manifest.json" and (p.name not in listed or p.is_symlink() or not p.is_file()))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        return f"holds files form4gen did not write ({shown}); it is not replaced (move them, or choose another -o)"
    return None


@contextmanager
def _lock(outdir: Path) -> Iterator[None]:
    path = outdir.parent / f".{outdir.name}.{_LOCK}"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise PackageFolderError("another form4gen package run is writing this folder; wait for it to end and run again") from None
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break  # the lock file is still the one in the folder
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _clean_leftovers(outdir: Path) -> None:
    """Remove the temporary folders of runs that were killed (the lock says none is running)."""
    for stale in outdir.parent.glob(f".{outdir.name}.form4gen-*-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _write(folder: Path, files: Mapping[str, bytes], mode: int) -> None:
    for name, data in files.items():
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if name in PRIVATE_FILES else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if name not in PRIVATE_FILES:
            os.chmod(folder / name, mode)


def write_package(outdir: Path, files: Mapping[str, bytes], *, replace: bool, inputs: Sequence[Path], mode: int) -> None:
    """Write ``files`` as the folder ``outdir``, whole or not at all (see the module docstring)."""
    if outdir.is_symlink() and not outdir.exists():
        raise PackageFolderError("is a link to nothing; name a folder to create")
    for path in inputs:
        if holds(outdir, path):
            raise PackageFolderError(f"holds the input {path}; a package is never written over its own input's folder (choose another -o, e.g. -o package)")
    if outdir.exists() and not replace:
        raise PackageFolderError("exists; not replaced (use --replace to replace a package form4gen wrote; --force only writes despite error findings)")
    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
        with _lock(outdir):
            _clean_leftovers(outdir)
            if outdir.exists() or outdir.is_symlink():
                reason = why_not_replaceable(outdir, inputs)
                if reason:
                    raise PackageFolderError(reason)
            work = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.{_TEMP}", dir=outdir.parent))
            try:
                _write(work, files, mode)
                _move_into_place(work, outdir)
            finally:
                shutil.rmtree(work, ignore_errors=True)  # after a swap it holds the old package
    except OSError as exc:
        raise PackageFolderError(f"cannot write the folder: {exc.strerror or exc}") from None


def _move_into_place(work: Path, outdir: Path) -> None:
    if not outdir.exists():
        if not _renameat2(work, outdir, _NOREPLACE):
            os.mkdir(outdir)  # no renameat2: claim the name first, then move the files in
            for child in work.iterdir():
                os.rename(child, outdir / child.name)
            os.chmod(outdir, 0o700)
        return
    if _renameat2(work, outdir, _EXCHANGE):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.{_OLD}", dir=outdir.parent))
    os.rename(outdir, old / outdir.name)
    os.rename(work, outdir)
    shutil.rmtree(old, ignore_errors=True)
