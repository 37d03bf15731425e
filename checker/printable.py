"""Text from articles made safe to print: no control character reaches a terminal or a log.

An article may hold `ESC ]0;title BEL` (sets the terminal's title), CSI sequences (0x9b, or
ESC [) that move the cursor or clear the screen, and worse. Every text-like output (the text,
GitHub, Markdown and JUnit formats, and the lines on standard error) passes what it prints
through `printable`; the JSON formats escape the same characters in their own syntax (`json_text`).
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls, DEL and the C1 controls (0x80-0x9f: 0x9b is a one-byte CSI on some terminals).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_ABOVE_C0 = re.compile("[\x7f-\x9f]")
_LINE_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str, keep: str = "") -> str:
    """`text` with every control character written as a visible escape (`\\x1b`), except the
    characters in `keep` (a format's own newline or tab)."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def json_line(data: Any) -> str:
    """`data` as JSON on one line (no newline at the end), escaped as `json_text`; the Unicode
    line and paragraph separators too, which some readers split lines at."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _LINE_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def json_text(data: Any, indent: int | None = 2) -> str:
    """`data` as indented JSON (`indent` None: compact, on one line), article text kept readable
    (no \\u escapes for letters) but with every control character escaped: JSON escapes C0
    itself; DEL and C1 are escaped here, as `\\u009b`, so a report printed to a terminal cannot
    carry them either."""
    separators = (",", ":") if indent is None else None
    dumped = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    # Outside strings JSON is ASCII without controls: every match is inside a string.
    return _CONTROL_ABOVE_C0.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
