"""Check kind `mention-label`: a mention of an active entry of the given lists carries a label.

A mention is labelled when one of the label phrasings stands in the same sentence and speaks of
it (a parenthesis right after the name, «Галкин (признан иноагентом)»; a clause, «Галкина,
признанного иноагентом,»; a label before the name, «признанный иноагентом Галкин»; a plural
label for several names, or a sentence that reports their designation, «Минюст включил в реестр
иноагентов журналистов А и Б»), or when a footnote marker follows the name (`*`, `¹`, `[1]`,
`[^1]`) and the footnote with that marker carries a label. A label belongs to the mention it
attaches to: «Быков (признан иноагентом) и Шендерович» leaves Шендерович unlabelled, and a
label in another sentence, paragraph or footnote labels nothing here.

`label_once` says which mentions need the label:

- `first-mention` (the default) follows the law and newsroom practice: the indication is due
  "at or near the first mention, or in a footnote" (see the rules' law), so one result per
  entry. Headlines never need a label; the first mention outside headlines (M1) does, in the
  article's text before page furniture (navigation, asides) when the entry is named in both. The entry
  is present when M1 is labelled (later mentions need nothing), malformed when M1 is not but a
  later mention is (the indication belongs at the first mention), and missing when no mention
  is, reported at M1 (at the headline when the entry is named only there). A label in a link
  outside the article's text (a "read also" teaser) is another article's: it counts only when
  the article's text names the entry nowhere. The publisher's own name in its page's furniture
  (the logo, the copyright line) is its masthead, not a mention.
- `mention` is the strict house policy: every mention, headlines included, needs its own
  label; one result per mention. `paragraph` and `article` let the first labelled mention
  cover the entry's later mentions in its paragraph or in the whole article.

A newsroom sets the policy for every rule that does not set its own with `label-once` in its
configuration. A name that may not be the designated entry (a surname alone before the person
is named in full, an everyday word without quotes) is a review result, which does not fail a
run, unless the article names the entry with certainty too, or a label attached to the name says
what it is («Галкин, которого Минюст признал иноагентом»): then it is one of its mentions.

Two options turn the check to other mentions:
- `products` names what an entry owns (Instagram and Facebook for Meta): a mention of a product
  is a mention of its owner and needs the owner's label (or the owner, named in the same
  sentence, carries it: "Meta* объявила правила для Instagram"). A rule with `products` checks product
  mentions only; the owner's own name is left to a rule without them, so that one mention is
  never reported twice. A product named by a link in the page's furniture (the site's navigation,
  header or footer, a social bar: «Мы в Facebook») is the publisher's account, not a mention.
- `delisted: true` looks at entries removed from their list on or before the check date: a label
  still attached to one of their mentions is flagged as out of date, and unlabelled mentions,
  now correct, are not reported.

Example (YAML)::

    check:
      kind: mention-label
      lists: [ru.foreign-agents]
      label_once: mention
      labels:
        phrases: ['признан* иноагент*', 'иностранн* агент*']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, partial
from typing import Any

from checker import lexicon
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
    source_span,
)
from checker.documents.layout import Layout, layout
from checker.documents.model import FOOTER, HEADLINE, OTHER
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.evidence import FULL, ROLE_NAMESAKE
from checker.match.names import NameHit
from checker.match.page import HEADINGS, Page
from checker.match.patterns import Phrasings, compile_phrasings
from checker.match.senses import person_noun_before
from checker.report import ExampleStatus, Result, Section, Status
from checker.rulepack.rules import Rule

NAME = "mention-label"
FIRST_MENTION = "first-mention"
LABEL_ONCE = (FIRST_MENTION, "mention", "paragraph", "article")  # the values of `label_once`
OPTIONS: Mapping[str, Any] = {"footnotes": True, "label_once": FIRST_MENTION, "delisted": False}
REPORTER = Reporter(
    Section.NOTICE,  # one result per entry (or per mention), reported with the notices
    {
        Status.PRESENT: "{title}: present",
        Status.MISSING: "{title}: missing: {text!r} ({subject}) carries no label{detail}",
        Status.MALFORMED: "{title}: {text!r} ({subject}) carries no label at its first mention{detail}",
        Status.REVIEW: "{title}: {detail}",
        Status.FLAGGED: '{title}: "{text}" still carries a label, but its entry was {detail}',
    },
)
EXAMPLE_STATUSES = frozenset(
    {Status.PRESENT, Status.MISSING, Status.MALFORMED, Status.FLAGGED, ExampleStatus.CLEAN,
     ExampleStatus.NOT_APPLICABLE}
)
EXPECTS = frozenset({"status", "mentions"})

# Footnote markers: *, **, superscript digits (normalised to ^1), [1], Markdown's [^1], and a
# digit glued to the name or its closing quote (HTML's «Медузу»<sup>1</sup> reads «Медузу»1).
_MARKER = re.compile(r'"?\s?(\*{1,3}|\^\d+|\[\^?\w{1,12}\])|"?(\d{1,2})(?![\d\w])')
# A footnote's own marker at the start of a block: a block of footnotes.
_NOTE_MARKER = re.compile(r"\s*(?:\*|\^\d|\[\^?\w{1,12}\])")
# A label that speaks of several ("оба издания признаны иностранными агентами") covers every
# mention of its sentence; a singular one belongs to one name.
_PLURAL = lexicon.word_endings_pattern("plural_label_endings")
# "признанный иноагентом Галкин", "иноагента «Медузы»": a label right before a name is its own.
_ADJACENT = re.compile(r'^[\s"«»]{0,3}$')


@dataclass(frozen=True)
class MentionLabelCheck:
    lists: frozenset[str]
    kinds: frozenset[str] | None
    labels: Phrasings
    not_labels: Phrasings | None  # label matches overlapping these are no label (`labels.exclude`)
    referring: Phrasings | None  # labels once a label earlier on the page has named the list (`labels.referring`)
    footnotes: bool
    label_once: str  # first-mention | mention | paragraph | article
    products: tuple[tuple[str, Phrasings], ...]  # (owner entry id, the product names), or ()
    delisted: bool  # check entries removed from their lists instead of active ones


def list_references(spec: Mapping[str, Any]) -> Iterator[ListPath]:
    return ((list_id, ("check", "lists", i)) for i, list_id in enumerate(spec["lists"]))


def reads_names(spec: Mapping[str, Any]) -> bool:
    return True


def problems(rule: Rule) -> Iterator[RuleError]:
    if empty(rule.check["labels"]):
        yield rule.error("labels has no phrases or patterns: every mention would be missing", "check", "labels")
    for key in ("exclude", "referring"):
        if key in rule.check["labels"] and empty(rule.check["labels"][key]):
            yield rule.error(f"labels.{key} has no phrases or patterns", "check", "labels", key)
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
        not_labels=_phrasings(labels.get("exclude")),
        referring=_phrasings(labels.get("referring")),
        footnotes=option(spec, OPTIONS, "footnotes"),
        label_once=option(spec, OPTIONS, "label_once"),
        products=tuple(
            (entry_id, compile_phrasings(names.get("phrases", ()), names.get("patterns", ())))
            for entry_id, names in spec.get("products", {}).items()
        ),
        delisted=option(spec, OPTIONS, "delisted"),
    )


def _phrasings(spec: Mapping[str, Any] | None) -> Phrasings | None:
    return None if spec is None else compile_phrasings(spec.get("phrases", ()), spec.get("patterns", ()))


def _footnotes(page: Page, symbol: str) -> list[tuple[int, int, str]]:
    """The footnotes of `symbol` in the page, each (block, start, text); found once per page and
    symbol, so that a page of many marked mentions costs one pass, not one per mention."""

    def make() -> list[tuple[int, int, str]]:
        # The footnote: the marker at the start of a line or block, not followed by more of it;
        # in a block of footnotes, after any space («* ФБК запрещен в РФ ** Признана иноагентом»:
        # a text file's lines joined).
        note, in_notes = (
            re.compile(
                rf"{start}\s*{re.escape(symbol)}(?![*\d])\s*[:\-–]?\s*(.+?)(?=$|\n|\s\*|\s\^\d|\s\[\^?\w)",
                re.S,
            )
            for start in (r"(?:^|\n|\s{2}|(?<=[.;]) )", r"(?:^|\s)")
        )
        marked = [
            (i, m.start(), m.group(1))
            for i in page.visible
            if symbol[-1] in page.text(i).lower
            for m in (in_notes if _NOTE_MARKER.match(page.text(i).lower) else note).finditer(page.text(i).lower)
        ]
        number = symbol.strip("[]^")  # «Радио Свобода[1]», and the notes an ordered list at the end
        listed = _numbered_items(page).get(number, []) if number.isdigit() else []
        return marked + [(i, 0, page.text(i).lower) for i in listed]

    return page.derived(("footnotes", symbol), make)


def _numbered_items(page: Page) -> dict[str, list[int]]:
    """The blocks of the page's ordered-list items by the item's number ("1", "2"...), counted in
    each list: end notes written as a numbered list, whose numbers are not part of their text."""

    def make() -> dict[str, list[int]]:
        counted: dict[int, dict[int, int]] = {}  # list (frame id) -> item (frame id) -> its number
        found: dict[str, list[int]] = {}
        for i in page.visible:
            frames = page.blocks[i].frames
            for k in range(len(frames) - 1, 0, -1):  # the innermost item of an ordered list
                if frames[k].tag == "li" and frames[k - 1].tag == "ol":
                    items = counted.setdefault(frames[k - 1].id, {})
                    number = items.setdefault(frames[k].id, len(items) + 1)
                    found.setdefault(str(number), []).append(i)
                    break
        return found

    return page.derived("numbered items", make)


def _footnote_labelled(check: MentionLabelCheck, page: Page, block: int, end: int) -> bool:
    lower = page.text(block).lower
    if end >= len(lower) or lower[end] not in '*^["\' 0123456789':
        return False  # no marker can follow: the common case, settled without a regex
    marker = _MARKER.match(lower, end)
    if not marker:
        return False
    return any(
        check.labels.search(text)
        for i, start, text in _footnotes(page, marker.group(1) or marker.group(2))
        if not (i == block and start <= end)
    )


def _scope(check: MentionLabelCheck, block: int) -> int | None:
    """Where a label, once given, still counts: this paragraph, the whole article, or nowhere."""
    return {"paragraph": block, "article": -1}.get(check.label_once)


def _owners(label: tuple[int, int], lower: str, left: int, names: list[NameHit]) -> set[str]:
    """The entries a label in a sentence speaks of (keys). A plural label speaks of every name
    of its clause.

    A singular label belongs to the name it wraps ("признания движения ЛГБТ экстремистским"),
    else to the list of names right after it ("признанный иноагентом Галкин", "внес в реестр
    иноагентов Быкова и Дудя"), else to the nearest name before it when it stands in that
    name's clause ("Галкин (признан иноагентом)", "Галкина, признанного иноагентом,"), else
    to the list of names after it when nothing breaks the clause between. All mentions of that
    entry in the sentence share it. So "Быков (признан иноагентом) и Шендерович" labels Быков
    only, and "Дудь выступил, а закон об иноагентах ужесточили" labels nobody."""
    start, end = label
    if _PLURAL.search(lower[max(left, start - 30) : end]):  # of every name in its clause
        return {e.key for h in names if not _CLAUSE_BREAK.search(_between(lower, h, label)) for e in h.entries}
    wrapped = [h for h in names if start <= h.start and h.end <= end]
    following = [h for h in names if h.start >= end]
    preceding = [h for h in names if h.end <= start]
    # The nearest name before, and the names it holds that end with it but for quotes («движения
    # «Весна»» on one list, «Весна» on another).
    last = max((h.end for h in preceding), default=-1)
    nearest = [h for h in preceding if not lower[h.end : last].strip('"')]
    nearest += _compared(preceding, nearest, lower)
    if wrapped:
        owners = wrapped[:1]
    elif nearest and _PARENTHESIS.match(lower[last:start]):
        owners = nearest
    elif following and _ADJACENT.match(lower[end : following[0].start]):
        owners = _listed(following, lower)
    elif nearest and _in_clause_of(lower[last:start]):
        owners = nearest
    elif following and not _CLAUSE_BREAK.search(lower[end : following[0].start]):
        owners = _listed(following, lower)
    else:
        owners = []
    return {e.key for owner in owners for e in owner.entries}


# What may stand between a name and a label in the name's own clause: a few words, or a clause
# with a relative word, or a parenthesis opened right after the name; never a clause break.
_CLAUSE_WORDS = 8
_CLAUSE_BREAK = re.compile(rf"(?:[,:;—–-]\s*|\(\s*){lexicon.alternation('clause_breaks')}\b")
_RELATIVE = re.compile(rf"\b{lexicon.alternation('relative_words')}\b")
# English "that" opens a relative clause after a noun phrase in apposition to the name ("The
# Insider, a Riga-based outlet that Russia's Justice Ministry declared a foreign agent"); after a
# verb it is a conjunction ("Zygar wrote that..."), so it is no relative word by itself.
_APPOSITIVE_THAT = re.compile(r"^\s*,\s*(?:a|an|the)\s[^,;:()]*?\bthat\b")
_WORD = re.compile(r"\w[\w'’-]*")
_PARENTHESIS = re.compile(r'^[\s"»*^\d\[\]]*\([^)]*$')
_JOINED = re.compile(rf"^[\s\"«»]*(?:,\s*)?(?:{lexicon.alternation('list_joiners')}\s+)?(?:[\w-]+\s+){{0,2}}[\s\"«»]*$")


_COMPARED = re.compile(rf'^\s*,\s*{lexicon.alternation("comparison_joiners")}\s+"?$')


def _compared(preceding: list[NameHit], nearest: list[NameHit], lower: str) -> list[NameHit]:
    """The names the nearest ones are compared with, right before them («Земфиру, как и
    Макаревича, внесли в реестр»): a label of the nearest speaks of them too."""
    if not nearest:
        return []
    first = min(h.start for h in nearest)
    prior_end = max((h.end for h in preceding if h.end <= first), default=-1)
    if prior_end < 0 or not _COMPARED.match(lower[prior_end:first]):
        return []
    return [h for h in preceding if h.end == prior_end]


def _between(lower: str, hit: NameHit, label: tuple[int, int]) -> str:
    return lower[hit.end : label[0]] if hit.end <= label[0] else lower[label[1] : hit.start]


def _in_clause_of(gap: str) -> bool:
    """Whether a label after `gap` still speaks of the name before it."""
    if _PARENTHESIS.match(gap):
        return True
    if _CLAUSE_BREAK.search(gap):
        return False
    return len(_WORD.findall(gap)) <= _CLAUSE_WORDS or bool(_RELATIVE.search(gap) or _APPOSITIVE_THAT.match(gap))


def _listed(following: list[NameHit], lower: str) -> list[NameHit]:
    """The first of the following names and those listed with it ("Быкова и Дудя", "А, Б и В")."""
    listed = following[:1]
    for hit in following[1:]:
        gap = lower[listed[-1].end : hit.start]
        if not ("," in gap or _JOINER.search(gap)) or not _JOINED.match(gap):
            break
        listed.append(hit)
    return listed


_JOINER = re.compile(rf"\b{lexicon.alternation('list_joiners')}\b")


def _sentence_labelled(page: Page, i: int, hit: NameHit, labels: list[tuple[int, int]]) -> bool:
    if not labels:  # most paragraphs have no label at all: no need to find the sentence
        return False
    left, right = page.sentence(i, hit.start, hit.end)
    inside = [(s, e) for s, e in labels if left <= s and e <= right]
    if not inside:
        return False
    # The names a label may speak of: the certain ones, and this one (an uncertain name may be
    # no name at all, and must not take a label from the name it belongs to).
    names = [
        h for h in page.mentions_by_block.get(i, ())
        if left <= h.start and h.end <= right and (h == hit or not h.review)
    ]
    if hit not in names:  # a product's name, which stands for its owner
        names = sorted([*names, hit], key=lambda h: h.start)
    keys = {e.key for e in hit.entries}
    lower = page.text(i).lower
    return any(_owners(label, lower, left, names) & keys for label in inside)


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
    by_id = _entries_by_id(page.entries)
    for entry_id, names in check.products:
        owners = tuple(e for e in by_id.get(entry_id, ()) if e.list_id in check.lists)
        if owners:
            found += [(i, NameHit(start, end, owners)) for i, start, end in page.find(names)]
    return sorted(found, key=lambda found: (found[0], found[1].start))


# The entries of the lists checked, by id (the same for every page of a run): one set of lists.
_BY_ID: dict[int, tuple[tuple[Entry, ...], dict[str, list[Entry]]]] = {}


def _entries_by_id(entries: tuple[Entry, ...]) -> dict[str, list[Entry]]:
    """The entries by their id, in list order: made once per set of lists (kept with the lists
    themselves, so that the key, their id(), stays theirs)."""
    known = _BY_ID.get(id(entries))
    if known is None or known[0] is not entries:
        by_id: dict[str, list[Entry]] = {}
        for entry in entries:
            by_id.setdefault(entry.id, []).append(entry)
        if len(_BY_ID) >= 4:  # a run checks against one set of lists; tests make a few
            _BY_ID.clear()
        known = _BY_ID[id(entries)] = (entries, by_id)
    return known[1]


Labels = dict[int, list[tuple[int, int]]]  # per block, the label phrasings found in it


def _label_spans(check: MentionLabelCheck, page: Page, i: int) -> list[tuple[int, int]]:
    """The label phrasings in block i's text, less those overlapping a `labels.exclude` match
    (a sentence that reports the removal from the list: «исключен из списка террористических
    организаций»); and the `labels.referring` ones after the page's first label («в реестр
    внесены ...» once «реестр иностранных агентов» has been named). Most pages carry no label
    at all: then no block is scanned."""
    found = _own_label_spans(check, page, i)
    if check.referring is None or not page.may_contain(check.referring):
        return found
    referring = [(s, e) for _, s, e in check.referring.tagged(page.text(i).lower, page.encoded(i))]
    first = _first_label(check, page) if referring else None
    after = [(s, e) for s, e in referring if first is not None and (i, s) > first]
    return sorted(found + after) if after else found


def _own_label_spans(check: MentionLabelCheck, page: Page, i: int) -> list[tuple[int, int]]:
    if not page.may_contain(check.labels):
        return []
    lower = page.text(i).lower
    # A hashtag («#иноагенты») tags the post's topic; it states no one's status.
    found = [
        (start, end) for _, start, end in check.labels.tagged(lower, page.encoded(i)) if lower[start - 1 : start] != "#"
    ]
    if not found or check.not_labels is None:
        return found
    excluded = list(check.not_labels.finditer(lower))
    return [(s, e) for s, e in found if not any(xs < e and s < xe for xs, xe in excluded)]


def _first_label(check: MentionLabelCheck, page: Page) -> tuple[int, int] | None:
    """(block, offset) of the page's first visible label phrasing, found once a page and check."""

    def make() -> tuple[int, int] | None:
        for i in sorted({i for i, _, _ in page.find(check.labels) if page.blocks[i].visible}):
            spans = _own_label_spans(check, page, i)
            if spans:
                return i, spans[0][0]
        return None

    return page.derived(("first label", id(check)), make)


