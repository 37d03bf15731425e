"""Benchmark: pages per second for BeautifulSoup+lxml parsing alone, for parsing plus text with
BeautifulSoup and with lxml, for the checker's extraction of blocks (its lxml walk and its former
BeautifulSoup walk; and in ms a page, lxml's parse and the walk, target at most 1 ms), and for
the full check with the bundled rules, all measured in one run on the same pages, with their
ratios (target: the full check at least 2.5x BeautifulSoup parse+text) — once with the full
registries and once with only the hand-picked entries the lists had before the registries were
imported (bench/hand_picked.yaml), so the cost of ~2,300 more entries shows.

    python bench/run.py [--pages 100] [--rounds 5] [--names-share 0.1] [--jobs N] [--memory-pages 2000]
    python bench/run.py --latency [--rounds 5]
    python bench/run.py --scan [--pages 500] [--dask-workers 2]

The full check is also measured on all cores (`--jobs`, default: every core), from files as
`checker check` reads them, against the same check on one process: on each page written four
times (400 files for 100 pages), since starting the workers is a fixed cost that an archive
spreads over thousands of pages. Memory: the peak resident
size of `checker check --format jsonl` (one process) at 100 pages and at `--memory-pages`
(target: at most 1.3 times), and the memory the name automaton of the bundled lists takes per
1,000 list entries (target: at most 8 MB); `--memory-pages 0` leaves the first out.

`--latency` measures what an editor or pre-commit feels: the wall time of one warm
`checker check` of one small article in a new process, against the floor of
`python -c "import bs4"` (target: at most 2.5 times it), medians of the rounds.

`--names-share` is the share of sentences that name someone: 0.1 (default) gives about seven
designated mentions a page, already more than most articles carry; 0.35 gives a dense ~28.

`--scan` measures `checker scan` of the pages written to a folder: the first scan into a new
store, a second scan of the unchanged archive (target: at least 10x faster), and one after one
page changed; with `--dask-workers N`, the first scan again on a local Dask cluster of N worker
processes (one thread each).

Rounds interleave the measurements so that drift on a shared machine hits them alike, and each
figure is the fastest of its rounds (as `timeit` advises: on a shared machine noise only ever
adds time, so the fastest round is the closest to the code's own cost); the full check's ratio
is also given from the medians of the rounds, to show the spread. Rule-pack
load time is given cold (the name cache off, every case form generated) and warm (from the
cache in the user's cache directory, as every run after the first).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import lxml.html
import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus

from checker import Config, Session
from checker.documents import html
from checker.lists.listfile import render_list
from checker.parallel import cores
from checker.rulepack.pack import default_rules_dir

HAND_PICKED = Path(__file__).resolve().parent / "hand_picked.yaml"
FILES_REPEAT = 4  # each page written this many times for the from-files measurements
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


def lxml_parse(pages: list[bytes]) -> float:
    """lxml's tree of each page as the extraction parses it (decoded text, the same parser
    settings): what the extraction costs beyond it is its walk."""
    texts = [page.decode("utf-8") for page in pages]
    start = time.perf_counter()
    for text in texts:
        parser = lxml.etree.HTMLParser(recover=True, huge_tree=True)
        parser.feed(text)
        parser.close()
    return time.perf_counter() - start


def extraction(pages: list[bytes], extract: Callable[[str], object]) -> float:
    """The checker's own HTML stage: blocks with zones and source positions, links, metadata."""
    texts = [page.decode("utf-8") for page in pages]
    start = time.perf_counter()
    for text in texts:
        extract(text)
    return time.perf_counter() - start


def full_check(pages: list[bytes], session: Session, compiled: bool = True) -> float:
    """The full check; with `compiled` false, HTML is read by the Python walk (as where the
    compiled walk could not be built)."""
    extract = html.extract
    if not compiled:
        html.extract = functools.partial(extract, compiled=False)
    try:
        start = time.perf_counter()
        for n, page in enumerate(pages):
            session.check_bytes(page, f"page{n}.html")
        return time.perf_counter() - start
    finally:
        html.extract = extract


def files_check(files: list[str], session: Session, jobs: int) -> float:
    """The full check of files on `jobs` processes, as `checker check --jobs` runs it."""
    start = time.perf_counter()
    for _ in session.check_files(files, jobs=jobs, keep_documents=False):
        pass
    return time.perf_counter() - start


# The check in a new process that says its own peak resident size (VmHWM) when it exits: the
# rusage of a child would count the benchmark's own pages, which a forked child has until exec.
_PEAK = """
import atexit, sys
def peak():
    with open("/proc/self/status") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM")))
atexit.register(peak)
from checker.cli import main
main()
"""


