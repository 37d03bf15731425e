"""Benchmark of `checker serve` under load: a bounded number of requests from concurrent clients
on loopback, with requests per second, latency percentiles, errors, the memory of the server
and its workers before and after, and the CPU each article costs, against the command line's
throughput on one core for the same pages (the check in one process, as `checker check --jobs 1`
runs it).

    python bench/serve.py [--requests 400] [--seconds 120] [--concurrency 8] [--workers N]
                          [--pages 40] [--rounds 2]

Each round sends `--requests` POST /check requests (fewer if `--seconds` run out first) of the
benchmark's news pages (bench/corpus.py, 50-100 KB of HTML each, with their context as query
parameters) from `--concurrency` clients at once, and waits for every answer; after each round
the same pages are checked in this one process, so that the ratio compares figures taken under
the same load. Memory is read after a warm-up (every page once) and after each round: the
service holds nothing between requests, so it should not grow. The clients run in this process,
on the same cores as the workers: on a small machine they take a share of the CPU the workers
would otherwise have. Not a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus

from checker import Session
from checker.formats.json import document_dict
from checker.printable import json_text

AS_OF = "2026-11-27"
CONTEXT = {"publisher": "Meduza", "region": "RU", "jurisdiction": ["RU", "EU"], "as_of": AS_OF}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory_mb(pid: int) -> float:
    """Memory of a process and its children (the workers), in MB: the proportional set size, which
    counts a page the forked workers share with the server once, not once per process."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, StopIteration):
            continue
    return total / 1024


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user and system) of a process itself and of its children (the workers)."""
    def used(process: int) -> float:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return used(pid), sum(used(int(child)) for child in children)


def one_core_rate(session: Session, pages: list[bytes]) -> tuple[float, float]:
    """The check in this one process, with the context the requests carry: pages per second, and
    CPU milliseconds per page (which the machine's other load does not change much)."""
    start, cpu = time.perf_counter(), time.process_time()
    for n, page in enumerate(pages):  # with its JSON report, as `checker check --format json` writes it
        json_text(document_dict(session.check_bytes(page, f"page{n}.html")))
    return len(pages) / (time.perf_counter() - start), 1000 * (time.process_time() - cpu) / len(pages)


async def load(
    url: str, pages: list[bytes], count: int, concurrency: int, seconds: float = 600
) -> tuple[float, list[float], int]:
    """Send `count` requests from `concurrency` clients, for at most `seconds` (no request is
    sent after): (seconds taken, latency of each request, errors)."""
    latencies: list[float] = []
    errors = 0
    until = time.perf_counter() + seconds
    sent = (n for n in range(count) if time.perf_counter() < until)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for n in sent:
            start = time.perf_counter()
            try:
                answer = await http.post("/check", content=pages[n % len(pages)], params=CONTEXT,
                                         headers={"Content-Type": "text/html"})
                ok = answer.status_code == 200 and answer.json()["documents"][0]["error"] is None
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - start)
            errors += not ok

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        return time.perf_counter() - start, latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_server(folder: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "checker", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, cwd=folder, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health").status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("checker serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=120, help="at most this long a round (default 120)")
    args = parser.parse_args()
    pages = corpus(args.pages)
    session = Session(publisher="Meduza", regions=["RU"], jurisdictions=["RU", "EU"], as_of=AS_OF)
    one_core_rate(session, pages[:4])  # warm
    per_core: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        server, url = start_server(folder, args.workers)
        try:
            asyncio.run(load(url, pages, len(pages), args.workers))  # warm-up: every page once
            memory = [memory_mb(server.pid)]
            rounds = []
            before = cpu_seconds(server.pid)
            client_cpu = 0.0
            for _ in range(args.rounds):  # interleaved, so the machine's load hits both alike
                cpu = time.process_time()
                rounds.append(asyncio.run(load(url, pages, args.requests, args.concurrency, args.seconds)))
                client_cpu += time.process_time() - cpu
                memory.append(memory_mb(server.pid))
                per_core.append(one_core_rate(session, pages))
            after = cpu_seconds(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

    sizes = [len(p) for p in pages]
    print(f"pages: {len(pages)} news pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB; "
          f"up to {args.requests} requests a round from {args.concurrency} clients; {args.workers} worker(s); "
          f"{os.cpu_count()} core(s)")
    print("round  seconds  req/s  per worker  one process   ratio   p50 ms   p90 ms   p99 ms   max ms  errors")
    for n, ((seconds, latencies, errors), (alone, _)) in enumerate(zip(rounds, per_core), 1):
        rate = len(latencies) / seconds
        ms = [1000 * percentile(latencies, q) for q in (0.5, 0.9, 0.99, 1.0)]
        print(f"{n:5d}  {seconds:7.1f}  {rate:5.1f}  {rate / args.workers:10.1f}  {alone:11.1f}  "
              f"{rate / args.workers / alone:5.2f}x" + "".join(f"  {v:7.0f}" for v in ms) + f"  {errors:6d}")
    print("memory (server and workers, PSS): " + ", ".join(
        f"{label} {mb:.0f} MB" for label, mb in zip(["after warm-up", *(f"after round {n}" for n in
                                                                        range(1, args.rounds + 1))], memory)
    ) + f"; growth {memory[-1] / memory[0]:.2f}x")
    print("(req/s per worker against pages/s of the check in one process, measured after each round)")
    served = sum(len(latencies) for _, latencies, _ in rounds)
    server_ms, workers_ms = (1000 * (a - b) / served for a, b in zip(after, before))
    alone_ms = statistics.median(cpu for _, cpu in per_core)
    served_ms = server_ms + workers_ms
    cores = os.cpu_count() or 1
    print(f"CPU per article: served {served_ms:.1f} ms (server {server_ms:.1f}, workers {workers_ms:.1f}); "
          f"one process {alone_ms:.1f} ms; the service costs {served_ms / alone_ms:.2f}x, so at most "
          f"{1000 * cores / served_ms:.0f} articles/s on {cores} idle core(s); "
          f"the benchmark's clients {1000 * client_cpu / served:.1f} ms")
    return 1 if any(errors for _, _, errors in rounds) else 0


if __name__ == "__main__":
    raise SystemExit(main())