def _labels_in(check: MentionLabelCheck, page: Page, i: int, labels: Labels) -> list[tuple[int, int]]:
    """The label phrasings of block i (`_label_spans`), found once for all the page's mentions."""
    if i not in labels:
        labels[i] = _label_spans(check, page, i)
    return labels[i]


def _labelled(check: MentionLabelCheck, page: Page, i: int, hit: NameHit, labels: Labels) -> bool:
    """A label in the mention's sentence speaks of it, or its footnote carries one, or it is an
    item of a list that a label introduces."""
    return (
        _sentence_labelled(page, i, hit, _labels_in(check, page, i, labels))
        or (check.footnotes and _footnote_labelled(check, page, i, hit.end))
        or _list_labelled(check, page, i, labels)
    )


def _list_labelled(check: MentionLabelCheck, page: Page, i: int, labels: Labels) -> bool:
    """Block i is an item of a list or a cell of a table that a label speaks of: the list's or
    table's introduction ends with a label and a colon («Минюст внес в реестр иностранных
    агентов:», then one item a name), or says in the label's sentence that it speaks of what
    follows («Мы собрали в таблицу тех, кого Минюст внес в реестр иноагентов», "designated the
    following as foreign agents", `list_pointers`); or the table's caption or another cell of
    its row carries one."""
    tag = page.blocks[i].tag
    if tag not in _KIN:
        return False
    first = _run_starts(page)[i]
    if tag != "li":
        for j in _row_and_caption(page, first, i):
            if _labels_in(check, page, j, labels):
                return True
    intro = first - 1
    lower = page.text(intro).lower if intro >= 0 else ""
    end = len(lower.rstrip())
    if not end:
        return False
    spans = _labels_in(check, page, intro, labels)
    if lower[end - 1] == ":":
        last_sentence = page.sentence(intro, end - 1, end)[0]
        return any(s >= last_sentence for s, _ in spans)
    # without a colon, the sentence with the label says it speaks of what follows: «в таблицу», "the following"
    sentences = (page.sentence(intro, s, e) for s, e in spans)
    return any(_POINTS_ON.search(lower, left, right) for left, right in sentences)


