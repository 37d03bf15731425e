"""Running the examples written inside rules: each is a small article, a context and what the
rule must find in it. `checker rules test` and the project's tests both use this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .context import Context
from .documents import load_bytes
from .engine import evaluate_rule, prepare
from .errors import InputError
from .report import Result
from .rulepack import CompiledRule, RulePack


@dataclass(frozen=True)
class Outcome:
    rule: str
    index: int
    name: str
    expected: str
    found: str
    where: str  # file:line of the example

    @property
    def passed(self) -> bool:
        return self.expected == self.found


def _document(example: dict[str, Any], where: str):
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


def describe(expect: dict[str, Any], results: list[Result] | None) -> tuple[str, str]:
    """What was expected and what was found, in the same words, so they can be compared."""
    if results is None:
        found_status = "not-applicable"
    elif not results:
        found_status = "clean"
    elif results[0].kind == "flag":
        found_status = "flagged"
    else:
        found_status = results[0].status
    expected, found = [], []
    if "status" in expect:
        expected.append(f"status {expect['status']}")
        found.append(f"status {found_status}")
    if "flags" in expect:
        expected.append(f"{expect['flags']} flag(s)")
        found.append(f"{len(results or [])} flag(s)")
    if "mentions" in expect:
        expected.append("mentions [" + "; ".join(f"{m['text']}: {m['status']}" for m in expect["mentions"]) + "]")
        found.append("mentions [" + "; ".join(f"{r.text}: {r.status}" for r in results or []) + "]")
    return ", ".join(expected), ", ".join(found)


def run_example(compiled: CompiledRule, pack: RulePack, index: int) -> Outcome:
    rule = compiled.rule
    example = rule.examples[index]
    line, _ = rule.source.position(rule.base + ("examples", index))
    where = f"{rule.path}:{line}"
    name = example.get("name", f"example {index + 1}")
    try:
        page = prepare(_document(example, where), pack, _context(example))
    except InputError as error:
        return Outcome(rule.id, index, name, "a readable example", str(error), where)
    expected, found = describe(example["expect"], evaluate_rule(compiled, page))
    return Outcome(rule.id, index, name, expected, found, where)


def run_examples(pack: RulePack, rule_ids: set[str] | None = None) -> list[Outcome]:
    return [
        run_example(compiled, pack, i)
        for compiled in pack.rules
        if rule_ids is None or compiled.rule.id in rule_ids
        for i in range(len(compiled.rule.examples))
    ]
