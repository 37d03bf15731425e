"""The article's source as a fix edits it: its bytes, decoded exactly as the loader decoded them,
and the way back from a block's text to the place in the source that holds it.

The loader reads positions as (line, column) in the text with newlines made \\n and a leading
byte-order mark dropped; an edit is made in the text as the file holds it (its own newlines,
its own encoding), so every byte outside what is inserted stays as it was. A file whose text
does not encode back to the very same bytes (damaged UTF-8, a guessed encoding that does not
round-trip) is not edited.
"""

from __future__ import annotations

import codecs
import difflib
import re

from checker.documents.decode import decode
from checker.documents.model import Block
from checker.fixes.model import Edit

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The encodings a file may be in once its text is known: the first that gives back its bytes is it.
_ENCODINGS = ("utf-8", "cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "cp1252", "latin-1")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_NEWLINE = re.compile(r"\r\n|\r|\n")


class NotEditable(Exception):
    """The file cannot be edited byte for byte; the message says why."""


class Source:
    """One file's text as the file holds it, with the map from loader positions to offsets."""

    def __init__(self, data: bytes, path: str, fmt: str):
        text, _ = decode(data, path, fmt)
        self.bom, self.encoding = _encoding(data, text, fmt)
        self.data = data
        self.text = text
        self.format = fmt
        self.lead = 1 if text.startswith("\ufeff") else 0  # a mark the loader drops after decoding
        self.line_starts = [self.lead, *(m.end() for m in _NEWLINE.finditer(text))]
        first = _NEWLINE.search(text)
        self.newline = first.group() if first else "\n"

    def offset(self, line: int, column: int) -> int:
        """The offset in `text` of a loader position (1-based line and column)."""
        if not 1 <= line <= len(self.line_starts):
            raise NotEditable(f"line {line} is not in the file")
        return self.line_starts[line - 1] + column - 1

    def char_offset(self, block: Block, offset: int) -> int | None:
        """Where the character at `offset` of the block's text stands in the source, or None when
        the source holds something else there (an entity, markup the loader read as text)."""
        line, column = block.locate(offset)
        try:
            at = self.offset(line, column)
        except NotEditable:
            return None
        wanted = block.text[offset]
        if at >= len(self.text) or (self.text[at] != wanted and not (wanted.isspace() and self.text[at].isspace())):
            return None
        return at

    def apply(self, edits: list[Edit]) -> str:
        """The text with every edit inserted (edits at one offset in the order given)."""
        parts, last = [], 0
        for edit in sorted(edits, key=lambda e: e.offset):
            parts += [self.text[last : edit.offset], edit.text.replace("\n", self.newline)]
            last = edit.offset
        parts.append(self.text[last:])
        return "".join(parts)

    def encode(self, text: str) -> bytes:
        """The edited text as the file's bytes; HTML writes what its encoding lacks as character
        references, other formats cannot (NotEditable)."""
        errors = "xmlcharrefreplace" if self.format == "html" else "strict"
        try:
            return self.bom + text.encode(self.encoding, errors)
        except UnicodeEncodeError as error:
            character = error.object[error.start]
            raise NotEditable(f"{character!r} cannot be written in the file's encoding {self.encoding}") from None


def _encoding(data: bytes, text: str, fmt: str) -> tuple[bytes, str]:
    """The byte-order mark and encoding that give back `data` from `text`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if _round_trips(text, encoding, data[len(bom) :]):
                return bom, encoding
            raise NotEditable(f"the file is not valid {encoding} throughout: it cannot be written back byte for byte")
    declared = _META_CHARSET.search(data[:4096]) if fmt == "html" else None
    candidates = ([declared.group(1).decode("ascii", "replace")] if declared else []) + list(_ENCODINGS)
    for encoding in candidates:
        if _round_trips(text, encoding, data):
            return b"", encoding
    raise NotEditable("the file's bytes cannot be written back exactly (invalid or mixed encoding)")


def _round_trips(text: str, encoding: str, data: bytes) -> bool:
    try:
        return text.encode(encoding) == data
    except (UnicodeError, LookupError):
        return False


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of the file's text, as `diff -u` and git print it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
