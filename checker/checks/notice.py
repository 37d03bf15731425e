"""Check kind `notice`: a notice the publisher must (or should) print is present, missing or
malformed.

A notice is recognised by its *elements* (for a reader warning: the designation, who is at risk,
the risky acts, the consequence), each matched by any of its phrasings, found together within a
few consecutive blocks. It is

- present when every element is found, visible, in the required place and form;
- malformed when it is incomplete (at least `partial` elements, default 2, but not all), hidden
  from readers, in the wrong place, not in capitals where capitals are required, or written in a
  superseded wording;
- missing otherwise.

Example (YAML)::

    check:
      kind: notice
      placement: footer
      elements:
        - name: designation
          phrases: ['declared an "undesirable organization"', 'признан* нежелательн*']
        - name: consequence
          phrases: [fines or imprisonment, штраф*]

An element marked `in_link: true` counts only where its wording is the text of a link
(an "Impressum" link in the page footer, a "transparency notice" link next to an advert), not
where the same word stands in running text.

What the placements mean is an option too (`placement_blocks`, in reading blocks: paragraphs
of the article itself, page furniture left out): `beginning` is the first 3 blocks,
`under-headline` the 2 blocks right after the headline, `footer` the article's footer or its
last 3 blocks, or its last third (`footer_divisor`) when that is more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.checks.common import ListName, ListPath, Quote, Reporter, empty, option, phrasings_words, shorten
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.page import Page
from checker.match.patterns import Phrasings, compile_groups, compile_phrasings
from checker.report import ExampleStatus, Location, Result, Section, SourceSpan, Status
from checker.rulepack.rules import Rule

NAME = "notice"
OPTIONS: Mapping[str, Any] = {
    "placement": "anywhere",
    "span": 3,
    "partial": 2,
    "capitals": False,
    "placement_blocks": {"beginning": 3, "under_headline": 2, "footer": 3, "footer_divisor": 3},
}
REPORTER = Reporter(
    Section.NOTICE,
    {
        Status.PRESENT: "{title}: present",
        Status.MISSING: "{title}: missing{detail}",
        Status.MALFORMED: "{title}: {detail}",
    },
)
EXAMPLE_STATUSES = frozenset({Status.PRESENT, Status.MISSING, Status.MALFORMED, ExampleStatus.NOT_APPLICABLE})
EXPECTS = frozenset({"status"})

PLACEMENT_WORDS = {
    "under-headline": "directly under the headline",
    "beginning": "at the beginning of the material",
    "footer": "at the end of the article (footer)",
    "anywhere": "anywhere visible",
}


@dataclass(frozen=True)
class Element:
    name: str
    subject: bool  # matched by the subject entry's names
    principal: bool  # matched by the subject entry's foreign principal
    in_link: bool = False  # found only as the text of a visible link


@dataclass(frozen=True)
class NoticeCheck:
    elements: tuple[Element, ...]
    wording: Phrasings  # every element's phrasings, one group per element
    placement: str
    blocks: Mapping[str, int]  # what the placements mean, in reading blocks (placement_blocks)
    span: int
    partial: int
    capitals: bool
    superseded: tuple[str, ...]
    superseded_wording: Phrasings  # one group per superseded form


Hit = tuple[int, int, int]  # block index, start, end (normalised offsets)


def list_references(spec: Mapping[str, Any]) -> Iterator[ListPath]:
    return iter(())


def reads_names(spec: Mapping[str, Any]) -> bool:
    """An element matched by the subject's names finds them among the page's names."""
    return any(element.get("subject") for element in spec["elements"])


def problems(rule: Rule) -> Iterator[RuleError]:
    """Elements and old wordings with nothing to find."""
    check = rule.check
    for i, element in enumerate(check["elements"]):
        if empty(element) and not (element.get("subject") or element.get("principal")):
            yield rule.error(
                f"notice element {element['name']!r} has no phrases, patterns or subject: it can never be found",
                "check", "elements", i,
            )
    for i, old in enumerate(check.get("superseded", ())):
        if empty(old):
            yield rule.error(f"superseded wording {old['name']!r} has no phrases or patterns", "check", "superseded", i)
    if rule.applies.publisher_on:
        return
    for i, element in enumerate(check["elements"]):
        for key in ("subject", "principal"):
            if element.get(key) and empty(element):
                yield rule.error(
                    f"element {element['name']!r} is found by the subject's {'name' if key == 'subject' else key}, "
                    "but the rule has no applies.publisher_on, so there is no subject: the notice can never be present",
                    "check", "elements", i, key=key,
                )


def _placement_blocks(spec: Mapping[str, Any]) -> dict[str, int]:
    return {**OPTIONS["placement_blocks"], **spec.get("placement_blocks", {})}


def compile_check(rule: Rule, known_lists: set[str]) -> NoticeCheck:
    spec = rule.check
    elements = [
        Element(raw["name"], bool(raw.get("subject")), bool(raw.get("principal")), bool(raw.get("in_link")))
        for raw in spec["elements"]
    ]
    superseded = spec.get("superseded", ())
    return NoticeCheck(
        elements=tuple(elements),
        wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in spec["elements"]),
        placement=option(spec, OPTIONS, "placement"),
        blocks=_placement_blocks(spec),
        span=option(spec, OPTIONS, "span"),
        partial=min(option(spec, OPTIONS, "partial"), len(elements)),
        capitals=option(spec, OPTIONS, "capitals"),
        superseded=tuple(raw["name"] for raw in superseded),
        superseded_wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in superseded),
    )


def _in_link(page: Page, hit: Hit) -> bool:
    """The hit's words are the text of the link it stands in (whose visibility is its block's)."""
    i, start, end = hit
    at = page.location(i, start)
    before = [link for link in page.doc.links if not link.is_embed and (link.line, link.column) <= (at.line, at.column)]
    if not before:
        return False
    link = max(before, key=lambda link: (link.line, link.column))
    words = " ".join(page.source_text(i, start, end).split()).lower()
    return words in link.text.lower()


def _element_hits(check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[tuple[int, Hit]]:
    """(element number, hit) for every element found in the page."""
    yield from (
        (n, hit) for n, hit in page.find_tagged(check.wording) if not check.elements[n].in_link or _in_link(page, hit)
    )
    for n, element in enumerate(check.elements):
        if subject is not None and element.subject:
            yield from ((n, (i, h.start, h.end)) for i, h in page.name_hits if subject in h.entries)
        if subject is not None and subject.principals and element.principal:
            yield from ((n, hit) for hit in page.find(principal_phrasings(subject.principals)))


@cache
def principal_phrasings(principals: tuple[str, ...]) -> Phrasings:
    """Any of the subject's foreign principals, as their names are written."""
    return compile_phrasings(list(principals))


