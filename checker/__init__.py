"""checker: press-freedom legal-notice compliance checker.

Library use (README, "Python API")::

    from checker import Session
    session = Session(publisher="Meduza", regions=["RU"])
    report = session.check_paths(["article.html"])
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Imported on first use: the pytest plugin loads this package in every pytest run of a project
# that installs checker, and most of those runs never check an article.
_EXPORTS = {
    "Config": "checker.config",
    "Context": "checker.context",
    "Session": "checker.session",
    "check_document": "checker.engine",
    "check_paths": "checker.engine",
    "find_config": "checker.config",
    "load_rulepack": "checker.rulepack.pack",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