def peak_memory(folder: Path) -> float:
    """Peak resident MB of `checker check --format jsonl -j 1` over the folder (report to /dev/null)."""
    argv = [sys.executable, "-c", _PEAK, "check", "--publisher", "Meduza", "--region", "RU", "--quiet",
            "--format", "jsonl", "--jobs", "1", str(folder)]
    run = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    line = next(line for line in run.stderr.splitlines() if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


_NAME_MEMORY = """
import gc, tracemalloc
from checker.lists.model import load_lists
from checker.match.names import NameIndex
from checker.rulepack.pack import default_rules_dir
lists = load_lists(sorted((default_rules_dir() / "lists").glob("*.yaml")))
gc.collect()
tracemalloc.start()
index = NameIndex(lists.values())
gc.collect()
print(tracemalloc.get_traced_memory()[0] / 2**20, sum(len(l.entries) for l in lists.values()), len(index))
"""


def name_memory() -> tuple[float, int, int]:
    """MB the name index of the bundled lists holds once built (automaton and payloads, as
    tracemalloc counts them: what stays, not what building it passed through), entries, keys."""
    out = subprocess.run([sys.executable, "-c", _NAME_MEMORY], capture_output=True, text=True, check=True).stdout
    mb, entries, keys = out.split()
    return float(mb), int(entries), int(keys)


def write_pages(folder: Path, pages: list[bytes]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for n, page in enumerate(pages):
        (folder / f"page{n:05}.html").write_bytes(page)
    return sorted(str(p) for p in folder.iterdir())


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
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--names-share", type=float, default=0.1)
    parser.add_argument("--jobs", type=int, default=0, help="processes for the parallel check (default: all cores)")
    parser.add_argument("--memory-pages", type=int, default=2000)
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

        files = write_pages(Path(tmp) / "pages", pages * FILES_REPEAT)
        jobs = args.jobs or cores()
        times: dict[str, list[float]] = {
            "parse": [], "soup text": [], "lxml text": [], "lxml parse": [], "extract": [], "extract soup": [],
            "extract python": [], "full python walk": [],
            "files 1": [], "files N": [], **{label: [] for label in sessions},
        }  # fmt: skip
        labels = list(sessions)
        for round_ in range(args.rounds):
            times["parse"].append(parse_only(pages))
            times["soup text"].append(soup_text(pages))
            times["lxml text"].append(lxml_text(pages))
            times["lxml parse"].append(lxml_parse(pages))
            times["extract"].append(extraction(pages, html.extract))
            times["extract soup"].append(extraction(pages, html.extract_soup))
            if html.COMPILED_WALK:
                times["extract python"].append(extraction(pages, functools.partial(html.extract, compiled=False)))
                times["full python walk"].append(full_check(pages, sessions["full lists"], compiled=False))
            for label in labels if round_ % 2 == 0 else reversed(labels):  # no list size always goes first
                times[label].append(full_check(pages, sessions[label]))
            times["files 1"].append(files_check(files, sessions["full lists"], 1))
            times["files N"].append(files_check(files, sessions["full lists"], jobs))
        memory: dict[int, float] = {}
        if args.memory_pages:
            for count in (100, args.memory_pages):
                some = corpus(count, args.names_share)
                write_pages(Path(tmp) / f"memory{count}", some)
                del some
                memory[count] = peak_memory(Path(tmp) / f"memory{count}")

    counts = {"files 1": len(files), "files N": len(files)}
    rate = {key: counts.get(key, args.pages) / min(values) for key, values in times.items() if values}
    median = {key: counts.get(key, args.pages) / statistics.median(values) for key, values in times.items() if values}
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
    parse_ms, extract_ms = 1000 / rate["lxml parse"], 1000 / rate["extract"]
    walk = "compiled" if html.COMPILED_WALK else "Python (the compiled walk was not built)"
    print(f"  {extract_ms:.2f} ms a page: lxml's parse {parse_ms:.2f} ms, the walk ({walk}) "
          f"{extract_ms - parse_ms:.2f} ms (target <= 1)")
    if html.COMPILED_WALK:
        python_ms = 1000 / rate["extract python"]
        print(f"  with the Python walk: {python_ms:.2f} ms a page, the walk {python_ms - parse_ms:.2f} ms; "
              f"compiled/Python: extraction {python_ms / extract_ms:.2f}x, "
              f"walk {(python_ms - parse_ms) / (extract_ms - parse_ms):.2f}x faster")
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
        print(f"    medians of the rounds: {median[label]:7.1f} pages/s, "
              f"{median[label] / median['soup text']:5.2f}x BeautifulSoup parse+text")
        if label == "full lists" and html.COMPILED_WALK:
            print(f"  the same with the Python walk: {rate['full python walk']:7.1f} pages/s "
                  f"(the compiled walk: {rate[label] / rate['full python walk']:.2f}x)")
    print(f"full check from files, 1 process: {rate['files 1']:7.1f} pages/s; {jobs} processes: "
          f"{rate['files N']:7.1f} pages/s = {rate['files N'] / rate['files 1']:4.2f}x one process "
          f"(target >= 1.7 on 2 cores); {rate['files N'] / rate['soup text']:5.2f}x BeautifulSoup parse+text")
    if memory:
        low, high = sorted(memory)
        print(f"peak memory of checker check --format jsonl: {memory[low]:.0f} MB at {low} pages, "
              f"{memory[high]:.0f} MB at {high} pages = {memory[high] / memory[low]:4.2f}x (target <= 1.3)")
    mb, entries, keys = name_memory()
    print(f"name index of the bundled lists: {mb:.1f} MB for {entries} entries ({keys} keys) = "
          f"{mb / entries * 1000:.1f} MB per 1,000 entries (target <= 8)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
