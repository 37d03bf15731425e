"""Load articles (HTML, Markdown, plain text) into `Document`s.

Every problem with an input file surfaces as `InputError` naming the file, so the caller can
report it for that input and go on with the others.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import BinaryIO

from checker.documents import html, markdown, plain
from checker.documents.decode import decode_with_utf8, peek
from checker.documents.limits import (
    DEFAULT_LIMITS,
    MAX_BLOCKS,
    MAX_INPUT_BYTES,
    Limits,
    check_blocks,
    check_shape,
    check_size,
)
from checker.documents.model import BODY, FOOTER, HEADLINE, HIDDEN, OTHER, ZONES, Block, Document, Frame, Link, Metadata
from checker.errors import InputError
from checker.regularfile import special_kind

__all__ = [
    "BODY",
    "FOOTER",
    "HEADLINE",
    "HIDDEN",
    "OTHER",
    "ZONES",
    "Block",
    "Document",
    "Frame",
    "Link",
    "Metadata",
    "DEFAULT_LIMITS",
    "FORMATS",
    "MAX_BLOCKS",
    "MAX_INPUT_BYTES",
    "Limits",
    "SUFFIXES",
    "expand_paths",
    "load_bytes",
    "load_path",
    "read_path",
    "load_stream",
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


def load_path(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and load one regular file ("-" for stdin is the caller's business)."""
    return load_bytes(read_path(path, limits), path, limits=limits)


def read_path(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of one regular file, no more than the size limit allows.

    Devices, FIFOs and sockets are refused before opening: reading /dev/zero or a FIFO with
    no writer would never end.
    """
    try:
        status = os.stat(path)
        _check_regular(status.st_mode, path)
        check_size(status.st_size, path, limits)
        # O_NONBLOCK: should the path become a FIFO after the check, opening does not block.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            _check_regular(os.fstat(handle.fileno()).st_mode, path)
            data = handle.read(limits.max_input_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}".lower()) from None
    check_size(len(data), path, limits)
    return data


def load_stream(stream: BinaryIO, path: str = "-", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Load from an open binary stream (standard input), reading no more than the size limit
    allows: `- < /dev/zero` is refused, not read forever."""
    data = stream.read(limits.max_input_bytes + 1)
    if len(data) > limits.max_input_bytes:
        raise InputError(path, f"input is too large (the limit is {limits.max_input_bytes:,} bytes)")
    return load_bytes(data, path, limits=limits)


def _check_regular(mode: int, path: str) -> None:
    kind = special_kind(mode)
    if kind == "a directory":
        raise InputError(path, "is a directory")
    if kind is not None:
        raise InputError(path, f"not a regular file ({kind})")


def load_bytes(data: bytes, path: str, fmt: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Load file content. `fmt` is html, markdown or text; None picks by extension, then content."""
    check_size(len(data), path, limits)
    if fmt is None:
        fmt = _EXTENSIONS.get(os.path.splitext(path)[1].lower()) or _sniff(data)
    elif fmt not in FORMATS:
        raise InputError(path, f"unknown format {fmt!r} (expected html, markdown or text)")
    text, warnings, utf8 = decode_with_utf8(data, path, fmt)
    # One newline convention for every parser, so line numbers agree with editors'. A stray
    # NUL past the binary-check window becomes U+FFFD (same length, positions unchanged).
    # Most files have neither: their bytes (searched much faster than the text) tell.
    if utf8 is None or b"\r" in utf8 or b"\x00" in utf8:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
        utf8 = None
    if text.startswith("\ufeff"):
        text = text[1:]
    check_shape(text, fmt, path, limits)
    try:
        document = _extract(text, path, fmt, utf8)
    except RecursionError:
        raise InputError(path, "document is nested too deeply to read") from None
    check_blocks(len(document.blocks), path, limits)
    if warnings:
        document = replace(document, warnings=warnings + document.warnings)
    return document


def _extract(text: str, path: str, fmt: str, utf8: bytes | None = None) -> Document:
    """`utf8`, when known, is the text's UTF-8 (the file's bytes)."""
    if fmt == "html":
        content = html.extract(text, utf8=utf8)
        return Document(path, fmt, content.blocks, content.links, content.metadata, controls=content.controls)
    if fmt == "markdown":
        blocks, links, metadata, warnings = markdown.extract(text, path)
        return Document(path, fmt, blocks, links, metadata, warnings)
    blocks, links = plain.extract(text)
    return Document(path, fmt, blocks, links)


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
    against that input. A FIFO or device with an article's name inside a folder is kept too:
    loading refuses it with one line instead of blocking the run.
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
