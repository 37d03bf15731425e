"""Loading the rule pack once per run: lists, rules, the name automaton, compiled checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from checker.checks import KINDS
from checker.errors import RuleError
from checker.lexicon import bundled_rules_dir, is_data_file
from checker.lists.model import DesignationList, is_list_file, load_lists
from checker.match.names import NameIndex
from checker.match.patterns import PatternError
from checker.rulepack.rules import Rule, load_rule_file
from checker.rulepack.semantics import pack_problems, rule_problems
from checker.schema import did_you_mean


class RulePackError(Exception):
    """One or more rule or list files are invalid; `errors` has each, with file:line:column."""

    def __init__(self, errors: list[RuleError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


default_rules_dir = bundled_rules_dir


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """The rule and list files under `paths`, each once even when two given paths overlap; a folder's
    lexicon and regions files are data for the code, not rules."""
    found: dict[Path, Path] = {}
    for path in paths:
        candidates = sorted(
            p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not is_data_file(p)
        ) if path.is_dir() else [path]
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    check: Any  # the check kind's compiled form


@dataclass
class RulePack:
    rules: list[CompiledRule]
    lists: dict[str, DesignationList]
    index: NameIndex
    disabled: frozenset[str] = field(default_factory=frozenset)  # ids switched off by configuration

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules if r.rule.id == rule_id), None)

    @property
    def known_ids(self) -> frozenset[str]:
        """Every rule id of the pack, disabled ones included (suppressions may name them)."""
        return frozenset(r.rule.id for r in self.rules) | self.disabled

    def in_effect(self, on: date) -> list[CompiledRule]:
        """The rules that apply on a date: within their effective window and not superseded by a
        rule that is itself in effect then."""
        current = [r for r in self.rules if r.rule.in_effect(on)]
        replaced = {old for r in current for old in r.rule.supersedes}
        return [r for r in current if r.rule.id not in replaced]

    def configured(
        self,
        disable: Iterable[str] = (),
        severity: dict[str, str] | None = None,
        source: str = "configuration",
        options: Mapping[str, Any] | None = None,
    ) -> RulePack:
        """The pack without the disabled rules, with severities overridden by rule id, and with
        `options` (check option -> value, e.g. label_once) given to every rule whose kind has
        that option and which does not set it itself."""
        ids = {r.rule.id for r in self.rules}
        unknown = sorted((set(disable) | set(severity or {})) - ids)
        if unknown:
            hint = did_you_mean(unknown[0], ids) or " (`checker rules list` shows the rule ids)"
            raise RulePackError([RuleError(source, f"unknown rule id {unknown[0]!r}{hint}")])
        rules = [
            _with_options(replace(r.rule, severity=(severity or {}).get(r.rule.id, r.rule.severity)), r, options or {},
                          set(self.lists))
            for r in self.rules
        ]
        # Linked before disabling: a disabled reader warning still tells where warnings stand.
        rules = [r for r in _linked(rules)[0] if r.rule.id not in set(disable)]
        return RulePack(rules, self.lists, self.index, self.disabled | frozenset(disable))


def _with_options(
    rule: Rule, compiled: CompiledRule, options: Mapping[str, Any], known_lists: set[str]
) -> CompiledRule:
    """The rule with the configured options its check leaves out, compiled again when there are any."""
    kind = KINDS[rule.kind]
    given = {k: v for k, v in options.items() if v is not None and k in kind.OPTIONS and k not in rule.check}
    if not given:
        return CompiledRule(rule, compiled.check)
    rule = replace(rule, check={**rule.check, **given})
    return CompiledRule(rule, kind.compile_check(rule, known_lists))


def _load_lists(files: list[Path]) -> tuple[dict[str, DesignationList], list[RuleError]]:
    """Every list that loads, and the first error of each list that does not."""
    lists: dict[str, DesignationList] = {}
    errors: list[RuleError] = []
    for path in files:
        try:
            [(list_id, loaded)] = load_lists([path]).items()
        except RuleError as error:
            errors.append(error)
            continue
        if list_id in lists:
            errors.append(RuleError(str(path), f"list id {list_id!r} is already defined in {lists[list_id].path}"))
            continue
        lists[list_id] = loaded
    return lists, errors


@dataclass
class LoadResult:
    """A rule pack of everything that loaded, with every problem found on the way."""

    pack: RulePack
    errors: list[RuleError]
    files: list[Path]  # the rule and list files read


def build_rulepack(
    extra: Iterable[str | Path] = (), include_default: bool = True, today: date | None = None
) -> LoadResult:
    """Load and validate without stopping at the first problem: `checker rules validate` shows
    them all, and `load_rulepack` refuses a pack that has any."""
    roots = ([default_rules_dir()] if include_default else []) + [Path(p) for p in extra]
    errors = [RuleError(str(root), "no such file or directory") for root in roots if not root.exists()]
    files = yaml_files(r for r in roots if r.exists())
    lists, list_errors = _load_lists([f for f in files if is_list_file(f)])
    errors += list_errors
    rules: list[Rule] = []
    for path in (f for f in files if not is_list_file(f)):
        found, problems = load_rule_file(path)
        rules += found
        errors += problems
    errors += pack_problems(rules)
    compiled, seen = [], set()
    for rule in rules:
        if rule.id in seen:  # a second definition, reported above, is not compiled
            continue
        seen.add(rule.id)
        problems = rule_problems(rule, lists, today or date.today())
        if not problems:
            try:
                compiled.append(CompiledRule(rule, KINDS[rule.kind].compile_check(rule, set(lists))))
            except RuleError as error:
                problems.append(error)
            except PatternError as error:
                problems.append(rule.error(str(error), "check"))
        errors += problems
    compiled, problems = _linked(compiled)
    errors += problems
    return LoadResult(RulePack(compiled, lists, NameIndex(lists.values())), errors, files)


def _linked(rules: list[CompiledRule]) -> tuple[list[CompiledRule], list[RuleError]]:
    """The rules, each check given the other rules it names (`CheckKind.link`)."""
    by_id = {r.rule.id: (r.rule, r.check) for r in rules}
    out, errors = [], []
    for r in rules:
        check, error = KINDS[r.rule.kind].link(r.rule, r.check, by_id)
        out.append(CompiledRule(r.rule, check))
        errors += [error] if error else []
    return out, errors


def load_rulepack(extra: Iterable[str | Path] = (), include_default: bool = True) -> RulePack:
    loaded = build_rulepack(extra, include_default)
    if loaded.errors:
        raise RulePackError(loaded.errors)
    return loaded.pack
