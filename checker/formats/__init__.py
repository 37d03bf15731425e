"""Output formats. Each module offers `render(report, color=False, info=None) -> str`, where
`info` (a `RunInfo`) optionally carries what a format needs beyond the report: the loaded
documents (html), the rules (sarif), timings and the failing level. The formats in `STREAMING`
also offer a `Writer` (see `common.Writer`) that writes the report as the run goes.

A format's module is imported when a run first uses it: a text run does not load the HTML
report's templates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from types import ModuleType

from checker.formats.common import RunInfo

_NAMES = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html")


class _Formats(Mapping[str, ModuleType]):
    """Format name -> its module, imported on first use."""

    def __getitem__(self, name: str) -> ModuleType:
        if name not in _NAMES:
            raise KeyError(name)
        return import_module(f"{__name__}.{name}")

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


FORMATS: Mapping[str, ModuleType] = _Formats()
# Formats whose renderer reads the documents' text: the check keeps them only when asked.
NEEDS_DOCUMENTS = frozenset({"html"})
# Formats written as the run goes (their module offers a `Writer`): a run with only these holds
# no report, whatever its size.
STREAMING = frozenset({"text", "json", "jsonl", "github"})

__all__ = ["FORMATS", "NEEDS_DOCUMENTS", "STREAMING", "RunInfo"]
