"""Check kind `notice`: a notice the publisher must (or should) print is present, missing or
malformed.

A notice is recognised by its *elements* (for a reader warning: the designation, who is at risk,
the risky acts, the consequence), each matched by any of its phrasings, standing together in one
notice unit (`checks.units`): one block, or up to `span` adjacent blocks of one container, never
a headline, that reads as a notice (it stands in a notice-like element, speaks to the reader or
of the publisher itself, or is short and made mostly of the notice's wording) and is neither a
quotation nor a report of what others said. News text about a designation is no notice. It is

- present when every element is found in such a unit, visible, in the required place and form;
- malformed when such a unit is incomplete (at least `partial` elements, default 2, but not
  all: the message names what it lacks), hidden from readers, in the wrong place, not in
  capitals where capitals are required, or written in a superseded wording;
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

What the placements mean is an option too (`placement_blocks`, counted in the article's blocks:
its headline and text, page furniture, navigation, bylines, dates and captions left out, see
`documents.layout`): `beginning` is the first 3 blocks, `under-headline` the 2 blocks right
after the headline, `footer` the article's footer or its last 3 blocks, or its last third
(`footer_divisor`) when that is more.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.checks.common import (
    ListName,
    ListPath,
    Quote,
    Reporter,
    any_of,
    empty,
    in_link,
    option,
    phrasings_words,
    shorten,
)
from checker.checks.units import Hit, Unit, Wording, units
from checker.documents.layout import Layout, layout
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.normalise import fold
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
    "placement_blocks": {"beginning": 3, "under_headline": 1, "footer": 3, "footer_divisor": 3},
    "signals": ["container", "address", "own", "dense"],
    "unit_words": 60,
    "density": 0.5,
    "same_script": False,
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
    key: bool  # tells which notice this is: an incomplete one must hold a key element
    in_link: bool = False  # found only as the text of a visible link


@dataclass(frozen=True)
class NoticeCheck:
    elements: tuple[Element, ...]
    wording: Phrasings  # every element's phrasings, one group per element
    placement: str
    blocks: Mapping[str, int]  # what the placements mean, in reading blocks (placement_blocks)
    span: int
    signals: frozenset[str]  # what makes a unit a notice (units.SIGNALS)
    unit_words: int  # a unit this short, made mostly (density) of the notice's wording, reads as one
    density: float
    partial: int
    capitals: bool
    same_script: bool  # written in the script of the material around it
    superseded: tuple[str, ...]
    superseded_wording: Phrasings  # one group per superseded form



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
        Element(
            raw["name"], bool(raw.get("subject")), bool(raw.get("principal")), bool(raw.get("key")),
            bool(raw.get("in_link")),
        )
        for raw in spec["elements"]
    ]
    superseded = spec.get("superseded", ())
    return NoticeCheck(
        elements=tuple(elements),
        wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in spec["elements"]),
        placement=option(spec, OPTIONS, "placement"),
        blocks=_placement_blocks(spec),
        span=option(spec, OPTIONS, "span"),
        signals=frozenset(option(spec, OPTIONS, "signals")),
        unit_words=option(spec, OPTIONS, "unit_words"),
        density=option(spec, OPTIONS, "density"),
        partial=min(option(spec, OPTIONS, "partial"), len(elements)),
        capitals=option(spec, OPTIONS, "capitals"),
        same_script=option(spec, OPTIONS, "same_script"),
        superseded=tuple(raw["name"] for raw in superseded),
        superseded_wording=compile_groups((raw.get("phrases", ()), raw.get("patterns", ())) for raw in superseded),
    )


def _element_hits(check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[tuple[int, Hit]]:
    """(element number, hit) for every element found in the page."""
    yield from (
        (n, hit) for n, hit in page.find_tagged(check.wording) if not check.elements[n].in_link or in_link(page, *hit)
    )
    for n, element in enumerate(check.elements):
        if subject is not None and element.subject:
            yield from ((n, (i, h.start, h.end)) for i, h in page.name_hits if subject in h.entries)
            names = (subject.name, *(alias.name for alias in subject.aliases))
            yield from ((n, hit) for hit in page.find(glued_phrasings(names)))
        if subject is not None and subject.principals and element.principal:
            yield from ((n, hit) for hit in page.find(principal_phrasings(subject.principals)))
            yield from ((n, hit) for hit in page.find(glued_phrasings(subject.principals)))


@cache
def principal_phrasings(principals: tuple[str, ...]) -> Phrasings:
    """Any of the subject's foreign principals, as their names are written."""
    return compile_phrasings(list(principals))


