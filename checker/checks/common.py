"""What every check kind shares: turning a finding into a Result with the rule's wording, reading
options with their declared defaults, and the words kinds use to describe themselves."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import le
from typing import Any

from checker.documents.model import Link
from checker.lists.model import Entry
from checker.match.normalise import fold
from checker.match.page import Page, Span
from checker.report import Location, Result, Section, Severity, SourceSpan, Status
from checker.rulepack.rules import Rule

Quote = Callable[[str], str]  # how a phrase is shown: "…" in a terminal, `…` in Markdown
ListName = Callable[[str], str]  # how a list id is shown: with its title when the pack knows it
ListPath = tuple[str, tuple[str | int, ...]]  # a list id and where in the rule it is written

# Messages that also show a detail when the rule's own wording leaves it out.
_DETAILED = frozenset({Status.MALFORMED, Status.REVIEW})


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Reporter:
    """How one check kind reports: the report section its results go to, and its default
    message per status (which are also the `messages` keys a rule of that kind may word)."""

    section: Section
    messages: Mapping[Status, str]

    def result(
        self,
        rule: Rule,
        status: Status,
        location: Location,
        subject: Entry | str | None = None,
        text: str | None = None,
        detail: str = "",
        span: SourceSpan | None = None,
    ) -> Result:
        """A result; `subject` is an entry (reported by its official name, named in the message
        by its short name) or the publisher's name as given."""
        own = rule.messages.get(status)
        template = own or self.messages[status]
        short = subject.display if isinstance(subject, Entry) else subject
        fill = _Fill(title=rule.title, subject=short or "", text=text or "", detail=detail)
        message = template.format_map(fill)
        if own and detail and "{detail}" not in template and status in _DETAILED:
            message = f"{message} ({detail})"
        return Result(
            rule=rule.id,
            section=self.section,
            status=status,
            severity=Severity(rule.severity),
            subject=subject.name if isinstance(subject, Entry) else subject,
            text=text,
            message=message,
            location=location,
            law=rule.law,
            span=span,
        )


def option(spec: Mapping[str, Any], defaults: Mapping[str, Any], name: str) -> Any:
    """A check option as written in the rule, else its declared default."""
    return spec.get(name, defaults[name])


def source_span(page: Page, i: int, start: int, end: int) -> SourceSpan:
    """The span of page block i's normalised [start, end) in the loaded document's block text."""
    text = page.text(i)
    first = text.to_source(start)
    last = text.to_source(end - 1) + 1 if end > start else first
    return SourceSpan(page.blocks[i].index, first, last)


def empty(spec: Mapping[str, Any]) -> bool:
    """Phrasings with neither phrases nor patterns."""
    return not (spec.get("phrases") or spec.get("patterns"))


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def any_of(items: Iterable[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def phrasings_words(spec: Mapping[str, Any], quote: Quote) -> str:
    words = [quote(p) for p in spec.get("phrases", ())]
    words += [f"pattern {quote(p)}" for p in spec.get("patterns", ())]
    return ", ".join(words)


# ---------------------------------------------------------------------------------------------
# Where a link stands in the page's text


Ranges = tuple[list[tuple[int, tuple[int, int], tuple[int, int]]], list[tuple[int, int]]]


def block_ranges(page: Page) -> Ranges:
    """(block, first (line, column), last (line, column)) of the visible blocks, sorted by
    start, and their starts alone (for bisection)."""
    def make() -> Ranges:
        blocks = ((i, page.blocks[i]) for i in page.visible)
        ranges = sorted(((i, (b.line, b.column), b.locate(len(b.text.rstrip()))) for i, b in blocks),
                        key=lambda r: r[1])
        return ranges, [start for _, start, _ in ranges]

    return page.derived("block ranges", make)  # links are placed by them, many per page


def block_before(page: Page, line: int, column: int) -> int:
    """The visible block that starts last at or before a source position (-1: none does)."""
    def make() -> tuple[list[int], list[tuple[int, int]]]:
        # By start, then in reading order (the order of page.visible), as block_ranges sorts them.
        blocks, visible = page.blocks, page.visible
        starts = [blocks[i].anchors[0][1:] for i in visible]  # (line, column)
        if all(map(le, starts, starts[1:])):
            return visible, starts  # most pages read in the order of their source
        order = sorted(range(len(starts)), key=starts.__getitem__)  # a stable sort keeps the reading order
        return [visible[k] for k in order], [starts[k] for k in order]

    order, starts = page.derived("block starts", make)  # no block's end is needed here
    n = bisect_right(starts, (line, column))
    return order[n - 1] if n else -1


def link_span(page: Page, link: Link) -> Span | None:
    """The link's text in the page: in the block whose source holds the link (or the first that
    starts after its tag), the occurrence of its text nearest after the tag."""
    words = fold(link.text)
    if not words:
        return None
    position = (link.line, link.column)
    ranges, starts = block_ranges(page)
    n = bisect_right(starts, position)  # ranges[:n] start at or before the link
    holding = [ranges[n - 1][0]] if n and position <= ranges[n - 1][2] else []
    after = [ranges[n][0]] if n < len(ranges) else []
    for i in holding + after + page.visible:
        found = _occurrences(page, i, words)
        if found:  # the first occurrence at or after the tag (positions grow with offsets)
            at = bisect_left(found, True, key=lambda n: page.blocks[i].locate(page.text(i).to_source(n)) >= position)
            start = found[at] if at < len(found) else found[0]
            return i, start, start + len(words)
    return None


def _occurrences(page: Page, i: int, words: str) -> list[int]:
    """Where `words` stand in block i's lower-case text (once per page: links repeat)."""
    def make() -> list[int]:
        lower, offsets = page.text(i).lower, []
        n = lower.find(words)
        while n >= 0:
            offsets.append(n)
            n = lower.find(words, n + 1)
        return offsets

    return page.derived(("occurrences", i, words), make)


def in_link(page: Page, i: int, start: int, end: int) -> bool:
    """The words [start, end) of block i, visible or not, stand in the text of a link: a link
    whose tag stands in the block (after the block before it), and the occurrence of its text
    nearest after its tag holds them."""
    at = page.location(i, start)
    block = page.blocks[i]
    previous = page.blocks[i - 1] if i else None  # a link of block i stands after its end
    since = previous.locate(len(previous.text.rstrip())) if previous else (0, 0)
    for link in page.doc.links:
        if link.is_embed or not link.text or not since < (link.line, link.column) <= (at.line, at.column):
            continue
        words = fold(link.text)
        position = (link.line, link.column)
        after = [n for n in _occurrences(page, i, words) if block.locate(page.text(i).to_source(n)) >= position]
        if after and after[0] <= start and end <= after[0] + len(words):
            return True
    return False
