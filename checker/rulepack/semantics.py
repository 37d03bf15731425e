"""What a rule can get wrong that the schema cannot see: unknown lists, codes that are not real,
conditions that can never hold, elements with nothing to find, unsafe patterns, impossible dates
and examples that cannot pass. Each problem is reported where it is written.

Deliberately *not* reported: a rule whose `publisher_on` list belongs to another jurisdiction
than `applies.jurisdictions` (a publisher on Russia's registry may well be bound by US law), or
a list with no entry of a kind today (lists change). Those can hold; only what cannot is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from checker.checks import KINDS
from checker.codes import country_problem, language_problem
from checker.errors import RuleError
from checker.fixes.templates import problems as fix_problems
from checker.lists.model import DesignationList
from checker.match.patterns import PatternError, compile_regex
from checker.rulepack.rules import Rule
from checker.schema import did_you_mean


def rule_problems(rule: Rule, lists: dict[str, DesignationList], today: date) -> list[RuleError]:
    """Every problem of one rule that loaded without schema errors."""
    checks = (_codes, _lists, _products, _kind_problems, _patterns, _dates, _examples, _messages, _fix)
    return [problem for check in checks for problem in check(rule, lists, today)]


def pack_problems(rules: Iterable[Rule]) -> list[RuleError]:
    """Problems between rules: the same id twice, rules that supersede each other."""
    problems: list[RuleError] = []
    first: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in first:
            where = first[rule.id]
            problems.append(rule.error(f"duplicate rule id, first defined in {where.path}", "id"))
            continue
        first[rule.id] = rule
    for rule in first.values():
        for i, old in enumerate(rule.supersedes):
            other = first.get(old)
            if other is not None and rule.id in other.supersedes and rule.id < old:
                problems.append(
                    rule.error(f"{old} also supersedes {rule.id}: on days both are in effect neither applies",
                               "supersedes", i)
                )
    return problems


def _codes(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    if problem := country_problem(rule.jurisdiction):
        yield rule.error(problem, "jurisdiction")
    for key in ("regions", "jurisdictions"):
        for i, code in enumerate(getattr(rule.applies, key)):
            if problem := country_problem(code):
                yield rule.error(f"{problem}: this condition can never hold", "applies", key, i)
    for i, code in enumerate(rule.applies.lang):
        if problem := language_problem(code):
            yield rule.error(f"{problem}: this condition can never hold", "applies", "lang", i)
    for n, example in enumerate(rule.examples):
        context = example.get("context", {})
        for key in ("regions", "jurisdictions"):
            for i, code in enumerate(context.get(key, ())):
                if problem := country_problem(code):
                    yield rule.error(problem, "examples", n, "context", key, i)
        if "lang" in context and (problem := language_problem(context["lang"])):
            yield rule.error(problem, "examples", n, "context", "lang")


def _list_references(rule: Rule) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """(list id, path) of every list the rule names."""
    for i, list_id in enumerate(rule.applies.publisher_on):
        yield list_id, ("applies", "publisher_on", i)
    yield from KINDS[rule.kind].list_references(rule.check)


def _lists(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    for list_id, path in _list_references(rule):
        if list_id not in lists:
            hint = did_you_mean(list_id, lists) or f"; known lists: {', '.join(sorted(lists)) or 'none'}"
            yield rule.error(f"unknown list {list_id!r}{hint}", *path)


def _products(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    """A product's owner (mention-label `products`) is an entry of the rule's lists."""
    named = [lists[i] for i in rule.check.get("lists", ()) if i in lists]
    known = {e.id for lst in named for e in lst.entries}
    for entry_id in rule.check.get("products", {}) if named else ():
        if entry_id not in known:
            hint = did_you_mean(entry_id, known) or ""
            yield rule.error(f"products: no entry {entry_id!r} in {', '.join(lst.id for lst in named)}{hint}",
                             "check", "products", entry_id)


def _kind_problems(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    return KINDS[rule.kind].problems(rule)


def _pattern_paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """(pattern, path) of every regular expression in a check, wherever it is written."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "patterns" and isinstance(value, list):
                yield from ((p, path + (key, i)) for i, p in enumerate(value))
            else:
                yield from _pattern_paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _pattern_paths(value, path + (i,))


