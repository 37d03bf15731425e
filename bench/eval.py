"""Precision and recall of the bundled rules on the evaluation set (tests/eval/docs).

    python bench/eval.py [--details] [--class TAG] [--docs FOLDER]

Prints one row per rule, per list, per section (mentions, notices, flags) and per class of hard
case; --details lists every false positive and false negative; --class keeps the documents of
one class; --docs scores another folder of annotated documents, such as a held-out set on
arrival (tests/eval/held-out/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from eval_scoring import annotation, documents, score, table

from checker import Config, Session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--class", dest="tag", metavar="TAG", help="only the documents of this class")
    parser.add_argument("--docs", type=Path, metavar="FOLDER", help="score this folder instead of tests/eval/docs")
    args = parser.parse_args()
    docs = [d for d in documents(args.docs) if args.tag is None or args.tag in (annotation(d).get("classes") or ())]
    scores = score(Session(Config()).pack, docs)  # the bundled rules, no project configuration
    print(table(scores))
    if args.details:
        for outcome in scores.outcomes:
            for label, items in (("false positive", outcome.false_positives),
                                 ("false negative", outcome.false_negatives)):
                for item in items:
                    print(f"{outcome.path.name}: {label}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
