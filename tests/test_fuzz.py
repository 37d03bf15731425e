"""Hostile inputs (issue 9): properties of the loaders and of normalisation, and a short run of
the fuzz harness (`bench/fuzz.py`) over the document classes."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.documents import load_bytes
from checker.errors import InputError
from checker.match.normalise import NormalText, normalise, source_offset

ROOT = Path(__file__).resolve().parent.parent

# Characters normalisation changes, or that change around them: folds, NFKC forms, combining
# marks (which NFKC composes with the letter before), white space and invisibles.
_TRICKY = "ab zЁёеи\u0306\u0301\u0308 \t\n\u00a0\u00ad\u200b\u2003«»—–𝐀𝐁ﬁ①²ｆＡ㎏œ½'\"`´İ\x1c"
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=120) | st.text(max_size=60)


def _reference_offset(source: str, normalised_offset: int) -> int:
    """The definition: normalise every prefix (quadratic, for checking only)."""
    low, high = 0, len(source)
    while low < high:
        mid = (low + high) // 2
        if len(normalise(source[: mid + 1])) <= normalised_offset:
            low = mid + 1
        else:
            high = mid
    return low


@settings(max_examples=300, deadline=None)
@given(tricky_text, st.data())
@example("𝐀 " * 80 + "Белсат", None)
@example("a\u200b b", None)  # the kept space stands where the white space does, after the invisible
def test_normalised_offsets_map_back_to_the_source(source, data):
    normal = normalise(source)
    offsets = range(len(normal) + 1)
    chosen = offsets if data is None else data.draw(st.lists(st.sampled_from(offsets), max_size=8))
    mapped = NormalText(source)
    for offset in chosen:
        expected = _reference_offset(source, offset)
        assert source_offset(source, offset) == expected
        assert mapped.to_source(offset) == expected
        assert 0 <= expected <= len(source)


@settings(max_examples=200, deadline=None)
@given(tricky_text)
def test_mapping_is_monotonic(source):
    normal = NormalText(source)
    mapped = [normal.to_source(offset) for offset in range(len(normal.text))]
    assert mapped == sorted(mapped)


_NAMES = ("page.html", "article.md", "note.txt", "unknown")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(_NAMES))
@example(b"<time>now</time>", "page.html")
@example(b'<meta charset="idna">\xff', "page.html")
@example(b"---\ndate: 2026-02-30\n---\n", "article.md")
def test_loading_arbitrary_bytes_raises_only_input_error(data, name):
    try:
        doc = load_bytes(data, name)
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith(f"{name}: ")
        return
    for block in doc.blocks:
        assert block.text and block.anchors[0][0] == 0
        assert block.line >= 1 and block.column >= 1


_MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<time>",
        "<time datetime='2024-02-30'>",
        "<a href='x'>",
        "</a>",
        "<!--",
        "-->",
        "&amp;",
        "&#0;",
        "<br>",
        "<footer>",
        "<h1>",
        "---\n",
        "\n\n",
        "# ",
        "| a |",
        "[x](y)",
        "date: 0000-01-01\n",
        "```",
        "\xff",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP | st.text(max_size=8), max_size=30), st.sampled_from(_NAMES))
def test_loading_markup_soup_raises_only_input_error(pieces, name):
    data = "".join(pieces).encode("utf-8", "surrogatepass")
    with contextlib.suppress(InputError):
        load_bytes(data, name)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc")), min_size=1), min_size=1))
def test_plain_text_blocks_point_at_their_source(lines):
    source = "\n\n".join(line for line in lines if line.strip())
    if not source.strip():
        return
    doc = load_bytes(source.encode(), "note.txt")
    source_lines = source.split("\n")
    for block in doc.blocks:
        line, column = block.locate(0)
        assert source_lines[line - 1][column - 1] == block.text[0]


# -- the harness ----------------------------------------------------------------------------


def _harness():
    spec = importlib.util.spec_from_file_location("checker_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _harness()


@pytest.fixture(scope="module")
def document_run():
    return fuzz.run(fuzz.DOCUMENT_CLASSES, count=72, seed=9, timeout=120, full_rules=False)


@pytest.mark.parametrize("name", sorted(fuzz.DOCUMENT_CLASSES))
def test_hostile_documents_never_crash_hang_or_lose_the_good_article(document_run, name):
    tally = document_run[name]
    assert tally.tried > 0
    assert (tally.tracebacks, tally.hangs, tally.lost) == (0, 0, 0), tally.samples


@pytest.mark.parametrize("name", sorted(fuzz.OTHER_CLASSES))
def test_other_hostile_inputs_never_crash_hang_or_lose_the_good_article(name):
    tally = fuzz.run([name], count=8, seed=9, timeout=120, full_rules=False)[name]
    assert (tally.tracebacks, tally.hangs, tally.lost) == (0, 0, 0), tally.samples
