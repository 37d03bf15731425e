"""The processes that run the service's jobs.

Checking is CPU work: in threads, requests would share one core (the GIL) and the document
time limit, kept with SIGALRM, would not hold (it works only in a main thread). So jobs run in
worker processes forked from the server once it has loaded the rule pack (nothing is loaded
twice; the pages stay shared), each running one job at a time in its own main thread, where
`deadline` bounds the check as it does for `checker check`. The server waits for a reply on
its event loop, without a thread per request.

A job that outlives the time limit plus a grace (stuck in one call into C, which a signal does
not interrupt) has its worker killed and replaced; the request gets a 503 saying so. A worker
that dies during a job is replaced and that request gets a 500; one found dead when a job is
sent to it is replaced and the job goes to the new one.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from checker.errors import internal_error
from checker.serve.jobs import Job, Reply, run
from checker.session import Session

# Past the document time limit, how long a worker may still take before it is killed.
GRACE_SECONDS = 5.0


def _work(conn: Connection, session: Session, siblings: list[int]) -> None:
    """A worker's life: run each job it is sent, reply, until the server goes away (EOF)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in siblings:  # the server's ends of the other workers' pipes: held here, they would
        os.close(fd)  # keep those workers from seeing the server close them
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = run(session, job)
        except Exception as crash:  # a bug in the checker: that request's 500, the worker lives on
            reply = Reply.of(500, {"error": internal_error(getattr(job, "name", "request"), crash)})
        conn.send(reply)


class Worker:
    """One forked process and the server's end of its pipe."""

    def __init__(self, session: Session, siblings: list[Worker]):
        ours, theirs = multiprocessing.Pipe()
        self.conn = ours
        self.process: BaseProcess = multiprocessing.get_context("fork").Process(
            target=_work, args=(theirs, session, [w.conn.fileno() for w in siblings]), daemon=True
        )
        self.process.start()
        theirs.close()

    def send(self, job: Job) -> None:
        self.conn.send(job)

    async def reply(self, timeout: float) -> Reply:
        """Wait for the reply to the job sent, at most `timeout` seconds (TimeoutError)."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = self.conn.fileno()

        def readable() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, readable)
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(fd)
        reply = self.conn.recv()
        assert isinstance(reply, Reply)
        return reply

    def stop(self, kill: bool = False) -> None:
        self.conn.close()  # the worker reads EOF and returns
        if kill and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class WorkerPool:
    """`size` workers; a request waits for an idle one, in the order requests came."""

    def __init__(self, session: Session, size: int):
        self.session = session
        self.size = size
        self.workers: list[Worker] = []
        self._idle: asyncio.Queue[Worker] | None = None
        self.waiting = 0  # requests waiting for an idle worker

    @property
    def started(self) -> bool:
        return bool(self.workers)

    def start(self) -> None:
        """Fork the workers. `checker serve` does it before the server opens its socket and
        starts its loop, so the children inherit neither; an app started otherwise forks them
        when its lifespan starts."""
        while len(self.workers) < self.size:
            self.workers.append(Worker(self.session, self.workers))

    @property
    def busy(self) -> bool:
        """Whether every worker is running a job (a new one would wait)."""
        return self._idle is not None and self._idle.empty()

    def _queue(self) -> asyncio.Queue[Worker]:
        if self._idle is None:  # made on the server's loop, at its first request
            self._idle = asyncio.Queue()
            for worker in self.workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def run(self, job: Job) -> Reply:
        idle = self._queue()
        self.waiting += 1
        try:
            worker = await idle.get()
        finally:
            self.waiting -= 1
        timeout = self.session.limits.max_seconds + GRACE_SECONDS
        try:
            try:
                worker.send(job)
            except OSError:  # it died while idle (killed, out of memory): the job goes to a new one
                worker = self._replace(worker)
                worker.send(job)
            return await worker.reply(timeout)
        except asyncio.TimeoutError:
            worker = self._replace(worker)
            why = f"checking took longer than {timeout:g} seconds and was stopped (limits.max-seconds)"
            return Reply.of(503, {"error": why})
        except (EOFError, OSError) as error:
            worker = self._replace(worker)
            return Reply.of(500, {"error": f"internal error: a worker process ended ({error or 'no reply'})"})
        finally:
            idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> Worker:
        worker.stop(kill=True)
        fresh = Worker(self.session, [w for w in self.workers if w is not worker])
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []
        self._idle = None
