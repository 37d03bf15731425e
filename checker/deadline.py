"""A time limit on checking one document (`limits.max-seconds`).

Every stage is linear and the size limits bound the input, so the limit is a last guard, not
the normal way out. It is kept with the process's interval timer (SIGALRM), so it holds where
that timer is ours to use: on POSIX, in the main thread, and when nothing else (pytest-timeout,
a host application) has claimed the signal. Elsewhere documents run unbounded in time, as
before. The timer interrupts Python code between bytecodes; one call into C (a parser, a
regular expression) finishes first.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from checker.errors import InputError


class _Expired(Exception):
    pass


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired


def _timer_is_ours() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )


@contextmanager
def deadline(seconds: float, path: str) -> Iterator[None]:
    """Run the block for at most `seconds`; past them, InputError naming the file and the limit."""
    if not _timer_is_ours():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        unit = "second" if seconds == 1 else "seconds"
        why = f"checking took too long (the limit is {seconds:g} {unit}: limits.max-seconds)"
        raise InputError(path, why) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