# Chinese and Japanese write a Latin name without spaces around it: "本材料由T&R Productions LLC代表".
_UNSPACED_NEIGHBOUR = r"[\p{Han}\p{Hiragana}\p{Katakana}]"
_NOT_WORD = r"[^\p{L}\p{N}]"


@cache
def glued_phrasings(names: tuple[str, ...]) -> Phrasings:
    """Names written in Latin letters, found where they touch characters of an unspaced script on
    one side at least ("代表China Daily（中国日报）")."""
    latin = [" ".join(fold(name).split()) for name in names if name.isascii()]
    glued, edge = _UNSPACED_NEIGHBOUR, f"(?:{_UNSPACED_NEIGHBOUR}|{_NOT_WORD}|^|$)"
    patterns = [
        f"{glued}{re.escape(name)}{edge}|{edge}{re.escape(name)}{glued}"
        for name in sorted(set(latin), key=len, reverse=True)
        if name
    ]
    return compile_phrasings((), patterns)


def _principal_outside_subject(check: NoticeCheck, elements: dict[int, dict[int, list[Hit]]]) -> None:
    """A principal's name inside the registrant's own name is no element of its own: «© China
    Daily Distribution Corporation» names the registrant, not its principal China Daily."""
    subjects = [n for n, element in enumerate(check.elements) if element.subject]
    principals = [n for n, element in enumerate(check.elements) if element.principal]
    for found in elements.values():
        names = [(s, e) for n in subjects for _, s, e in found.get(n, ())]
        if not names:
            continue
        for n in principals:
            if n in found:
                kept = [h for h in found[n] if not any(s <= h[1] and h[2] <= e for s, e in names)]
                if kept:
                    found[n] = kept
                else:
                    del found[n]


def _wording(check: NoticeCheck, page: Page, subject: Entry | None) -> Wording:
    elements: dict[int, dict[int, list[Hit]]] = defaultdict(dict)
    for n, hit in _element_hits(check, page, subject):
        elements[hit[0]].setdefault(n, []).append(hit)
    _principal_outside_subject(check, elements)
    extra: dict[int, list[Hit]] = defaultdict(list)
    for _, hit in page.find_tagged(check.superseded_wording):
        extra[hit[0]].append(hit)
    return Wording(elements, extra)


