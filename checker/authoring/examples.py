"""Running the examples written inside rules: each is a small article, a context and what the
rule must find in it, and, for a rule with a `fix:` block, what `checker fix` makes of it
(`fixed`). `checker rules test` and the project's tests both use this."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.context import Context
from checker.documents import Document, load_bytes
from checker.engine import evaluate_rule, prepare, why_not_applied
from checker.errors import InputError
from checker.fixes.fixer import fix_bytes
from checker.fixes.model import MARKERS, STYLES, FixStyle
from checker.report import ExampleStatus, Result, Status
from checker.rulepack.pack import CompiledRule, RulePack

# What a compliant article gets, and what a non-compliant one gets.
PASSING = frozenset({Status.PRESENT, ExampleStatus.CLEAN, ExampleStatus.NOT_APPLICABLE})
FAILING = frozenset(s for s in Status if s.is_problem)


@dataclass(frozen=True)
class Outcome:
    rule: str
    index: int
    name: str
    expected: str
    found: str
    where: str  # file:line of the example
    diff: tuple[str, ...] = ()  # what differs, line by line, for the author
    said: tuple[str, ...] = ()  # the messages of what the rule reported
    not_applied: str | None = None  # why the rule did not apply, when it did not

    @property
    def passed(self) -> bool:
        return self.expected == self.found


def _document(example: dict[str, Any], where: str) -> Document:
    for fmt in ("html", "markdown", "text"):
        if fmt in example:
            return load_bytes(example[fmt].encode("utf-8"), where, fmt)
    raise ValueError("example without text")  # the schema prevents this


def _context(example: dict[str, Any]) -> Context:
    raw = example.get("context", {})
    return Context(
        as_of=date.fromisoformat(raw["as_of"]) if "as_of" in raw else date.today(),
        publisher=raw.get("publisher"),
        regions=tuple(raw.get("regions", ())),
        jurisdictions=tuple(raw.get("jurisdictions", ())),
        lang=raw.get("lang"),
    )


def outcome(results: list[Result] | None) -> str:
    """What a rule found in one article, in the words examples expect: the first status, clean
    (nothing), or not-applicable."""
    if results is None:
        return ExampleStatus.NOT_APPLICABLE
    if not results:
        return ExampleStatus.CLEAN
    return results[0].status


def _mention_lines(mentions: list[tuple[str, str]]) -> list[str]:
    return [f"{text}: {status}" for text, status in mentions]


def describe(expect: dict[str, Any], results: list[Result] | None) -> tuple[str, str]:
    """What was expected and what was found, in the same words, so they can be compared."""
    expected, found = [], []
    if "status" in expect:
        expected.append(f"status {expect['status']}")
        found.append(f"status {outcome(results)}")
    if "flags" in expect:
        expected.append(f"{expect['flags']} flag(s)")
        found.append(f"{len(results or [])} flag(s)")
    if "mentions" in expect:
        expected.append("mentions [" + "; ".join(_mention_lines(_expected_mentions(expect))) + "]")
        found.append("mentions [" + "; ".join(_mention_lines(_found_mentions(results))) + "]")
    return ", ".join(expected), ", ".join(found)


def _expected_mentions(expect: dict[str, Any]) -> list[tuple[str, str]]:
    return [(m["text"], m["status"]) for m in expect.get("mentions", ())]


def _found_mentions(results: list[Result] | None) -> list[tuple[str, str]]:
    return [(r.text or "", r.status) for r in results or []]


def mention_diff(expected: list[tuple[str, str]], found: list[tuple[str, str]]) -> list[str]:
    """Mentions side by side: '  ' in both, '- ' expected only, '+ ' found only."""
    want, got = _mention_lines(expected), _mention_lines(found)
    lines = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_opcodes():
        if op == "equal":
            lines += [f"  {line}" for line in want[i1:i2]]
            continue
        lines += [f"- {line}" for line in want[i1:i2]]
        lines += [f"+ {line}" for line in got[j1:j2]]
    return lines or ["  (none expected, none found)"]


def _diff(expect: dict[str, Any], results: list[Result] | None) -> list[str]:
    lines = []
    if "status" in expect and expect["status"] != outcome(results):
        lines += [f"expected status: {expect['status']}", f"found status:    {outcome(results)}"]
    if "flags" in expect and expect["flags"] != len(results or []):
        lines += [f"expected flags: {expect['flags']}", f"found flags:    {len(results or [])}"]
    expected_mentions, found_mentions = _expected_mentions(expect), _found_mentions(results)
    if "mentions" in expect and expected_mentions != found_mentions:
        lines.append("mentions (- expected but not found, + found but not expected):")
        lines += [f"  {line}" for line in mention_diff(expected_mentions, found_mentions)]
    return lines


def failure_lines(outcome: Outcome) -> list[str]:
    """What differs and what the rule said instead, for a person: `checker rules test` prints it
    under each failing example (and a test runner may too)."""
    lines = list(outcome.diff or (f"expected: {outcome.expected}", f"found:    {outcome.found}"))
    if outcome.not_applied:
        lines.append(f"the rule did not apply: {outcome.not_applied}")
    elif outcome.said:
        lines += ["the rule reported:", *(f"  {said}" for said in outcome.said)]
    return lines


def run_example(compiled: CompiledRule, pack: RulePack, index: int) -> Outcome:
    rule = compiled.rule
    example = rule.examples[index]
    line, _ = rule.source.position(rule.base + ("examples", index))
    where = f"{rule.path}:{line}"
    name = example.get("name", f"example {index + 1}")
    try:
        page = prepare(_document(example, where), pack, _context(example))
    except InputError as error:
        return Outcome(rule.id, index, name, "a readable example", str(error), where, (str(error),))
    results = evaluate_rule(compiled, page)
    expected, found = describe(example["expect"], results)
    diff = tuple(_diff(example["expect"], results))
    if results is None:
        return Outcome(rule.id, index, name, expected, found, where, diff, (), why_not_applied(compiled, page))
    return Outcome(rule.id, index, name, expected, found, where, diff, tuple(r.message for r in results))


def run_fix_example(compiled: CompiledRule, pack: RulePack, index: int) -> Outcome:
    """An example's `fixed` text: the example fixed with this rule alone (in its `fix_style`)
    must give it byte for byte."""
    rule = compiled.rule
    example = rule.examples[index]
    line, _ = rule.source.position(rule.base + ("examples", index, "fixed"))
    where = f"{rule.path}:{line}"
    name = f"{example.get('name', f'example {index + 1}')} (fixed)"
    fmt = next(f for f in ("html", "markdown", "text") if f in example)
    text, expected = example[fmt], example["fixed"]
    style = FixStyle(example.get("fix_style", STYLES[0]), example.get("footnote_marker", MARKERS[0]))
    try:
        outcome = fix_bytes(text.encode("utf-8"), where, pack, _context(example), fmt=fmt, rules=[rule.id], style=style)
    except InputError as error:
        return Outcome(rule.id, index, name, "a readable example", str(error), where, (str(error),))
    found = outcome.text if outcome.text is not None else text
    diff = tuple(difflib.unified_diff(expected.splitlines(), found.splitlines(), "expected", "fixed", lineterm=""))
    return Outcome(rule.id, index, name, expected, found, where, diff, tuple(u.describe() for u in outcome.unfixable))


def run_examples(pack: RulePack, rule_ids: set[str] | None = None) -> list[Outcome]:
    """Every example of the rules (all, or those of `rule_ids`), and each fix example after it."""
    outcomes = []
    for compiled in pack.rules:
        if rule_ids is not None and compiled.rule.id not in rule_ids:
            continue
        for i, example in enumerate(compiled.rule.examples):
            outcomes.append(run_example(compiled, pack, i))
            if "fixed" in example:
                outcomes.append(run_fix_example(compiled, pack, i))
    return outcomes


def coverage_gaps(compiled: CompiledRule) -> list[str]:
    """What a rule's examples do not show: a compliant article, a non-compliant one."""
    expectations = [e["expect"] for e in compiled.rule.examples]
    statuses = {e.get("status") for e in expectations}
    statuses |= {m["status"] for e in expectations for m in e.get("mentions", ())}
    gaps = []
    if not statuses & PASSING and not any(e.get("mentions") == [] for e in expectations):
        gaps.append("no example of an article that passes (present, clean or not-applicable)")
    if not statuses & FAILING:
        gaps.append("no example of an article that fails (missing, malformed or flagged)")
    return gaps
