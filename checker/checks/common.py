"""What every check kind shares: turning a finding into a Result with the rule's wording, reading
options with their declared defaults, and the words kinds use to describe themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from checker.lists.model import Entry
from checker.match.page import Page
from checker.report import Location, Result, Section, Severity, SourceSpan, Status
from checker.rulepack.rules import Rule

Quote = Callable[[str], str]  # how a phrase is shown: "…" in a terminal, `…` in Markdown
ListName = Callable[[str], str]  # how a list id is shown: with its title when the pack knows it
ListPath = tuple[str, tuple[str | int, ...]]  # a list id and where in the rule it is written

# Messages that also show a detail when the rule's own wording leaves it out.
_DETAILED = frozenset({Status.MALFORMED, Status.REVIEW})


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Reporter:
    """How one check kind reports: the report section its results go to, and its default
    message per status (which are also the `messages` keys a rule of that kind may word)."""

    section: Section
    messages: Mapping[Status, str]

    def result(
        self,
        rule: Rule,
        status: Status,
        location: Location,
        subject: Entry | str | None = None,
        text: str | None = None,
        detail: str = "",
        span: SourceSpan | None = None,
    ) -> Result:
        """A result; `subject` is an entry (reported by its official name, named in the message
        by its short name) or the publisher's name as given."""
        own = rule.messages.get(status)
        template = own or self.messages[status]
        short = subject.display if isinstance(subject, Entry) else subject
        fill = _Fill(title=rule.title, subject=short or "", text=text or "", detail=detail)
        message = template.format_map(fill)
        if own and detail and "{detail}" not in template and status in _DETAILED:
            message = f"{message} ({detail})"
        return Result(
            rule=rule.id,
            section=self.section,
            status=status,
            severity=Severity(rule.severity),
            subject=subject.name if isinstance(subject, Entry) else subject,
            text=text,
            message=message,
            location=location,
            law=rule.law,
            span=span,
        )


def option(spec: Mapping[str, Any], defaults: Mapping[str, Any], name: str) -> Any:
    """A check option as written in the rule, else its declared default."""
    return spec.get(name, defaults[name])


def source_span(page: Page, i: int, start: int, end: int) -> SourceSpan:
    """The span of page block i's normalised [start, end) in the loaded document's block text."""
    text = page.text(i)
    first = text.to_source(start)
    last = text.to_source(end - 1) + 1 if end > start else first
    return SourceSpan(page.blocks[i].index, first, last)


def empty(spec: Mapping[str, Any]) -> bool:
    """Phrasings with neither phrases nor patterns."""
    return not (spec.get("phrases") or spec.get("patterns"))


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def any_of(items: Iterable[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def phrasings_words(spec: Mapping[str, Any], quote: Quote) -> str:
    words = [quote(p) for p in spec.get("phrases", ())]
    words += [f"pattern {quote(p)}" for p in spec.get("patterns", ())]
    return ", ".join(words)
