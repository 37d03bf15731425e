"""The lxml walk and the BeautifulSoup walk give the same documents: blocks (text, zone, tag,
line and column anchors, frames), links, controls and metadata, over the samples, the evaluation
set, the rule examples, hostile snippets, pages of the benchmark corpus and random nested markup;
and so does the compiled lxml walk (checker/documents/_walk.pyx) wherever it was built."""

from __future__ import annotations

import functools
import os
import random
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from lxml import etree

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
    "<div>" * 1100 + "deeper than the lxml walks go" + "</div>" * 1100,
    "<p>a<![CDATA[b]]>c<?pi x?>d</p><x:y z:w='1'>ns</x:y>",
]

compiled_only = pytest.mark.skipif(not html.COMPILED_WALK, reason="the compiled walk was not built")


def _same(source: str) -> None:
    python_walk = html.extract(source, compiled=False)
    assert python_walk == html.extract_soup(source)
    if html.COMPILED_WALK:
        assert html.extract(source) == python_walk
    assert html.extract(source, utf8=source.encode()) == html.extract(source)  # the parser reading bytes


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_files(path, monkeypatch):
    data = path.read_bytes()
    new = load_bytes(data, str(path))
    extract = html.extract
    monkeypatch.setattr(html, "extract", functools.partial(extract, compiled=False))
    python_walk = load_bytes(data, str(path))
    assert new == python_walk
    monkeypatch.setattr(html, "extract", lambda source, utf8=None: html.extract_soup(source))
    old = load_bytes(data, str(path))
    assert python_walk == old


def test_the_compiled_walk_is_built_where_it_can_be():
    """Installed where a C compiler is (CI, a developer's machine), the package carries the
    compiled walk; `checker --version` says which walk is in use."""
    from checker.version import compiled_walk

    assert compiled_walk() == html.COMPILED_WALK
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if not html.COMPILED_WALK:
        if shutil.which(compiler) and not os.environ.get("CHECKER_NO_COMPILED_WALK"):
            pytest.fail(
                f"{compiler} is here but the compiled HTML walk is not: the install printed why "
                "(reinstall: pip install -e '.[test]'; CHECKER_NO_COMPILED_WALK=1 to accept)"
            )
        pytest.skip("no C compiler: HTML is read by the Python walk")
    module = Path(html._walk.__file__)
    source = Path(html.__file__).with_name("_walk.pyx")
    if module.parent == source.parent:  # built in place by an editable install: not older than its source
        assert module.stat().st_mtime >= source.stat().st_mtime, "stale: reinstall (pip install -e '.[test]')"


@pytest.mark.parametrize("depth", [999, 1000, 1001, 1002, 1003])
@pytest.mark.parametrize("inner", ["", "text", "<!-- c -->"])
def test_both_lxml_walks_stop_at_the_same_depth(depth, inner):
    """Too deep a tree is read from the parser's events (extract_soup) by either walk, at the same depth."""
    source = "<div>" * depth + inner + "</div>" * depth
    root = etree.fromstring(source, etree.HTMLParser(recover=True, huge_tree=True))
    walker = html._Walker(source, 0)
    try:
        walker.walk_lxml(root)
        python_too_deep = False
    except html._TooDeep:
        python_too_deep = True
    assert python_too_deep == (depth + 2 > 1001 and (depth + 2 > 1002 or bool(inner)))  # html, body, divs
    if html.COMPILED_WALK:
        try:
            html._walk.walk(root, source, 0)
            compiled_too_deep = False
        except html._walk.TooDeep:
            compiled_too_deep = True
        assert compiled_too_deep == python_too_deep
        _same(source)


@compiled_only
def test_the_compiled_walk_leaves_what_it_does_not_read_to_the_python_walk():
    root = etree.Element("{urn:x}p")  # lxml's HTML parser makes no namespaces; a tree built by hand can have them
    root.text = "x"
    with pytest.raises(html._walk.Unsupported):
        html._walk.walk(root, "<p>x</p>", 0)


def test_rule_examples():
    examples = _example_html()
    assert len(examples) >= 10
    for source in examples:
        _same(source)


@pytest.mark.parametrize("source", SNIPPETS)
def test_snippets(source):
    _same(source)


def test_many_element_names():
    """More names than the compiled walk keeps at once (it starts its table again)."""
    _same("<p>" + "".join(f"<x-{i} class='c{i % 3}'>t{i} <b>b</b></x-{i}>" for i in range(700)) + "</p><p>end</p>")


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


# Token soup: markup fragments in any order (unclosed quotes and comments, stray '<' and '&',
# CDATA, processing instructions, prefixed names, letters that fold to ASCII under Unicode case
# rules: ſ, K, İ), for the cursor's scanning and the walks' handling of broken trees.
_SOUP = (
    "<p>", "</p>", "<div class='a b'>", "</div>", "<a href='x'>", '<A HREF="y">', "</a>", "<ſcript>", "<a\u212a>",
    "<\u017fpan>", "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<!-- c -->", "<!---->", "<!x>",
    "<?pi?>", "<![CDATA[z]]>", "&amp;", "&#65;", "&#x41;", "&#x;", "&nbsp", "&unknown;", "& ", "<", ">", "'", '"',
    "<b title='a>b'>", '<b title="unclosed>', "text", "Слово", " ", "\n", "\xa0", "<br>", "<h1>", "</h1>",
    "<time datetime='2024-01-01'>", "<meta name='date' content='2024-02-03'>", "<iframe src='v' title='t'>",
    "</iframe>", "<button class='share'>", "</button>", "<footer>", "<nav>", "<header>", "<main>", "<article>",
    "<pre>", "</pre>", "<textarea>", "</textarea>", "<span hidden>", "<span style='display:none'>", "</span>",
    "<div role='navigation'>", "<svg><title>i</title></svg>", "<title>T</title>", "<table><tr><td>", "<li>",
    "<template>", "<noscript>", "<x:y a:b='1'>", "<html lang='ru'>", "<head>", "</head>", "<\u0130frame src=q>",
    "<object data='o'>", "<embed src=e>", "<div id='x_y-z' itemprop='p' aria-label='L' class='c'>",
    "<b class='x' class='y'>",
)  # fmt: skip


def test_token_soup():
    for seed in range(800):
        rng = random.Random(seed)
        _same("".join(rng.choice(_SOUP) for _ in range(rng.randint(1, 60))))
