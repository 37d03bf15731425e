"""Output formats. Each module offers `render(report, color=False, info=None) -> str`, where
`info` (a `RunInfo`) optionally carries what a format needs beyond the report: the loaded
documents (html), the rules (sarif), timings and the failing level."""

from . import github, html, json, junit, markdown, sarif, text
from .common import RunInfo

FORMATS = {
    "text": text,
    "json": json,
    "sarif": sarif,
    "junit": junit,
    "github": github,
    "markdown": markdown,
    "html": html,
}
# Formats whose renderer reads the documents' text: the check keeps them only when asked.
NEEDS_DOCUMENTS = frozenset({"html"})

__all__ = ["FORMATS", "NEEDS_DOCUMENTS", "RunInfo"]
