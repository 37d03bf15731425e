"""Scoring the bundled rules on the evaluation set in tests/eval/docs.

Each document (`NNN-name.txt|.md|.html`) has a sidecar `NNN-name.yaml` that annotates every
result a careful editor would expect the checker to report, and nothing else::

    about: what the document tests
    classes: [name-namesake-given-name]          # tags from tests/eval/classes.yaml
    context: {jurisdictions: [RU], as_of: 2026-11-27}    # optional; these are the defaults
    mentions:   # mention-label rules: one item per entity and rule (the first-mention policy)
      - {rule: ru.foreign-agent.mention-status, entry: ru.foreign-agents:galkin,
         text: Максима Галкина, status: present}
    notices:    # notice rules that apply: one item per rule; `at`: words of the notice's block
      - {rule: ru.undesirable.reader-warning, status: malformed, at: If you are in Russia}
    flags:      # flag rules: one item per call to action, link or embed
      - {rule: ru.undesirable.donation-cta, text: Поддержите нас}

A reported result is a true positive when an annotation of the same rule and status matches it
(each annotation matches once): a mention by entry and text, a notice by `at` (when given)
standing in the block the result points at, a flag when one text contains the other. Everything
else reported is a false positive, every annotation left over a false negative. Documents with
nothing to report count for precision. `python bench/eval.py` prints the tables per rule, per
list, per section and per class; tests/test_eval.py holds them to the threshold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker import Config, Session
from checker.engine import Checked
from checker.report import Result
from checker.rulepack.pack import RulePack

EVAL = Path(__file__).resolve().parent / "eval"
DOCS = EVAL / "docs"
HELD_OUT = EVAL / "held-out"  # sets scored on arrival, waiting to be merged into DOCS
KNOWN_ERRORS = HELD_OUT / "known-errors.txt"  # what the held-out sets are still scored wrong on
CLASSES = EVAL / "classes.yaml"
SUFFIXES = (".txt", ".md", ".html")
DEFAULT_CONTEXT = {"jurisdictions": ["RU"], "as_of": "2026-11-27"}
KINDS = {"mention-label": "mentions", "notice": "notices", "flag": "flags"}  # check kind -> sidecar key


@dataclass(frozen=True)
class Item:
    """One result, expected or reported: `key` is the entry (mentions) or empty; `text` is the
    name as written (mentions), the words of a notice's block (notices), a flag's text."""

    rule: str
    section: str  # mentions | notices | flags
    key: str
    text: str
    status: str

    def __str__(self) -> str:
        key = f" {self.key}" if self.key else ""
        return f"{self.rule}{key} {self.text!r} {self.status}"


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

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class DocumentOutcome:
    path: Path
    classes: tuple[str, ...] = ()
    false_positives: list[Item] = field(default_factory=list)
    false_negatives: list[Item] = field(default_factory=list)
    true_positives: list[Item] = field(default_factory=list)


@dataclass
class Scores:
    """Precision and recall of one run over the set, sliced four ways."""

    per_rule: dict[str, Score]
    per_list: dict[str, Score]
    per_section: dict[str, Score]
    per_class: dict[str, Score]
    outcomes: list[DocumentOutcome]


def documents(folder: Path | None = None) -> list[Path]:
    """The annotated documents of `folder` (default: the evaluation set)."""
    return sorted(p for p in (folder or DOCS).iterdir() if p.suffix in SUFFIXES)


def held_out_documents() -> list[Path]:
    """The documents of every held-out set."""
    return [doc for folder in sorted(p for p in HELD_OUT.iterdir() if p.is_dir()) for doc in documents(folder)]


def annotation(doc: Path) -> dict:
    return yaml.safe_load(doc.with_suffix(".yaml").read_text(encoding="utf-8")) or {}


def class_names() -> dict[str, str]:
    return yaml.safe_load(CLASSES.read_text(encoding="utf-8")) if CLASSES.exists() else {}


def context_of(session: Session, spec: dict | None) -> dict:
    """The keyword arguments of `Session.override` for a sidecar's context, over the defaults. A
    publisher on no list is declared as the house's own name, as `--house-name` does."""
    merged = {**DEFAULT_CONTEXT, **(spec or {})}
    publisher = merged.get("publisher")
    return {
        "publisher": publisher,
        "regions": merged.get("regions", ()),
        "jurisdictions": merged.get("jurisdictions", ()),
        "as_of": merged["as_of"],
        "lang": merged.get("lang"),
        "house_names": (publisher,) if publisher and not session.pack.index.resolve(publisher) else None,
    }


def _in_context(session: Session, spec: dict) -> Session:
    """The session in a document's context: its sidecar's, over the defaults."""
    return session.override(**context_of(session, spec))


def rule_sections(pack: RulePack) -> dict[str, str]:
    """Rule id -> the sidecar key its results are annotated under."""
    return {c.rule.id: KINDS[c.rule.kind] for c in pack.rules if c.rule.kind in KINDS}


def _entry_keys(pack: RulePack) -> dict[tuple[str, str], str]:
    """(rule id, official name) -> list:id, for the entries of each mention rule's lists."""
    keys: dict[tuple[str, str], str] = {}
    for compiled in pack.rules:
        if compiled.rule.kind == "mention-label":
            for list_id in sorted(compiled.check.lists):
                for entry in pack.lists[list_id].entries:
                    keys.setdefault((compiled.rule.id, entry.name), entry.key)
    return keys


