"""Precision and recall of the mention rules on the evaluation set (tests/eval/docs).

    python bench/eval.py [--details]

Prints one row per rule and per list; --details lists every false positive and false negative.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from eval_scoring import score, table

from checker import Config, Session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    per_rule, per_list, outcomes = score(Session(Config()).pack)  # the bundled rules, no project configuration
    print(table(per_rule, per_list, len(outcomes)))
    if args.details:
        for outcome in outcomes:
            for label, mentions in (("false positive", outcome.false_positives),
                                    ("false negative", outcome.false_negatives)):
                for rule, entry, text, status in mentions:
                    print(f"{outcome.path.name}: {label}: {rule} {entry} {text!r} {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
