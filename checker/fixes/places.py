"""Where an insertion may go in the source, and where it may not.

A label goes right after the mention: past the closing quote of a quoted name, the end of bold
or italics, and the link the mention is the end of; never inside a tag, a comment, a link's text
(it would become part of the link), or a quotation of someone else's words. A paragraph (a
notice, footnotes) goes after a block's element or before it. Each function returns an offset
in the source text, or raises `Unplaceable` with the reason.
"""

from __future__ import annotations

import html
import re

from checker.documents.model import HIDDEN, Block, Document
from checker.fixes.source import Source

_QUOTE_FRAMES = frozenset({"blockquote", "q"})
_CLOSING_QUOTES = {"«": "»", "„": "“", "“": "”", "‹": "›", '"': '"'}
# A quotation's own words: a name quoted on its own («Медуза») is a name, not a quotation.
_QUOTED_WORDS = 2
_WORD = re.compile(r"\w+")
_HTML_CLOSERS = re.compile(
    r"(?:</(?:b|strong|em|i|u|span|mark|small|cite|font|sup)\s*>|[»”›]|&(?:raquo|rdquo|rsaquo|#187|#8221);)", re.I
)
_MD_CLOSERS = re.compile(r"(?:\*\*|__|\*|_|~~)(?=[\s\W]|$)|[»”›]")
_TEXT_CLOSERS = re.compile(r"[»”›]")
_POSSESSIVE = re.compile(r"['’]s\b")
_WORD_GOES_ON = re.compile(r"\w|[-‑][\w]")
_JOINED_WORDS = 8  # a parenthesis this short takes the label in; a longer one is its own remark
_PARENTHESIS_FOLLOWS = re.compile(r"[ \t\u00a0]*(?:\(|&nbsp;\()")
_TAG_PATTERN = r"""<[A-Za-z/!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""  # quotes may hold '>'
_TAG = re.compile(_TAG_PATTERN)
_ONLY_MARKUP = re.compile(rf"(?:\s|{_TAG_PATTERN})*")
# Blocks a new paragraph may follow or precede in HTML (not a list item or a table cell).
_PARAGRAPH_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote section article header footer aside figure pre address dl ul ol table"
    " details".split()
)


class Unplaceable(Exception):
    """The fix cannot be placed safely; the message says why."""


def after_mention(source: Source, doc: Document, block: Block, start: int, end: int, marker: bool = False) -> int:
    """Where a label for the mention [start, end) of the block goes. A label in parentheses goes
    after an English possessive ("Zygar's (designated ...)") and never inside a word; a footnote
    `marker` touches the name ("Zygar*'s", "ISIS*-linked")."""
    if block.zone == HIDDEN:
        raise Unplaceable("the mention is in content hidden from readers")
    if any(frame.tag in _QUOTE_FRAMES for frame in block.frames):
        raise Unplaceable("the mention is inside a quotation (a block quote): its words are someone else's")
    if _quoted(block.text, start, end):
        raise Unplaceable("the mention is inside a quotation: its words are someone else's")
    first, last = source.char_offset(block, start), source.char_offset(block, end - 1)
    if first is None or last is None:
        raise Unplaceable("the mention's text could not be found in the source")
    at = last + 1
    if doc.format == "html":
        at = _after_html(source.text, at)
    elif doc.format == "markdown":
        at = _after_markdown(source.text, at)
    else:
        at = _skip(_TEXT_CLOSERS, source.text, at)
    text = source.text
    if text[at : at + 1] == '"' and text[first - 1 : first] == '"':
        at += 1  # a name in straight quotes: after the closing one
    if marker:
        if text[at : at + 1].isalnum():
            raise Unplaceable("the name is part of a longer word: a marker cannot go inside it")
        return at
    after_s = _POSSESSIVE.match(text, at)
    if after_s:
        return after_s.end()
    if _WORD_GOES_ON.match(text, at):
        raise Unplaceable("the name is part of a longer word (ISIS-linked): a label cannot go inside it")
    return at


def parenthesis_follows(source: Source, at: int) -> int | None:
    """When a parenthesis stands right after `at` (a second one would detach it from the name),
    where a label joins it: before its closing bracket, if it is short plain text («Галкин
    (певец; признан иноагентом)»). Raises `Unplaceable` when it is not; None when there is none."""
    opening = _PARENTHESIS_FOLLOWS.match(source.text, at)
    if opening is None:
        return None
    close = source.text.find(")", opening.end())
    inside = source.text[opening.end() : close] if close >= 0 else ""
    if close < 0 or "(" in inside or "\n\n" in inside or "<" in inside or len(_WORD.findall(inside)) > _JOINED_WORDS:
        raise Unplaceable("a parenthesis already follows the mention: add the label to it by hand")
    return close


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the mention stands inside a quotation of several words (not just a quoted name)."""
    for opening, closing in _CLOSING_QUOTES.items():
        before = text.rfind(opening, 0, start)
        if before < 0:
            continue
        if opening == '"':
            if text.count('"', 0, start) % 2 == 0:
                continue
        elif text.rfind(closing, before + 1, start) >= 0 and opening != closing:
            continue  # closed before the mention
        after = text.find(closing, end)
        if after < 0:
            continue
        words = len(_WORD.findall(text[before + 1 : start])) + len(_WORD.findall(text[end:after]))
        if words > _QUOTED_WORDS:
            return True
    return False


