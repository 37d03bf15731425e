"""Scoring the mention rules on the evaluation set in tests/eval/docs.

Each document (`NN-name.txt|.md|.html`) has a sidecar `NN-name.yaml` that annotates every
result a careful editor would expect the checker to report, and nothing else: one per
designated entity and rule, at its first mention outside headlines::

    about: what the document tests
    context: {jurisdictions: [RU], as_of: 2026-11-27}    # optional; these are the defaults
    mentions:
      - {rule: ru.foreign-agent.mention-status, entry: ru.foreign-agents:galkin,
         text: Максима Галкина, status: present}

A reported mention is a true positive when an annotation has the same rule, entry, text and
status (each annotation matches once); everything else reported is a false positive, every
annotation left over a false negative. Documents with no mentions count for precision.
`python bench/eval.py` prints the table; tests/test_eval.py holds it to the threshold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker import Config, Session
from checker.rulepack.pack import RulePack

DOCS = Path(__file__).resolve().parent / "eval" / "docs"
SUFFIXES = (".txt", ".md", ".html")
DEFAULT_CONTEXT = {"jurisdictions": ["RU"], "as_of": "2026-11-27"}
Mention = tuple[str, str, str, str]  # rule, "list:entry", text, status
# One annotation per entity and rule, at its first mention outside headlines (the rules' default
# policy): present, missing, malformed (only a later mention is labelled), or review.
MENTION_STATUSES = ("present", "missing", "malformed", "review")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class DocumentOutcome:
    path: Path
    false_positives: list[Mention] = field(default_factory=list)
    false_negatives: list[Mention] = field(default_factory=list)
    true_positives: list[Mention] = field(default_factory=list)


def documents() -> list[Path]:
    return sorted(p for p in DOCS.iterdir() if p.suffix in SUFFIXES)


def _annotation(doc: Path) -> dict:
    return yaml.safe_load(doc.with_suffix(".yaml").read_text(encoding="utf-8")) or {}


def _in_context(session: Session, spec: dict) -> Session:
    """The session in a document's context: its sidecar's, over the defaults."""
    merged = {**DEFAULT_CONTEXT, **(spec or {})}
    return session.override(
        publisher=merged.get("publisher"),
        regions=merged.get("regions", ()),
        jurisdictions=merged.get("jurisdictions", ()),
        as_of=merged["as_of"],
        lang=merged.get("lang"),
    )


def _entry_key(pack: RulePack, rule_lists: list[str], subject: str) -> str:
    """The list:id of the entry a result names (results carry the entry's official name)."""
    for list_id in rule_lists:
        for entry in pack.lists[list_id].entries:
            if entry.name == subject:
                return entry.key
    return f"?:{subject}"


def mention_rules(pack: RulePack) -> dict[str, list[str]]:
    """Rule id -> its lists, for the mention-label rules of the pack."""
    return {c.rule.id: sorted(c.check.lists) for c in pack.rules if c.rule.kind == "mention-label"}


def evaluate(session: Session, doc: Path) -> DocumentOutcome:
    spec = _annotation(doc)
    expected = [(m["rule"], m["entry"], str(m["text"]), m["status"]) for m in spec.get("mentions") or []]
    pack = session.pack
    rules = mention_rules(pack)
    [checked] = _in_context(session, spec.get("context")).check_each([str(doc)])
    report = checked.report
    found = [
        (r.rule, _entry_key(pack, rules[r.rule], r.subject or ""), r.text or "", r.status)
        for r in report.results
        if r.rule in rules
    ]
    outcome = DocumentOutcome(doc)
    left = Counter(expected)
    for mention in found:
        if left[mention] > 0:
            left[mention] -= 1
            outcome.true_positives.append(mention)
        else:
            outcome.false_positives.append(mention)
    outcome.false_negatives = list(left.elements())
    return outcome


def score(pack: RulePack) -> tuple[dict[str, Score], dict[str, Score], list[DocumentOutcome]]:
    """Scores per rule and per list, and each document's outcome."""
    per_rule: dict[str, Score] = {rule: Score() for rule in mention_rules(pack)}
    per_list: dict[str, Score] = {}
    session = Session(Config(), pack=pack)  # the sidecars give each document's context
    outcomes = [evaluate(session, doc) for doc in documents()]
    for outcome in outcomes:
        for kind, mentions in (("tp", outcome.true_positives), ("fp", outcome.false_positives),
                               ("fn", outcome.false_negatives)):
            for rule, entry, _text, _status in mentions:
                list_id = entry.split(":", 1)[0]
                for table, key in ((per_rule, rule), (per_list, list_id)):
                    item = table.setdefault(key, Score())
                    setattr(item, kind, getattr(item, kind) + 1)
    return per_rule, per_list, outcomes


def table(per_rule: dict[str, Score], per_list: dict[str, Score], n_docs: int) -> str:
    lines = [f"{n_docs} documents", "", f"{'':36} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    for title, scores in (("per rule", per_rule), ("per list", per_list)):
        lines.append(title)
        for key, s in sorted(scores.items()):
            lines.append(f"  {key:34} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:10.3f} {s.recall:8.3f}")
    total = Score(*(sum(getattr(s, k) for s in per_rule.values()) for k in ("tp", "fp", "fn")))
    lines.append(f"  {'all mention rules':34} {total.tp:4} {total.fp:4} {total.fn:4} "
                 f"{total.precision:10.3f} {total.recall:8.3f}")
    return "\n".join(lines)