def _patterns(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    written = [*_pattern_paths(rule.check, ("check",)), *_pattern_paths(rule.applies.contains, ("applies", "contains"))]
    for pattern, path in written:
        try:
            compile_regex(pattern)
        except PatternError as error:
            yield rule.error(f"{error}{_re2_hint(pattern)}", *path)
            continue
        if nested := nested_repetition(pattern):
            yield rule.error(
                f"catastrophic regular expression {pattern!r}: {nested!r} repeats a group that itself repeats "
                "without limit, which takes exponential time in most regex engines; write it without the "
                "nested repetition",
                *path,
            )


_LOOKAROUND = re.compile(r"\(\?<?[=!]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _re2_hint(pattern: str) -> str:
    """Why RE2 refuses what other regex engines accept, and what to write instead."""
    if _LOOKAROUND.search(pattern):
        return " (look-ahead and look-behind are not supported: they can take exponential time; " \
               "match the surrounding text too, or use a phrase)"
    if _BACKREFERENCE.search(pattern):
        return " (back-references like \\1 are not supported: they can take exponential time; " \
               "spell out the repeated text)"
    return ""


def nested_repetition(pattern: str) -> str | None:
    """The part of `pattern` like (a+)+ or (a*b*)*: an unbounded repetition of a group that itself
    holds one. RE2 runs these in linear time, but the same pattern in an editor, a browser or a
    colleague's script can hang, and it always has a simpler equivalent."""
    opened: list[tuple[int, bool]] = [(0, False)]  # (start, holds an unbounded repetition)
    closed: tuple[int, bool] | None = None  # the group that just ended, if any
    i = 0
    while i < len(pattern):
        char = pattern[i]
        unbounded = char in "*+" or (char == "{" and _open_brace(pattern, i))
        if unbounded and closed is not None and closed[1]:
            return pattern[closed[0] : i + 1]
        if unbounded:
            opened[-1] = (opened[-1][0], True)
        closed = None
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(pattern, i)
        elif char == "(":
            opened.append((i, False))
        elif char == ")" and len(opened) > 1:
            closed = opened.pop()
            if closed[1]:
                opened[-1] = (opened[-1][0], True)
        i += 1
    return None


def _open_brace(pattern: str, i: int) -> bool:
    """Whether pattern[i:] starts a repetition without upper bound: {2,}."""
    end = pattern.find("}", i)
    inner = pattern[i + 1 : end] if end > 0 else ""
    return inner.endswith(",") and inner[:-1].isdigit()


def _class_end(pattern: str, i: int) -> int:
    """Index of the ] that closes the character class opening at i."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _dates(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    start, end = rule.effective.start, rule.effective.end
    if start and end and end < start:
        yield rule.error(
            f"effective.to ({end.isoformat()}) is before effective.from ({start.isoformat()}): "
            "the rule would never apply",
            "effective", "to",
        )
    if rule.reviewed and rule.reviewed.date > today:
        yield rule.error(f"reviewed.date {rule.reviewed.date.isoformat()} is in the future", "reviewed", "date")
    for i, old in enumerate(rule.supersedes):
        if old == rule.id:
            yield rule.error("a rule cannot supersede itself", "supersedes", i)


def _examples(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    kind, statuses, expects = rule.kind, KINDS[rule.kind].EXAMPLE_STATUSES, KINDS[rule.kind].EXPECTS
    for n, example in enumerate(rule.examples):
        expect = example["expect"]
        if not expect:
            yield rule.error("expect is empty: say what the rule must find (status, mentions or flags)",
                             "examples", n, "expect")
        status = expect.get("status")
        if status is not None and status not in statuses:
            yield rule.error(
                f"a {kind} rule never reports {status!r}; expect one of {', '.join(sorted(statuses))}",
                "examples", n, "expect", "status",
            )
        for key in sorted(set(expect) - expects):
            yield rule.error(f"a {kind} rule has no {key} to expect", "examples", n, "expect", key=key)


def _fix(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    """The `fix:` block's templates (checker/fixes/templates), and fix examples of a rule without one."""
    yield from fix_problems(rule)
    for n, example in enumerate(rule.examples):
        if "fixed" in example and not rule.fix:
            yield rule.error("the example expects a fixed text, but the rule has no fix block", "examples", n, "fixed")


def _messages(rule: Rule, lists: dict[str, DesignationList], today: date) -> Iterator[RuleError]:
    shown = set(KINDS[rule.kind].REPORTER.messages)
    for key in sorted(set(rule.messages) - shown):
        yield rule.error(
            f"messages.{key} is never shown: a {rule.kind} rule reports {', '.join(sorted(shown))}",
            "messages", key=key,
        )
