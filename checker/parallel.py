"""Checking documents on several processes: the same results as one process, in input order.

The workers inherit the loaded rule pack: on Linux they are forked from the process that loaded
it, so nothing is loaded or sent again; where fork is not the way (macOS, Windows) the pack is
pickled once per worker, never per document. Each worker checks whole chunks of inputs and
returns their results; the parent yields them in input order, keeping only a bounded number of
chunks in flight, so memory does not grow with the run.

A crash is still one document's error: an exception is caught in the worker (and its traceback
comes back for `--debug`); a worker process that dies (a crash in C code, the kernel's OOM killer)
has its chunk re-checked one document at a time, and the document it dies on again is reported
as that document's error. Standard input ("-") is read and checked in the parent.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from checker.context import Context
from checker.documents import Limits
from checker.engine import Checked, check_one
from checker.errors import internal_error
from checker.report import DocumentReport
from checker.rulepack.pack import RulePack

MIN_PER_JOB = 2  # with fewer inputs per core, starting processes costs more than it saves
_AHEAD = 4  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory
_MAX_CHUNK = 8

# What a worker checks with, by run token: filled in the parent before the workers are forked
# (they inherit it), or sent to each worker once when they are not.
_RUNS: dict[int, tuple[RulePack, Context, Limits, bool]] = {}
_run: tuple[RulePack, Context, Limits, bool] | None = None
_tokens = itertools.count(1)


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, shown as its cause."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


class WorkerDied(Exception):
    """The process checking a document ended without a result."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _forking() -> bool:
    # fork keeps the loaded pack without copying it; macOS frameworks are not fork-safe.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def check_each(
    files: Iterable[str], pack: RulePack, ctx: Context, limits: Limits, stdin_name: str = "-",
    jobs: int | None = None, keep_documents: bool = True,
) -> Iterator[Checked]:
    """`engine.check_each` on `jobs` processes (None: the machine's cores when there are at least
    MIN_PER_JOB inputs per core, else one process), results in input order."""
    inputs = iter(files)
    wanted = cores() if jobs is None else max(jobs, 1)
    first = list(itertools.islice(inputs, wanted * MIN_PER_JOB if jobs is None else 1))
    if jobs is None and len(first) < wanted * MIN_PER_JOB:
        wanted = 1
    if isinstance(files, (list, tuple)):
        wanted = min(wanted, len(files))  # no process without a document to check
    if wanted == 1 or not first:
        for given in itertools.chain(first, inputs):
            yield check_one(given, pack, ctx, limits, stdin_name, keep_documents)
        return
    size = _chunk_size(files, wanted)
    yield from _Pool(pack, ctx, limits, stdin_name, keep_documents, wanted).run(itertools.chain(first, inputs), size)


def _chunk_size(files: Iterable[str], jobs: int) -> int:
    """Enough documents per chunk to make sending them worth it, few enough to share them out."""
    try:
        total = len(files)  # type: ignore[arg-type]
    except TypeError:
        return _MAX_CHUNK // 2
    return max(1, min(_MAX_CHUNK, total // (jobs * _AHEAD)))


def _install(token: int, run: tuple[RulePack, Context, Limits, bool] | None) -> None:
    """In a new worker: the run it checks for (inherited, or sent once); Ctrl-C is the parent's."""
    global _run
    _run = run if run is not None else _RUNS[token]
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_chunk(chunk: list[str]) -> list[tuple[Checked, str | None]]:
    """In a worker: check the chunk; a crash comes back picklable, with its traceback as text."""
    assert _run is not None, "worker not installed"
    pack, ctx, limits, keep = _run
    done = []
    for given in chunk:
        checked = check_one(given, pack, ctx, limits, keep_document=keep)
        text = None
        if checked.crash is not None:
            text = "".join(traceback.format_exception(checked.crash))
            checked = replace(checked, crash=_picklable(checked.crash))
        done.append((checked, text))
    return done


def _picklable(crash: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(crash))
        return crash
    except Exception:
        return RuntimeError(f"{type(crash).__name__}: {crash}")


def _received(checked: Checked, text: str | None) -> Checked:
    if checked.crash is not None and text is not None:
        checked.crash.__cause__ = RemoteTraceback(text)
    return checked


class _Pool:
    """The worker processes of one run, and what is in flight."""

    def __init__(
        self, pack: RulePack, ctx: Context, limits: Limits, stdin_name: str, keep_documents: bool, jobs: int
    ):
        self.run_ = (pack, ctx, limits, keep_documents)
        self.stdin_name = stdin_name
        self.jobs = jobs
        self.token = next(_tokens)

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        if _forking():
            _RUNS[self.token] = self.run_
            return ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=_install,
                initargs=(self.token, None),
            )
        return ProcessPoolExecutor(workers, initializer=_install, initargs=(self.token, self.run_))

    def run(self, inputs: Iterator[str], size: int) -> Iterator[Checked]:
        # What exists now (the rule pack above all) is left out of garbage collection while the
        # workers run: a collection in a forked worker would otherwise touch every object and so
        # copy the pages it shares with this process (Python's gc.freeze advice for fork).
        gc.freeze()
        executor = self._executor(self.jobs)
        pending: deque[tuple[list[str], Future[list[tuple[Checked, str | None]]] | None]] = deque()
        try:
            chunks = self._chunks(inputs, size)
            while True:
                while len(pending) < self.jobs * _AHEAD:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    pending.append((chunk, self._submit(executor, chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                if future is None:
                    pack, ctx, limits, keep = self.run_
                    yield check_one("-", pack, ctx, limits, self.stdin_name, keep)
                    continue
                try:
                    results = future.result()
                except BrokenProcessPool:
                    executor.shutdown(wait=True, cancel_futures=True)
                    executor = self._executor(self.jobs)
                    yield from self._isolate(chunk)
                    pending = deque((c, self._submit(executor, c)) for c, _ in pending)
                    continue
                for checked, text in results:
                    yield _received(checked, text)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            _RUNS.pop(self.token, None)
            gc.unfreeze()

    def _chunks(self, inputs: Iterator[str], size: int) -> Iterator[list[str]]:
        """Chunks of `size` inputs; standard input alone in its own chunk."""
        chunk: list[str] = []
        for given in inputs:
            if given == "-":
                if chunk:
                    yield chunk
                    chunk = []
                yield [given]
                continue
            chunk.append(given)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _submit(
        self, executor: ProcessPoolExecutor, chunk: list[str]
    ) -> Future[list[tuple[Checked, str | None]]] | None:
        if chunk == ["-"]:  # standard input is the parent's, read when its turn comes
            return None
        return executor.submit(_check_chunk, chunk)

    def _isolate(self, chunk: list[str]) -> Iterator[Checked]:
        """A chunk whose worker died, checked one document at a time in a process of its own:
        the document it dies on again is that document's error, the others are checked."""
        for given in chunk:
            executor = self._executor(1)
            try:
                [(checked, text)] = executor.submit(_check_chunk, [given]).result()
                yield _received(checked, text)
            except BrokenProcessPool:
                died = WorkerDied("the process checking it ended without a result")
                yield Checked(given, None, DocumentReport(given, error=internal_error(given, died)), died)
            finally:
                executor.shutdown(wait=True, cancel_futures=True)
