"""What a loaded article looks like to the rest of the checker, whatever its source format."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

# Where a block sits on the page; placement rules test these.
HEADLINE = "headline"  # the article's title (h1, or front-matter/Markdown title)
BODY = "body"  # article text, in reading order
FOOTER = "footer"  # <footer>, role=contentinfo, or the trailing part of a plain text
OTHER = "other"  # navigation, header furniture, asides
HIDDEN = "hidden"  # present in the source but not visible to a reader
ZONES = (HEADLINE, BODY, FOOTER, OTHER, HIDDEN)


class Frame(NamedTuple):
    """An element that encloses a block: its tag and the words of its class, id, role, itemprop
    and aria-label (lower case; each value whole and split at - and _), numbered so that two
    blocks can tell whether they share it."""

    id: int
    tag: str
    words: frozenset[str] = frozenset()


class Block(NamedTuple):
    """One block of text (paragraph, heading, list item, footer paragraph...) in reading order.

    `anchors` maps offsets in `text` to source positions: a sorted tuple of
    (offset_in_text, line, column), 1-based line and column; the first anchor is at offset 0.
    """

    index: int  # type: ignore[assignment]  # the field shadows tuple.index; callers use the name
    text: str
    zone: str
    tag: str
    anchors: tuple[tuple[int, int, int], ...]
    # The elements around the block, outermost first (in HTML: its own element and the elements
    # around it; in Markdown and text: block quotes, lists, figures, the footer). Two adjacent
    # blocks inside one notice-like element (a footer, a disclaimer) can make one notice.
    frames: tuple[Frame, ...] = ()

    @property
    def visible(self) -> bool:
        return self.zone != HIDDEN

    @property
    def line(self) -> int:
        return self.anchors[0][1]

    @property
    def column(self) -> int:
        return self.anchors[0][2]

    def locate(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of the character at `offset` in `text`."""
        anchors = self.anchors
        i = max(bisect_right(anchors, (offset, 1 << 62)) - 1, 0) if len(anchors) > 1 else 0
        start, line, column = anchors[i]
        newlines = self.text.count("\n", start, offset)  # no copy of the text between
        if newlines:
            return line + newlines, offset - self.text.rfind("\n", start, offset)
        return line, column + (offset - start)


class Link(NamedTuple):
    """A hyperlink or an embed. kind: link, iframe, video, audio, source, embed, object, script."""

    href: str
    text: str
    kind: str
    line: int
    column: int
    visible: bool = True

    @property
    def is_embed(self) -> bool:
        return self.kind != "link"


class Control(NamedTuple):
    """A button without text of its own (an icon: share, like): what its class, id, role and
    aria-label say it does, the label a reader's screen reader gives it, and where its tag stands."""

    words: frozenset[str]
    label: str
    line: int
    column: int
    visible: bool = True


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    lang: str | None = None  # BCP 47 primary subtag, lower case: "ru", "en"
    date: date | None = None
    site_name: str | None = None  # og:site_name, JSON-LD publisher, meta publisher
    headline: str | None = None  # the article's headline as JSON-LD states it
    publisher: str | None = None  # front matter `publisher`
    regions: tuple[str, ...] = ()  # front matter `regions`
    jurisdictions: tuple[str, ...] = ()  # front matter `jurisdictions`


@dataclass(frozen=True)
class Document:
    path: str  # as given on the command line; "-" for stdin
    format: str  # html, markdown, text
    blocks: tuple[Block, ...]
    links: tuple[Link, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    # What the loader noticed but read anyway (invalid UTF-8 bytes, a front-matter date that
    # is no real date), one line each without the path.
    warnings: tuple[str, ...] = ()
    controls: tuple[Control, ...] = ()  # buttons without text (HTML)

    @property
    def visible_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.visible)

    @cached_property
    def frames(self) -> FrameKinds:
        """Every element that encloses a block, once, by its kind (tag and words): what is asked
        of an element (is it page furniture, a share widget?) is asked once per kind of element,
        not once per block it holds (a page has some 300 elements, of some 20 kinds)."""
        return frame_kinds(frozenset().union(*(block.frames for block in self.blocks)))


FrameKinds = dict[tuple[str, frozenset[str]], list[Frame]]  # (tag, words) -> the frames of that kind


def frame_kinds(frames: Iterable[Frame]) -> FrameKinds:
    kinds: FrameKinds = defaultdict(list)
    for frame in frames:
        kinds[frame[1:]].append(frame)  # (tag, words)
    return dict(kinds)


def stands_alone(block: Block, most: int) -> bool:
    """Whether a block reads as a label (`max_words` in rules): at most `most` words, and not the
    page's headline, which is as short but says what the article is about."""
    return block.zone != HEADLINE and len(block.text.split()) <= most