def _run_starts(page: Page) -> list[int]:
    """For each block, the first block of the list or table it is in (itself when in none):
    found once a page."""

    def make() -> list[int]:
        starts: list[int] = []
        for i, block in enumerate(page.blocks):
            kin = _KIN.get(block.tag)
            starts.append(starts[i - 1] if i and kin and page.blocks[i - 1].tag in kin else i)
        return starts

    return page.derived("list runs", make)


def _row_and_caption(page: Page, first: int, i: int) -> Iterator[int]:
    """The other cells of cell i's table row, and its table's caption (HTML tables: a Markdown
    table's cells have no row)."""
    blocks = page.blocks
    row, table = _frame_id(page, i, "tr"), _frame_id(page, i, "table")
    if row is not None:
        j = i - 1
        while j >= first and _frame_id(page, j, "tr") == row:
            yield j
            j -= 1
        j = i + 1
        while j < len(blocks) and blocks[j].tag in _KIN[blocks[i].tag] and _frame_id(page, j, "tr") == row:
            yield j
            j += 1
    j = first
    while j < i and blocks[j].tag == "caption":
        if _frame_id(page, j, "table") == table:
            yield j
        j += 1


_POINTS_ON = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lexicon.words("list_pointers")))) + ")")
_KIN = {"li": ("li",), "td": ("td", "th", "caption"), "th": ("td", "th", "caption")}  # blocks of one list or table


