"""checker: press-freedom legal-notice compliance checker.

Library use::

    from checker import Context, check_paths, load_rulepack
    report = check_paths(["article.html"], load_rulepack(), Context(as_of=date.today(), ...))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Imported on first use: the pytest plugin loads this package in every pytest run of a project
# that installs checker, and most of those runs never check an article.
_EXPORTS = {
    "Context": "checker.context",
    "check_document": "checker.engine",
    "check_paths": "checker.engine",
    "load_rulepack": "checker.rulepack",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
