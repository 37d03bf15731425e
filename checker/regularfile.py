"""Reading a file the checker was pointed at, never more than it asked for and never from a
device or a FIFO: /dev/zero never ends, a FIFO without a writer never answers."""

from __future__ import annotations

import os
import stat

_SPECIAL_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """A path that is not a regular file, or one larger than allowed; str() says which."""


def special_kind(mode: int) -> str | None:
    """"a FIFO", "a directory"...: what a file of this mode is, None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")


def _refuse_special(mode: int) -> None:
    kind = special_kind(mode)
    if kind is not None:
        raise NotRegularFile(f"not a regular file ({kind})")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. NotRegularFile for anything else
    (checked before opening, and again on the open file); other OSErrors as they come."""
    _refuse_special(os.stat(path).st_mode)
    # O_NONBLOCK: should the path become a FIFO after the check, opening does not block.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _refuse_special(os.fstat(handle.fileno()).st_mode)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotRegularFile(f"file is too large (the limit is {limit:,} bytes)")
    return data
