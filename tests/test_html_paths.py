"""The lxml walk and the BeautifulSoup walk give the same documents: blocks (text, zone, tag,
line and column anchors), links and metadata, over the samples, the evaluation set, the rule
examples, hostile snippets, pages of the benchmark corpus and random nested markup."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml

from checker.documents import html, load_bytes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import corpus  # noqa: E402

FILES = sorted(
    p
    for folder in (ROOT / "samples", ROOT / "tests" / "eval" / "docs")
    for p in folder.iterdir()
    if p.suffix in (".html", ".md")
)


def _example_html() -> list[str]:
    found = []
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        examples = data.get("examples", []) if isinstance(data, dict) else []
        found += [e["html"] for e in examples if isinstance(e, dict) and isinstance(e.get("html"), str)]
    return found


SNIPPETS = [
    "",
    "   \n  ",
    "<!-- only a comment -->",
    "<!---->x<!-- \n -->y",
    "<?xml version='1.0'?><p>after a declaration</p>",
    "<!DOCTYPE html><html lang='ru'><head><title>T</title></head><body><p>a &amp; b&nbsp;c</p></body></html>",
    "<pre>  keep   \n  this  </pre>  \n  <p>x</p>",
    "<textarea>\n\n</textarea><p> y </p>",
    "<svg><title>icon</title></svg><title>page</title><p>z</p>",
    "<p>one<br>two<br/>three</p><template><p>hidden</p></template>",
    "<div style='display:none'>gone <b>bold</b></div><div hidden>also</div><p role=navigation>nav</p>",
    "<main><header><h1>Head <i>line</i></h1></header><article><time datetime=2024-01-02>x</time></article></main>",
    "<a href='/x'>link <span hidden>no</span> text</a><iframe src='https://e.x/v' title='T'></iframe>",
    '<script type=\'application/ld+json\'>{"datePublished": "2024-05-06"}</script><p>q</p>',
    "<table><tr><td>a<td>b</table>text after</html> trailing",
    "<p>unclosed <b>bold <i>italic</p> next",
    "<ul><li>1<li>2</ul><noscript><p>ns</p></noscript><footer>f</footer>",
    "<meta property='og:title' content='OG'><meta name=date content='2023-03-04'><p>m</p>",
    "\ufeff<p>bom</p>",
    "<p>a < b and c > d &unknown; &#1; &#x41</p>",
    "<div>" * 300 + "deep" + "</div>" * 300,
]


def _same(source: str) -> None:
    assert html.extract(source) == html.extract_soup(source)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_files(path, monkeypatch):
    data = path.read_bytes()
    new = load_bytes(data, str(path))
    monkeypatch.setattr(html, "extract", html.extract_soup)
    old = load_bytes(data, str(path))
    assert new == old


def test_rule_examples():
    examples = _example_html()
    assert len(examples) >= 10
    for source in examples:
        _same(source)


@pytest.mark.parametrize("source", SNIPPETS)
def test_snippets(source):
    _same(source)


def test_benchmark_pages():
    for page in corpus(300, 0.2):
        _same(page.decode("utf-8"))


# Random documents of nested elements, each with a few attributes the walk reads (purpose words,
# roles, hiding, links, dates) in random order, and text with entities, comments and embeds.
_CONTAINERS = (
    "div p span a b em li ul section article main header footer nav aside h1 h2 figure figcaption"
    " small time q cite blockquote pre noscript template table td x-card button"
).split()
_ATTRIBUTES = (
    "class='byline share-bar'", "id='main_text'", "role='navigation'", "role=' Contentinfo '", "role=''",
    "hidden", "style='display: none'", "style='color:red'", "itemprop='articleBody'", "aria-label='Related'",
    "href='https://example.org/x'", "datetime='2024-03-04'", "class=''", "title='T'", "lang='ru'",
)  # fmt: skip
_TEXTS = (
    "Слово", "text", " ", "\n  ", "a &amp; b", "&nbsp;x", "&#1047;", "&copy", "x<br>y", "<!-- note -->",
    '<!-- checker: disable a.b reason="r" -->', "<img src='i.png' alt='A'>", "<iframe src='v'></iframe>",
    "<script>var s = '<p>';</script>", "<style>p{}</style>", "  tail  ",
)  # fmt: skip


def _element(rng: random.Random, depth: int) -> str:
    tag = rng.choice(_CONTAINERS)
    attributes = "".join(" " + a for a in rng.sample(_ATTRIBUTES, rng.randint(0, 3)))
    inner = "".join(
        _element(rng, depth + 1) if depth < 6 and rng.random() < 0.45 else rng.choice(_TEXTS)
        for _ in range(rng.randint(0, 4))
    )
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _random_document(seed: int) -> str:
    rng = random.Random(seed)
    head = "<head><title>T</title><meta property='og:title' content='OG'></head>" if rng.random() < 0.5 else ""
    body = "".join(_element(rng, 0) + rng.choice(_TEXTS) for _ in range(rng.randint(1, 6)))
    return f"<!DOCTYPE html><html lang='en'>{head}<body>{body}</body></html>"


def test_random_nested_markup():
    for seed in range(600):
        _same(_random_document(seed))
