"""Load articles (HTML, Markdown, plain text) into `Document`s.

Every problem with an input file surfaces as `InputError` naming the file, so the caller can
report it for that input and go on with the others.
"""

from __future__ import annotations

import os

from checker.errors import InputError

from . import html, markdown, plain
from .decode import decode, peek
from .model import BODY, FOOTER, HEADLINE, HIDDEN, OTHER, ZONES, Block, Document, Link, Metadata

__all__ = [
    "BODY",
    "FOOTER",
    "HEADLINE",
    "HIDDEN",
    "OTHER",
    "ZONES",
    "Block",
    "Document",
    "Link",
    "Metadata",
    "FORMATS",
    "SUFFIXES",
    "expand_paths",
    "load_bytes",
    "load_path",
]

FORMATS = ("html", "markdown", "text")
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
SUFFIXES = frozenset(_EXTENSIONS)  # the file names a folder of articles is searched for
_SNIFF_BYTES = 4096


def load_path(path: str) -> Document:
    """Read and load one file ("-" for stdin is the caller's business)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}".lower()) from None
    return load_bytes(data, path)


def load_bytes(data: bytes, path: str, fmt: str | None = None) -> Document:
    """Load file content. `fmt` is html, markdown or text; None picks by extension, then content."""
    if fmt is None:
        fmt = _EXTENSIONS.get(os.path.splitext(path)[1].lower()) or _sniff(data)
    elif fmt not in FORMATS:
        raise InputError(path, f"unknown format {fmt!r} (expected html, markdown or text)")
    text = decode(data, path, fmt)
    # One newline convention for every parser, so line numbers agree with editors'. A stray
    # NUL past the binary-check window becomes U+FFFD (same length, positions unchanged).
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        if fmt == "html":
            content = html.extract(text)
            return Document(path, fmt, content.blocks, content.links, content.metadata)
        if fmt == "markdown":
            blocks, links, metadata = markdown.extract(text, path)
            return Document(path, fmt, blocks, links, metadata)
        blocks, links = plain.extract(text)
        return Document(path, fmt, blocks, links)
    except RecursionError:
        raise InputError(path, "document is nested too deeply to read") from None


def _sniff(data: bytes) -> str:
    """Guess the format of a file whose extension says nothing."""
    text = peek(data, _SNIFF_BYTES).lstrip()
    if text.startswith("<"):
        return "html"
    if text.startswith("---\n") or text.startswith("---\r\n"):
        return "markdown"
    return "text"


def expand_paths(args: list[str]) -> list[str]:
    """Command-line paths → files to load.

    A directory is searched recursively (sorted, hidden entries skipped) for article files;
    any other argument is kept as given, even a missing one, so loading it reports the error
    against that input.
    """
    paths: list[str] = []
    for arg in args:
        if not os.path.isdir(arg):
            paths.append(arg)
            continue
        for root, dirs, files in os.walk(arg):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and os.path.splitext(name)[1].lower() in _EXTENSIONS:
                    paths.append(os.path.join(root, name))
    return list(dict.fromkeys(paths))  # the same file named twice is checked once
