"""The rules and lists as the service shows them (GET /rules, /rules/{id}, /lists): the facts of
`checker rules list`, `checker rules show` and `checker lists`, as JSON for the rules page and
for scripts. Paths of rule files on the server are left out: they are the server's business."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from checker.authoring.catalogue import (
    applies_lines,
    context_words,
    example_format,
    expect_words,
    heading,
    law_lines,
    looks_for_lines,
    review_lines,
    show,
)
from checker.rulepack.pack import RulePack
from checker.rulepack.rules import Rule


def _quote(phrase: str) -> str:
    return f'"{phrase}"'


def rule_row(rule: Rule) -> dict[str, Any]:
    """One line of `checker rules list --format json`, without the file."""
    return {
        "id": rule.id, "title": rule.title, "jurisdiction": rule.jurisdiction, "purpose": rule.purpose,
        "severity": rule.severity, "kind": rule.kind,
    }


def rule_rows(pack: RulePack) -> list[dict[str, Any]]:
    return [rule_row(c.rule) for c in sorted(pack.rules, key=lambda c: c.rule.id)]


def _example(number: int, example: dict[str, Any]) -> dict[str, Any]:
    fmt, text = example_format(example)
    return {
        "name": example.get("name", f"example {number}"),
        "format": fmt,
        "text": text,
        "context": example.get("context", {}),
        "context_words": context_words(example),
        "expect": example["expect"],
        "expect_words": expect_words(example["expect"]),
    }


def rule_yaml(rule: Rule) -> str:
    """The rule as its author wrote it, to start a draft from: its file when it is the file's
    only rule (comments kept), else its part of the file."""
    if rule.base == ():
        return Path(rule.path).read_text(encoding="utf-8")
    data: Any = rule.source.data
    for step in rule.base:
        data = data[step]
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def rule_detail(rule: Rule, pack: RulePack) -> dict[str, Any]:
    """One rule, explained: what `checker rules show` says, and its parts for a page."""
    return {
        **rule_row(rule),
        "description": rule.description,
        "heading": heading(rule),
        "applies": applies_lines(rule, pack, _quote),
        "looks_for": looks_for_lines(rule, pack, _quote),
        "law": [{"title": c.title, "url": c.url, "note": c.note} for c in rule.law],
        "law_lines": law_lines(rule, lambda title, url: f"{title} <{url}>" if url else title),
        "review": review_lines(rule),
        "examples": [_example(n, e) for n, e in enumerate(rule.examples, 1)],
        "explained": show(rule, pack),
        "yaml": rule_yaml(rule),
    }


def list_rows(pack: RulePack, on: date) -> list[dict[str, Any]]:
    """`checker lists --format json`: each list's counts, dates and freshness on a date."""
    rows = [lst.summary(on) for lst in sorted(pack.lists.values(), key=lambda x: x.id)]
    return [{k: v for k, v in row.items() if k != "path"} for row in rows]
