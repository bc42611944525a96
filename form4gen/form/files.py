"""How form4gen reads any file it is given: only a regular file, its kind and size taken from the
open descriptor before anything is read, and at most the limit plus one byte read.  A FIFO is
opened without waiting for a writer and never read; /dev/zero is never read at all; a file that
grows while it is read is refused.  Each reader (XML documents, drafts, attachments) turns the
exceptions below into its own message."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind  # "a folder", "a FIFO (named pipe)", ...


class FileTooLarge(Exception):
    def __init__(self, size: int | None, limit: int):
        super().__init__(size, limit)
        self.size = size  # None: it grew past the limit while being read
        self.limit = limit


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, such as /dev/zero"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: str | Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.  Raises
    :class:`NotRegularFile`, :class:`FileTooLarge` or :class:`OSError`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(kind_of(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLarge(None, limit)
    return data
