"""A disk cache for what is slow to derive from the lists and cheap to store: the name automaton.

The key is a sha256 of the entries themselves and of the code that derives names from them
(morphology, transliteration, matching modes), so an edited list or a new version of the code
never reads a stale cache. Files live in the user's cache directory (`$XDG_CACHE_HOME/checker`,
else `~/.cache/checker`), or in `$CHECKER_CACHE_DIR`; `CHECKER_CACHE_DIR=off` turns the cache
off. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# The modules whose output is cached: a change to any of them changes the key.
_KEEP = 16  # files of one kind: the bundled lists, a project's own, a few versions
_DERIVING = (
    "names.py", "nameforms.py", "evidence.py", "morphology.py", "transliterate.py", "ambiguity.py",
    "normalise.py", "formcache.py",
    "lists.py", "yamlsource.py", "schema.py", "schemas/list.schema.json",
)  # fmt: skip


def cache_dir() -> Path | None:
    configured = os.environ.get("CHECKER_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker"


@cache
def _code_version() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _DERIVING:
        digest.update((here / name).read_bytes())
    for package in ("pymorphy3", "pymorphy3-dicts-ru", "pyahocorasick"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(metadata.version(package).encode())
    return digest.hexdigest()


def _key(kind: str, items: Sequence[Any]) -> str:
    digest = hashlib.sha256(_code_version().encode())
    digest.update(kind.encode())
    for item in items:
        digest.update(repr(item).encode())
    return digest.hexdigest()[:32]


def cached(kind: str, items: Sequence[Any], build: Callable[[], T], slot: str = "") -> T:
    """`build()`, or its result stored earlier for the same items and code. Results of one kind
    and slot (e.g. one list file) replace each other, so the cache does not grow without end."""
    directory = cache_dir()
    if directory is None or not items:
        return build()
    prefix = f"{kind}-{hashlib.sha256(slot.encode()).hexdigest()[:8]}-" if slot else f"{kind}-"
    path = directory / f"{prefix}{_key(kind, items)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Keep the latest of each slot (one per list file) and a few files of each kind in all,
        # so that neither edits nor temporary list files make the cache grow without end.
        stale = sorted(directory.glob(f"{prefix}*.pickle"), key=lambda p: p.stat().st_mtime)[:-1]
        stale += sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)[:-_KEEP]
        for old in stale:
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
    return value
