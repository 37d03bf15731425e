"""Writing a file whole or not at all: reports, list files and fixed articles.

- A regular file is written to a temporary file beside it, flushed, then renamed over it, so a
  reader never sees half a file and a failed run leaves the old one in place. An existing
  file keeps its permissions; a new one gets the usual ones (0666 less the umask).
- A character device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written in place: a
  rename would replace the device with a regular file.
- Anything else that exists (a folder, a socket) is refused.
- The temporary file is removed when the write fails, is interrupted (Ctrl-C), or the process
  is asked to stop (SIGTERM, SIGHUP) while writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any, TextIO, cast


class WriteError(OSError):
    """A target that cannot be written safely."""


def write_atomic(path: str | Path, text: str) -> None:
    with open_atomic(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def open_atomic(path: str | Path) -> Iterator[TextIO]:
    """A text handle on `path`, written as the caller goes and put in place whole when the
    `with` block ends without an exception (a report streamed as the run goes)."""
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise WriteError(error.errno, error.strerror, str(target)) from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        with _open_in_place(target) as handle:
            yield handle
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise WriteError(f"{target}: not a regular file, a device or a pipe; refusing to replace it")
    with _replacing(target, mode, binary=False) as handle:
        yield cast(TextIO, handle)


def write_atomic_bytes(path: str | Path, data: bytes) -> None:
    """Bytes written whole or not at all, over a regular file or as a new one (a fixed article:
    its bytes as given, not re-encoded)."""
    target = Path(path)
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise WriteError(f"{target}: not a regular file; refusing to replace it")
    with _replacing(target, mode, binary=True) as handle:
        handle.write(data)


@contextlib.contextmanager
def _replacing(target: Path, mode: int | None, binary: bool) -> Iterator[IO[Any]]:
    """A temporary file beside `target`, renamed over it (keeping its permissions) when the
    `with` block ends without an exception, removed otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _stop_signals_raise():
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def _open_in_place(target: Path) -> TextIO:
    """A device or a FIFO, written as it is. A FIFO nobody reads is refused rather than waited
    for: opening it without O_NONBLOCK would block the run for ever."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteError(error.errno, "a FIFO with no reader", str(target)) from None
        raise
    os.set_blocking(descriptor, True)  # a reader is there: let it take the report at its pace
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Stopped(SystemExit):
    """Raised inside a write when the process is asked to stop, so the cleanup runs."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped(128 + signum)


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP end the write with an exception (and the process with 128 + signal)
    rather than killing it where it stands, leaving a temporary file behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {}
    for signum in wanted:
        current = signal.getsignal(signum)
        if current in (signal.SIG_DFL, None):  # only where the default would kill us on the spot
            previous[signum] = signal.signal(signum, _raise_stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