def _skip(closers: re.Pattern[str], text: str, at: int) -> int:
    while True:
        match = closers.match(text, at)
        if not match or not match.group():
            return at
        at = match.end()


def _after_html(text: str, at: int) -> int:
    if text.rfind("<", 0, at) > text.rfind(">", 0, at):
        raise Unplaceable("the mention is inside a tag (an attribute value)")
    if text.rfind("<!--", 0, at) > text.rfind("-->", 0, at):
        raise Unplaceable("the mention is inside a comment")
    at = _skip(_HTML_CLOSERS, text, at)
    if _inside_link(text, at):
        close = re.compile(r"</a\s*>", re.I).search(text, at)
        if close is None or _ONLY_MARKUP.fullmatch(_strip_closers(text[at : close.start()])) is None:
            raise Unplaceable("the mention is inside a link's text: a label there would become part of the link")
        at = _skip(_HTML_CLOSERS, text, close.end())
    return at


def _strip_closers(text: str) -> str:
    return _HTML_CLOSERS.sub("", text)


def _inside_link(text: str, at: int) -> bool:
    opened = max((m.start() for m in re.finditer(r"<a[\s>]", text[max(0, at - 4000) : at], re.I)), default=-1)
    if opened < 0:
        return False
    opened += max(0, at - 4000)
    closed = max((m.start() for m in re.finditer(r"</a\s*>", text[opened:at], re.I)), default=-1)
    return closed < 0


def _after_markdown(text: str, at: int) -> int:
    at = _skip(_MD_CLOSERS, text, at)
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if text.startswith("](", at):
        close = text.find(")", at)
        if close < 0 or close > line_end:
            raise Unplaceable("the mention is inside a link whose end could not be found")
        return _skip(_MD_CLOSERS, text, close + 1)
    opened = text.rfind("[", line_start, at)
    if opened >= 0 and text.rfind("]", opened, at) < 0 and text.find("](", at, line_end) >= 0:
        raise Unplaceable("the mention is inside a link's text: a label there would become part of the link")
    if text.rfind("`", line_start, at) >= 0 and text.count("`", line_start, at) % 2 == 1:
        raise Unplaceable("the mention is inside code")
    return at


def block_end(source: Source, block: Block) -> int:
    """The offset right after the block's last character."""
    last = source.char_offset(block, len(block.text) - 1)
    if last is None:
        raise Unplaceable(f"the end of the paragraph at line {block.line} could not be found in the source")
    return last + 1


def block_start(source: Source, block: Block) -> int:
    first = source.char_offset(block, 0)
    if first is None:
        raise Unplaceable(f"the paragraph at line {block.line} could not be found in the source")
    return first


def paragraph_after(source: Source, doc: Document, block: Block, content: str) -> tuple[int, str]:
    """(offset, text) that puts a paragraph of `content` (plain text) after the block."""
    end = block_end(source, block)
    if doc.format != "html":
        return end, "\n\n" + _escape_markdown(content, doc.format)
    if block.tag not in _PARAGRAPH_TAGS:
        raise Unplaceable(f"a paragraph cannot follow a <{block.tag}> element")
    close = re.compile(rf"</{re.escape(block.tag)}\s*>", re.I).search(source.text, end)
    between = source.text[end : close.start()] if close else ""
    if close is None or re.search(rf"<{re.escape(block.tag)}[\s>]", between, re.I):
        raise Unplaceable(f"the end of the <{block.tag}> element at line {block.line} could not be found")
    indent = _indent(source.text, close.start())
    return close.end(), f"\n{indent}<p>{html.escape(content, quote=False)}</p>"


def paragraph_before(source: Source, doc: Document, block: Block, content: str) -> tuple[int, str]:
    """(offset, text) that puts a paragraph of `content` (plain text) before the block."""
    start = block_start(source, block)
    if doc.format != "html":
        line_start = source.text.rfind("\n", 0, start) + 1
        if source.text[line_start:start].strip():
            raise Unplaceable(f"the paragraph at line {block.line} does not start a line")
        return line_start, _escape_markdown(content, doc.format) + "\n\n"
    if block.tag not in _PARAGRAPH_TAGS:
        raise Unplaceable(f"a paragraph cannot precede a <{block.tag}> element")
    opening = None
    for match in re.finditer(rf"<{re.escape(block.tag)}[\s>/]", source.text[max(0, start - 4000) : start], re.I):
        opening = match.start() + max(0, start - 4000)
    tag = _TAG.match(source.text, opening) if opening is not None else None
    if tag is None or _ONLY_MARKUP.fullmatch(source.text[tag.end() : start]) is None:
        raise Unplaceable(f"the start of the <{block.tag}> element at line {block.line} could not be found")
    indent = _indent(source.text, tag.start())
    return tag.start(), f"<p>{html.escape(content, quote=False)}</p>\n{indent}"


def _indent(text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    lead = text[line_start:at]
    return lead if not lead.strip() else ""


def _escape_markdown(content: str, fmt: str) -> str:
    """A paragraph of plain text in Markdown: a leading marker that Markdown reads as a list or
    emphasis (`*`) is escaped."""
    if fmt == "markdown" and content[:1] in "*+-#>":
        return "\\" + content
    return content
