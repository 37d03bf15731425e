"""Plain text to blocks: paragraphs separated by blank lines, plus bare URLs as links."""

from __future__ import annotations

import re

from checker.documents.model import BODY, FOOTER, HEADLINE, Block, Frame, Link

# A line that only separates: ---, –––, ***, ___, ===, ###, * * *, ═══, an em dash; it is not
# itself a block.
_SEPARATOR = re.compile(r"[ \t]*(?:(?:[-–—_*=~#•·─━═][ \t]*){3,}|—+)[ \t]*")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+", re.I)
_URL_TAIL = ".,;:!?)]}'\"…"  # sentence punctuation after a URL is not part of it
_HEADLINE_MAX = 200
# A sentence ends inside the line: a headline is one sentence ("U.S. Talks" has no end: an initial).
_SENTENCE_INSIDE = re.compile(r"(?<=\w\w)[.!?…]+\s+(?=[A-ZА-ЯЁ0-9\"«])")
_FOOTER = Frame(1, "footer")


def extract(text: str) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    paragraphs: list[list[tuple[int, str]]] = []  # each: (0-based line number, line) pairs
    current: list[tuple[int, str]] = []
    last_separator: int | None = None
    lines = text.split("\n")
    for number, line in enumerate(lines):
        separator = _SEPARATOR.fullmatch(line) is not None
        if separator:
            last_separator = number
        if separator or not line.strip():
            if current:
                paragraphs.append(current)
                current = []
        else:
            current.append((number, line))
    if current:
        paragraphs.append(current)

    # Paragraphs after the last separator are a footer when it sits in the second half.
    footer_from = None
    if last_separator is not None and last_separator >= len(lines) / 2:
        footer_from = last_separator
    blocks: list[Block] = []
    for paragraph in paragraphs:
        zone = BODY
        if footer_from is not None and paragraph[0][0] > footer_from:
            zone = FOOTER
        elif not blocks and _is_headline(paragraph):
            zone = HEADLINE
        blocks.append(_block(len(blocks), paragraph, zone))
    return tuple(blocks), tuple(_links(lines))


def _is_headline(paragraph: list[tuple[int, str]]) -> bool:
    if len(paragraph) != 1:
        return False
    line = paragraph[0][1].strip()
    return len(line) < _HEADLINE_MAX and not line.endswith(".") and not _SENTENCE_INSIDE.search(line)


def _block(index: int, paragraph: list[tuple[int, str]], zone: str) -> Block:
    """One block; each source line keeps an anchor so positions inside stay exact."""
    texts, anchors, offset = [], [], 0
    for i, (number, line) in enumerate(paragraph):
        if i == 0:
            indent = len(line) - len(line.lstrip())
            line = line.strip()
        else:
            indent = 0
            line = line.rstrip()
        anchors.append((offset, number + 1, indent + 1))
        texts.append(line)
        offset += len(line) + 1
    if zone == FOOTER:  # the paragraphs after the closing separator stand together
        return Block(index, "\n".join(texts), zone, "p", tuple(anchors), (_FOOTER,))
    return Block(index, "\n".join(texts), zone, "p", tuple(anchors))


def _links(lines: list[str]) -> list[Link]:
    links = []
    for number, line in enumerate(lines):
        for match in _URL.finditer(line):
            url = match[0]
            while url and url[-1] in _URL_TAIL:
                if url[-1] == ")" and url.count("(") >= url.count(")"):
                    break  # closes a parenthesis inside the URL (Wikipedia titles)
                url = url[:-1]
            links.append(Link(url, url, "link", number + 1, match.start() + 1))
    return links
