"""What every check kind shares: turning a finding into a Result with the rule's wording."""

from __future__ import annotations

from ..report import Location, Result
from ..rules import Rule

_DEFAULTS = {
    "present": "{title}: present",
    "missing": "{title}: missing{detail}",
    "malformed": "{title}: {detail}",
    "flagged": "{title}: {text}",
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
    subject: str | None = None,
    text: str | None = None,
    detail: str = "",
) -> Result:
    template = rule.messages.get(status) or _DEFAULTS[status]
    fill = _Fill(title=rule.title, subject=subject or "", text=text or "", detail=detail)
    message = template.format_map(fill)
    if rule.messages.get(status) and detail and status in ("malformed", "review"):
        message = f"{message} ({detail})"
    return Result(
        rule=rule.id,
        kind=kind,
        status=status,
        severity=rule.severity,
        subject=subject,
        text=text,
        message=message,
        location=location,
        law=rule.law,
    )


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