def _frame_id(page: Page, i: int, tag: str) -> int | None:
    """The id of the innermost element `tag` around block i (a table, its row)."""
    return next((f.id for f in reversed(page.blocks[i].frames) if f.tag == tag), None)


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


@dataclass(frozen=True)
class _Mention:
    block: int
    hit: NameHit
    entries: list[Entry]  # the rule's active entries the name may be
    headline: bool  # in the headline or a heading
    furniture: bool  # in navigation, asides and other page furniture
    label: Callable[[], bool]  # whether it carries its own label
    page: Page

    @cached_property
    def teaser(self) -> bool:
        """In a link outside the article's text: another article's headline ("read also")."""
        outside = self.furniture or not _article(self.page).counts(self.block)
        return outside and in_link(self.page, self.block, self.hit.start, self.hit.end)

    @cached_property
    def labelled(self) -> bool:
        """Found when a result asks: once an entry's first mention is labelled, whether its later
        mentions are does not matter."""
        return self.label()


def _mentions(check: MentionLabelCheck, page: Page) -> Iterator[_Mention]:
    """Every visible mention of the rule's entries (or of their products), in reading order,
    with its own label."""
    labels: Labels = {}  # found when a mention needs them

    def labelled(i: int, hit: NameHit) -> bool:
        return _labelled(check, page, i, hit, labels) or bool(
            check.products and _owner_labelled(check, page, i, hit, labels)
        )

    for i, hit in _product_mentions(check, page) if check.products else page.name_mentions:
        if not page.blocks[i].visible or (check.products and _account_link(page, i, hit)):
            continue
        entries = [e for e in hit.entries if _wanted(check, e, page.as_of)]
        if not entries or _masthead(page, i, entries):
            continue
        label = partial(labelled, i, hit)
        if hit.evidence == ROLE_NAMESAKE or hit.review:
            found = label()
            if hit.evidence == ROLE_NAMESAKE and not found:
                continue  # «нападающий Быков»: a namesake, unless a label says otherwise
            if found:
                # «Галкин, которого Минюст признал иноагентом», «чемпион мира Гарри Каспаров (внесен в
                # реестр иностранных агентов)»: the label says who the name is.
                hit = replace(hit, review=None, evidence=FULL if hit.evidence == ROLE_NAMESAKE else hit.evidence)
            label = partial(bool, found)
        yield _Mention(i, hit, entries, _is_headline(page, i), page.blocks[i].zone == OTHER, label, page)


