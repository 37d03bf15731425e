"""Where HTML nodes sit in the source.

The lxml tree builder records no source positions, so a cursor follows the walk through the
source text: text nodes, comments and the few tags we report (links, embeds) appear in the
source in document order, each after the previous one. Locating each one is a regex match
at the cursor, so the whole walk stays linear in the page size.
"""

from __future__ import annotations

import html as html_entities
import re
from functools import lru_cache

WS = " \t\n\r\f"  # HTML whitespace; a no-break space is content, not layout
# Markup that may sit between two text nodes: whitespace, comments, tags (quotes may hold '>').
_TAG_PATTERN = r"""<[A-Za-z/!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
_SKIP = re.compile(rf"(?:[ \t\n\r\f]+|<!--.*?-->|{_TAG_PATTERN})*", re.S)
_TAG = re.compile(_TAG_PATTERN)
_TAG_START = re.compile(r"<[A-Za-z/!?]")  # a '<' that does not start markup is text
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")  # a run of text that entities rarely encode


def _text_end(source: str, pos: int) -> int:
    """Where the text starting at `pos` ends: at the next '<' that starts markup."""
    end = source.find("<", pos)
    while end >= 0 and not _TAG_START.match(source, end):
        end = source.find("<", end + 1)
    return len(source) if end < 0 else end


@lru_cache(maxsize=512)
def _decoded_length(entity: str) -> int:
    return len(html_entities.unescape(entity))


@lru_cache(maxsize=32)
def _start_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<{re.escape(name)}(?=[\s/>])", re.I)


class Cursor:
    """Follows the walk through the source; finds where each node starts."""

    _MAX_SEARCH_MISSES = 32  # after this many failed searches, stop scanning ahead (cost bound)

    def __init__(self, source: str):
        self.source = source
        self.pos = 0
        self._misses = 0

    def text(self, text: str, body: str) -> list[tuple[int, int]]:
        """Locate a text node; `body` is the node without leading whitespace (not empty).

        Returns (offset in `text`, source offset) anchor pairs: the first at the first
        non-whitespace character, then one after each character reference, since an entity
        is longer in the source than in the text.
        """
        lead = len(text) - len(body)
        source = self.source
        pos = _SKIP.match(source, self.pos).end()  # type: ignore[union-attr]  # _SKIP matches the empty string
        if pos < len(source) and source[pos] in (body[0], "&"):
            end = source.find("<", pos)
            while end >= 0 and not _TAG_START.match(source, end):
                end = source.find("<", end + 1)
            if end < 0:
                end = len(source)
            self.pos = end
            if source.find("&", pos, end) < 0:
                return [(lead, pos)]
            return self._entities(text, lead, pos, end)
        return [self._search(text, lead, pos)]

    def _entities(self, text: str, lead: int, pos: int, end: int) -> list[tuple[int, int]]:
        """The anchors of a text whose source, from `pos` to `end`, holds character references."""
        anchors = [(lead, pos)]
        offset, previous = lead, pos
        for entity in _ENTITY.finditer(self.source, pos, end):
            offset += entity.start() - previous + _decoded_length(entity[0])
            previous = entity.end()
            if offset < len(text):
                anchors.append((offset, previous))
        return anchors

    def _search(self, text: str, lead: int, pos: int) -> tuple[int, int]:
        """The parser moved or rewrote something: look ahead for the node's first words."""
        words = _WORDS.search(text, lead)
        if words and self._misses < self._MAX_SEARCH_MISSES:
            key = words[0][:40]
            found = self.source.find(key, pos)
            for _ in range(8):  # skip a few matches inside tags (attribute values)
                if found < 0 or not self._inside_tag(pos, found):
                    break
                found = self.source.find(key, found + 1)
            else:
                found = -1
            if found >= 0:
                self.pos = _text_end(self.source, found)
                return words.start(), found
            self._misses += 1
        return lead, pos  # best guess: right after the previous node

    def _inside_tag(self, start: int, at: int) -> bool:
        return self.source.rfind("<", start, at) > self.source.rfind(">", start, at)

    def raw_text(self, text: str) -> None:
        """Skip script/style content, which appears verbatim."""
        body = text.strip(WS)
        if body:
            found = self.source.find(body, self.pos)
            if found >= 0:
                self.pos = found + len(body)

    def comment(self) -> int | None:
        """Source offset of the next comment's content, moving past the comment.

        None when no comment follows right after the cursor (only markup in between): lxml
        also reports a few bogus constructs ("<!x>") as comments.
        """
        start = self.source.find("<!--", self.pos)
        if start < 0 or _SKIP.match(self.source, self.pos).end() < start:  # type: ignore[union-attr]
            return None
        end = self.source.find("-->", start + 4)
        self.pos = len(self.source) if end < 0 else end + 3
        return start + 4

    def processing_instruction(self) -> None:
        start = self.source.find("<?", self.pos)
        if start >= 0:
            end = self.source.find(">", start)
            self.pos = len(self.source) if end < 0 else end + 1

    def tag(self, name: str) -> int:
        """Source offset of the next start tag `name`, moving past it."""
        found = _start_tag(name).search(self.source, self.pos)
        if not found:
            return self.pos
        whole = _TAG.match(self.source, found.start())
        self.pos = whole.end() if whole else found.end()
        return found.start()
