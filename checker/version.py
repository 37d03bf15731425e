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


def compiled_walk() -> bool:
    """Whether the package carries the compiled HTML walk (checker/documents/_walk.pyx, built by
    the install when a C compiler was there), found without importing it."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "documents"
    return any((folder / f"_walk{suffix}").is_file() for suffix in EXTENSION_SUFFIXES)