def _account_link(page: Page, i: int, hit: NameHit) -> bool:
    """A product named by a link in the page's furniture (navigation, the site's header or
    footer, a social bar): «Мы в Facebook», an Instagram icon's caption. It takes readers to the
    publisher's account there and speaks of nothing, so it needs no label."""
    furniture = not _article(page).counts(i) or page.blocks[i].zone == FOOTER
    return furniture and in_link(page, i, hit.start, hit.end)


def _masthead(page: Page, i: int, entries: list[Entry]) -> bool:
    """The publisher's own name in its page's furniture (the logo, the site's name, the
    copyright line): the masthead, for which the publisher's own label speaks, not a mention."""
    own = {e.key for e in page.publisher}
    if not own or any(e.key not in own for e in entries):
        return False
    return not _article(page).counts(i) or page.blocks[i].zone == FOOTER


def _article(page: Page) -> Layout:
    """The article inside the page (made once a page)."""
    return page.derived("article layout", lambda: layout(page.doc))


def _is_headline(page: Page, i: int) -> bool:
    """The article's headline or a heading inside it: no label is due there."""
    block = page.blocks[i]
    return block.zone == HEADLINE or block.tag in HEADINGS


def _result(rule: Rule, page: Page, mention: _Mention, status: Status, detail: str = "") -> Result:
    i, hit = mention.block, mention.hit
    text = page.source_text(i, hit.start, hit.end)
    span = source_span(page, i, hit.start, hit.end)
    return REPORTER.result(rule, status, page.location(i, hit.start), mention.entries[0], text, detail, span)


