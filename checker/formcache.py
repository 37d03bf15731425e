"""A disk cache for what is slow to derive from the lists and cheap to store: the name automaton.

The key is a sha256 of the entries themselves, of the code that derives names from them
(morphology, transliteration, matching modes) and of the word lists that code reads
(rules/lexicon), so an edited list, lexicon or a new version of the code never reads a stale
cache. Files live in the user's cache directory (`$XDG_CACHE_HOME/checker`,
else `~/.cache/checker`), or in `$CHECKER_CACHE_DIR`; `CHECKER_CACHE_DIR=off` turns the cache
off. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import lexicon

T = TypeVar("T")

_KEEP = 16  # files of one kind: the bundled lists, a project's own, a few versions
_PACKAGE = Path(__file__).resolve().parent
_RELATIVE_IMPORT = re.compile(r"^\s*from\s+(\.+)([\w.]*)\s+import\s+(\([^)]*\)|[^\n]*)", re.M)


def cache_dir() -> Path | None:
    configured = os.environ.get("CHECKER_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker"


def _imports(path: Path) -> set[Path]:
    """The package's own modules that `path` imports, at the top or inside a function (relative
    imports only: the package never imports itself by absolute name)."""
    found: set[Path] = set()
    for dots, module, names in _RELATIVE_IMPORT.findall(path.read_text("utf-8")):
        base = path.parent
        for _ in range(len(dots) - 1):
            base = base.parent
        if module:
            target = base.joinpath(*module.split("."))
            candidates = [target.with_suffix(".py"), target / "__init__.py"]
        else:  # from . import lexicon, names
            words = re.findall(r"(\w+)(?:\s+as\s+\w+)?", re.sub(r"#[^\n]*", "", names))
            listed = [base / f"{word}.py" for word in words]
            candidates = [m if m.is_file() else base / "__init__.py" for m in listed]
        found.update(c for c in candidates if c.is_file())
    return found


def _deriving_modules() -> list[Path]:
    """Every module whose code can change a cached value: the modules that cache (they import this
    one) and all they import, followed through the package. Found from the source, not listed by
    hand, so a new module on the path of name derivation is part of the key without anyone
    remembering to add it."""
    modules = sorted(_PACKAGE.rglob("*.py"))
    todo = [m for m in modules if _PACKAGE / "formcache.py" in _imports(m)]
    seen: set[Path] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module) - seen)
    return sorted(seen)


@cache
def _code_version() -> str:
    """A digest of what derived forms depend on: the deriving modules' code, the JSON Schemas their
    inputs are validated with, the lexicon and regions data (rules/lexicon, rules/regions.yaml),
    and the versions of the libraries that analyse words and build the automaton."""
    digest = hashlib.sha256()
    files = _deriving_modules() + sorted((_PACKAGE / "schemas").glob("*.json")) + lexicon.data_files()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
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
            stored: T = pickle.load(handle)
            return stored
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
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as temporary:
            pickle.dump(value, temporary, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary.name, path)
    except OSError:
        pass
    return value
