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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..lists import Entry
from ..page import Page
from ..patterns import Phrasings, compile_groups, compile_phrasings
from ..report import Location, Result
from ..rules import Rule
from .common import make_result, shorten

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


@dataclass(frozen=True)
class NoticeCheck:
    elements: tuple[Element, ...]
    wording: Phrasings  # every element's phrasings, one group per element
    placement: str
    span: int
    partial: int
    capitals: bool
    superseded: tuple[str, ...]
    superseded_wording: Phrasings  # one group per superseded form


Hit = tuple[int, int, int]  # block index, start, end (normalised offsets)


def compile_check(rule: Rule, known_lists: set[str]) -> NoticeCheck:
    spec = rule.check
    elements = []
    for i, raw in enumerate(spec["elements"]):
        subject, principal = bool(raw.get("subject")), bool(raw.get("principal"))
        if not (raw.get("phrases") or raw.get("patterns") or subject or principal):
            raise rule.error(f"element {raw['name']!r} has no phrases, patterns or subject", "check", "elements", i)
        elements.append(Element(raw["name"], subject, principal))
    superseded = spec.get("superseded", ())
    return NoticeCheck(
        elements=tuple(elements),
        wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in spec["elements"]),
        placement=spec.get("placement", "anywhere"),
        span=spec.get("span", 3),
        partial=min(spec.get("partial", 2), len(elements)),
        capitals=spec.get("capitals", False),
        superseded=tuple(raw["name"] for raw in superseded),
        superseded_wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in superseded),
    )


def _element_hits(check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[tuple[int, Hit]]:
    """(element number, hit) for every element found in the page."""
    yield from page.find_tagged(check.wording)
    for n, element in enumerate(check.elements):
        if subject is not None and element.subject:
            yield from ((n, (i, h.start, h.end)) for i, h in page.name_hits if subject in h.entries)
        if subject is not None and subject.principal and element.principal:
            yield from ((n, hit) for hit in page.find(principal_phrasings(subject.principal)))


@cache
def principal_phrasings(principal: str) -> Phrasings:
    return compile_phrasings([principal])


def _placed(check: NoticeCheck, page: Page, first: int) -> bool:
    reading = page.reading
    if check.placement == "anywhere" or first not in reading:
        return check.placement == "anywhere"
    position = reading.index(first)
    if check.placement == "beginning":
        return position < 3
    if check.placement == "under-headline":
        after = reading.index(page.headline) + 1 if page.headline is not None else 0
        return after <= position < after + 2
    if check.placement == "footer":
        return page.in_footer(first) or position >= len(reading) - max(3, len(reading) // 3)
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

    def score(self) -> tuple:
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


def _missing_location(check: NoticeCheck, page: Page) -> Location:
    if check.placement == "under-headline" and page.headline is not None:
        return page.location(page.headline)
    if check.placement == "footer" and page.reading:
        return page.location(page.reading[-1])
    if page.reading:
        return page.location(page.reading[0])
    return Location(1, 1)


def _superseded(check: NoticeCheck, page: Page) -> tuple[str, Hit] | None:
    for n, hit in page.find_tagged(check.superseded_wording):
        if page.blocks[hit[0]].visible:
            return check.superseded[n], hit
    return None


def evaluate(rule: Rule, check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    who = subject or page.ctx.publisher
    best = max(_candidates(check, page, subject), key=_Candidate.score, default=None)
    complete = best is not None and len(best.hits) == len(check.elements)

    def result(status: str, block: int | None, detail: str = "") -> Result:
        """A result located at the start of the notice's first block, or where it should be."""
        if block is None:
            return make_result(rule, "notice", status, _missing_location(check, page), who, None, detail)
        text = shorten(page.blocks[block].text)
        return make_result(rule, "notice", status, page.location(block), who, text, detail)

    if complete:
        problems = []
        if not best.visible:
            problems.append("present only in content hidden from readers")
        elif not best.placed:
            problems.append(f"in the wrong place: it must stand {PLACEMENT_WORDS[check.placement]}")
        worded = [h for n, h in best.hits.items() if not (check.elements[n].subject or check.elements[n].principal)]
        if check.capitals and not _in_capitals(page, worded):
            problems.append("not in capital letters as the approved form requires")
        yield result("malformed" if problems else "present", best.first, "; ".join(problems))
        return
    old = _superseded(check, page)
    if old:
        name, (block, _, _) = old
        yield result("malformed", block, f"superseded wording ({name}); use the current form")
        return
    if best is not None and len(best.hits) >= check.partial:
        lacking = [el.name for n, el in enumerate(check.elements) if n not in best.hits]
        hidden = "" if best.visible else " and hidden from readers"
        yield result("malformed", best.first, f"incomplete{hidden}: lacks {', '.join(lacking)}")
        return
    yield result("missing", None, f": it must stand {PLACEMENT_WORDS[check.placement]}")
