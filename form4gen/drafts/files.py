"""Reading the user's files without leaving their folder, and writing ours without touching theirs.

- :func:`read_confined` reads a file named in a draft (an attachment) from the draft's folder or
  a configured one: a relative name, resolved without following a link out of the folder, a
  regular file (never a FIFO, a device or a folder), checked for its size before it is read and
  read to at most the limit plus one byte.  What goes into ``submission.xml`` is public once
  filed: a ``../../.ssh/id_rsa`` or a ``poa.txt`` that links to one must never get there.
- :func:`same_file` tells whether an output would land on an input, which no ``--force`` allows.
- :func:`atomic_file`, :func:`write_atomically` and :func:`write_together` write files whole or
  not at all, with the mode open() would give them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import IO, Any

from form4gen.form.errors import InputError, Problem
from form4gen.form.files import FileTooLarge, NotRegularFile, read_bounded


class UnsafeFile(ValueError):
    """A file that may not be read; the message says why and what to do instead."""


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_confined(name: str, folders: Sequence[Path], *, limit: int, what: str = "an attachment") -> bytes:
    """The bytes of ``name``, looked up in each of ``folders`` in turn.

    Raises :class:`UnsafeFile` for an absolute name, a name with ``..``, a link that leads out
    of its folder, anything but a regular file, a file over ``limit`` bytes, or no such file.
    """
    relative = PurePath(name)
    if relative.is_absolute() or name.startswith("~"):
        raise UnsafeFile(f"{name}: {what} is named relative to the draft's folder (write just its file name, e.g. poa.txt), not as an absolute path")
    if ".." in relative.parts:
        raise UnsafeFile(f"{name}: {what} must be inside the draft's folder; '..' leads out of it (copy the file beside the draft)")
    for folder in folders:
        candidate = folder / relative
        if not os.path.lexists(candidate):
            continue
        real, home = os.path.realpath(candidate), os.path.realpath(folder)
        if not _within(real, home):
            raise UnsafeFile(f"{name}: is a link to a file outside {folder}; {what} must be a file inside it (copy the file there instead of linking to it)")
        return _read_regular(real, name, limit=limit, what=what)
    places = " or ".join(str(f) for f in folders) or "the draft's folder"
    raise UnsafeFile(f"cannot read {name}: no such file in {places}")


def _read_regular(path: str, name: str, *, limit: int, what: str) -> bytes:
    try:
        return read_bounded(path, limit, follow_links=False)
    except NotRegularFile:
        raise UnsafeFile(f"{name}: is not a regular file (a folder, FIFO or device); {what} must be an ordinary file") from None
    except FileTooLarge as exc:
        size = f"is {exc.size:,} bytes" if exc.size is not None else f"is over {limit:,} bytes"
        raise UnsafeFile(f"{name}: {size}; {what} may be at most {limit:,} bytes") from None
    except OSError as exc:
        raise UnsafeFile(f"cannot read {name}: {exc.strerror}") from None


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (or one would be written over the other)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        return False
    return os.path.realpath(a) == os.path.realpath(b)


def lands_on_input(output: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that writing ``output`` would replace, if any."""
    return next((p for p in inputs if same_file(output, p)), None)


def holds(folder: Path, path: Path) -> bool:
    """Whether ``path`` lies inside ``folder`` (links resolved)."""
    return _within(os.path.realpath(path), os.path.realpath(folder))


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
    it.  A folder that cannot be written raises :class:`InputError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"cannot write the file: {exc.strerror}")]) from None
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as handle:
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
        raise InputError(str(path), [Problem("", f"cannot write the file: {exc.strerror}; nothing was written")]) from None
    finally:
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)
