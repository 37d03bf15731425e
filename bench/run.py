"""Benchmark: pages per second for BeautifulSoup+lxml parsing alone, for parsing plus text with
BeautifulSoup and with lxml, for the checker's extraction of blocks (its lxml walk and its former
BeautifulSoup walk), and for the full check with the bundled rules, all measured in one run on the
same pages, with their ratios (target: the full check at least 2.5x BeautifulSoup parse+text) — once with the
full registries and once with only the hand-picked entries the lists had before the registries
were imported (bench/hand_picked.yaml), so the cost of ~2,300 more entries shows.

    python bench/run.py [--pages 100] [--rounds 3] [--names-share 0.1]
    python bench/run.py --latency [--rounds 5]
    python bench/run.py --scan [--pages 500] [--dask-workers 2]

`--latency` measures what an editor or pre-commit feels: the wall time of one warm
`checker check` of one small article in a new process, against the floor of
`python -c "import bs4"` (target: at most 2.5 times it), medians of the rounds.

`--names-share` is the share of sentences that name someone: 0.1 (default) gives about seven
designated mentions a page, already more than most articles carry; 0.35 gives a dense ~28.

`--scan` measures `checker scan` of the pages written to a folder: the first scan into a new
store, a second scan of the unchanged archive (target: at least 10x faster), and one after one
page changed; with `--dask-workers N`, the first scan again on a local Dask cluster of N worker
processes (one thread each).

Rounds interleave the measurements so that drift on a shared machine hits them alike. Rule-pack
load time is given cold (the name cache off, every case form generated) and warm (from the
cache in the user's cache directory, as every run after the first).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus

from checker import Config, Session
from checker.documents import html
from checker.lists.listfile import render_list
from checker.rulepack.pack import default_rules_dir

HAND_PICKED = Path(__file__).resolve().parent / "hand_picked.yaml"
CONTEXT = {"publisher": "Meduza", "regions": ("RU",), "jurisdictions": ("RU", "EU")}


def parse_only(pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        BeautifulSoup(page, "lxml")
    return time.perf_counter() - start


def soup_text(pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        BeautifulSoup(page, "lxml").get_text(" ")
    return time.perf_counter() - start


def lxml_text(pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        " ".join(lxml.html.document_fromstring(page).itertext())
    return time.perf_counter() - start


def extraction(pages: list[bytes], extract: Callable[[str], object]) -> float:
    """The checker's own HTML stage: blocks with zones and source positions, links, metadata."""
    texts = [page.decode("utf-8") for page in pages]
    start = time.perf_counter()
    for text in texts:
        extract(text)
    return time.perf_counter() - start


def full_check(pages: list[bytes], session: Session) -> float:
    start = time.perf_counter()
    for n, page in enumerate(pages):
        session.check_bytes(page, f"page{n}.html")
    return time.perf_counter() - start


def small_rules(target: Path) -> Path:
    """A copy of the bundled rules whose Russian lists keep only the hand-picked entries."""
    shutil.copytree(default_rules_dir(), target)
    picked = yaml.safe_load(HAND_PICKED.read_text(encoding="utf-8"))
    for list_id, ids in picked.items():
        path = target / "lists" / f"{list_id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["entries"] = [e for e in data["entries"] if e["id"] in set(ids)]
        path.write_text(render_list(data), encoding="utf-8")
    return target


def load(rules: Path, cache: bool) -> tuple[Session, float]:
    """A session with these rules only (no project configuration), and how long it took to load."""
    previous = os.environ.get("CHECKER_CACHE_DIR")
    if not cache:
        os.environ["CHECKER_CACHE_DIR"] = "off"
    try:
        start = time.perf_counter()
        session = Session(Config(), rules=[rules], include_default=False, **CONTEXT)
        return session, time.perf_counter() - start
    finally:
        if previous is None:
            os.environ.pop("CHECKER_CACHE_DIR", None)
        else:
            os.environ["CHECKER_CACHE_DIR"] = previous