def _each_mention(rule: Rule, check: MentionLabelCheck, page: Page, mentions: list[_Mention]) -> Iterator[Result]:
    """The house policies: one result per mention; a label covers later mentions of its entry
    in its paragraph or article when `label_once` says so."""
    covered: set[tuple[str, int]] = set()  # (entry key, scope) labelled earlier
    for mention in mentions:
        if mention.hit.review:
            yield _result(rule, page, mention, Status.REVIEW, mention.hit.review)
            continue
        scope = _scope(check, mention.block)
        labelled = mention.labelled
        if labelled and scope is not None:
            covered.update((e.key, scope) for e in mention.entries)
        elif scope is not None and any((e.key, scope) in covered for e in mention.entries):
            labelled = True  # the label given earlier in this paragraph or article covers it
        yield _result(rule, page, mention, Status.PRESENT if labelled else Status.MISSING)


def _by_entry(mentions: list[_Mention]) -> list[list[_Mention]]:
    """The mentions grouped by the entry they name, each group in reading order. An uncertain
    mention joins an entry the article also names with certainty, since that settles who it is;
    when the article names several of its entries with certainty («три человека по фамилии
    Гудков», then Лев, Дмитрий and Геннадий Гудков), it is none in particular, and each of
    them has its own first mention."""
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        if not mention.hit.review:
            groups.setdefault(mention.entries[0].key, []).append(mention)
    certain = set(groups)
    for mention in mentions:
        if mention.hit.review:
            named = [e.key for e in mention.entries if e.key in certain]
            if len(named) > 1:
                continue
            groups.setdefault(named[0] if named else mention.entries[0].key, []).append(mention)
    for group in groups.values():
        group.sort(key=lambda m: (m.block, m.hit.start))
    return list(groups.values())


