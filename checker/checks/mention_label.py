"""Check kind `mention-label`: every mention of an active entry of the given lists carries a label.

A mention is labelled when one of the label phrasings stands in the same sentence and speaks of
it (a parenthesis right after the name, «Галкин (признан иноагентом)»; a clause, «Галкина,
признанного иноагентом,»; a label before the name, «признанный иноагентом Галкин»; a plural
label for several names), or when a footnote marker follows the name (`*`, `¹`, `[1]`, `[^1]`)
and the footnote with that marker carries a label. A singular label next to one name does not
cover another name in the same sentence: «Быков (признан иноагентом) и Шендерович» leaves
Шендерович unlabelled.

`label_once` says how far one label reaches: `mention` (the default) wants a label at every
mention; `paragraph` lets the first labelled mention of an entry cover its later mentions in
the same paragraph; `article`, in the whole article.

One result per mention: present, missing, or review when the name itself is uncertain (a
surname alone before the person is named in full, an everyday word written without quotes):
the message gives the reason, and review does not fail a run.

Two options turn the check to other mentions:
- `products` names what an entry owns (Instagram and Facebook for Meta): a mention of a product
  is a mention of its owner and needs the owner's label (or the owner, named in the same
  sentence, carries it: "Meta* объявила правила для Instagram"). A rule with `products` checks product
  mentions only; the owner's own name is left to a rule without them, so that one mention is
  never reported twice.
- `delisted: true` looks at entries removed from their list on or before the check date: a label
  still attached to one of their mentions is flagged as out of date, and unlabelled mentions,
  now correct, are not reported.

Example (YAML)::

    check:
      kind: mention-label
      lists: [ru.foreign-agents]
      label_once: paragraph
      labels:
        phrases: ['признан* иноагент*', 'иностранн* агент*']
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker import lexicon
from checker.checks.common import (
    ListName,
    ListPath,
    Quote,
    Reporter,
    any_of,
    empty,
    option,
    phrasings_words,
    source_span,
)
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.names import NameHit
from checker.match.page import Page
from checker.match.patterns import Phrasings, compile_phrasings
from checker.report import ExampleStatus, Result, Section, Status
from checker.rulepack.rules import Rule

NAME = "mention-label"
OPTIONS: Mapping[str, Any] = {"footnotes": True, "label_once": "mention", "delisted": False}
REPORTER = Reporter(
    Section.NOTICE,  # one result per mention, reported with the notices
    {
        Status.PRESENT: "{title}: present",
        Status.MISSING: "{title}: missing{detail}",
        Status.REVIEW: "{title}: {detail}",
        Status.FLAGGED: '{title}: "{text}" still carries a label, but its entry was {detail}',
    },
)
EXAMPLE_STATUSES = frozenset(
    {Status.PRESENT, Status.MISSING, Status.FLAGGED, ExampleStatus.CLEAN, ExampleStatus.NOT_APPLICABLE}
)
EXPECTS = frozenset({"status", "mentions"})

# Footnote markers: *, **, superscript digits (normalised to ^1), [1], and Markdown's [^1].
# Footnotes found in a page, per marker symbol (see _footnotes); forgotten with the page.
_FOOTNOTES: weakref.WeakKeyDictionary[Page, dict[str, list[tuple[int, int, str]]]] = weakref.WeakKeyDictionary()
_MARKER = re.compile(r'"?\s?(\*{1,3}|\^\d+|\[\^?\w{1,12}\])')
# A label that speaks of several ("оба издания признаны иностранными агентами") covers every
# mention of its sentence; a singular one belongs to one name.
_PLURAL = lexicon.word_endings_pattern("plural_label_endings")
_BEFORE_NAME = 3  # "признанный иноагентом Галкин": a label this close before a name is its own


@dataclass(frozen=True)
class MentionLabelCheck:
    lists: frozenset[str]
    kinds: frozenset[str] | None
    labels: Phrasings
    footnotes: bool
    label_once: str  # mention | paragraph | article
    products: tuple[tuple[str, Phrasings], ...]  # (owner entry id, the product names), or ()
    delisted: bool  # check entries removed from their lists instead of active ones


def list_references(spec: Mapping[str, Any]) -> Iterator[ListPath]:
    return ((list_id, ("check", "lists", i)) for i, list_id in enumerate(spec["lists"]))


def reads_names(spec: Mapping[str, Any]) -> bool:
    return True


def problems(rule: Rule) -> Iterator[RuleError]:
    if empty(rule.check["labels"]):
        yield rule.error("labels has no phrases or patterns: every mention would be missing", "check", "labels")
    for entry_id, names in rule.check.get("products", {}).items():
        if empty(names):
            yield rule.error(f"products of {entry_id!r} has no phrases or patterns", "check", "products", entry_id)


def compile_check(rule: Rule, known_lists: set[str]) -> MentionLabelCheck:
    spec = rule.check
    labels = spec["labels"]
    return MentionLabelCheck(
        lists=frozenset(spec["lists"]),
        kinds=frozenset(spec["entry_kinds"]) if "entry_kinds" in spec else None,
        labels=compile_phrasings(labels.get("phrases", ()), labels.get("patterns", ())),
        footnotes=option(spec, OPTIONS, "footnotes"),
        label_once=option(spec, OPTIONS, "label_once"),
        products=tuple(
            (entry_id, compile_phrasings(names.get("phrases", ()), names.get("patterns", ())))
            for entry_id, names in spec.get("products", {}).items()
        ),
        delisted=option(spec, OPTIONS, "delisted"),
    )


def _footnotes(page: Page, symbol: str) -> list[tuple[int, int, str]]:
    """The footnotes of `symbol` in the page, each (block, start, text); found once per page and
    symbol, so that a page of many marked mentions costs one pass, not one per mention."""
    found = _FOOTNOTES.setdefault(page, {})
    if symbol not in found:
        # The footnote: the marker at the start of a line or block, not followed by more of it.
        note = re.compile(
            rf"(?:^|\n|\s{{2}}|(?<=[.;]) )\s*{re.escape(symbol)}(?![*\d])\s*[:\-–]?\s*(.+?)"
            r"(?=$|\n|\s\*|\s\^\d|\s\[\^?\w)",
            re.S,
        )
        found[symbol] = [
            (i, m.start(), m.group(1))
            for i in page.visible
            if symbol[-1] in page.text(i).lower
            for m in note.finditer(page.text(i).lower)
        ]
    return found[symbol]


def _footnote_labelled(check: MentionLabelCheck, page: Page, block: int, end: int) -> bool:
    lower = page.text(block).lower
    if end >= len(lower) or lower[end] not in '*^["\' ':
        return False  # no marker can follow: the common case, settled without a regex
    marker = _MARKER.match(lower, end)
    if not marker:
        return False
    return any(
        check.labels.search(text)
        for i, start, text in _footnotes(page, marker.group(1))
        if not (i == block and start <= end)
    )


def _scope(check: MentionLabelCheck, block: int) -> int | None:
    """Where a label, once given, still counts: this paragraph, the whole article, or nowhere."""
    return {"paragraph": block, "article": -1}.get(check.label_once)


def _owners(label: tuple[int, int], lower: str, left: int, names: list[NameHit]) -> set[str] | None:
    """The entries a label in a sentence speaks of (keys), or None for all of the sentence's.

    A singular label belongs to the name right after it ("признанный иноагентом Галкин"), else
    to the nearest name before it ("Галкин (признан иноагентом)"), else to the first after it;
    all mentions of that entry in the sentence share it. So "Быков (признан иноагентом) и
    Шендерович" labels Быков only."""
    start, end = label
    if _PLURAL.search(lower[max(left, start - 30) : end]):
        return None
    wrapped = [h for h in names if start <= h.start and h.end <= end]
    following = [h for h in names if h.start >= end]
    preceding = [h for h in names if h.end <= start]
    if wrapped:  # "признания движения ЛГБТ экстремистским" says it around the name
        owner = wrapped[0]
    elif following and following[0].start - end <= _BEFORE_NAME:
        owner = following[0]
    elif preceding:
        owner = preceding[-1]
    elif following:
        owner = following[0]
    else:
        return set()
    return {e.key for e in owner.entries}


