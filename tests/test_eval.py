"""Precision and recall of the mention rules on the evaluation set (tests/eval/docs): at least
0.95 for every rule and every list. `python bench/eval.py --details` shows what was missed."""

from __future__ import annotations

import pytest
from eval_scoring import DOCS, MENTION_STATUSES, SUFFIXES, documents, score, table

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def scored(pack):
    return score(pack)


def test_the_set_is_large_and_mixed():
    docs = documents()
    assert len(docs) >= 60
    assert {p.suffix for p in docs} == set(SUFFIXES)
    annotated = {p.with_suffix(".yaml").name for p in docs}
    assert annotated == {p.name for p in DOCS.glob("*.yaml")}, "every document has exactly one sidecar"


def test_documents_without_mentions_are_part_of_it(scored):
    _, _, outcomes = scored
    empty = [o for o in outcomes if not o.true_positives and not o.false_negatives]
    assert len(empty) >= 15, "precision needs documents full of look-alikes and no designated name"


def test_annotations_name_real_rules_and_entries(pack):
    import yaml

    rules = {c.rule.id for c in pack.rules}
    entries = {e.key for lst in pack.lists.values() for e in lst.entries}
    for doc in documents():
        spec = yaml.safe_load(doc.with_suffix(".yaml").read_text(encoding="utf-8")) or {}
        assert spec.get("about"), f"{doc.name}: say what the document tests"
        for mention in spec.get("mentions") or []:
            assert mention["rule"] in rules, f"{doc.name}: unknown rule {mention['rule']}"
            assert mention["entry"] in entries, f"{doc.name}: unknown entry {mention['entry']}"
            assert mention["status"] in MENTION_STATUSES, doc.name


def test_precision_and_recall_per_rule_and_per_list(scored):
    per_rule, per_list, outcomes = scored
    report = table(per_rule, per_list, len(outcomes))
    for key, s in {**per_rule, **per_list}.items():
        assert s.tp + s.fn >= 15, f"{key}: too few annotated entities to measure\n{report}"
        assert s.precision >= THRESHOLD, f"{key}: precision {s.precision:.3f}\n{report}"
        assert s.recall >= THRESHOLD, f"{key}: recall {s.recall:.3f}\n{report}"
    assert set(per_list) == {"ru.foreign-agents", "ru.extremist", "ru.terrorist"}
