"""Who checker is on the package index: the distribution name differs from the import name,
because `checker` there belongs to an unrelated project."""

from __future__ import annotations

DISTRIBUTION = "designation-notice-checker"


def version() -> str:
    """The installed version, or "0" when running from a bare source tree."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:
        return "0"
