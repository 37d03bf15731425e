"""Rules as written by legal staff: loading and validating YAML rule files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RuleError
from .report import Citation
from .schema import validate
from .yamlsource import YamlDocument, load_yaml


@dataclass(frozen=True)
class Applies:
    regions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    publisher_on: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()


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
    base: tuple  # path of this rule inside its file

    @property
    def kind(self) -> str:
        return self.check["kind"]

    @property
    def path(self) -> str:
        return self.source.path

    def error(self, message: str, *path: Any, key: str | None = None) -> RuleError:
        return self.source.error(f"rule {self.id}: {message}", self.base + path, key)


def _rule(doc: YamlDocument, raw: dict[str, Any], base: tuple) -> Rule:
    applies = raw.get("applies", {})
    return Rule(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        jurisdiction=raw["jurisdiction"],
        purpose=raw["purpose"],
        severity=raw["severity"],
        law=tuple(Citation(c["title"], c.get("url"), c.get("note")) for c in raw["law"]),
        applies=Applies(**{k: tuple(v) for k, v in applies.items()}),
        check=raw["check"],
        messages=raw.get("messages", {}),
        examples=tuple(raw.get("examples", ())),
        source=doc,
        base=base,
    )


def load_rule_file(path: Path) -> tuple[list[Rule], list[RuleError]]:
    """The rules of one file and every schema error found in it."""
    try:
        doc = load_yaml(path)
    except RuleError as error:
        return [], [error]
    data = doc.data
    if isinstance(data, dict) and set(data) == {"rules"} and isinstance(data["rules"], list):
        items = [(("rules", i), raw) for i, raw in enumerate(data["rules"])]
    elif isinstance(data, dict):
        items = [((), data)]
    else:
        return [], [doc.error("a rule file must hold one rule (a mapping) or `rules:` with a list")]
    rules, errors = [], []
    for base, raw in items:
        if not isinstance(raw, dict):
            errors.append(doc.error("each rule must be a mapping", base))
            continue
        problems = validate(doc, "rule", raw, base)
        if problems:
            errors.extend(problems)
        else:
            rules.append(_rule(doc, raw, base))
    return rules, errors
