"""A disk cache for what is slow to derive from the lists and cheap to store: the name automaton.

The key is a sha256 of the entries themselves, of the code that derives names from them
(morphology, transliteration, matching modes) and of the word lists that code reads
(rules/lexicon), so an edited list, lexicon or a new version of the code never reads a stale
cache. Files live in the user's cache directory (`$XDG_CACHE_HOME/checker`,
else `~/.cache/checker`), or in `$CHECKER_CACHE_DIR`; `CHECKER_CACHE_DIR=off` turns the cache
off. A cache that cannot be read or written is ignored: it only ever saves time.

A cache file holds plain JSON, never code: anyone who can write the folder (a shared or restored
CI cache) can at worst cost a rebuild. Each kind decodes its own data and checks every type;
a file that is unreadable, truncated, of another key or of the wrong shape is treated as absent.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import tempfile
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from checker import lexicon

T = TypeVar("T")

_KEEP = 16  # files of one kind: the bundled lists, a project's own, a few versions
_HERE = Path(__file__).resolve()
_PACKAGE = _HERE.parent.parent  # checker/
SHIPPED = _PACKAGE / "shipped"  # the bundled lists, loaded, and their forms: scripts/ship_forms.py
_OWN_IMPORT = re.compile(r"^\s*from\s+(checker(?:\.\w+)*)\s+import\s+(\([^)]*\)|[^\n]*)", re.M)


def cache_dir() -> Path | None:
    configured = os.environ.get("CHECKER_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker"


def _imports(path: Path) -> set[Path]:
    """The package's own modules that `path` imports, at the top or inside a function (the
    package imports itself by absolute name: `from checker.match import names`)."""
    found: set[Path] = set()
    for module, names in _OWN_IMPORT.findall(path.read_text("utf-8")):
        target = _PACKAGE.parent.joinpath(*module.split("."))
        words = re.findall(r"(\w+)(?:\s+as\s+\w+)?", re.sub(r"#[^\n]*", "", names))
        # Submodules (from checker.match import names), else the module itself.
        submodules = [m for m in (target / f"{word}.py" for word in words) if m.is_file()]
        candidates = submodules or [target.with_suffix(".py"), target / "__init__.py"]
        found.update(c for c in candidates if c.is_file())
    return found


def _deriving_modules() -> list[Path]:
    """Every module whose code can change a cached value: the modules that cache (they import this
    one) and all they import, followed through the package. Found from the source, not listed by
    hand, so a new module on the path of name derivation is part of the key without anyone
    remembering to add it."""
    modules = sorted(_PACKAGE.rglob("*.py"))
    todo = [m for m in modules if _HERE in _imports(m)]
    seen: set[Path] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module) - seen)
    return sorted(seen)


@cache
def source_version() -> str:
    """A digest of the checker's own files that derived forms depend on: the deriving modules'
    code, the JSON Schemas their inputs are validated with, the lexicon and regions data
    (rules/lexicon, rules/regions.yaml). The forms shipped with the bundled lists carry it."""
    digest = hashlib.sha256()
    files = _deriving_modules() + sorted((_PACKAGE / "schemas").glob("*.json")) + lexicon.data_files()
    for path in files:
        digest.update(path.name.encode())
        # Line endings as committed, whatever a checkout on Windows made of them.
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


@cache
def _code_version() -> str:
    """`source_version`, and the versions of the libraries that analyse words and build the
    automaton."""
    digest = hashlib.sha256(source_version().encode())
    for package in ("pymorphy3", "pymorphy3-dicts-ru", "pyahocorasick"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(metadata.version(package).encode())
    return digest.hexdigest()


def _digest(version: str, kind: str, items: Sequence[Any]) -> str:
    digest = hashlib.sha256(version.encode())
    digest.update(kind.encode())
    for item in items:
        digest.update(repr(item).encode())
    return digest.hexdigest()[:32]


def _key(kind: str, items: Sequence[Any]) -> str:
    return _digest(_code_version(), kind, items)


def cached(
    kind: str,
    items: Sequence[Any],
    build: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
    slot: str = "",
    shipped: str = "",
) -> T:
    """`build()`, or its result stored earlier for the same items and code. `encode` turns a
    result into JSON data, `decode` turns the data back, raising ValueError, TypeError, KeyError
    or IndexError on anything it does not expect. Results of one kind and slot (e.g. one list
    file) replace each other, so the cache does not grow without end. With `shipped` (a name), a
    result shipped with the checker under that name for the same items and source (`ship`) comes
    first, cache or not."""
    if shipped and items:
        found = _read_shipped(kind, shipped, items, decode)
        if found is not None:
            return found[0]
    directory = cache_dir()
    if directory is None or not items:
        return build()
    prefix = f"{kind}-{hashlib.sha256(slot.encode()).hexdigest()[:8]}-" if slot else f"{kind}-"
    key = _key(kind, items)
    path = directory / f"{prefix}{key}.json"
    found = _read(path, key, decode)
    if found is not None:
        return found[0]
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Keep the latest of each slot (one per list file) and a few files of each kind in all,
        # so that neither edits nor temporary list files make the cache grow without end.
        # Files of older versions (pickles) are never read, only removed.
        stale = sorted(directory.glob(f"{prefix}*.json"), key=lambda p: p.stat().st_mtime)[:-1]
        stale += sorted(directory.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime)[:-_KEEP]
        stale += directory.glob(f"{kind}-*.pickle")
        for old in stale:
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, suffix=".tmp", delete=False) as out:
            json.dump({"key": key, "value": encode(value)}, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(out.name, path)
    except OSError:
        pass
    return value


def _shipped_path(kind: str, slot: str) -> Path:
    safe = re.sub(r"[^\w.-]", "_", slot)
    return SHIPPED / f"{kind}-{safe}.json.gz"


def _shipped_key(kind: str, items: Sequence[Any]) -> str:
    # The source's digest, not the libraries' versions: shipped forms are those the pinned
    # versions derive, the same for every installation (tests/test_formcache.py checks them).
    return _digest(source_version(), kind, items)


def _read_shipped(kind: str, slot: str, items: Sequence[Any], decode: Callable[[Any], T]) -> tuple[T] | None:
    return _read(_shipped_path(kind, slot), _shipped_key(kind, items), decode, gzip.decompress)


def ship(kind: str, slot: str, items: Sequence[Any], value: T, encode: Callable[[T], Any]) -> Path:
    """Write `value` as the shipped result for these items (scripts/ship_forms.py)."""
    path = _shipped_path(kind, slot)
    text = json.dumps(
        {"key": _shipped_key(kind, items), "value": encode(value)}, ensure_ascii=False, separators=(",", ":")
    )
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    return path


def _read(
    path: Path, key: str, decode: Callable[[Any], T], unpack: Callable[[bytes], bytes] = bytes
) -> tuple[T] | None:
    """The decoded value of a cache file in a 1-tuple, or None when it is absent or unusable."""
    try:
        data = json.loads(unpack(path.read_bytes()))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return (decode(data["value"]),)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError, zlib.error):
        return None


def expect(value: Any, kind: type[T]) -> T:
    """`value` if it is a `kind` (a bool is not an int), else TypeError: for decoders."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value
