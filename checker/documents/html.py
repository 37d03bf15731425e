"""HTML to blocks, links and metadata, in one walk over the BeautifulSoup (lxml) tree.

The lxml tree builder records no source positions, so a cursor follows the walk through the
source text: text nodes, comments and the few tags we report (links, embeds) appear in the
source in document order, each after the previous one. Locating each one is a regex match
at the cursor, so the whole walk stays linear in the page size.
"""

from __future__ import annotations

import html as html_entities
import json
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import accumulate

from bs4 import BeautifulSoup, UnusualUsageWarning
from bs4.element import Comment, NavigableString, PreformattedString, Tag

from .model import BODY, FOOTER, HEADLINE, HIDDEN, OTHER, Block, Link, Metadata

# Elements whose text forms its own block; text of any other element joins the enclosing block.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt"
    " fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html"
    " legend li main menu nav noscript ol optgroup option p pre section select summary table"
    " tbody td template textarea tfoot th thead title tr ul".split()
)
_HIDING_TAGS = frozenset({"template", "noscript"})
# Text that is never article text: code, styling, vector graphics, the document head.
_DROPPED_TAGS = frozenset({"script", "style", "head", "title", "svg", "math", "iframe"})
# Elements that may change the zone or stop text from counting (besides role= and hiding).
_CONTEXT_TAGS = frozenset({"footer", "nav", "aside", "header", "article", "main"}) | _DROPPED_TAGS
_RAW_TEXT_TAGS = frozenset({"script", "style"})  # content is verbatim source, no entities
_OTHER_ROLES = frozenset({"navigation", "banner", "complementary"})
_EMBED_ATTRIBUTE = {
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "source": "src",
    "embed": "src",
    "object": "data",
    "script": "src",
}
_DATE_META_NAMES = ("date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "dcterms.date")

_WS = " \t\n\r\f"  # HTML whitespace; a no-break space is content, not layout
_STYLE_HIDES = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Markup that may sit between two text nodes: whitespace, comments, tags (quotes may hold '>').
_TAG_PATTERN = r"""<[A-Za-z/!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
_SKIP = re.compile(rf"(?:[ \t\n\r\f]+|<!--.*?-->|{_TAG_PATTERN})*", re.S)
_TAG = re.compile(_TAG_PATTERN)
_TAG_START = re.compile(r"<[A-Za-z/!?]")  # a '<' that does not start markup is text
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")  # a run of text that entities rarely encode
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_LANG = re.compile(r"[A-Za-z]{2,8}")


@dataclass(frozen=True)
class HtmlContent:
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    metadata: Metadata


def extract(source: str, line_offset: int = 0) -> HtmlContent:
    """Parse `source` (decoded, newlines normalised to \\n) and extract its content.

    `line_offset` is added to every line number (for HTML embedded in a Markdown file).
    """
    with warnings.catch_warnings():
        # bs4 comments on unusual input (XHTML, text that looks like a URL); input is input.
        warnings.simplefilter("ignore", UnusualUsageWarning)
        soup = BeautifulSoup(source, "lxml")
    walker = _Walker(source, line_offset)
    walker.walk(soup)
    return walker.result()


class LineIndex:
    """Offsets in a text ↔ 1-based (line, column)."""

    def __init__(self, text: str, line_offset: int = 0):
        self._text = text
        lengths = (len(line) + 1 for line in text.split("\n"))
        self._starts = list(accumulate(lengths, initial=0))
        self._line_offset = line_offset

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1 + self._line_offset, offset - self._starts[i] + 1

    def offset(self, line: int) -> int:
        """Offset where `line` starts (clamped to the text)."""
        i = min(max(line - 1 - self._line_offset, 0), len(self._starts) - 2)
        return self._starts[i]

    def line_text(self, line: int) -> str:
        start = self.offset(line)
        end = self._text.find("\n", start)
        return self._text[start:] if end < 0 else self._text[start:end]


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


class _Cursor:
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
        pos = _SKIP.match(source, self.pos).end()
        if pos < len(source) and source[pos] in (body[0], "&"):
            end = _text_end(source, pos)
            anchors = [(lead, pos)]
            if source.find("&", pos, end) >= 0:
                offset, previous = lead, pos
                for entity in _ENTITY.finditer(source, pos, end):
                    offset += entity.start() - previous + _decoded_length(entity[0])
                    previous = entity.end()
                    if offset < len(text):
                        anchors.append((offset, previous))
            self.pos = end
            return anchors
        return [self._search(text, lead, pos)]

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
        body = text.strip(_WS)
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
        if start < 0 or _SKIP.match(self.source, self.pos).end() < start:
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


class _Context:
    """What an element inherits: zone, hidden-ness, whether its text is dropped."""

    __slots__ = ("zone", "hidden", "dropped", "in_main")

    def __init__(self, zone: str, hidden: bool, dropped: bool, in_main: bool):
        self.zone = zone
        self.hidden = hidden
        self.dropped = dropped
        self.in_main = in_main


class _Buffer:
    """Text being gathered for one block; it takes a slot in the output at its first text."""

    __slots__ = ("parts", "length", "anchors", "slot", "tag", "zone")

    def __init__(self, tag: str, zone: str):
        self.tag = tag
        self.zone = zone
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int]] = []
        self.slot: int | None = None


# What to undo when leaving an element (bit flags).
_SCOPE, _PUSHED, _LINK, _H1 = 1, 2, 4, 8

# What an element's name asks of the walk (bit flags), looked up once per element.
_BLOCK, _CONTEXT, _SPECIAL = 1, 2, 4
_SPECIAL_TAGS = frozenset({"br", "meta", "html", "time", "h1", "a", *_EMBED_ATTRIBUTE})


def _name_kind(name: str) -> int:
    return (
        (_BLOCK if name in _BLOCK_TAGS else 0)
        | (_CONTEXT if name in _CONTEXT_TAGS or name in _HIDING_TAGS else 0)
        | (_SPECIAL if name in _SPECIAL_TAGS else 0)
    )


_NAME_KINDS = {name: _name_kind(name) for name in _BLOCK_TAGS | _CONTEXT_TAGS | _HIDING_TAGS | _SPECIAL_TAGS}


class _Walker:
    """One pass over the tree. Per-node work is kept minimal: this runs for every element.

    Text goes to the current buffer. A block element flushes it on entry and exit (so text
    around a nested block becomes separate blocks, in reading order) and lends it its tag
    and zone meanwhile. An inline element that changes the zone or hides its content gets
    a buffer of its own, so the surrounding text of its block stays one block.
    """

    def __init__(self, source: str, line_offset: int):
        self.cursor = _Cursor(source)
        self.lines = LineIndex(source, line_offset)
        # Blocks in order of their first text; a slot is [text, zone, tag, anchors].
        self.slots: list[list | None] = []
        self.buffer = _Buffer("body", BODY)
        self.outer_buffers: list[_Buffer] = []  # suspended by an inline zone change
        self.scopes: list[tuple[str, str]] = []  # buffer (tag, zone) to restore after a block
        self.links: list[list] = []  # [href, text parts, kind, line, column, visible]
        self.open_links: list[list] = []
        self.h1_recording: list[int] | None = None
        self.h1_candidates: list[list[int] | None] = [None, None, None]  # main, body, any
        self.meta: dict[str, str] = {}
        self.page_title: str | None = None
        self.lang: str | None = None
        self.times: list[str | None] = [None, None]  # first <time datetime> in, out of main
        self.json_ld: list[str] = []

    # -- the walk -------------------------------------------------------------------------

    def walk(self, soup: BeautifulSoup) -> None:
        # Iterative depth-first walk: pathological nesting must not hit the recursion limit.
        context = _Context(BODY, False, False, False)
        stack: list[tuple] = []
        children = iter(soup.contents)
        enter, leave, text = self._enter, self._leave, self._text
        while True:
            node = next(children, None)
            if node is None:
                if not stack:
                    break
                children, context, flags = stack.pop()
                if flags:
                    leave(flags)
            elif type(node) is NavigableString:  # the common case first; subclasses below
                text(node, context)
            elif isinstance(node, Tag):
                inner, flags = enter(node, context)
                if node.contents:
                    stack.append((children, context, flags))
                    children, context = iter(node.contents), inner
                elif flags:
                    leave(flags)
            elif isinstance(node, Comment):
                self._comment(node)
            elif not isinstance(node, PreformattedString):  # script/style/template text
                text(node, context)
        self._flush(self.buffer)
        for buffer in self.outer_buffers:  # only left open by a broken tree
            self._flush(buffer)

    def _enter(self, tag: Tag, context: _Context) -> tuple[_Context, int]:
        name = tag.name
        kind = _NAME_KINDS.get(name, 0)
        attrs = tag.attrs
        hides = False
        role = ""
        if attrs:
            if "hidden" in attrs or ("style" in attrs and _STYLE_HIDES.search(_attr(attrs, "style") or "")):
                hides = True
            if "role" in attrs:
                role = (_attr(attrs, "role") or "").strip().lower()
        inner = context
        if kind & _CONTEXT or hides or role:
            inner = self._context(name, role, hides, context)
        flags = 0
        if kind & _BLOCK:
            buffer = self.buffer
            if buffer.parts:
                self._flush(buffer)
            self.scopes.append((buffer.tag, buffer.zone))
            buffer.tag, buffer.zone = name, HIDDEN if inner.hidden else inner.zone
            flags = _SCOPE
        elif inner is not context:
            self.outer_buffers.append(self.buffer)
            self.buffer = _Buffer(name, HIDDEN if inner.hidden else inner.zone)
            flags = _PUSHED
        if kind & _SPECIAL:
            flags |= self._special(name, attrs, inner)
        return inner, flags

    def _leave(self, flags: int) -> None:
        if flags & _SCOPE:
            buffer = self.buffer
            if buffer.parts:
                self._flush(buffer)
            buffer.tag, buffer.zone = self.scopes.pop()
        elif flags & _PUSHED:
            self._flush(self.buffer)
            self.buffer = self.outer_buffers.pop()
        if flags & _LINK:
            self.open_links.pop()
        if flags & _H1:
            self.h1_recording = None

    def _context(self, name: str, role: str, hides: bool, context: _Context) -> _Context:
        zone = context.zone
        if name == "footer" or role == "contentinfo":
            zone = FOOTER
        elif zone != FOOTER and (
            name in ("nav", "aside") or (name == "header" and not context.in_main) or role in _OTHER_ROLES
        ):
            zone = OTHER
        hidden = context.hidden or hides or name in _HIDING_TAGS
        dropped = context.dropped or name in _DROPPED_TAGS
        in_main = context.in_main or name in ("article", "main")
        if (zone, hidden, dropped, in_main) == (
            context.zone,
            context.hidden,
            context.dropped,
            context.in_main,
        ):
            return context
        return _Context(zone, hidden, dropped, in_main)

    def _special(self, name: str, attrs: dict, context: _Context) -> int:
        """Elements that feed metadata, links or the headline."""
        if name == "br":
            if not context.dropped and self.buffer.slot is not None:
                self.buffer.parts.append("\n")
                self.buffer.length += 1
        elif name == "meta":
            self._meta(attrs)
        elif name == "html":
            self.lang = self.lang or _attr(attrs, "lang") or _attr(attrs, "xml:lang")
        elif name == "time" and "datetime" in attrs:
            # A page header often shows today's date; the article's own time comes first.
            slot = 0 if context.in_main else 1
            if self.times[slot] is None:
                self.times[slot] = _attr(attrs, "datetime")
        elif name == "h1":
            if self.h1_recording is None and not context.hidden:
                return self._start_h1(context)
        elif name == "a":
            if "href" in attrs:
                position = self.lines.position(self.cursor.tag(name))
                link = [_attr(attrs, "href") or "", [], "link", *position, not context.hidden]
                self.links.append(link)
                self.open_links.append(link)
                return _LINK
        elif _EMBED_ATTRIBUTE[name] in attrs:
            position = self.lines.position(self.cursor.tag(name))
            source = _attr(attrs, _EMBED_ATTRIBUTE[name]) or ""
            title = _attr(attrs, "title") or ""
            self.links.append([source, [title], name, *position, not context.hidden])
        return 0

    def _text(self, node: str, context: _Context) -> None:
        if context.dropped:
            self._dropped_text(node)
            return
        buffer = self.buffer
        body = node.lstrip(_WS)
        if body:
            if buffer.slot is None:
                self._reserve(buffer)
            position, length, anchors = self.lines.position, buffer.length, buffer.anchors
            for offset, source_offset in self.cursor.text(node, body):
                anchors.append((length + offset, *position(source_offset)))
        elif buffer.slot is None:
            return  # whitespace before a block's first text: trimmed anyway
        buffer.parts.append(node)
        buffer.length += len(node)
        for link in self.open_links:
            if not (context.hidden and link[5]):  # hidden text is no part of a visible link
                link[1].append(node)

    def _dropped_text(self, node: str) -> None:
        """Text that never becomes a block; the cursor must still pass it."""
        parent = node.parent
        name = parent.name if parent is not None else ""
        if name in _RAW_TEXT_TAGS:
            self.cursor.raw_text(node)
            if name == "script" and "ld+json" in (_attr(parent.attrs, "type") or ""):
                self.json_ld.append(node)
            return
        if name == "title" and self.page_title is None and parent.find_parent("svg") is None:
            self.page_title = node
        body = node.lstrip(_WS)
        if body:
            self.cursor.text(node, body)

    def _comment(self, node: str) -> None:
        if node.startswith("?"):  # lxml reports <?xml ...?> as a comment
            self.cursor.processing_instruction()
            return
        start = self.cursor.comment()
        body = node.lstrip(_WS)
        if start is None or not body:
            return
        lead = len(node) - len(body)
        buffer = _Buffer("comment", HIDDEN)
        self._reserve(buffer)
        buffer.parts.append(node)
        buffer.anchors.append((lead, *self.lines.position(start + lead)))
        self._flush(buffer)

    # -- blocks ---------------------------------------------------------------------------

    def _reserve(self, buffer: _Buffer) -> None:
        buffer.slot = len(self.slots)
        self.slots.append(None)
        if self.h1_recording is not None:
            self.h1_recording.append(buffer.slot)

    def _flush(self, buffer: _Buffer) -> None:
        """Turn the buffer's text into a block (in its reserved slot) and empty the buffer."""
        if buffer.slot is not None:
            text, anchors = trim_block("".join(buffer.parts), buffer.anchors)
            if text:
                self.slots[buffer.slot] = [text, buffer.zone, buffer.tag, anchors]
        buffer.parts, buffer.length, buffer.anchors, buffer.slot = [], 0, [], None

    def _start_h1(self, context: _Context) -> int:
        recording: list[int] = []
        tiers = (context.in_main, context.zone == BODY, True)
        for tier, wanted in enumerate(tiers):
            if wanted and self.h1_candidates[tier] is None:
                self.h1_candidates[tier] = recording
        if not any(candidate is recording for candidate in self.h1_candidates):
            return 0
        self.h1_recording = recording
        return _H1

    # -- metadata -------------------------------------------------------------------------

    def _meta(self, attrs: dict) -> None:
        content = _attr(attrs, "content")
        if content is None:
            return
        for key in ("property", "name", "http-equiv"):
            name = _attr(attrs, key)
            if name:
                self.meta.setdefault(name.strip().lower(), content)

    def result(self) -> HtmlContent:
        headline = self._mark_headline()
        blocks = tuple(
            Block(index, text, zone, tag, anchors)
            for index, (text, zone, tag, anchors) in enumerate(s for s in self.slots if s)
        )
        links = tuple(
            Link(href.strip(), " ".join("".join(parts).split()), kind, line, column, visible)
            for href, parts, kind, line, column, visible in self.links
        )
        return HtmlContent(blocks, links, self._metadata(headline))

    def _mark_headline(self) -> str | None:
        chosen = next((c for c in self.h1_candidates if c), None)
        if not chosen:
            return None
        texts = []
        for slot in chosen:
            block = self.slots[slot]
            if block and block[1] != HIDDEN:
                block[1] = HEADLINE
                texts.append(block[0])
        return " ".join(texts) or None

    def _metadata(self, headline: str | None) -> Metadata:
        meta = self.meta
        ld_date, ld_publisher = _json_ld(self.json_ld)
        dates = (
            meta.get("article:published_time"),
            ld_date,
            *self.times,
            *(meta.get(name) for name in _DATE_META_NAMES),
        )
        return Metadata(
            title=_first_text(meta.get("og:title"), self.page_title, headline),
            lang=language_code(self.lang) or language_code(meta.get("content-language")),
            date=next((d for d in map(parse_date, dates) if d), None),
            site_name=_first_text(
                meta.get("og:site_name"),
                ld_publisher,
                meta.get("publisher"),
                meta.get("application-name"),
            ),
        )


def trim_block(text: str, anchors: list[tuple[int, int, int]]) -> tuple[str, tuple]:
    """Strip whitespace around a block's text; re-anchor so offset 0 is its first character."""
    if text and anchors and anchors[0][0] == 0 and not text[0].isspace() and not text[-1].isspace():
        return text, tuple(anchors)  # nothing to strip (the common case for inline-only blocks)
    stripped = text.lstrip()
    cut = len(text) - len(stripped)
    stripped = stripped.rstrip()
    if not stripped or not anchors:
        return "", ()
    # Usually the first character has its own anchor. When stripped whitespace had one, count
    # on from there; when nothing anchors it, the nearest anchor is the best guess.
    first = Block(0, text, BODY, "", tuple(anchors)).locate(cut) if anchors[0][0] < cut else anchors[0][1:]
    end = cut + len(stripped)
    kept = [(offset - cut, line, column) for offset, line, column in anchors if cut < offset < end]
    return stripped, ((0, *first), *kept)


def _attr(attrs: dict, key: str) -> str | None:
    value = attrs.get(key)
    if isinstance(value, list):  # bs4 splits multi-valued attributes such as class
        return " ".join(value)
    return value


def _first_text(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str):
            text = " ".join(value.split())
            if text:
                return text
    return None


def language_code(value: object) -> str | None:
    """Primary language subtag, lower case: "ru-RU" → "ru"; None when it does not look like one."""
    if not isinstance(value, str):
        return None
    primary = value.split(",")[0].strip().replace("_", "-").split("-")[0]
    return primary.lower() if _LANG.fullmatch(primary) else None


def parse_date(value: object) -> date | None:
    """A date from a date/datetime or an ISO 8601 string ("2024-03-01T10:00+03:00"); else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _json_ld(scripts: list[str]) -> tuple[str | None, str | None]:
    """datePublished and publisher name from JSON-LD blocks; broken JSON is skipped."""
    published = publisher = None
    for script in scripts:
        try:
            data = json.loads(script, strict=False)
        except (ValueError, RecursionError):
            continue
        nodes = _ld_nodes(data)
        by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for node in nodes:
            if published is None and isinstance(node.get("datePublished"), str):
                published = node["datePublished"]
            if publisher is None:
                publisher = _ld_name(node.get("publisher"), by_id)
    return published, publisher


def _ld_nodes(data: object) -> list[dict]:
    """Top-level objects, flattening lists and @graph (not every nested object)."""
    nodes, pending = [], [data]
    while pending and len(nodes) < 1000:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            nodes.append(item)
            if isinstance(item.get("@graph"), list):
                pending.extend(item["@graph"])
    return nodes


def _ld_name(value: object, by_id: dict[str, dict]) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    if "name" not in value and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], value)  # a reference to a node elsewhere in @graph
    name = value.get("name")
    if not isinstance(name, str):
        return None
    return name.strip() or None
