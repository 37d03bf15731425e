"""HTML to blocks, links and metadata, in one walk over the lxml tree (or over a BeautifulSoup
tree a caller already has: both come from the same lxml parser, and give the same content).

Source positions come from a cursor that follows the walk through the source (`html_cursor`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from bs4 import BeautifulSoup, UnusualUsageWarning
from bs4.element import Comment, NavigableString, PreformattedString, Tag
from lxml import etree  # type: ignore[import-untyped]

from checker.documents.html_cursor import WS, Cursor
from checker.documents.metadata import first_text, json_ld, language_code, parse_date
from checker.documents.model import BODY, FOOTER, HEADLINE, HIDDEN, OTHER, Block, Control, Frame, Link, Metadata
from checker.documents.positions import LineIndex, trim_block

try:  # the walk compiled (Cython, see _walk.pyx); absent when the package was installed without a C compiler
    from checker.documents import _walk
except ImportError:
    _walk = None  # type: ignore[assignment]

COMPILED_WALK = _walk is not None  # whether `extract` walks lxml's tree in compiled code

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

# Inline elements recorded among a block's frames even without attributes (small print, dates).
_FRAME_TAGS = frozenset({"small", "time", "cite", "q"})
# Attributes whose words tell what an element is for (disclaimer, byline, breadcrumbs...).
_FRAME_ATTRIBUTES = frozenset({"class", "id", "role", "itemprop", "itemtype", "aria-label"})
_WORD_SPLIT = re.compile(r"[\W_]+")
_LETTER = re.compile(r"[^\W\d_]")  # a button with one has words of its own; "♥ 214" is an icon
_new = tuple.__new__  # a Frame, Block or Link without NamedTuple's Python-level constructor

# What a style attribute hides text with: no display, no visibility, no size, no opacity, a
# transparent colour or the background's ("color:#fff;background:#fff", a few declarations
# apart at most, so that the search stays linear in a long attribute).
_STYLE_HIDES = re.compile(
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\b"
    r"|(?:font-size|opacity)\s*:\s*(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?\s*(?:;|!|$)"
    r"|(?<![-\w])color\s*:\s*transparent\b"
    r"|(?<![-\w])color\s*:\s*(#?\w+)\s*;(?:[^;]*;){0,8}?\s*background(?:-color)?\s*:\s*\1\s*(?:;|!|$)"
    r"|background(?:-color)?\s*:\s*(#?\w+)\s*;(?:[^;]*;){0,8}?\s*(?<![-\w])color\s*:\s*\2\s*(?:;|!|$)",
    re.I,
)


@dataclass(frozen=True)
class HtmlContent:
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    metadata: Metadata
    controls: tuple[Control, ...] = ()


_PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})


def extract(source: str, line_offset: int = 0, *, compiled: bool = True, utf8: bytes | None = None) -> HtmlContent:
    """Parse `source` (decoded, newlines normalised to \\n) and extract its content.

    `line_offset` is added to every line number (for HTML embedded in a Markdown file). The walk
    is the compiled one when it was built, unless `compiled` is false (to compare the two).
    `utf8`, when the caller has it (the file's bytes), is `source` in UTF-8: the parser reads it
    instead of encoding `source` again, which is what lxml does with a str.
    """
    # The parser BeautifulSoup's lxml builder drives, and the same leading byte-order mark
    # dropped, so that the tree is the one extract_soup walks. huge_tree: its events are not
    # depth-limited either (the input size is limited before parsing).
    bom = source.startswith("\ufeff")
    if utf8 is None:
        parser = etree.HTMLParser(recover=True, huge_tree=True)
        data: str | bytes = source[1:] if bom else source
    else:  # read as UTF-8 whatever a <meta charset> says, as lxml reads a str
        parser = etree.HTMLParser(recover=True, huge_tree=True, encoding="utf-8")
        data = utf8[3:] if bom else utf8
    try:
        parser.feed(data)
        root = parser.close()
    except etree.LxmlError:
        root = None
    if root is None:  # no element at all, perhaps a comment: rare, and only the events have it
        return extract_soup(source, line_offset)
    if compiled and _walk is not None:
        try:
            return _content(*_walk.walk(root, source, line_offset))
        except _walk.TooDeep:
            return extract_soup(source, line_offset)
        except _walk.Unsupported:
            pass  # something only the Python walk reads as lxml's elements show it
    walker = _Walker(source, line_offset)
    try:
        walker.walk_lxml(root)
    except _TooDeep:  # libxml2 trees stop at a depth its parse events do not: use the events
        return extract_soup(source, line_offset)
    walker.finish()
    return walker.result()


class _TooDeep(Exception):
    pass


_MAX_TREE_DEPTH = 1000  # well below libxml2's limit for trees, far above any real page
_EVENTS = ("start", "end", "comment", "pi")


def extract_soup(source: str, line_offset: int = 0) -> HtmlContent:
    """`extract`, through a BeautifulSoup tree (the former path, kept to compare them)."""
    with warnings.catch_warnings():
        # bs4 comments on unusual input (XHTML, text that looks like a URL); input is input.
        warnings.simplefilter("ignore", UnusualUsageWarning)
        soup = BeautifulSoup(source, "lxml")
    return soup_content(soup, source, line_offset)


def soup_content(soup: BeautifulSoup, source: str, line_offset: int = 0) -> HtmlContent:
    """The content of a BeautifulSoup (lxml builder) tree of `source`."""
    walker = _Walker(source, line_offset)
    walker.walk(soup)
    walker.finish()
    return walker.result()


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

    __slots__ = ("parts", "length", "anchors", "slot", "tag", "zone", "frames")

    def __init__(self, tag: str, zone: str):
        self.tag = tag
        self.zone = zone
        self.frames: tuple[Frame, ...] = ()  # the frames around its first text
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int]] = []
        self.slot: int | None = None


# What to undo when leaving an element (bit flags).
_SCOPE, _PUSHED, _LINK, _H1, _FRAMED, _BUTTON, _PRESERVE = 1, 2, 4, 8, 16, 32, 64

# The attributes the walk reads on every element (bit flags), for one pass over an lxml element's.
_HIDDEN_ATTRIBUTE, _STYLE_ATTRIBUTE, _ROLE_ATTRIBUTE, _PURPOSE_ATTRIBUTE = 1, 2, 4, 8

# What an element's name asks of the walk (bit flags), looked up once per element.
_BLOCK, _CONTEXT, _SPECIAL = 1, 2, 4
_SPECIAL_TAGS = frozenset({"br", "meta", "html", "time", "h1", "a", *_EMBED_ATTRIBUTE})


def _name_kind(name: str) -> int:
    return (
        (_BLOCK if name in _BLOCK_TAGS else 0)
        | (_CONTEXT if name in _CONTEXT_TAGS or name in _HIDING_TAGS else 0)
        | (_SPECIAL if name in _SPECIAL_TAGS else 0)
    )


_ATTRIBUTE_CODES = {
    "hidden": _HIDDEN_ATTRIBUTE,
    "style": _STYLE_ATTRIBUTE,
    **{key: _PURPOSE_ATTRIBUTE for key in _FRAME_ATTRIBUTES},
    "role": _ROLE_ATTRIBUTE | _PURPOSE_ATTRIBUTE,
}
_NAMED = _BLOCK_TAGS | _CONTEXT_TAGS | _HIDING_TAGS | _SPECIAL_TAGS | _FRAME_TAGS
_NAME_KINDS = {name: _name_kind(name) for name in _NAMED}


class _Walker:
    """One pass over the tree. Per-node work is kept minimal: this runs for every element.

    Text goes to the current buffer. A block element flushes it on entry and exit (so text
    around a nested block becomes separate blocks, in reading order) and lends it its tag
    and zone meanwhile. An inline element that changes the zone or hides its content gets
    a buffer of its own, so the surrounding text of its block stays one block.
    """

    def __init__(self, source: str, line_offset: int):
        self.cursor = Cursor(source)
        self.lines = LineIndex(source, line_offset)
        # Blocks in order of their first text; a slot is [text, zone, tag, anchors].
        self.slots: list[list[Any] | None] = []
        self.buffer = _Buffer("body", BODY)
        self.outer_buffers: list[_Buffer] = []  # suspended by an inline zone change
        self.scopes: list[tuple[str, str]] = []  # buffer (tag, zone) to restore after a block
        self.frames: list[Frame] = []  # the elements around the walk's position (see Block.frames)
        self.frame_count = 0
        self.links: list[list[Any]] = []  # [href, text parts, kind, line, column, visible]
        # Buttons being walked, with the text length seen at their start; kept when none came.
        self.buttons: list[tuple[Control, int]] = []
        self.controls: list[Control] = []
        self.text_seen = 0
        self.open_links: list[list[Any]] = []
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
        stack: list[tuple[Any, ...]] = []
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
                text(cast(NavigableString, node), context)

    def walk_lxml(self, root: etree._Element) -> None:
        """The walk over lxml's own tree: an element's text, then each child followed by its
        tail. Whitespace-only text is folded to one space or newline outside pre and textarea,
        as BeautifulSoup does, so both walks see the same strings."""
        context = _Context(BODY, False, False, False)
        for node in [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]:
            if type(node.tag) is str:  # the root, or another top element libxml2 made for trailing text
                self._walk_element(node, context)  # and its tail
                continue
            if node.tag is etree.Comment:
                self._comment(node.text or "")
            # processing instructions and entities carry no text, like a doctype
            tail = node.tail
            if tail:  # at the top level, outside any element, as BeautifulSoup keeps it
                body = tail.lstrip(WS)
                self._text_lxml(tail if body else _folded(tail, 0), body, context, None)

    def _walk_element(self, root: etree._Element, context: _Context) -> None:
        """Walk `root`, its descendants and its tail, on lxml's start and end events (comments
        and processing instructions have one event, and lxml reports the latter as comments).

        Each event ends with the text it brings (an element's text, or a tail): the common case
        of `_text_lxml`, text that counts, is written out here, since it runs for every string.
        """
        stack: list[tuple[_Context, int]] = []  # the context and flags of each open element
        preserve = 0  # how many pre and textarea elements the walk is in
        enter, leave, comment, open_link = self._enter_lxml, self._leave, self._comment, self._open_link
        locate, position, open_links = self.cursor.text, self.lines.position, self.open_links
        kinds = _NAME_KINDS
        for event, node in etree.iterwalk(root, events=_EVENTS):
            if event == "start":
                tag = node.tag
                items = node.items()
                if tag == "a" and len(items) == 1 and items[0][0] == "href":  # a third of all elements
                    inner, flags = context, open_link(items[0][1], context)
                elif items or tag in kinds:
                    inner, flags = enter(node, tag, items, context)
                    if flags & _PRESERVE:
                        preserve += 1
                else:  # a plain inline element (span, b, i...): nothing to do
                    inner, flags = context, 0
                if len(stack) > _MAX_TREE_DEPTH and (node.text or len(node)):  # an empty element is no deeper
                    raise _TooDeep
                stack.append((context, flags))
                context = inner
                string = node.text
                if not string:
                    continue
            else:
                if event == "end":
                    context, flags = stack.pop()
                    if flags == _LINK:
                        open_links.pop()
                    elif flags:
                        leave(flags)
                        if flags & _PRESERVE:
                            preserve -= 1
                elif node.tag is etree.Comment:
                    comment(node.text or "")
                string = node.tail
                if not string:
                    continue
                if context.dropped:
                    node = node.getparent()  # the element the tail is in (None after the root)
            body = string.lstrip(WS)
            if not (body or preserve):
                string = "\n" if "\n" in string else " "
            if context.dropped:
                self._dropped_text(string, node)
                continue
            buffer = self.buffer
            if body:
                if buffer.slot is None:
                    self._reserve(buffer)
                    buffer.frames = tuple(self.frames)
                length, anchors = buffer.length, buffer.anchors
                for offset, source_offset in locate(string, body):
                    line, column = position(source_offset)
                    anchors.append((length + offset, line, column))
            elif buffer.slot is None:
                continue  # whitespace before a block's first text: trimmed anyway
            buffer.parts.append(string)
            buffer.length += len(string)
            if self.buttons and _LETTER.search(body):  # a button's own words (not "♥ 214")
                self.text_seen += 1
            for link in open_links:
                if not (context.hidden and link[5]):  # hidden text is no part of a visible link
                    link[1].append(string)

    def _enter_lxml(
        self, node: etree._Element, name: str, items: list[tuple[str, str]], context: _Context
    ) -> tuple[_Context, int]:
        """`_enter_named` for an lxml element, reading its attributes in one pass."""
        kind = _NAME_KINDS.get(name, 0)
        hides = False
        role = ""
        purpose: list[str] = []
        if items:
            seen = 0
            for key, value in items:
                code = _ATTRIBUTE_CODES.get(key)
                if code is None:
                    continue
                if code & _PURPOSE_ATTRIBUTE:
                    purpose.append(value)
                code &= ~seen  # of a repeated attribute, the first counts, as attrib.get gives it
                seen |= code
                if code & _HIDDEN_ATTRIBUTE or (code & _STYLE_ATTRIBUTE and _STYLE_HIDES.search(value or "")):
                    hides = True
                elif code & _ROLE_ATTRIBUTE:
                    role = (value or "").strip().lower()
        inner = context
        if kind & _CONTEXT or hides or role:
            inner = self._context(name, role, hides, context)
        flags = 0
        words = _frame_words(tuple(purpose)) if purpose else _NO_WORDS
        if kind & _BLOCK or purpose or name in _FRAME_TAGS:
            self.frame_count += 1
            self.frames.append(_new(Frame, (self.frame_count, name, words)))
            flags = _FRAMED
        if kind & _BLOCK:
            buffer = self.buffer
            if buffer.parts:
                self._flush(buffer)
            self.scopes.append((buffer.tag, buffer.zone))
            buffer.tag, buffer.zone = name, HIDDEN if inner.hidden else inner.zone
            flags |= _SCOPE
            if name in _PRESERVE_WHITESPACE:
                flags |= _PRESERVE
        elif inner is not context and (
            (inner.zone, inner.hidden, inner.dropped) != (context.zone, context.hidden, context.dropped)
        ):
            self.outer_buffers.append(self.buffer)
            self.buffer = _Buffer(name, HIDDEN if inner.hidden else inner.zone)
            flags |= _PUSHED
        if kind & _SPECIAL:
            if name == "a":  # the most common of them by far
                href = node.get("href")
                if href is not None:
                    flags |= self._open_link(href, inner)
            else:
                flags |= self._special(name, node.attrib, inner)
        elif name == "button" and purpose:
            label = node.get("aria-label") or node.get("title") or node.get("class") or ""
            flags |= self._open_button(words, label, inner)
        return inner, flags

    def _text_lxml(self, node: str, body: str, context: _Context, parent: Any) -> None:
        """A string of the walk; `body` is `node` without leading whitespace, `parent` the element
        the text is in (needed only when the context drops text: see `_dropped_text`)."""
        if context.dropped:
            self._dropped_text(node, parent)
            return
        buffer = self.buffer
        if body:
            if buffer.slot is None:
                self._reserve(buffer)
                buffer.frames = tuple(self.frames)
            position, length, anchors = self.lines.position, buffer.length, buffer.anchors
            for offset, source_offset in self.cursor.text(node, body):
                line, column = position(source_offset)
                anchors.append((length + offset, line, column))
        elif buffer.slot is None:
            return  # whitespace before a block's first text: trimmed anyway
        buffer.parts.append(node)
        buffer.length += len(node)
        if self.buttons and _LETTER.search(body):  # a button's own words (not "♥ 214")
            self.text_seen += 1
        for link in self.open_links:
            if not (context.hidden and link[5]):  # hidden text is no part of a visible link
                link[1].append(node)

    def finish(self) -> None:
        self._flush(self.buffer)
        for buffer in self.outer_buffers:  # only left open by a broken tree
            self._flush(buffer)

    def _enter(self, tag: Tag, context: _Context) -> tuple[_Context, int]:
        return self._enter_named(tag.name, tag.attrs, context)

    def _enter_named(self, name: str, attrs: Any, context: _Context) -> tuple[_Context, int]:
        kind = _NAME_KINDS.get(name, 0)
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
        purpose = _purpose(attrs) if attrs else ()
        if kind & _BLOCK or purpose or name in _FRAME_TAGS:
            self.frame_count += 1
            self.frames.append(Frame(self.frame_count, name, _frame_words(purpose) if purpose else _NO_WORDS))
            flags = _FRAMED
        if kind & _BLOCK:
            buffer = self.buffer
            if buffer.parts:
                self._flush(buffer)
            self.scopes.append((buffer.tag, buffer.zone))
            buffer.tag, buffer.zone = name, HIDDEN if inner.hidden else inner.zone
            flags |= _SCOPE
        elif inner is not context and (
            (inner.zone, inner.hidden, inner.dropped) != (context.zone, context.hidden, context.dropped)
        ):
            self.outer_buffers.append(self.buffer)
            self.buffer = _Buffer(name, HIDDEN if inner.hidden else inner.zone)
            flags |= _PUSHED
        if kind & _SPECIAL:
            flags |= self._special(name, attrs, inner)
        elif name == "button" and purpose:
            label = _attr(attrs, "aria-label") or _attr(attrs, "title") or _attr(attrs, "class") or ""
            flags |= self._open_button(_frame_words(purpose), label, inner)
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
        if flags & _FRAMED:
            self.frames.pop()
        if flags & _BUTTON:
            control, seen = self.buttons.pop()
            if seen == self.text_seen:  # an icon: no text of its own
                self.controls.append(control)

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

    def _special(self, name: str, attrs: Any, context: _Context) -> int:
        """Elements that feed metadata, links or the headline."""
        if name == "br":
            if not context.dropped and self.buffer.slot is not None:
                self.buffer.parts.append("\n")
                self.buffer.length += 1
        elif name == "meta":
            self._meta(attrs)
        elif name == "html":
            self.lang = self.lang or _attr(attrs, "lang") or _attr(attrs, "xml:lang")
        elif name == "time":
            # A page header often shows today's date; the article's own time comes first.
            slot = 0 if context.in_main else 1
            if self.times[slot] is None and "datetime" in attrs:
                self.times[slot] = _attr(attrs, "datetime")
        elif name == "h1":
            if self.h1_recording is None and not context.hidden:
                return self._start_h1(context)
        elif name == "a":
            if "href" in attrs:
                return self._open_link(_attr(attrs, "href") or "", context)
        elif _EMBED_ATTRIBUTE[name] in attrs:
            position = self.lines.position(self.cursor.tag(name))
            source = _attr(attrs, _EMBED_ATTRIBUTE[name]) or ""
            title = _attr(attrs, "title") or ""
            self.links.append([source, [title], name, *position, not context.hidden])
        return 0

    def _open_link(self, href: str, context: _Context) -> int:
        """A link starts here: its text is gathered until the element ends."""
        line, column = self.lines.position(self.cursor.tag("a"))
        link = [href, [], "link", line, column, not context.hidden]
        self.links.append(link)
        self.open_links.append(link)
        return _LINK

    def _open_button(self, words: frozenset[str], label: str, context: _Context) -> int:
        """A button starts here: kept as a control when no text comes before it ends (an icon)."""
        position = self.lines.position(self.cursor.tag("button"))
        control = Control(words, " ".join(label.split()), *position, not context.hidden)
        self.buttons.append((control, self.text_seen))
        return _BUTTON

    def _text(self, node: str, context: _Context, parent: Any = False) -> None:
        """A BeautifulSoup string (`parent` False: it knows its own element)."""
        self._text_lxml(node, node.lstrip(WS), context, parent)

    def _dropped_text(self, node: str, parent: Any) -> None:
        """Text that never becomes a block; the cursor must still pass it. `parent` is its lxml
        element (None at the top), or False for a BeautifulSoup string, which knows its own."""
        if parent is False:
            parent = node.parent  # type: ignore[attr-defined]
            name = parent.name if parent is not None else ""
            attrs = parent.attrs if parent is not None else {}
        else:
            name = parent.tag if parent is not None else ""
            attrs = parent.attrib if parent is not None else {}
        if name in _RAW_TEXT_TAGS:
            self.cursor.raw_text(node)
            if name == "script" and "ld+json" in (_attr(attrs, "type") or ""):
                self.json_ld.append(node)
            return
        if name == "title" and self.page_title is None and not _in_svg(parent):
            self.page_title = node
        body = node.lstrip(WS)
        if body:
            self.cursor.text(node, body)

    def _comment(self, node: str) -> None:
        if node.startswith("?"):  # lxml reports <?xml ...?> as a comment
            self.cursor.processing_instruction()
            return
        start = self.cursor.comment()
        body = node.lstrip(WS)
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
                self.slots[buffer.slot] = [text, buffer.zone, buffer.tag, anchors, buffer.frames]
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

    def _meta(self, attrs: Any) -> None:
        content = _attr(attrs, "content")
        if content is None:
            return
        for key in ("property", "name", "http-equiv"):
            name = _attr(attrs, key)
            if name:
                self.meta.setdefault(name.strip().lower(), content)

    def result(self) -> HtmlContent:
        headline = _mark_headline(self.slots, self.h1_candidates)
        # Built as the tuples they are: NamedTuple's constructor is a Python call per block.
        blocks = tuple(_new(Block, (index, *slot)) for index, slot in enumerate(s for s in self.slots if s))
        links = tuple(
            _new(Link, (href.strip(), " ".join("".join(parts).split()), kind, line, column, visible))
            for href, parts, kind, line, column, visible in self.links
        )
        return _content(
            blocks,
            headline,
            links,
            self.controls,
            self.meta,
            self.page_title,
            self.lang,
            self.times,
            self.json_ld,
        )


def _content(
    blocks: tuple[Block, ...],
    headline: str | None,
    links: tuple[Link, ...],
    controls: list[Control],
    meta: dict[str, str],
    page_title: str | None,
    lang: str | None,
    times: list[str | None],
    json_ld: list[str],
) -> HtmlContent:
    """The content of a walk (the Python walk's or the compiled one's): its blocks, headline
    and links finished, the rest as the walk gathered it."""
    metadata = _metadata(headline, meta, page_title, lang, times, json_ld)
    return HtmlContent(blocks, links, metadata, tuple(controls))


def _mark_headline(slots: list[list[Any] | None], h1_candidates: list[list[int] | None]) -> str | None:
    chosen = next((c for c in h1_candidates if c), None)
    if not chosen:
        return None
    texts = []
    for slot in chosen:
        block = slots[slot]
        if block and block[1] != HIDDEN:
            block[1] = HEADLINE
            texts.append(block[0])
    return " ".join(texts) or None


def _metadata(
    headline: str | None,
    meta: dict[str, str],
    page_title: str | None,
    lang: str | None,
    times: list[str | None],
    json_ld_texts: list[str],
) -> Metadata:
    ld_date, ld_publisher, ld_headline = json_ld(json_ld_texts)
    dates = (
        meta.get("article:published_time"),
        ld_date,
        *times,
        *(meta.get(name) for name in _DATE_META_NAMES),
    )
    return Metadata(
        title=first_text(meta.get("og:title"), page_title, headline),
        lang=language_code(lang) or language_code(meta.get("content-language")),
        date=next((d for d in map(parse_date, dates) if d), None),
        site_name=first_text(
            meta.get("og:site_name"),
            ld_publisher,
            meta.get("publisher"),
            meta.get("application-name"),
        ),
        headline=ld_headline,
    )


def _folded(text: str, preserve: int) -> str:
    """Whitespace-only text as BeautifulSoup keeps it: one newline or space (not in pre)."""
    if preserve or text.strip(WS):
        return text
    return "\n" if "\n" in text else " "


_NO_WORDS: frozenset[str] = frozenset()


def _purpose(attrs: Any) -> tuple[str, ...]:
    """The values of an element's purpose attributes, in the order written."""
    return tuple(
        " ".join(value) if isinstance(value, list) else value
        for key, value in attrs.items()
        if key in _FRAME_ATTRIBUTES
    )


@lru_cache(maxsize=4096)
def _frame_words(values: tuple[str, ...]) -> frozenset[str]:
    """The words of an element's purpose attributes: each value whole and split at - and _."""
    words: set[str] = set()
    for value in values:
        if value:
            for token in value.lower().split():
                words.add(token)
                words.update(w for w in _WORD_SPLIT.split(token) if w)
    return frozenset(words)


def _in_svg(parent: Any) -> bool:
    """Whether an ancestor of `parent` (lxml element or BeautifulSoup tag) is an svg."""
    if isinstance(parent, etree._Element):
        return any(ancestor.tag == "svg" for ancestor in parent.iterancestors())
    return parent.find_parent("svg") is not None


def _attr(attrs: Any, key: str) -> str | None:
    value = attrs.get(key)
    if isinstance(value, list):  # bs4 splits multi-valued attributes such as class
        return " ".join(value)
    return cast("str | None", value)
