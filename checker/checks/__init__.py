"""The check kinds: one self-describing module each, registered in `KINDS`.

A kind module declares everything the rest of the checker knows about it (`CheckKind`): its
name, its options with their defaults (the rule schema's defaults are tested against them),
the statuses a rule's example may expect, how it reports (section and default messages, whose
keys are the `messages` a rule may word), how it describes itself in `checker rules show` and
`checker rules docs`, what it validates beyond the schema, and:

- `compile_check(rule, known_lists)`: the rule's check, compiled once per run;
- `link(rule, check, rules)`: the compiled check given the other rules it names (a flag rule's
  `unless_near` notice rule), once the pack has compiled them all;
- `evaluate(rule, check, page, subject)`: its results on one page; `subject` is the publisher's
  list entry that made the rule apply, or None.

Adding a kind: write its module, add it to `KINDS`, and add its options to the rule schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from checker.checks import flag, mention_label, notice
from checker.checks.common import ListName, ListPath, Quote, Reporter
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.page import Page
from checker.report import Result
from checker.rulepack.rules import Rule


class CheckKind(Protocol):
    NAME: str  # the rule's check.kind
    OPTIONS: Mapping[str, Any]  # option -> default
    REPORTER: Reporter  # its report section and default message per status
    EXAMPLE_STATUSES: frozenset[str]  # what an example's expect.status may be
    EXPECTS: frozenset[str]  # what an example may expect: status, mentions, flags

    def list_references(self, spec: Mapping[str, Any]) -> Iterator[ListPath]:
        """(list id, path in the rule) of every list the check names."""
        ...

    def reads_names(self, spec: Mapping[str, Any]) -> bool:
        """Whether the check reads the names found in the page. Names are found in one pass over
        every list, the longest winning, so such a check can change with any list's names."""
        ...

    def problems(self, rule: Rule) -> Iterator[RuleError]:
        """What the check gets wrong that the schema cannot see."""
        ...

    def describe(self, spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
        """What the rule looks for, in plain words (paragraphs and "- " bullets)."""
        ...

    def compile_check(self, rule: Rule, known_lists: set[str]) -> Any: ...

    def link(self, rule: Rule, check: Any, rules: Mapping[str, tuple[Rule, Any]]) -> tuple[Any, RuleError | None]:
        """The check given the rules it names (`rules`: every compiled rule of the pack, by id),
        or the error of a rule it names that is not there."""
        ...

    def evaluate(self, rule: Rule, check: Any, page: Page, subject: Entry | None) -> Iterator[Result]: ...


KINDS: dict[str, CheckKind] = {kind.NAME: kind for kind in (notice, mention_label, flag)}

__all__ = ["KINDS", "CheckKind"]
