"""Keeping rules honest over time: when each was last reviewed by a lawyer, and which are due."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from checker.rulepack.rules import Rule

_AGE = re.compile(r"\s*(\d+)\s*([dwy]?)\s*")
_DAYS = {"": 1, "d": 1, "w": 7, "y": 365}


def parse_age(text: str) -> int:
    """Days in an age written 180d, 26w, 1y or 180; ValueError otherwise."""
    match = _AGE.fullmatch(text.lower())
    if not match:
        raise ValueError(f"{text!r} is not an age: write a number of days (180d), weeks (26w) or years (1y)")
    return int(match[1]) * _DAYS[match[2]]


@dataclass(frozen=True)
class Due:
    rule: Rule
    age: int | None  # days since the last review; None when never reviewed


def due_for_review(rules: Iterable[Rule], older_than: int, today: date) -> list[Due]:
    """Rules never reviewed, then rules whose review is more than `older_than` days old, oldest first."""
    due = []
    for rule in rules:
        age = (today - rule.reviewed.date).days if rule.reviewed else None
        if age is None or age > older_than:
            due.append(Due(rule, age))
    return sorted(due, key=lambda d: (d.age is not None, -(d.age or 0), d.rule.id))
