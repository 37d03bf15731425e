"""What every check kind shares: turning a finding into a Result with the rule's wording."""

from __future__ import annotations

from ..lists import Entry
from ..report import Location, Result
from ..rules import Rule

_DEFAULTS = {
    "present": "{title}: present",
    "missing": "{title}: missing{detail}",
    "malformed": "{title}: {detail}",
    "flagged": "{title}{detail}: {text}",
    "review": "{title}: {detail}",
}


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def make_result(
    rule: Rule,
    kind: str,
    status: str,
    location: Location,
    subject: Entry | str | None = None,
    text: str | None = None,
    detail: str = "",
) -> Result:
    """A result; `subject` is an entry (reported by its official name, named in the message by
    its short name) or the publisher's name as given."""
    template = rule.messages.get(status) or _DEFAULTS[status]
    short = subject.display if isinstance(subject, Entry) else subject
    fill = _Fill(title=rule.title, subject=short or "", text=text or "", detail=detail)
    message = template.format_map(fill)
    if rule.messages.get(status) and detail and "{detail}" not in template and status in ("malformed", "review"):
        message = f"{message} ({detail})"
    return Result(
        rule=rule.id,
        kind=kind,
        status=status,
        severity=rule.severity,
        subject=subject.name if isinstance(subject, Entry) else subject,
        text=text,
        message=message,
        location=location,
        law=rule.law,
    )


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
