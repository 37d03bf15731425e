"""Issue 9: the whole check, not only loading, grows linearly with the article. Each shape is
checked at a size and at eight times that size: about 8 times the work when linear, 64 times
when quadratic; the wide margin keeps a loaded machine's noise from failing a linear stage.
(tests/test_documents.py holds the loading stages to the same bound.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_documents import cpu_seconds

from checker import Config, Session

GROWTH = 8
MARGIN = 20


# Each shape: a base count, the article at a count, its format, and the rule it loads most.
# All run in the context where every bundled rule applies (an undesirable publisher, read in Russia).
_SHAPES: dict[str, tuple[int, Callable[[int], str], str, str]] = {
    "mentions in one paragraph": (
        60, lambda n: "<p>" + "Екатерина Шульман сказала, что Meta и ФБК молчат. " * n + "</p>", "html",
        "ru.foreign-agent.mention-status"),
    "labelled mentions, one per paragraph": (
        60, lambda n: "Максим Галкин (признан иноагентом) выступил.\n\n" * n, "text",
        "ru.foreign-agent.mention-status"),
    "notice words in every paragraph": (
        60, lambda n: "<p>Радио Свобода признано нежелательной организацией. Если вы в России, "
                      "за репост вам грозит штраф.</p>\n" * n, "html",
        "ru.undesirable.reader-warning"),
    "links and donation calls": (
        60, lambda n: "<p>" + '<a href="https://donate.svoboda.org/">Поддержите нас</a> ' * n + "</p>", "html",
        "ru.undesirable.donation-cta"),
    "footnote markers": (
        60, lambda n: "Meta* " * n + "\n\n* Meta признана экстремистской и запрещена в России.\n", "text",
        "ru.banned-org.mention-label"),
}


@pytest.fixture(scope="module")
def session(pack):
    return Session(Config(), pack=pack).override(
        publisher="Радио Свобода", regions=["RU"], jurisdictions=["RU"], as_of="2026-11-27")


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_the_whole_check_grows_linearly(session, shape):
    base, article, fmt, _rule = _SHAPES[shape]
    small, large = (cpu_seconds(lambda n=n: session.check_text(article(n), fmt=fmt)) for n in (base, GROWTH * base))
    assert large / max(small, 1e-3) < MARGIN, (small, large)


def test_the_shapes_exercise_the_rules(session):
    """A shape is worth timing only if its rule finds something in it."""
    for shape, (_base, article, fmt, rule) in _SHAPES.items():
        report = session.check_text(article(2), fmt=fmt)
        assert rule in {r.rule for r in report.results}, f"{shape}: nothing from {rule}"
