"""What a fix is, what cannot be fixed, and the outcome of fixing one document. (Light on
imports: the configuration reads the house styles from here.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.report import DocumentReport, Location, Result

STYLES = ("parenthesis", "footnote")
MARKERS = ("*", "numbered")


@dataclass(frozen=True)
class Edit:
    """Text inserted at `offset` in the source text (the file's own newlines, before encoding)."""

    offset: int
    text: str


@dataclass(frozen=True)
class FixStyle:
    """The house style: a label in parentheses after the mention, or a footnote marker (`*`,
    `**`... or numbered) with the footnote at the end of the article."""

    style: str = "parenthesis"
    marker: str = "*"


@dataclass(frozen=True)
class Fix:
    """Text inserted for one result (and the results listed with it, under one plural label)."""

    rule: str
    subject: str | None
    text: str | None  # the mention, or None for a notice
    location: Location
    edits: tuple[Edit, ...]
    inserted: str  # the label, footnote or notice, as words
    needs: tuple[str, ...] = ()  # shared edits it relies on (a footnote several mentions use)
    covers: tuple[Result, ...] = ()  # other results the same insertion fixes
    note: str = ""  # what is left for a person (a malformed notice the new one does not remove)

    @classmethod
    def of(
        cls, result: Result, edits: tuple[Edit, ...], inserted: str, needs: tuple[str, ...] = (),
        covers: list[Result] | None = None,
    ) -> Fix:
        covered = tuple(covers or ())
        return cls(result.rule, result.subject, result.text, result.location, edits, inserted, needs, covered)

    def describe(self) -> str:
        after = f"after {self.text!r}: " if self.text and not self.note else ""
        note = f"; {self.note}" if self.note else ""
        return f"{self.location.line}:{self.location.column}: {self.rule}: {after}inserted {self.inserted!r}{note}"


@dataclass(frozen=True)
class Unfixable:
    """A problem left for a person, and why."""

    rule: str
    subject: str | None
    text: str | None
    location: Location
    reason: str

    @classmethod
    def of(cls, result: Result | Fix, reason: str) -> Unfixable:
        return cls(result.rule, result.subject, result.text, result.location, reason)

    def describe(self) -> str:
        what = f"{self.text!r}: " if self.text else ""
        return f"{self.location.line}:{self.location.column}: {self.rule}: {what}not fixed: {self.reason}"


Planned = Fix | Unfixable


@dataclass
class FixOutcome:
    """One document fixed: its bytes before and after, the diff, what was inserted, what was
    left and why, and its reports before and after (the second checks the fixed text)."""

    path: str
    original: bytes
    fixed: bytes
    diff: str = ""
    fixes: list[Fix] = field(default_factory=list)
    unfixable: list[Unfixable] = field(default_factory=list)
    before: DocumentReport | None = None
    after: DocumentReport | None = None
    error: str | None = None
    text: str | None = None  # the fixed text as decoded (the file's newlines), when something was fixed

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def as_dict(self) -> dict[str, Any]:
        """What `checker fix --format json` prints for the document (and a service returns):
        what was inserted where, what was left and why, the diff; the fixed text itself only
        through `fixed`/`text`."""
        return {
            "path": self.path,
            "changed": self.changed,
            "error": self.error,
            "fixes": [
                {"rule": f.rule, "line": f.location.line, "column": f.location.column, "subject": f.subject,
                 "text": f.text, "inserted": f.inserted}
                for f in self.fixes
            ],
            "unfixable": [
                {"rule": u.rule, "line": u.location.line, "column": u.location.column, "subject": u.subject,
                 "text": u.text, "reason": u.reason}
                for u in self.unfixable
            ],
            "diff": self.diff,
        }

    @property
    def report(self) -> DocumentReport:
        """The report that counts for the exit code: after the fixes, or the error."""
        if self.error is not None or self.after is None:
            return DocumentReport(self.path, error=self.error or f"{self.path}: not checked")
        return self.after
