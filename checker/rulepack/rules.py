"""Rules as written by legal staff: loading and validating YAML rule files."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import RuleError
from checker.report import Citation
from checker.schema import validate
from checker.yamlsource import YamlDocument, YamlPath, load_yaml, parse_yaml


@dataclass(frozen=True)
class Applies:
    regions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    publisher_on: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()
    contains: Mapping[str, Any] = field(default_factory=dict)  # phrasings the visible text must contain


@dataclass(frozen=True)
class Review:
    """The last legal review of a rule: rules drift from the law unless someone re-reads them."""

    by: str
    date: date
    note: str | None = None


@dataclass(frozen=True)
class Effective:
    """The days a rule applies on, both ends included; None leaves that end open."""

    start: date | None = None
    end: date | None = None

    def holds(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    description: str
    jurisdiction: str
    purpose: str
    severity: str
    law: tuple[Citation, ...]
    applies: Applies
    check: dict[str, Any]
    messages: dict[str, str]
    examples: tuple[dict[str, Any], ...]
    source: YamlDocument  # for error positions
    base: YamlPath  # path of this rule inside its file
    reviewed: Review | None = None
    effective: Effective = field(default_factory=Effective)
    supersedes: tuple[str, ...] = ()
    fix: dict[str, Any] = field(default_factory=dict)  # what `checker fix` inserts (checker/fixes)

    @property
    def kind(self) -> str:
        kind: str = self.check["kind"]
        return kind

    @property
    def path(self) -> str:
        return self.source.path

    def in_effect(self, on: date) -> bool:
        return self.effective.holds(on)

    def error(self, message: str, *path: Any, key: str | None = None) -> RuleError:
        return self.source.error(f"rule {self.id}: {message}", self.base + path, key)


# What a message may say: filled in when a result is reported (checks/common.py).
MESSAGE_FIELDS = ("title", "subject", "text", "detail")


def template_problem(template: str) -> str | None:
    """Why a message template cannot be filled safely, or None. Only the known fields, plainly
    written: no positions ({0}), attributes, indexes, conversions or format specs, which would
    let a rule file reach into Python objects or allocate gigabytes ({title:>300000000})."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"{error}; write a literal brace as {{{{ or }}}}"
    for _, placeholder, spec, conversion in parts:
        if placeholder is None:
            continue
        if placeholder not in MESSAGE_FIELDS or spec or conversion:
            written = "{" + placeholder + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            known = ", ".join("{" + name + "}" for name in MESSAGE_FIELDS)
            return f"{written} cannot be filled in: a message may use {known}, written plainly"
    return None


def _template_problems(doc: YamlDocument, raw: dict[str, Any], base: YamlPath) -> list[RuleError]:
    return [
        doc.error(f"messages.{key}: {problem}", base + ("messages", key))
        for key, template in raw.get("messages", {}).items()
        if (problem := template_problem(template))
    ]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _rule(doc: YamlDocument, raw: dict[str, Any], base: YamlPath) -> Rule:
    applies = raw.get("applies", {})
    reviewed, effective = raw.get("reviewed"), raw.get("effective", {})
    review = Review(reviewed["by"], date.fromisoformat(reviewed["date"]), reviewed.get("note")) if reviewed else None
    return Rule(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        jurisdiction=raw["jurisdiction"],
        purpose=raw["purpose"],
        severity=raw["severity"],
        law=tuple(Citation(c["title"], c.get("url"), c.get("note")) for c in raw["law"]),
        applies=Applies(
            **{k: tuple(v) for k, v in applies.items() if k != "contains"}, contains=applies.get("contains", {})
        ),
        check=raw["check"],
        messages=raw.get("messages", {}),
        examples=tuple(raw.get("examples", ())),
        source=doc,
        base=base,
        reviewed=review,
        effective=Effective(_date(effective.get("from")), _date(effective.get("to"))),
        supersedes=tuple(raw.get("supersedes", ())),
        fix=raw.get("fix", {}),
    )


def load_rule_file(path: Path) -> tuple[list[Rule], list[RuleError]]:
    """The rules of one file and every schema error found in it."""
    try:
        doc = load_yaml(path)
    except RuleError as error:
        return [], [error]
    return rules_of(doc)


def parse_rule_text(text: str, name: str) -> tuple[list[Rule], list[RuleError]]:
    """The rules of YAML text that is no file (a draft pasted into `checker serve`), named
    `name` in its errors, as `load_rule_file` reads a file."""
    try:
        doc = parse_yaml(text.replace("\r\n", "\n").replace("\r", "\n"), name)
    except RuleError as error:
        return [], [error]
    return rules_of(doc)


def rules_of(doc: YamlDocument) -> tuple[list[Rule], list[RuleError]]:
    """The rules of a parsed rule file and every schema error found in it."""
    data = doc.data
    if isinstance(data, dict) and set(data) == {"rules"} and isinstance(data["rules"], list):
        items: list[tuple[YamlPath, Any]] = [(("rules", i), raw) for i, raw in enumerate(data["rules"])]
    elif isinstance(data, dict):
        items = [((), data)]
    else:
        return [], [doc.error("a rule file must hold one rule (a mapping) or `rules:` with a list")]
    errors = [
        RuleError(doc.path, f"key {path[-1]!r} is written twice here; YAML keeps only the last one", *position)
        for path, position in doc.duplicates
    ]
    rules = []
    for base, raw in items:
        if not isinstance(raw, dict):
            errors.append(doc.error("each rule must be a mapping", base))
            continue
        problems = validate(doc, "rule", raw, base) or _template_problems(doc, raw, base)
        if problems:
            errors.extend(problems)
        else:
            rules.append(_rule(doc, raw, base))
    return rules, errors