def _first_mention(rule: Rule, check: MentionLabelCheck, page: Page, group: list[_Mention]) -> Result:
    """One result for an entry: its first mention outside headlines (M1) decides, in the
    article's text rather than in page furniture when it is named in both."""
    if all(m.hit.review for m in group):
        return _result(rule, page, group[0], Status.REVIEW, group[0].hit.review or "")
    text = [m for m in group if not m.headline and not m.furniture]
    outside = [m for m in group if not m.headline]
    first = (text or outside or group)[0]
    others = [m for m in group if m is not first]
    if first.labelled:
        return _result(rule, page, first, Status.PRESENT)
    # A label in a link outside the article (a "read also" teaser) is another article's, unless
    # the entry is named in the article's text nowhere.
    labelled = next((m for m in others if m.labelled and not (text and m.teaser)), None)
    if labelled is not None and _two_people(page, group, labelled):
        return _result(rule, page, labelled, Status.PRESENT)
    if labelled is not None:
        where = "the headline" if labelled.headline else f"another mention (line {page.location(labelled.block).line})"
        detail = f"; {where} has one, but the indication belongs at the first mention"
        return _result(rule, page, first, Status.MALFORMED, detail)
    hidden = _hidden_label(check, page, first)
    if hidden is not None:
        return _result(rule, page, first, Status.MALFORMED, f"; its label (line {hidden}) is hidden from readers")
    teaser = next((m for m in others if m.labelled), None)
    if teaser is not None:
        line = page.location(teaser.block).line
        detail = f"; only a link to another article (line {line}) has one, and it is that article's"
    elif not outside:
        detail = "; it is named only in the headline"
    elif others:
        detail = f"; nor do its {len(others)} other mention{'s' if len(others) > 1 else ''}"
    else:
        detail = ""
    return _result(rule, page, first, Status.MISSING, detail)


