import subprocess
import sys
import textwrap

import pytest

from checker.match.normalise import NormalText
from checker.match.patterns import PatternError, compile_phrasings


def spans(phrasings, text):
    t = NormalText(text)
    return [t.text[s:e] for s, e in phrasings.finditer(t.lower)]


def test_star_ends_a_word_with_any_ending():
    p = compile_phrasings(["признан* иностранн* агент*"])
    assert spans(p, "Он ПРИЗНАН иностранным агентом.") == ["ПРИЗНАН иностранным агентом"]


def test_lone_star_is_any_one_word():
    p = compile_phrasings(['declared * "undesirable"'])
    assert spans(p, "It was declared an «undesirable» body") == ['declared an "undesirable"']


def test_quotes_may_stand_between_a_phrases_words():
    p = compile_phrasings(["реестр* иностранн* агент*", "признан* экстремистск*"])
    assert spans(p, "внесен в реестр «иностранных агентов», признано «экстремистским»") == [
        'реестр "иностранных агентов', 'признано "экстремистским'
    ]


def test_phrases_match_whole_words_only():
    p = compile_phrasings(["агент", "meta"])
    assert spans(p, "агентство, meta-analysis, metadata") == []
    assert spans(p, "агент Meta.") == ["агент", "Meta"]


def test_patterns_use_unicode_word_classes():
    p = compile_phrasings(patterns=[r"признан\w+ \w+"])
    assert spans(p, "признана иноагентом") == ["признана иноагентом"]


@pytest.mark.parametrize("pattern", [r"агент(?= признан)", r"(?<=a)b", r"(\w+) \1", r"\w++"])
def test_constructs_without_a_linear_time_guarantee_are_rejected(pattern):
    with pytest.raises(PatternError, match="invalid or unsafe"):
        compile_phrasings(patterns=[pattern])


def test_ascii_word_boundary_is_refused_with_advice():
    with pytest.raises(PatternError, match="use a phrase"):
        compile_phrasings(patterns=[r"\bагент\b"])


def test_catastrophic_patterns_run_in_linear_time():
    # With Python's re, (\w+\s?)*: on 40 characters without a colon takes minutes; RE2 is linear.
    script = textwrap.dedent(
        """
        from checker.match.patterns import compile_phrasings
        p = compile_phrasings(patterns=[r"(\\w+\\s?)*:", r"^(\\w+\\s*)+$", r"(.*?,){8}\\s*признан"])
        text = ("агент" * 2000 + "!") + " слово," * 5000
        assert list(p.finditer(text.lower())) == [] or True
        print("done")
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "done", run.stderr


@pytest.mark.parametrize(
    ("phrases", "patterns", "bytewise"),
    [
        (["медуз*", "агент", "meta"], [], True),
        ([], [r"\d+ ₽", r"[а-яё]{3}"], True),
        ([], [r"агент\w*|\d*"], False),  # matches the empty string: scanned as text
        (["иноагент"], [r"(?:^|\n)\s*\*"], True),
    ],
)
def test_a_scan_of_utf8_bytes_finds_what_a_scan_of_text_finds(phrases, patterns, bytewise):
    p = compile_phrasings(phrases, patterns)
    text = NormalText("«Медуза» — агент 100 ₽; *\nМедузы, meta-analysis, 日本語 Meta, агентство, иноагент, Ё").lower
    assert p.bytewise is bytewise
    assert list(p.tagged(text, text.encode("utf-8"))) == list(p.tagged(text))
    assert list(p.tagged(text))  # the case finds something
