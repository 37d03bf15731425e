"""Scanning on a Dask cluster: documents read through fsspec (local paths, s3://, gs://... when
their fsspec backend is installed), the rule pack shipped to the workers once, and the results
written by this process into the same store as a local scan.

Dask and fsspec are an optional extra: `pip install "designation-notice-checker[dask]"`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from checker.context import Context
from checker.documents import SUFFIXES, Limits, load_bytes
from checker.engine import check_input
from checker.errors import InputError
from checker.report import DocumentReport
from checker.rulepack.pack import RulePack
from checker.scan import Done, Runner, Task, content_hash, has_directives
from checker.session import Session

INSTALL = 'pip install "designation-notice-checker[dask]"'
MAX_TASK = 64  # documents per Dask task at most: a task costs the worker some milliseconds


class DaskUnavailable(Exception):
    """Dask or fsspec is not installed, or a URL's fsspec backend is missing."""


def require() -> None:
    try:
        import dask.distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError as error:
        missing = error.name
        raise DaskUnavailable(f"--dask needs dask.distributed and fsspec ({missing} is missing): {INSTALL}") from None


def is_url(path: str) -> bool:
    return "://" in path


def _filesystem(url: str) -> tuple[Any, str]:
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as error:
        raise DaskUnavailable(f"{url}: no fsspec backend for it ({error}); install the one for its scheme") from None


def discover(session: Session, paths: list[str]) -> list[str]:
    """The documents `paths` stand for: local paths as a local scan finds them (excludes and
    .gitignore apply), URLs through fsspec (a folder is searched for article files)."""
    files: list[str] = []
    for path in paths:
        if not is_url(path):
            files += session.inputs([path])
            continue
        fs, root = _filesystem(path)
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if os.path.splitext(p)[1].lower() in SUFFIXES)
            files += [fs.unstrip_protocol(p) for p in found]
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def read_bytes(path: str) -> bytes:
    import fsspec

    with fsspec.open(path, "rb") as handle:
        data: bytes = handle.read()
    return data


@dataclass(frozen=True)
class ScanJob:
    """What every worker needs, shipped once: the compiled rule pack, the context, the limits."""

    pack: RulePack
    context: Context
    limits: Limits


def check_tasks(job: ScanJob, tasks: list[Task]) -> list[Done]:
    """On a worker: read each document, and check it unless its content is the one expected
    (or the task asks only for its hash)."""
    done = []
    for task in tasks:
        try:
            data = read_bytes(task.path)
        except OSError as error:
            done.append(Done(task.path, None, DocumentReport(task.path, error=str(_read_error(task.path, error)))))
            continue
        found = content_hash(data)
        if not task.check or found == task.expected:
            done.append(Done(task.path, found))
            continue
        load = partial(load_bytes, data, task.path, None, job.limits)
        checked = check_input(task.path, load, job.pack, job.context, job.limits.max_seconds)
        done.append(Done(task.path, found, checked.report, has_directives(checked.document, job.pack)))
    return done


def _read_error(path: str, error: OSError) -> InputError:
    """The error a local check gives for the same failure."""
    if isinstance(error, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(path, "is a directory")
    if isinstance(error, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot read: {error.strerror or error}".lower())


def task_size(documents: int, threads: int) -> int:
    """Documents per task: about eight tasks per worker thread, so that the work spreads evenly
    and a slow worker does not hold the end of the scan, and at most MAX_TASK."""
    return max(1, min(MAX_TASK, documents // (8 * max(threads, 1))))


def dask_runner(session: Session, scheduler: str) -> Runner:
    """Scan on the cluster whose scheduler is at `scheduler` (tcp://host:8786)."""
    require()

    def run(tasks: list[Task]) -> Iterator[Done]:
        from dask.distributed import Client, as_completed

        with Client(scheduler) as client:
            job = client.scatter(ScanJob(session.pack, session.context, session.limits), broadcast=True)
            size = task_size(len(tasks), sum(client.nthreads().values()))
            batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
            futures = [client.submit(check_tasks, job, batch, pure=False) for batch in batches]
            for future in as_completed(futures):
                yield from future.result()
                future.release()

    return run