def _wall(argv: list[str], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def latency(rounds: int) -> int:
    """One warm single-file check in a new process, against `python -c "import bs4"`."""
    article = Path(__file__).resolve().parent.parent / "samples" / "rferl-no-warning.html"
    check = [sys.executable, "-m", "checker", "check", "--quiet", "--publisher", "RFE/RL", "--region", "RU",
             str(article)]
    subprocess.run(check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm the cache
    floor = _wall([sys.executable, "-c", "import bs4"], rounds)
    single = _wall(check, rounds)
    version = _wall([sys.executable, "-m", "checker", "--version"], rounds)
    print(f"python -c 'import bs4':        {floor:6.3f} s")
    print(f"checker --version:             {version:6.3f} s")
    print(f"warm single-file check:        {single:6.3f} s   ratio to the floor: {single / floor:4.2f}  "
          "(target <= 2.50)")
    return 0


def scan_rates(pages: list[bytes], workers: int) -> int:
    """First scan, unchanged re-scan and one-change re-scan of an archive, in pages per second of
    wall time and per CPU second (what a core gives when no other process competes for it)."""
    from checker.scan import run_scan
    from checker.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        archive.mkdir()
        for n, page in enumerate(pages):
            (archive / f"page{n:05}.html").write_bytes(page)
        session = Session(Config(), **CONTEXT)
        files = session.inputs([archive])

        def timed(store: str, runner: object = None) -> tuple[float, float, int]:
            start, cpu = time.perf_counter(), time.process_time()
            found = run_scan(session, files, Store(Path(tmp) / store), runner)  # type: ignore[arg-type]
            return time.perf_counter() - start, time.process_time() - cpu, found.checked

        n = len(pages)
        first, first_cpu, checked = timed("scan.sqlite")
        again, _, rechecked = timed("scan.sqlite")
        (archive / "page00000.html").write_bytes(pages[0].replace(b"</body>", b"<p>Updated.</p></body>"))
        one, _, changed = timed("scan.sqlite")
        print(f"scan of {n} pages, 1 process: first {first:6.2f} s ({n / first:6.1f} pages/s wall, "
              f"{n / first_cpu:6.1f} pages per CPU second; {checked} checked)")
        print(f"  unchanged re-scan: {again:6.2f} s ({rechecked} checked)   {first / again:5.1f}x faster "
              "than the first (target >= 10)")
        print(f"  one page changed:  {one:6.2f} s ({changed} checked)")
        if workers:
            from dask.distributed import Client, LocalCluster

            from checker.distributed import dask_runner

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=":0") as cluster, Client(cluster) as client:
                runner = dask_runner(session, cluster.scheduler_address)
                timed("warm.sqlite", runner)  # workers import checker and receive the pack once
                (archive / "page00000.html").write_bytes(pages[0])
                before = client.run(time.process_time)
                on_dask, client_cpu, checked = timed("dask.sqlite", runner)
                worker_cpu = sum(client.run(time.process_time).values()) - sum(before.values())
                again_dask, _, _ = timed("dask.sqlite", runner)
            print(f"  first scan on {workers} Dask worker processes: {on_dask:6.2f} s ({n / on_dask:6.1f} pages/s "
                  f"wall, {first / on_dask:4.2f}x one process; {checked} checked); workers "
                  f"{n / worker_cpu:6.1f} pages per CPU second, this process {client_cpu / n * 1000:.1f} ms CPU "
                  f"a page; unchanged re-scan {again_dask:5.2f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--names-share", type=float, default=0.1)
    parser.add_argument("--latency", action="store_true", help="warm single-file latency against import bs4")
    parser.add_argument("--scan", action="store_true", help="first and unchanged re-scans of an archive")
    parser.add_argument("--dask-workers", type=int, default=0, help="with --scan: also on N local Dask workers")
    args = parser.parse_args()
    if args.latency:
        return latency(max(args.rounds, 3))
    if args.scan:
        return scan_rates(corpus(args.pages, args.names_share), args.dask_workers)

    pages = corpus(args.pages, args.names_share)
    sizes = [len(p) for p in pages]
    with tempfile.TemporaryDirectory() as tmp:
        sessions: dict[str, Session] = {}
        loads: dict[str, tuple[float, float]] = {}
        for label, rules in (("small lists", small_rules(Path(tmp) / "rules")), ("full lists", default_rules_dir())):
            _, cold = load(rules, cache=False)
            load(rules, cache=True)  # fill the cache
            sessions[label], warm = load(rules, cache=True)
            loads[label] = (cold, warm)

        times: dict[str, list[float]] = {
            "parse": [], "soup text": [], "lxml text": [], "extract": [], "extract soup": [],
            **{label: [] for label in sessions},
        }  # fmt: skip
        labels = list(sessions)
        for round_ in range(args.rounds):
            times["parse"].append(parse_only(pages))
            times["soup text"].append(soup_text(pages))
            times["lxml text"].append(lxml_text(pages))
            times["extract"].append(extraction(pages, html.extract))
            times["extract soup"].append(extraction(pages, html.extract_soup))
            for label in labels if round_ % 2 == 0 else reversed(labels):  # no list size always goes first
                times[label].append(full_check(pages, sessions[label]))

    rate = {key: args.pages / statistics.median(values) for key, values in times.items()}
    mentions = sum(
        r.kind == "notice" and r.rule.endswith(("mention-status", "mention-label"))
        for n, page in enumerate(pages)
        for r in sessions["full lists"].check_bytes(page, f"page{n}.html").results
    )
    print(f"corpus: {args.pages} pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB, "
          f"mean {statistics.mean(sizes) / 1024:.0f} KB, {mentions / args.pages:.1f} designated mentions a page")
    print(f"parse only (BeautifulSoup+lxml): {rate['parse']:7.1f} pages/s")
    print(f"BeautifulSoup parse+text:        {rate['soup text']:7.1f} pages/s")
    print(f"lxml parse+text:                 {rate['lxml text']:7.1f} pages/s   "
          f"{rate['lxml text'] / rate['soup text']:5.2f}x BeautifulSoup parse+text")
    print(f"blocks+positions, lxml walk:     {rate['extract']:7.1f} pages/s   "
          f"{rate['extract'] / rate['extract soup']:5.2f}x the BeautifulSoup walk ({rate['extract soup']:.1f} pages/s)")
    for label, session in sessions.items():
        pack = session.pack
        entries = sum(len(lst.entries) for lst in pack.lists.values())
        cold, warm = loads[label]
        print(f"{label}: {len(pack.rules)} rules, {entries} list entries, {len(pack.index)} name forms; "
              f"loaded in {cold:.2f} s cold, {warm:.2f} s from the cache")
        print(f"  full check, 1 process: {rate[label]:7.1f} pages/s   ratio full/parse: "
              f"{rate[label] / rate['parse']:5.2f}  (target >= 0.60); "
              f"full/BeautifulSoup parse+text: {rate[label] / rate['soup text']:5.2f} (target >= 2.5); "
              f"full/lxml parse+text: {rate[label] / rate['lxml text']:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
