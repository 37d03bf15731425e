"""Loading the rule pack once per run: lists, rules, the name automaton, compiled checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .checks import KINDS
from .errors import RuleError
from .lists import DesignationList, is_list_file, load_lists
from .names import NameIndex
from .patterns import PatternError
from .rules import Rule, load_rule_file


class RulePackError(Exception):
    """One or more rule or list files are invalid; `errors` has each, with file:line:column."""

    def __init__(self, errors: list[RuleError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def default_rules_dir() -> Path:
    """The bundled rules: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    bundled = here / "rules"
    return bundled if bundled.is_dir() else here.parent / "rules"


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            found.append(path)
    return found


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    check: Any  # the check kind's compiled form


@dataclass
class RulePack:
    rules: list[CompiledRule]
    lists: dict[str, DesignationList]
    index: NameIndex

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules if r.rule.id == rule_id), None)

    def configured(self, disable: Iterable[str] = (), severity: dict[str, str] | None = None) -> RulePack:
        """The pack without the disabled rules, with severities overridden by rule id."""
        unknown = sorted((set(disable) | set(severity or {})) - {r.rule.id for r in self.rules})
        if unknown:
            raise RulePackError([RuleError("configuration", f"unknown rule id {unknown[0]!r}")])
        rules = [
            CompiledRule(replace(r.rule, severity=(severity or {}).get(r.rule.id, r.rule.severity)), r.check)
            for r in self.rules
            if r.rule.id not in set(disable)
        ]
        return RulePack(rules, self.lists, self.index)


def _compile(rule: Rule, known_lists: set[str]) -> Any:
    kind = KINDS[rule.kind]
    if rule.kind == "notice":
        return kind.compile_check(rule)
    return kind.compile_check(rule, known_lists)


def _check_applies(rule: Rule, known_lists: set[str]) -> list[RuleError]:
    return [
        rule.error(f"unknown list {list_id!r} in applies.publisher_on", "applies", "publisher_on", i)
        for i, list_id in enumerate(rule.applies.publisher_on)
        if list_id not in known_lists
    ]


def load_rulepack(extra: Iterable[str | Path] = (), include_default: bool = True) -> RulePack:
    roots = ([default_rules_dir()] if include_default else []) + [Path(p) for p in extra]
    errors: list[RuleError] = []
    for root in roots:
        if not root.exists():
            errors.append(RuleError(str(root), "no such file or directory"))
    files = yaml_files(r for r in roots if r.exists())
    try:
        lists = load_lists([f for f in files if is_list_file(f)])
    except RuleError as error:
        raise RulePackError(errors + [error]) from None
    rules: list[Rule] = []
    for path in (f for f in files if not is_list_file(f)):
        found, problems = load_rule_file(path)
        rules += found
        errors += problems
    compiled, seen = [], {}
    for rule in rules:
        if rule.id in seen:
            errors.append(rule.error(f"duplicate rule id, first defined in {seen[rule.id]}", "id"))
            continue
        seen[rule.id] = rule.path
        problems = _check_applies(rule, set(lists))
        try:
            compiled.append(CompiledRule(rule, _compile(rule, set(lists))))
        except RuleError as error:
            problems.append(error)
        except PatternError as error:
            problems.append(rule.error(str(error), "check"))
        errors += problems
    if errors:
        raise RulePackError(errors)
    return RulePack(compiled, lists, NameIndex(lists.values()))