def _hidden_label(check: MentionLabelCheck, page: Page, mention: _Mention) -> int | None:
    """The line of a label that the page prints in the mention's sentence but hides from readers
    («Дмитрий Быков<span style="display:none"> (признан иностранным агентом)</span>»): the walk
    sets hidden text inside a block apart, in the hidden blocks right after it."""
    i, hit = mention.block, mention.hit
    if i + 1 == len(page.blocks) or page.blocks[i + 1].visible:  # most blocks hide nothing
        return None
    after = page.blocks[i].locate(page.text(i).to_source(hit.end - 1))
    until = page.blocks[i].locate(page.text(i).to_source(page.sentence(i, hit.start, hit.end)[1] - 1))
    for j in range(i + 1, len(page.blocks)):
        block = page.blocks[j]
        if block.visible:
            break
        if after < (block.line, block.column) <= until and _own_label_spans(check, page, j):
            return block.line
    return None


def _two_people(page: Page, group: list[_Mention], labelled: _Mention) -> bool:
    """The page names two people of one name, each with a noun of what they are, and labels one
    («поэта Ивана Жданова», then «политиком Иваном Ждановым (признан иноагентом)»): the mentions
    before the labelled one, each with another such noun, are the namesake's."""
    def noun(m: _Mention) -> str | None:
        return person_noun_before(page.text(m.block).text, m.hit.start)

    own = noun(labelled)
    before = [m for m in group if (m.block, m.hit.start) < (labelled.block, labelled.hit.start) and not m.headline]
    return own is not None and bool(before) and all(noun(m) not in (None, own) for m in before)


def _stale_labels(rule: Rule, page: Page, mentions: list[_Mention]) -> Iterator[Result]:
    """A `delisted` check: each label still attached to a mention of a removed entry."""
    for mention in mentions:
        if mention.labelled and not mention.hit.review:
            gone = mention.entries[0].delisted
            detail = f"removed from the list on {gone.isoformat() if gone else ''}"
            yield _result(rule, page, mention, Status.FLAGGED, detail)


def link(rule: Rule, check: Any, rules: Mapping[str, tuple[Rule, Any]]) -> tuple[Any, RuleError | None]:
    return check, None  # names no other rule


def evaluate(rule: Rule, check: MentionLabelCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    mentions = list(_mentions(check, page))
    if check.delisted:
        yield from _stale_labels(rule, page, mentions)
    elif check.label_once != FIRST_MENTION:
        yield from _each_mention(rule, check, page, mentions)
    else:
        for group in _by_entry(mentions):
            yield _first_mention(rule, check, page, group)


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
        policy = _POLICIES[option(spec, OPTIONS, "label_once")].format(entries=f"an active entry of {lists}{kinds}")
        lines = [f"{policy} The label stands {where}."]
    lines.append(f"Accepted labels: {phrasings_words(spec['labels'], quote)}")
    if "exclude" in spec["labels"]:
        lines.append(f"- but not wording overlapping: {phrasings_words(spec['labels']['exclude'], quote)}")
    return lines


_POLICIES = {
    FIRST_MENTION: "The first mention of {entries} outside headlines must carry a label, as the law asks "
    "(at or near the first mention, or in a footnote); headlines and later mentions need none. One result "
    "per entry: present, malformed when only a later mention is labelled, or missing. A newsroom that "
    "labels every mention sets `label-once: mention` in its configuration.",
    "mention": "Every mention of {entries}, headlines included, must carry a label: a house policy "
    "stricter than the law, which asks for it at or near the first mention. One result per mention.",
    "paragraph": "Every mention of {entries} must carry a label, or follow a labelled mention of the same "
    "entry in its paragraph. One result per mention.",
    "article": "Every mention of {entries} must carry a label, or follow a labelled mention of the same "
    "entry in the article. One result per mention.",
}
