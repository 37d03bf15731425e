"""A progress bar on standard error for long runs: only on a terminal, never in a pipe or a
CI log, and cleared when done so the report and the summary line stand alone."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from checker.printable import printable

MIN_FILES = 10  # fewer files finish before a bar would help


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None, interval: float = 0.1):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.interval = interval
        self._last = 0.0
        self._drawn = False
        if enabled is None:
            enabled = total >= MIN_FILES and _is_terminal(self.stream)
        self.enabled = enabled

    def advance(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.interval and self.done < self.total:
            return
        self._last = now
        self._draw(label)

    def _draw(self, label: str) -> None:
        width = max(shutil.get_terminal_size((80, 24)).columns, 40)
        count = f"{self.done}/{self.total}"
        bar_width = max(min(30, width // 4), 10)
        filled = bar_width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (bar_width - filled)
        head = f"checking [{bar}] {count} "
        room = width - len(head) - 1
        label = printable(label)
        if len(label) > room:
            label = "…" + label[-(room - 1):] if room > 1 else ""
        self.stream.write("\r" + head + label + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