def _placed(check: NoticeCheck, page: Page, first: int) -> bool:
    reading = page.reading
    if check.placement == "anywhere" or first not in reading:
        return check.placement == "anywhere"
    position, blocks = reading.index(first), check.blocks
    if check.placement == "beginning":
        return position < blocks["beginning"]
    if check.placement == "under-headline":
        after = reading.index(page.headline) + 1 if page.headline is not None else 0
        return after <= position < after + blocks["under_headline"]
    if check.placement == "footer":
        last = max(blocks["footer"], len(reading) // blocks["footer_divisor"])
        return page.in_footer(first) or position >= len(reading) - last
    return True


def _in_capitals(page: Page, hits: list[Hit]) -> bool:
    letters = [c for i, s, e in hits for c in page.text(i).text[s:e] if c.isalpha()]
    return all(c.isupper() for c in letters)


@dataclass
class _Candidate:
    hits: dict[int, Hit]  # element index -> first hit
    visible: bool
    placed: bool
    first: int

    def score(self) -> tuple[int, bool, bool, int]:
        return (len(self.hits), self.visible, self.placed, -self.first)


def _candidates(check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[_Candidate]:
    per_block: dict[int, dict[int, list[Hit]]] = defaultdict(dict)
    for n, hit in _element_hits(check, page, subject):
        per_block[hit[0]].setdefault(n, []).append(hit)
    for group, visible in ((page.visible, True), (page.hidden, False)):
        for p, start in enumerate(group):
            if start not in per_block:
                continue
            found: dict[int, Hit] = {}
            for i in group[p : p + check.span]:
                for n, hits in per_block.get(i, {}).items():
                    found.setdefault(n, hits[0])
            yield _Candidate(found, visible, visible and _placed(check, page, start), start)


def _missing_place(check: NoticeCheck, page: Page) -> int | None:
    """The block where a missing notice should stand (its start), or None in an empty page."""
    if check.placement == "under-headline" and page.headline is not None:
        return page.headline
    if check.placement == "footer" and page.reading:
        return page.reading[-1]
    return page.reading[0] if page.reading else None


def _block_span(page: Page, block: int, shortened: bool) -> SourceSpan:
    """The notice's first block, as its shortened text quotes it: from the first word to the last
    (to the end of the block when the quote is cut short)."""
    text = page.blocks[block].text
    end = len(text) if shortened else len(text.rstrip())
    return SourceSpan(page.blocks[block].index, len(text) - len(text.lstrip()), end)


def _superseded(check: NoticeCheck, page: Page) -> tuple[str, Hit] | None:
    for n, hit in page.find_tagged(check.superseded_wording):
        if page.blocks[hit[0]].visible:
            return check.superseded[n], hit
    return None


def evaluate(rule: Rule, check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    who = subject or page.ctx.publisher
    best = max(_candidates(check, page, subject), key=_Candidate.score, default=None)
    complete = best is not None and len(best.hits) == len(check.elements)

    def result(status: Status, block: int | None, detail: str = "") -> Result:
        """A result located at the start of the notice's first block, or where it should be."""
        if block is None:
            place = _missing_place(check, page)
            if place is None:
                return REPORTER.result(rule, status, Location(1, 1), who, None, detail)
            point = SourceSpan(page.blocks[place].index, 0, 0)
            return REPORTER.result(rule, status, page.location(place), who, None, detail, point)
        text = shorten(page.blocks[block].text)
        span = _block_span(page, block, text.endswith("…"))
        return REPORTER.result(rule, status, page.location(block), who, text, detail, span)

    if best is not None and complete:
        problems = []
        if not best.visible:
            problems.append("present only in content hidden from readers")
        elif not best.placed:
            problems.append(f"in the wrong place: it must stand {PLACEMENT_WORDS[check.placement]}")
        worded = [h for n, h in best.hits.items() if not (check.elements[n].subject or check.elements[n].principal)]
        if check.capitals and not _in_capitals(page, worded):
            problems.append("not in capital letters as the approved form requires")
        yield result(Status.MALFORMED if problems else Status.PRESENT, best.first, "; ".join(problems))
        return
    old = _superseded(check, page)
    if old:
        name, (block, _, _) = old
        yield result(Status.MALFORMED, block, f"superseded wording ({name}); use the current form")
        return
    if best is not None and len(best.hits) >= check.partial:
        lacking = [el.name for n, el in enumerate(check.elements) if n not in best.hits]
        hidden = "" if best.visible else " and hidden from readers"
        yield result(Status.MALFORMED, best.first, f"incomplete{hidden}: lacks {', '.join(lacking)}")
        return
    yield result(Status.MISSING, None, f": it must stand {PLACEMENT_WORDS[check.placement]}")


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    placement = PLACEMENT_WORDS[option(spec, OPTIONS, "placement")]
    lines = [f"A notice, placed {placement}, with all of these elements (each found by any of its wordings):"]
    lines += [_element_words(e, quote) for e in spec["elements"]]
    span, partial = option(spec, OPTIONS, "span"), min(option(spec, OPTIONS, "partial"), len(spec["elements"]))
    lines.append(
        f"The elements must stand within {span} consecutive paragraph(s). The notice is present when all are "
        f"found, visible and in place; malformed when {partial} or more are found but not all, or when it is "
        "hidden, misplaced, or in an old wording; missing otherwise."
    )
    if option(spec, OPTIONS, "capitals"):
        lines.append("It must be printed in capital letters.")
    for old in spec.get("superseded", ()):
        lines.append(f"Old wording that no longer satisfies the rule ({old['name']}): {phrasings_words(old, quote)}")
    return lines


def _element_words(element: Mapping[str, Any], quote: Quote) -> str:
    found_by = []
    if element.get("subject"):
        found_by.append("the subject's name, in any form")
    if element.get("principal"):
        found_by.append("the name of the subject's foreign principal")
    if element.get("phrases") or element.get("patterns"):
        found_by.append(phrasings_words(element, quote))
    link = " (as the text of a link)" if element.get("in_link") else ""
    return f"- {element['name']}{link}: {'; or '.join(found_by)}"
