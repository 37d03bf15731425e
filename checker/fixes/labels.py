"""Fixes for mention-label rules: the label after the first mention, in the house style.

Parenthesis style: «Максима Галкина (признан иноагентом)». Footnote style: a marker after the
mention («Максима Галкина*») and the footnote at the end of the article («* Признан
иноагентом.»), reusing a footnote the article already has with the same text. Names listed
together that all need the label of one rule («Дмитрий Быков и Юрий Дудь») get one plural label
after the last of them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker import lexicon
from checker.documents.layout import Layout
from checker.documents.model import Document
from checker.fixes.model import Edit, Fix, FixStyle, Planned, Unfixable
from checker.fixes.places import Unplaceable, after_mention, paragraph_after, parenthesis_follows
from checker.fixes.source import Source
from checker.fixes.templates import fill, person_agreement, wording
from checker.lists.model import PERSON, Entry
from checker.match.declension import parses
from checker.match.senses import is_kind, stems
from checker.report import Result, SourceSpan
from checker.rulepack.pack import RulePack
from checker.rulepack.rules import Rule

_WORD = re.compile(r"\w[\w-]*")
# What stands between names listed together: a comma, a joining word, or both («А, Б и В»).
_JOINER = "|".join(map(re.escape, (*sorted(lexicon.words("list_joiners"), key=len, reverse=True), "and")))
_JOINED = re.compile(rf"^\s*(?:,\s*(?:(?:{_JOINER})\s+)?|(?:{_JOINER})\s+)$")
# A footnote line already in the article: its marker and its text.
_FOOTNOTE = re.compile(r"^\s*(\*{1,3}|\[\^?(\d{1,2})\]:?|(\d{1,2}))\s*[:\-–]?\s*(.+)$", re.M)


@dataclass(frozen=True)
class _Target:
    result: Result
    rule: Rule
    entry: Entry
    span: SourceSpan


def plan(
    results: list[tuple[Rule, Result]], doc: Document, source: Source, pack: RulePack, lang: str,
    style: FixStyle, notes: Footnotes, notice_blocks: frozenset[int] = frozenset(),
) -> Iterator[Planned]:
    """A fix or the reason there is none, for each result; `doc` is the document as loaded
    (results' spans name its blocks), `notes` the article's footnotes, `notice_blocks` the
    blocks that hold a notice (whose wording is prescribed: no label goes inside)."""
    targets: list[_Target] = []
    for rule, result in results:
        entry = _entry(pack, rule, result.subject)
        if entry is None or result.span is None:
            yield Unfixable.of(result, "the mention's list entry or place is unknown")
            continue
        if result.span.block in notice_blocks:
            yield Unfixable.of(result, "the mention is inside a notice, whose wording is prescribed")
            continue
        targets.append(_Target(result, rule, entry, result.span))
    placed: list[_Placed] = []
    for group in _groups(doc, targets):
        for item in _place_group(group, doc, source, lang, style):
            if isinstance(item, Unfixable):
                yield item
            else:
                placed.append(item)
    if style.style == "footnote":
        yield from _footnoted(placed, notes)
    else:
        yield from (_parenthesised(item, doc, source) for item in placed)


def _entry(pack: RulePack, rule: Rule, name: str | None) -> Entry | None:
    for list_id in rule.check.get("lists", ()):
        listed = pack.lists.get(list_id)
        if listed is not None:
            found = next((e for e in listed.entries if e.name == name), None)
            if found is not None:
                return found
    return None


def _groups(doc: Document, targets: list[_Target]) -> list[list[_Target]]:
    """Mentions of one rule listed together in one block («А и Б», «А, Б и В») form a group."""
    groups: list[list[_Target]] = []
    for target in sorted(targets, key=lambda t: (t.span.block, t.span.start)):
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.rule.id == target.rule.id
            and last.span.block == target.span.block
            and last.span.end <= target.span.start
            and _JOINED.match(doc.blocks[target.span.block].text[last.span.end : target.span.start])
        ):
            groups[-1].append(target)
        else:
            groups.append([target])
    return groups


def _words_around(doc: Document, target: _Target) -> list[str]:
    """The mention's own words and the two before it, lower case: where a type word stands."""
    text = doc.blocks[target.span.block].text
    before = _WORD.findall(text[: target.span.start].lower())[-2:]
    return [*before, *_WORD.findall(text[target.span.start : target.span.end].lower())]


def _nouns(rule: Rule, lang: str) -> Mapping[str, str]:
    return {str(k).lower(): str(v) for k, v in rule.fix.get("nouns", {}).get(lang, {}).items()}


def _agreement(doc: Document, target: _Target, lang: str) -> str | None:
    """The entry's agreement: a person's gender, an organization's type word written with the
    mention, else `org` (the label names the type itself)."""
    if target.entry.kind == PERSON:
        return person_agreement(target.entry)
    nouns = _nouns(target.rule, lang)
    for word in _words_around(doc, target):
        for noun, value in nouns.items():
            if is_kind(word, stems([noun])):  # the type word in any case: движение, движения
                return "plural" if _plural(word, noun) else value
    return "org"


def _plural(word: str, noun: str) -> bool:
    """Whether the type word is written in the plural («Штабов Навального»): every reading of it
    as that noun is plural."""
    readings = [p for p in parses(word) if p.normal_form == noun]
    return bool(readings) and all("plur" in p.tag for p in readings)


@dataclass(frozen=True)
class _Placed:
    """A label placed: after the last of `targets` (names listed together share it)."""

    targets: list[_Target]
    at: int
    label: str
    footnote: str  # its text in the footnote style


def _place_group(group: list[_Target], doc: Document, source: Source, lang: str, style: FixStyle) -> Iterator[
    _Placed | Unfixable
]:
    rule = group[0].rule
    table = _table(rule, group[-1].entry, "label")
    # A footnote marks one name: names listed together each get their own marker.
    plural = wording(table, lang, "plural") if len(group) > 1 and style.style != "footnote" else None
    if plural is None and len(group) > 1:
        for target in group:
            yield from _place_group([target], doc, source, lang, style)
        return
    last = group[-1]
    # A language with one wording for all (`any`: English) needs no gender.
    kind = "plural" if plural is not None else _agreement(doc, last, lang) or "any"
    found = plural or wording(table, lang, kind)
    if found is None and kind == "any":
        yield Unfixable.of(last.result, "the registered name does not tell the person's gender: label it by hand")
        return
    if found is None:
        yield Unfixable.of(last.result, f"the rule has no {kind} label in {lang!r} (fix.label)")
        return
    label = fill(found, last.entry, lang)
    try:
        block = doc.blocks[last.span.block]
        at = after_mention(source, doc, block, last.span.start, last.span.end, marker=style.style == "footnote")
    except Unplaceable as why:
        yield Unfixable.of(last.result, str(why))
        return
    yield _Placed(group, at, label, _footnote_text(rule, lang, kind, label, last.entry))


def _parenthesised(placed: _Placed, doc: Document, source: Source) -> Planned:
    """The label in parentheses after the name, or joined to the parenthesis already there."""
    *others, last = placed.targets
    try:
        close = parenthesis_follows(source, placed.at)
    except Unplaceable as why:
        return Unfixable.of(last.result, str(why))
    at, inserted = (placed.at, f" ({placed.label})") if close is None else (close, f"; {placed.label}")
    edit = Edit(at, html.escape(inserted, quote=False) if doc.format == "html" else inserted)
    return Fix.of(last.result, (edit,), placed.label, (), [t.result for t in others])


def _footnoted(placed: list[_Placed], notes: Footnotes) -> Iterator[Planned]:
    """A marker after each name and its footnote; the labels of two rules after one name share a
    marker, and their footnote says both («* Признан иноагентом. Признан экстремистским...»)."""
    by_place: dict[int, list[_Placed]] = {}
    for item in placed:
        by_place.setdefault(item.at, []).append(item)
    for at, here in by_place.items():
        results = [t.result for item in here for t in item.targets]
        text = " ".join(dict.fromkeys(item.footnote for item in here))
        try:
            marker, needs = notes.marker(text)
        except Unplaceable as why:
            yield from (Unfixable.of(result, str(why)) for result in results)
            continue
        yield Fix.of(results[0], (Edit(at, marker),), text, needs, results[1:])


def _table(rule: Rule, entry: Entry, key: str) -> Mapping[str, Any]:
    """The rule's label or footnote wording, or its list's own (`fix.lists`) for the entry."""
    own: Mapping[str, Any] = rule.fix.get("lists", {}).get(entry.list_id, {}).get(key, {})
    return own or rule.fix.get(key, {})


def _footnote_text(rule: Rule, lang: str, kind: str, label: str, entry: Entry) -> str:
    own = wording(_table(rule, entry, "footnote"), lang, kind)
    if own is not None:
        return fill(own, entry, lang)
    text = label[:1].upper() + label[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class Footnotes:
    """The footnotes of one fixed article: those it has, and those a fix adds at its end (one
    edit, shared by the fixes that mark a mention with it)."""

    def __init__(self, doc: Document, source: Source, article: Layout, style: FixStyle):
        self.doc, self.source, self.article, self.style = doc, source, article, style
        self.existing: dict[str, str] = {}  # footnote text (folded) -> its marker as written
        used_stars, used_numbers = 0, 0
        for block in doc.visible_blocks:
            for match in _FOOTNOTE.finditer(block.text):
                marker, number = match.group(1), match.group(2) or match.group(3)
                if marker.startswith("*"):
                    used_stars = max(used_stars, len(marker))
                elif number:
                    used_numbers = max(used_numbers, int(number))
                else:
                    continue
                self.existing.setdefault(_fold(match.group(4)), marker)
        self.next_star, self.next_number = used_stars + 1, used_numbers + 1
        self.added: list[tuple[str, str]] = []  # (marker in the footnote, text)
        self.markers: dict[str, str] = {}  # folded text -> marker added

    def marker(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The marker to put after a mention for this footnote, and the shared edits it needs."""
        key = _fold(text)
        if key in self.existing:
            return self._inline(self.existing[key]), ()
        if key not in self.markers:
            if self.style.marker == "numbered":
                number = str(self.next_number)
                self.next_number += 1
                self.markers[key] = number
            else:
                self.markers[key] = "*" * self.next_star
                self.next_star += 1
            self.added.append((self.markers[key], text))
        return self._inline(self.markers[key]), (f"footnote:{self.markers[key]}",)

    def _inline(self, marker: str) -> str:
        """A marker as it is written after a mention in the article's format."""
        star = marker.startswith("*")
        number = marker.strip("[]^:")
        if self.doc.format == "html":
            return marker if star else f"<sup>{number}</sup>"
        if self.doc.format == "markdown":
            return marker.replace("*", "\\*") if star else f"[^{number}]"
        return marker if star else f"[{number}]"

    def edits(self) -> dict[str, Edit]:
        """The footnotes added, each its own paragraph after the article's last block."""
        if not self.added:
            return {}
        at, texts = self._place()
        return {f"footnote:{marker}": Edit(at, text) for (marker, _), text in zip(self.added, texts)}

    def _place(self) -> tuple[int, list[str]]:
        """After the article's last paragraph (or one of the two before it, when the last is no
        place for one: a list item, a table cell)."""
        lines = [self._line(marker, text) for marker, text in self.added]
        problem = "the article has no paragraph to put footnotes after"
        for block in reversed(self.article.counted[-3:]):
            try:
                placed = [paragraph_after(self.source, self.doc, self.doc.blocks[block], line) for line in lines]
            except Unplaceable as why:
                problem = str(why)
                continue
            return placed[0][0], [text for _, text in placed]
        raise Unplaceable(problem)

    def _line(self, marker: str, text: str) -> str:
        if marker.startswith("*"):
            return f"{marker} {text}"
        if self.doc.format == "markdown":
            return f"[^{marker}]: {text}"
        return f"[{marker}] {text}" if self.doc.format == "text" else f"{marker} {text}"


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("ё", "е")))
