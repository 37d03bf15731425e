"""Precision and recall of the bundled rules on the evaluation set (tests/eval/docs).

    python bench/eval.py [--details] [--class TAG] [--docs FOLDER | --held-out [--record]]

Prints one row per rule, per list, per section (mentions, notices, flags) and per class of hard
case; --details lists every false positive and false negative; --class keeps the documents of
one class; --docs scores another folder of annotated documents, such as a held-out set on
arrival (tests/eval/held-out/); --held-out scores every held-out set at once and lists how its
errors differ from tests/eval/held-out/known-errors.txt, which --record rewrites (after a fix,
or when a new set arrives) and tests/test_eval.py holds the sets to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from eval_scoring import (
    KNOWN_ERRORS,
    annotation,
    documents,
    errors,
    held_out_documents,
    score,
    table,
    unlike_known_errors,
)

from checker import Config, Session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--class", dest="tag", metavar="TAG", help="only the documents of this class")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--docs", type=Path, metavar="FOLDER", help="score this folder instead of tests/eval/docs")
    where.add_argument("--held-out", action="store_true", help="score every held-out set against the known errors")
    parser.add_argument("--record", action="store_true", help="with --held-out: rewrite the known errors")
    args = parser.parse_args()
    if args.record and not args.held_out:
        parser.error("--record goes with --held-out")
    found = held_out_documents() if args.held_out else documents(args.docs)
    docs = [d for d in found if args.tag is None or args.tag in (annotation(d).get("classes") or ())]
    scores = score(Session(Config()).pack, docs)  # the bundled rules, no project configuration
    print(table(scores))
    wrong = errors(scores)
    if args.details:
        print("\n".join(wrong))
    if args.held_out:
        if args.record:
            KNOWN_ERRORS.write_text("".join(f"{line}\n" for line in wrong), encoding="utf-8")
            print(f"recorded {len(wrong)} known errors in {KNOWN_ERRORS}")
        else:
            new, fixed = unlike_known_errors(wrong)
            print("\n".join([*(f"new error: {e}" for e in new), *(f"no longer wrong: {e}" for e in fixed)])
                  or f"the same {len(wrong)} errors as {KNOWN_ERRORS.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
