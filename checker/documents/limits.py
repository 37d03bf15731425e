"""What one document may cost. Past a limit the document is refused with a one-line
`InputError` naming the file and the limit, never truncated silently.

Every stage is linear in the input, so the size limits bound the time and memory one document
can take; `max_seconds` guards the rest (see checker/deadline.py). Callers may pass other
`Limits` to `load_path` / `load_bytes` and to the session.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.errors import InputError

# 4 MiB: a heavy news page with inline scripts is 1-2 MB; Markdown articles are under 100 KB.
MAX_INPUT_BYTES = 4 * 1024 * 1024
# 50,000 blocks (paragraphs, headings, list items, table cells...): real articles have a few
# hundred, a long page with comments a few thousand.
MAX_BLOCKS = 50_000
# 30 seconds: a heavy page is checked in well under a second.
MAX_SECONDS = 30

# Block-level start tags and blank-line gaps: cheap counts before parsing, so a page of a
# million paragraphs is refused before it costs a million parser objects.
_HTML_BLOCK_START = re.compile(
    r"<(?:p|div|li|td|th|tr|h[1-6]|dt|dd|blockquote|pre|section|article|option|figcaption)(?=[\s/>])", re.I
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


class Limits(NamedTuple):
    max_input_bytes: int = MAX_INPUT_BYTES
    max_blocks: int = MAX_BLOCKS
    max_seconds: int = MAX_SECONDS

    def as_dict(self) -> dict[str, int]:
        """As the configuration writes them: `max-input-bytes`, `max-blocks`, `max-seconds`."""
        return {key.replace("_", "-"): value for key, value in self._asdict().items()}


DEFAULT_LIMITS = Limits()


def parse_limits(data: object) -> Limits:
    """Limits from the configuration's `limits` table (`max-input-bytes`, `max-blocks`,
    `max-seconds`; the underscore spellings too), the defaults for what it leaves out. ValueError saying why not."""
    if data is None:
        return DEFAULT_LIMITS
    if not isinstance(data, dict):
        raise ValueError("limits: write `max-input-bytes`, `max-blocks` or `max-seconds` under it")
    values: dict[str, int] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name not in Limits._fields:
            raise ValueError(f"limits: unknown key {key!r} (known: max-input-bytes, max-blocks, max-seconds)")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"limits: {key} must be a whole number above 0, not {value!r}")
        values[name] = value
    return DEFAULT_LIMITS._replace(**values)


def check_size(size: int, path: str, limits: Limits) -> None:
    if size > limits.max_input_bytes:
        raise InputError(path, f"file is too large ({size:,} bytes; the limit is {limits.max_input_bytes:,} bytes)")


def check_shape(text: str, fmt: str, path: str, limits: Limits) -> None:
    """Refuse, before parsing, a text that certainly holds more blocks than allowed. A text too
    short to hold that many is not counted: a block start tag takes a `<` and at least three
    characters of its own ("<p>"), a blank line two line ends."""
    if fmt == "html":
        if len(text) // 3 <= limits.max_blocks or text.count("<") <= limits.max_blocks:
            return
        count, unit = sum(1 for _ in _HTML_BLOCK_START.finditer(text)), "block elements"
    else:
        if len(text) // 2 + 1 <= limits.max_blocks or text.count("\n") // 2 + 1 <= limits.max_blocks:
            return
        count, unit = sum(1 for _ in _BLANK_LINES.finditer(text)) + 1, "paragraphs"
    if count > limits.max_blocks:
        raise InputError(path, f"document is too large ({count:,} {unit}; the limit is {limits.max_blocks:,} blocks)")


def check_blocks(count: int, path: str, limits: Limits) -> None:
    if count > limits.max_blocks:
        raise InputError(path, f"document is too large ({count:,} blocks; the limit is {limits.max_blocks:,} blocks)")