def _sentence_labelled(page: Page, i: int, hit: NameHit, labels: list[tuple[int, int]]) -> bool:
    if not labels:  # most paragraphs have no label at all: no need to find the sentence
        return False
    left, right = page.sentence(i, hit.start, hit.end)
    inside = [(s, e) for s, e in labels if left <= s and e <= right]
    if not inside:
        return False
    names = [h for h in page.mentions_by_block.get(i, ()) if left <= h.start and h.end <= right]
    if hit not in names:  # a product's name, which stands for its owner
        names = sorted([*names, hit], key=lambda h: h.start)
    keys = {e.key for e in hit.entries}
    lower = page.text(i).lower
    for label in inside:
        owners = _owners(label, lower, left, names)
        if owners is None or owners & keys:
            return True
    return False


def _wanted(check: MentionLabelCheck, entry: Entry, on: date) -> bool:
    """An entry whose mentions this check looks at: on its lists and of its kinds, active on the
    date (removed from its list by then, for a `delisted` check)."""
    if entry.list_id not in check.lists or (check.kinds is not None and entry.kind not in check.kinds):
        return False
    if check.delisted:
        return entry.delisted is not None and entry.delisted <= on
    return entry.active(on)


def _product_mentions(check: MentionLabelCheck, page: Page) -> list[tuple[int, NameHit]]:
    """Mentions of the products the check names, each a hit on its owner entries, in page order."""
    found = []
    for entry_id, names in check.products:
        owners = tuple(e for e in page.entries if e.id == entry_id and e.list_id in check.lists)
        if owners:
            found += [(i, NameHit(start, end, owners)) for i, start, end in page.find(names)]
    return sorted(found, key=lambda found: (found[0], found[1].start))


