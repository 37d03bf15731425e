"""Precision and recall of the bundled rules on the evaluation set (tests/eval/docs): at least
0.97 for every rule, every list and every class of hard case that has enough annotated results
to measure; and the held-out sets wrong on nothing but their known errors.
`python bench/eval.py --details` shows what was missed and what was wrong."""

from __future__ import annotations

import re

import pytest
from eval_scoring import (
    DOCS,
    SUFFIXES,
    annotation,
    class_names,
    documents,
    errors,
    held_out_documents,
    rule_sections,
    score,
    table,
    unlike_known_errors,
)

THRESHOLD = 0.97
MEASURABLE = 10  # annotated results a rule, list or class needs before its figures mean anything
MEASURED_RULES = {"ru.foreign-agent.mention-status", "ru.banned-org.mention-label"}


@pytest.fixture(scope="module")
def scored(pack):
    return score(pack)


def test_the_set_is_large_and_mixed():
    docs = documents()
    assert len(docs) >= 60
    assert {p.suffix for p in docs} == set(SUFFIXES)
    annotated = {p.with_suffix(".yaml").name for p in docs}
    assert annotated == {p.name for p in DOCS.glob("*.yaml")}, "every document has exactly one sidecar"


def test_documents_without_findings_are_part_of_it(scored):
    empty = [o for o in scored.outcomes if not o.true_positives and not o.false_negatives]
    assert len(empty) >= 15, "precision needs documents full of look-alikes and nothing to report"


def _words(doc) -> str:
    """The document's text as a reader sees the words: tags and Markdown link and bold syntax
    dropped (a call may span a link), white space squeezed, entities kept as written."""
    text = doc.read_text(encoding="utf-8")
    if doc.suffix == ".html":
        text = re.sub(r"<[^>]*>", "", text)
    elif doc.suffix == ".md":
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")
    return " ".join(text.split())


def test_annotations_name_real_rules_entries_and_classes(pack):
    sections = rule_sections(pack)
    entries = {e.key for lst in pack.lists.values() for e in lst.entries}
    tags = class_names()
    # A mention rule flags a label left on a delisted entry (ru.banned-org.delisted).
    statuses = {"mentions": {"present", "missing", "malformed", "review", "flagged"},
                "notices": {"present", "missing", "malformed"}, "flags": {"flagged", "review"}}
    for doc in documents():
        spec = annotation(doc)
        assert spec.get("about"), f"{doc.name}: say what the document tests"
        for tag in spec.get("classes") or ():
            assert tag in tags, f"{doc.name}: class {tag!r} is not described in tests/eval/classes.yaml"
        for key in ("mentions", "notices", "flags"):
            for item in spec.get(key) or []:
                assert sections.get(item["rule"]) == key, f"{doc.name}: {item['rule']} is not one of the {key} rules"
                assert item.get("status", "flagged") in statuses[key], f"{doc.name}: status {item.get('status')}"
                if key == "mentions":
                    assert item["entry"] in entries, f"{doc.name}: unknown entry {item['entry']}"
                text = " ".join(str(item.get("text") or item.get("at") or "").split())
                # A flagged embed or script is quoted by its address, which only the markup holds.
                where = _words(doc) + (" " + doc.read_text(encoding="utf-8") if key == "flags" else "")
                assert text in where, f"{doc.name}: {text!r} is not in the document"


def test_precision_and_recall_per_rule_list_and_class(scored, pack):
    report = table(scored)
    for rule in MEASURED_RULES:
        s = scored.per_rule[rule]
        assert s.tp + s.fn >= 20, f"{rule}: too few annotated results to measure\n{report}"
    for key, s in {**scored.per_rule, **scored.per_list, **scored.per_class}.items():
        if s.tp + s.fn >= MEASURABLE:
            assert s.precision >= THRESHOLD, f"{key}: precision {s.precision:.3f}\n{report}"
            assert s.recall >= THRESHOLD, f"{key}: recall {s.recall:.3f}\n{report}"
    assert set(scored.per_list) == {"ru.foreign-agents", "ru.extremist", "ru.terrorist"}


def test_held_out_sets_are_wrong_only_where_known(pack):
    """The held-out sets wait outside the thresholds, each with errors not fixed yet (policy
    disagreements, namesakes told apart by what a reader infers): a change may fix one of those,
    never add one."""
    new, fixed = unlike_known_errors(errors(score(pack, held_out_documents())))
    assert not new, "new errors on the held-out sets (python bench/eval.py --held-out):\n" + "\n".join(new)
    assert not fixed, (
        "fixed on the held-out sets: record it with python bench/eval.py --held-out --record\n" + "\n".join(fixed)
    )