def _placed(check: NoticeCheck, page: Page, article: Layout, unit: Unit) -> bool:
    """Whether the unit stands where the rule wants it, counted in the article's blocks."""
    if not unit.visible:
        return False
    blocks = check.blocks
    if check.placement == "beginning":
        return article.before(unit.first) < blocks["beginning"]
    if check.placement == "under-headline":
        between = article.between_headline_and(unit.first)
        return between is not None and between < blocks["under_headline"]
    if check.placement == "footer":
        last = max(blocks["footer"], len(article.counted) // blocks["footer_divisor"])
        return page.in_footer(unit.first) or article.after(unit.first) < last
    return True


def _in_capitals(page: Page, hits: list[Hit]) -> bool:
    letters = [c for i, s, e in hits for c in page.text(i).text[s:e] if c.isalpha()]
    return all(c.isupper() for c in letters)


def _missing_place(check: NoticeCheck, page: Page, article: Layout) -> int | None:
    """The block where a missing notice should stand, or None in an empty page."""
    if check.placement == "under-headline" and article.headline is not None:
        return article.headline
    if article.counted:
        return article.counted[-1] if check.placement == "footer" else article.counted[0]
    return page.reading[0] if page.reading else None


def _block_span(page: Page, block: int, shortened: bool) -> SourceSpan:
    """The notice's first block, as its shortened text quotes it: from the first word to the last
    (to the end of the block when the quote is cut short)."""
    text = page.blocks[block].text
    end = len(text) if shortened else len(text.rstrip())
    return SourceSpan(page.blocks[block].index, len(text) - len(text.lstrip()), end)


def link(rule: Rule, check: Any, rules: Mapping[str, tuple[Rule, Any]]) -> tuple[Any, RuleError | None]:
    return check, None  # names no other rule


def evaluate(rule: Rule, check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    """The rule's result on the page, found once per page and subject: a flag rule's
    `unless_near` asks for it again."""
    key = ("notice results", rule.id, subject.key if subject is not None else None)
    made_by, results = page.derived(key, lambda: ((rule, check), list(_evaluate(rule, check, page, subject))))
    if made_by[0] is not rule or made_by[1] is not check:  # another rule of that id (a draft beside the pack)
        results = list(_evaluate(rule, check, page, subject))
    return iter(results)


def _evaluate(rule: Rule, check: NoticeCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    who = subject or page.ctx.publisher
    article = page.derived("article layout", lambda: layout(page.doc))
    wording = _wording(check, page, subject)
    found = [
        u for u in units(
            page, article, wording, check.span, check.unit_words, check.density,
            links=any(element.in_link for element in check.elements),
            fewest=check.partial,  # a unit with fewer elements is neither complete nor partial
        )
        if u.signals.notice_like(check.signals)
    ]

    def result(status: Status, block: int | None, detail: str = "") -> Result:
        """A result located at the start of the notice's block, or where it should be."""
        if block is None:
            place = _missing_place(check, page, article)
            if place is None:
                return REPORTER.result(rule, status, Location(1, 1), who, None, detail)
            point = SourceSpan(page.blocks[place].index, 0, 0)
            return REPORTER.result(rule, status, page.location(place), who, None, detail, point)
        text = shorten(page.blocks[block].text)
        span = _block_span(page, block, text.endswith("…"))
        return REPORTER.result(rule, status, page.location(block), who, text, detail, span)

    complete = [u for u in found if len(u.hits) == len(check.elements)]
    if complete:
        # The best: visible, in place, in the fewest blocks, the first.
        best = max(complete, key=lambda u: (u.visible, _placed(check, page, article, u), -len(u.blocks), -u.first))
        problems = []
        if not best.visible:
            problems.append("present only in content hidden from readers")
        elif not _placed(check, page, article, best):
            problems.append(f"in the wrong place: it must stand {PLACEMENT_WORDS[check.placement]}")
        worded = [h for n, h in best.hits.items() if not (check.elements[n].subject or check.elements[n].principal)]
        if check.capitals and not _in_capitals(page, worded):
            problems.append("not in capital letters as the approved form requires")
        if check.same_script and not _same_script(page, article, best):
            problems.append("not in the language of the material")
        yield result(Status.MALFORMED if problems else Status.PRESENT, _focus(wording, best), "; ".join(problems))
        return
    old = next((u for u in found if u.visible and any(i in wording.extra for i in u.blocks)), None)
    if old is not None:
        block = next(i for i in old.blocks if i in wording.extra)
        name = check.superseded[_superseded_form(check, page, block)]
        yield result(Status.MALFORMED, block, f"superseded wording ({name}); use the current form")
        return
    keys = {n for n, element in enumerate(check.elements) if element.key}
    # An incomplete formula is no formula, unless it holds a key element: a short line that is
    # a label and nothing else («Political advertisement» over an ad) is that label, incomplete.
    partial = [
        u for u in found
        if u.signals.notice_like(check.signals - ({"dense"} if not keys & set(u.hits) else set()))
        and len(u.hits) >= check.partial
        and (not keys or keys & set(u.hits))
    ]
    if partial:
        best = max(partial, key=lambda u: (len(u.hits), u.visible, -len(u.blocks), -u.first))
        lacking = [el.name for n, el in enumerate(check.elements) if n not in best.hits]
        hidden = "" if best.visible else " and hidden from readers"
        yield result(Status.MALFORMED, _focus(wording, best), f"incomplete{hidden}: lacks {', '.join(lacking)}")
        return
    yield result(Status.MISSING, None, f": it must stand {PLACEMENT_WORDS[check.placement]}")


def _focus(wording: Wording, unit: Unit) -> int:
    """The block of a unit a result points at: the one that holds the most elements (the first
    of those), so that a designation in one paragraph and the warning in the next are reported
    at the warning."""
    return max(unit.blocks, key=lambda i: (len(wording.elements.get(i, {})), -i))


_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


def _script(text: str) -> str | None:
    """The script most of a text is written in, counting words (a Chinese character is one)."""
    counts = {
        "han": len(_HAN.findall(text)),
        "latin": len(_LATIN_WORD.findall(text)),
        "cyrillic": len(_CYRILLIC_WORD.findall(text)),
    }
    script, most = max(counts.items(), key=lambda item: item[1])
    return script if most else None


def _same_script(page: Page, article: Layout, unit: Unit) -> bool:
    """Whether the notice is written in the script of the material around it (its language,
    as far as letters tell: a Chinese article whose statement is in English is not)."""
    material = _script(" ".join(page.blocks[i].text for i in article.counted if i not in unit.blocks))
    own = _script(" ".join(page.blocks[i].text for i in unit.blocks))
    return material is None or own is None or material == own


def _superseded_form(check: NoticeCheck, page: Page, block: int) -> int:
    return next(n for n, hit in page.find_tagged(check.superseded_wording) if hit[0] == block)


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    placement = PLACEMENT_WORDS[option(spec, OPTIONS, "placement")]
    lines = [f"A notice, placed {placement}, with all of these elements (each found by any of its wordings):"]
    lines += [_element_words(e, quote) for e in spec["elements"]]
    span, partial = option(spec, OPTIONS, "span"), min(option(spec, OPTIONS, "partial"), len(spec["elements"]))
    signals = [_SIGNAL_WORDS[name] for name in option(spec, OPTIONS, "signals")]
    lines.append(
        f"The elements must stand together in one notice unit: one paragraph, or up to {span} adjacent "
        "paragraphs of one notice-like element (a footer, a disclaimer, an aside), not a headline, that reads "
        f"as a notice: {any_of(signals)}; quotations and reports of what others said are not notices. The "
        "notice is present when all elements are found, visible and in place; malformed when such a unit "
        f"holds {partial} or more but not all, or is hidden, misplaced, or in an old wording; missing otherwise."
    )
    keys = [e["name"] for e in spec["elements"] if e.get("key")]
    if keys:
        lines.append(f"An incomplete notice holds at least one of: {', '.join(keys)}.")
    if option(spec, OPTIONS, "same_script"):
        lines.append("It must be written in the language of the material.")
    if option(spec, OPTIONS, "capitals"):
        lines.append("It must be printed in capital letters.")
    for old in spec.get("superseded", ()):
        lines.append(f"Old wording that no longer satisfies the rule ({old['name']}): {phrasings_words(old, quote)}")
    return lines


_SIGNAL_WORDS = {
    "container": "it stands in a notice-like element",
    "address": "it speaks to the reader",
    "own": "the publisher speaks of itself or of this material",
    "dense": "it is short and made mostly of these wordings",
}


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
