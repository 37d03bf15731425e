"""Check kind `mention-label`: every mention of an active entry of the given lists carries a label.

A mention is labelled when one of the label phrasings stands in the same sentence (which covers
a parenthesis right after the name: «Галкин (признан иноагентом)»), or when a footnote marker
follows the name (`*`, `**`, `¹`, `[1]`) and the footnote with that marker carries a label.
One result per mention: present or missing.

Example (YAML)::

    check:
      kind: mention-label
      lists: [ru.foreign-agents]
      labels:
        phrases: ['признан* иноагент*', 'иностранн* агент*']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..page import Page
from ..patterns import Phrasings, compile_phrasings
from ..report import Result
from ..rules import Rule
from .common import make_result

_MARKER = re.compile(r'"?\s?(\*{1,3}|\^\d+|\[\d+\])')


@dataclass(frozen=True)
class MentionLabelCheck:
    lists: frozenset[str]
    kinds: frozenset[str] | None
    labels: Phrasings
    footnotes: bool


def compile_check(rule: Rule, known_lists: set[str]) -> MentionLabelCheck:
    spec = rule.check
    for i, list_id in enumerate(spec["lists"]):
        if list_id not in known_lists:
            raise rule.error(f"unknown list {list_id!r}", "check", "lists", i)
    labels = spec["labels"]
    return MentionLabelCheck(
        lists=frozenset(spec["lists"]),
        kinds=frozenset(spec["entry_kinds"]) if "entry_kinds" in spec else None,
        labels=compile_phrasings(labels.get("phrases", ()), labels.get("patterns", ())),
        footnotes=spec.get("footnotes", True),
    )


def _footnote_labelled(check: MentionLabelCheck, page: Page, block: int, end: int) -> bool:
    marker = _MARKER.match(page.text(block).lower, end)
    if not marker:
        return False
    symbol = re.escape(marker.group(1))
    # The footnote: the marker at the start of a line or block, not followed by more of it.
    note = re.compile(rf"(?:^|\n|\s{{2}}|(?<=[.;]) )\s*{symbol}(?![*\d])\s*-?\s*(.+?)(?=$|\n|\s\*|\s\^\d|\s\[\d)", re.S)
    for i in page.visible:
        lower = page.text(i).lower
        if symbol[-1] not in lower:
            continue
        for m in note.finditer(lower):
            if i == block and m.start() <= end:
                continue
            if check.labels.search(m.group(1)):
                return True
    return False


def evaluate(rule: Rule, check: MentionLabelCheck, page: Page) -> Iterator[Result]:
    labels: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, start, end in page.find(check.labels):
        labels[i].append((start, end))
    for i, hit in page.name_hits:
        if not page.blocks[i].visible:
            continue
        entries = [
            e for e in hit.entries
            if e.list_id in check.lists and (check.kinds is None or e.kind in check.kinds) and e.active(page.as_of)
        ]
        if not entries:
            continue
        left, right = page.sentence(i, hit.start, hit.end)
        labelled = any(left <= start and end <= right for start, end in labels.get(i, ())) or (
            check.footnotes and _footnote_labelled(check, page, i, hit.end)
        )
        text = page.source_text(i, hit.start, hit.end)
        status = "present" if labelled else "missing"
        detail = "" if labelled else f": {text!r} ({entries[0].display}) carries no label"
        yield make_result(rule, "notice", status, page.location(i, hit.start), entries[0], text, detail)