def expected(spec: dict) -> list[Item]:
    items = [Item(m["rule"], "mentions", m["entry"], str(m["text"]), m["status"])
             for m in spec.get("mentions") or []]
    items += [Item(n["rule"], "notices", "", str(n.get("at") or ""), n["status"])
              for n in spec.get("notices") or []]
    items += [Item(f["rule"], "flags", "", str(f.get("text") or ""), f.get("status", "flagged"))
              for f in spec.get("flags") or []]
    return items


def _squeeze(text: str) -> str:
    """The words of a text, for comparison: white space collapsed, and the " · " a report puts
    between the links of one row ("ВКонтакте · Telegram · X") read as the space it stands for."""
    return re.sub(r"[\s·]+", " ", text).strip().casefold()


UNIT_REACH = 2  # a notice unit is up to three adjacent blocks (notice option `span`)


def _unit_text(checked: Checked, result: Result) -> str:
    """The text an annotated notice's words are sought in: the block the result points at (the
    one with most elements) and its neighbours that a unit can span, since the annotator may quote
    another block of the same notice (the label of an ad whose sponsor line the result points at)."""
    if checked.document is None or result.span is None:
        return result.text or ""
    blocks = checked.document.blocks
    b = result.span.block
    return " ".join(block.text for block in blocks[max(0, b - UNIT_REACH) : b + UNIT_REACH + 1])


def reported(pack: RulePack, checked: Checked) -> list[tuple[Item, str]]:
    """The document's results as items, each with the text an annotation's words are sought in."""
    sections, entries = rule_sections(pack), _entry_keys(pack)
    items = []
    for r in checked.report.results:
        section = sections.get(r.rule)
        if section == "mentions":
            key = entries.get((r.rule, r.subject or ""), f"?:{r.subject}")
            items.append((Item(r.rule, section, key, r.text or "", r.status), r.text or ""))
        elif section == "notices":
            items.append((Item(r.rule, section, "", "", r.status), _unit_text(checked, r)))
        elif section == "flags":
            items.append((Item(r.rule, section, "", r.text or "", r.status), r.text or ""))
    return items


def _matches(want: Item, got: Item, where: str) -> bool:
    if (want.rule, want.section, want.status) != (got.rule, got.section, got.status):
        return False
    if want.section == "mentions" and want.key != got.key:
        return False
    if want.section == "notices":
        return _squeeze(want.text) in _squeeze(where)
    # The words of a mention or a call: the annotation's and the report's overlap, one holding the
    # other («Агентство» for the registry's «Издание «Агентство»», "Inc" for "Inc.").
    a, b = _squeeze(want.text), _squeeze(where)
    return bool(a) and bool(b) and (a in b or b in a)


def evaluate(session: Session, pack: RulePack, doc: Path) -> DocumentOutcome:
    spec = annotation(doc)
    [checked] = _in_context(session, spec.get("context")).check_each([str(doc)])
    outcome = DocumentOutcome(doc, tuple(spec.get("classes") or ()))
    left = expected(spec)
    for got, where in reported(pack, checked):
        match = next((want for want in left if _matches(want, got, where)), None)
        if match is None:
            outcome.false_positives.append(got)
        else:
            left.remove(match)
            outcome.true_positives.append(match)
    outcome.false_negatives = left
    return outcome


def score(pack: RulePack, docs: Iterable[Path] | None = None) -> Scores:
    session = Session(Config(), pack=pack)  # the sidecars give each document's context
    outcomes = [evaluate(session, pack, doc) for doc in (documents() if docs is None else docs)]
    scores = Scores({rule: Score() for rule in rule_sections(pack)}, {}, {}, {}, outcomes)
    for outcome in outcomes:
        for kind, items in (("tp", outcome.true_positives), ("fp", outcome.false_positives),
                            ("fn", outcome.false_negatives)):
            for item in items:
                slices = [(scores.per_rule, item.rule), (scores.per_section, item.section)]
                if item.section == "mentions":
                    slices.append((scores.per_list, item.key.split(":", 1)[0]))
                slices += [(scores.per_class, tag) for tag in outcome.classes]
                for table_, key in slices:
                    one = table_.setdefault(key, Score())
                    setattr(one, kind, getattr(one, kind) + 1)
    for outcome in outcomes:  # a class whose documents expect and report nothing still shows
        for tag in outcome.classes:
            scores.per_class.setdefault(tag, Score())
    return scores


def errors(scores: Scores) -> list[str]:
    """Every false positive and false negative, one line each: "set/document: kind: result"."""
    return [
        f"{outcome.path.parent.name}/{outcome.path.name}: {label}: {item}"
        for outcome in scores.outcomes
        for label, items in (("false positive", outcome.false_positives), ("false negative", outcome.false_negatives))
        for item in items
    ]


def unlike_known_errors(wrong: list[str]) -> tuple[list[str], list[str]]:
    """The errors of a held-out run that are not known, and the known ones it no longer makes."""
    known = Counter(KNOWN_ERRORS.read_text(encoding="utf-8").splitlines()) if KNOWN_ERRORS.exists() else Counter()
    now = Counter(wrong)
    return list((now - known).elements()), list((known - now).elements())


def _rows(title: str, scores: dict[str, Score], name: Callable[[str], str] = str) -> list[str]:
    lines = [title]
    for key, s in sorted(scores.items()):
        lines.append(f"  {name(key):44} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:10.3f} {s.recall:8.3f}")
    return lines


def table(scores: Scores) -> str:
    lines = [f"{len(scores.outcomes)} documents", "",
             f"{'':46} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    lines += _rows("per rule", scores.per_rule)
    lines += _rows("per list (mention rules)", scores.per_list)
    lines += _rows("per section", scores.per_section)
    lines += _rows("per class", scores.per_class)
    return "\n".join(lines)