Labels = dict[int, list[tuple[int, int]]]  # per block, the label phrasings found in it


def _labelled(check: MentionLabelCheck, page: Page, i: int, hit: NameHit, labels: Labels) -> bool:
    """A label in the mention's sentence speaks of it, or its footnote carries one."""
    if i not in labels:
        labels[i] = list(check.labels.finditer(page.text(i).lower))
    return _sentence_labelled(page, i, hit, labels[i]) or (
        check.footnotes and _footnote_labelled(check, page, i, hit.end)
    )


def _owner_labelled(check: MentionLabelCheck, page: Page, i: int, product: NameHit, labels: Labels) -> bool:
    """The product's owner is named in the same sentence and labelled ("Meta* объявила о правилах
    для Instagram"): the sentence says whose product it is and what its owner is."""
    left, right = page.sentence(i, product.start, product.end)
    owners = {e.key for e in product.entries}
    return any(
        _labelled(check, page, i, hit, labels)
        for hit in page.mentions_by_block.get(i, ())
        if left <= hit.start and hit.end <= right and owners & {e.key for e in hit.entries}
    )


def evaluate(rule: Rule, check: MentionLabelCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    labels: Labels = {}  # found when a mention needs them
    covered: set[tuple[str, int]] = set()  # (entry key, scope) labelled earlier
    for i, hit in _product_mentions(check, page) if check.products else page.name_mentions:
        if not page.blocks[i].visible:
            continue
        entries = [e for e in hit.entries if _wanted(check, e, page.as_of)]
        if not entries:
            continue
        text = page.source_text(i, hit.start, hit.end)
        location, span = page.location(i, hit.start), source_span(page, i, hit.start, hit.end)
        if check.delisted:
            if not hit.review and _labelled(check, page, i, hit, labels):
                gone = entries[0].delisted.isoformat() if entries[0].delisted else ""
                detail = f"removed from the list on {gone}"
                yield REPORTER.result(rule, Status.FLAGGED, location, entries[0], text, detail, span)
            continue
        if hit.review:
            yield REPORTER.result(rule, Status.REVIEW, location, entries[0], text, hit.review, span)
            continue
        scope = _scope(check, i)
        labelled = _labelled(check, page, i, hit, labels) or bool(
            check.products and _owner_labelled(check, page, i, hit, labels)
        )
        if labelled and scope is not None:
            covered.update((e.key, scope) for e in entries)
        elif scope is not None and any((e.key, scope) in covered for e in entries):
            labelled = True  # the label given earlier in this paragraph or article covers it
        status = Status.PRESENT if labelled else Status.MISSING
        detail = "" if labelled else f": {text!r} ({entries[0].display}) carries no label"
        yield REPORTER.result(rule, status, location, entries[0], text, detail, span)


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    kinds = f" (only {any_of(spec['entry_kinds'])} entries)" if spec.get("entry_kinds") else ""
    where = "in the same sentence or in a parenthesis after the name"
    if option(spec, OPTIONS, "footnotes"):
        where += ", or in a footnote marked after the name (*, **, ¹)"
    lists = any_of(list_name(i) for i in spec["lists"])
    if option(spec, OPTIONS, "delisted"):
        lines = [
            f"Mentions of entries of {lists}{kinds} that were removed from the list on or before the check date: "
            f"a label still attached to one ({where}) is flagged as out of date; unlabelled mentions are not "
            "reported. One result per labelled mention."
        ]
    elif spec.get("products"):
        lines = [
            f"Every mention of a product owned by an active entry of {lists}{kinds} must carry the owner's "
            f"label {where}. One result per mention. The owners' own names are left to other rules. Products:"
        ]
        lines += [f"- {owner}: {phrasings_words(names, quote)}" for owner, names in spec["products"].items()]
    else:
        lines = [
            f"Every mention of an active entry of {lists}{kinds} must carry a label {where}. One result per mention."
        ]
    return [*lines, f"Accepted labels: {phrasings_words(spec['labels'], quote)}"]
