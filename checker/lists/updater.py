"""Refreshing a list file from the sources its header names (`update:`), for `checker lists update`.

Sources are tried in the order the header gives them, the official register first, public
mirrors after it. A download is imported (with `importer.import_registry`, so hand-written
aliases, exclusions and domains stay) only when it is sound:

- it arrived whole and parses as the export format the source names;
- its checksum matches, where the source publishes one (the ITSalt mirror's `entries_sha256`);
- it is not behind the list: a source whose newest designation is older than the list's own
  newest one lags (a mirror that has not caught up) and the next source is tried;
- it does not remove more than a set share of the list's entries (an empty or truncated
  register, a page that changed its layout): such a download is refused, and so is the update
  when every source is refused, with one line per source saying why.

Network settings are the ones pip users know: `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` from
the environment (or an explicit proxy), a timeout per request, `SSL_CERT_FILE` for a private CA.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker.lists.importer import ImportResult, ListImportError, import_registry
from checker.lists.listfile import ListFileError, read_list_file
from checker.lists.registries import MAX_EXPORT_BYTES, ExportError, parse_date
from checker.yamlsource import JSON

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_REMOVED = 0.10  # a weekly update removes a handful of entries, never a tenth of a list
_USER_AGENT = "designation-notice-checker (lists update)"


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    format: str
    also: tuple[str, ...] = ()  # further files of the same register that fill it in (FARA's principals)


@dataclass
class UpdateOutcome:
    """What happened to one list: the import (None when no source could be used), the source it
    came from, and why each source before it was passed over."""

    path: Path
    list_id: str
    result: ImportResult | None = None
    source: Source | None = None
    refused: list[str] = field(default_factory=list)


class FetchError(Exception):
    """A download that failed: one line saying why."""


Fetcher = Callable[[str], bytes]


def sources(data: JSON) -> list[Source]:
    return [
        Source(s.get("name") or s["url"], s["url"], s.get("format", "auto"), tuple(s.get("also") or ()))
        for s in data.get("update") or []
    ]


def http_fetcher(timeout: float = DEFAULT_TIMEOUT, proxy: str | None = None) -> Fetcher:
    """A fetcher over HTTP(S) with the environment's proxies (or `proxy`), reading no more than an
    export may hold."""
    handlers: list[urllib.request.BaseHandler] = []
    if proxy:
        handlers.append(urllib.request.ProxyHandler({"http": proxy, "https": proxy}))
    opener = urllib.request.build_opener(*handlers)

    def fetch(url: str) -> bytes:
        if not url.startswith(("https://", "http://")):
            raise FetchError("only http(s) sources are fetched")
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "application/json"})
        try:
            with opener.open(request, timeout=timeout) as response:
                data: bytes = response.read(MAX_EXPORT_BYTES + 1)
                expected = response.headers.get("Content-Length")
        except urllib.error.HTTPError as error:
            raise FetchError(f"HTTP {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            raise FetchError(f"cannot connect: {error.reason}") from None
        except TimeoutError:
            raise FetchError(f"no answer within {timeout:g} seconds") from None
        except OSError as error:
            raise FetchError(f"download failed: {error}") from None
        if len(data) > MAX_EXPORT_BYTES:
            raise FetchError(f"larger than {MAX_EXPORT_BYTES:,} bytes")
        if expected and expected.isdigit() and int(expected) != len(data):
            raise FetchError(f"truncated download ({len(data):,} of {int(expected):,} bytes)")
        return data

    return fetch


def _published_checksum_problem(raw: bytes) -> str | None:
    """A mismatch with the checksum the export carries of itself, if it carries one."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None  # the import says what is wrong with it
    if not isinstance(data, dict) or not isinstance(data.get("entries_sha256"), str):
        return None
    entries = data.get("entries")
    lines = "\n".join(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in entries or [])
    if hashlib.sha256(lines.encode()).hexdigest() != data["entries_sha256"]:
        return "its entries do not match the checksum it publishes (altered or incomplete)"
    return None


def _newest(entries: Sequence[Any]) -> date | None:
    days = [d for e in entries if isinstance(e, dict) for d in [parse_date(e.get("designated"))] if d]
    return max(days, default=None)


def _soundness_problem(result: ImportResult, existing: JSON, max_removed: float) -> str | None:
    old = existing.get("entries") or []
    newest_old, newest_new = _newest(old), _newest(result.data["entries"])
    if newest_old and (newest_new is None or newest_new < newest_old):
        return (f"lags behind the list: its newest designation is {newest_new or 'undated'}, "
                f"the list already has {newest_old}")
    if old and len(result.removed) > max_removed * len(old):
        share = len(result.removed) / len(old)
        return (f"would remove {len(result.removed)} of {len(old)} entries ({share:.0%}), more than the "
                f"{max_removed:.0%} allowed (--max-removed)")
    return None


def update_list(path: Path, fetch: Fetcher, *, max_removed: float = DEFAULT_MAX_REMOVED,
                dry_run: bool = False) -> UpdateOutcome:
    """Refresh the list file at `path` from the first of its sources that gives a sound export."""
    existing = read_list_file(path)
    if existing is None:
        raise ListFileError(f"{path}: no such list file")
    outcome = UpdateOutcome(path, str(existing.get("id") or path.stem))
    if not sources(existing):
        outcome.refused.append("the list names no sources to update from (`update:` in its header)")
        return outcome
    for source in sources(existing):
        try:
            downloads = [fetch(url) for url in (source.url, *source.also)]
        except FetchError as error:
            outcome.refused.append(f"{source.name}: {error}")
            continue
        problem = next(filter(None, map(_published_checksum_problem, downloads)), None)
        if problem:
            outcome.refused.append(f"{source.name}: {problem}")
            continue
        with tempfile.TemporaryDirectory(prefix="checker-update-") as folder:
            exports = [Path(folder) / f"export-{n}" for n in range(len(downloads))]
            for export, raw in zip(exports, downloads, strict=True):
                export.write_bytes(raw)
            try:
                preview = import_registry(exports, path, fmt=source.format, dry_run=True)
                problem = _soundness_problem(preview, existing, max_removed)
                if problem is None and not dry_run:
                    preview = import_registry(exports, path, fmt=source.format)
            except ExportError as error:
                where = f"line {error.line}: " if error.line is not None else ""
                problem = f"{where}{error.message}"
            except ListImportError as error:
                problem = str(error)
        if problem:
            outcome.refused.append(f"{source.name}: {problem}")
            continue
        outcome.result, outcome.source = preview, source
        return outcome
    return outcome


def list_files(names: Sequence[str], folder: Path) -> list[Path]:
    """The list files to update: each name a path or a list id in `folder`; none: every list file
    in `folder` that names sources."""
    if not names:
        found = sorted(folder.glob("*.yaml"))
        return [p for p in found if sources(read_list_file(p) or {})]
    paths = []
    for name in names:
        path = Path(name)
        if not (path.suffix in (".yaml", ".yml") or os.sep in name):
            path = folder / f"{name}.yaml"
        if not path.is_file():
            raise ListFileError(f"{name}: no such list file (looked for {path})")
        paths.append(path)
    return paths
