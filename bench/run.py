"""Benchmark: pages per second for BeautifulSoup+lxml parsing alone and for the full check with
the bundled rules, measured in one run, and their ratio (target: at least 0.6).

    python bench/run.py [--pages 100] [--rounds 3]

Rounds interleave the two measurements so that drift on a shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus

from checker import Context, check_document, load_rulepack
from checker.documents import load_bytes


def parse_only(pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        BeautifulSoup(page, "lxml")
    return time.perf_counter() - start


def full_check(pages: list[bytes], pack, ctx: Context) -> float:
    start = time.perf_counter()
    for n, page in enumerate(pages):
        check_document(load_bytes(page, f"page{n}.html"), pack, ctx)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    pages = corpus(args.pages)
    sizes = [len(p) for p in pages]
    start = time.perf_counter()
    pack = load_rulepack()
    load_seconds = time.perf_counter() - start
    ctx = Context(as_of=date.today(), publisher="Meduza", regions=("RU",), jurisdictions=("RU", "EU"))

    parse_times, check_times = [], []
    for _ in range(args.rounds):
        parse_times.append(parse_only(pages))
        check_times.append(full_check(pages, pack, ctx))
    parse_rate = args.pages / statistics.median(parse_times)
    check_rate = args.pages / statistics.median(check_times)
    names = sum(len(lst.entries) for lst in pack.lists.values())
    print(f"corpus: {args.pages} pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB, "
          f"mean {statistics.mean(sizes) / 1024:.0f} KB")
    print(f"rule pack: {len(pack.rules)} rules, {names} list entries, {len(pack.index)} name forms, "
          f"loaded in {load_seconds:.2f} s")
    print(f"parse only (BeautifulSoup+lxml): {parse_rate:7.1f} pages/s")
    print(f"full check (default rules):      {check_rate:7.1f} pages/s")
    print(f"ratio full/parse:                {check_rate / parse_rate:7.2f}  (target >= 0.60)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
