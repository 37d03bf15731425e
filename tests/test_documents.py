"""The document loader: decoding, HTML/Markdown/plain-text extraction, errors, path expansion."""

from __future__ import annotations

import gc
import io
import os
import random
import time
from datetime import date

import pytest

from checker.documents import (
    BODY,
    FOOTER,
    HEADLINE,
    HIDDEN,
    MAX_BLOCKS,
    MAX_INPUT_BYTES,
    OTHER,
    Document,
    Limits,
    expand_paths,
    load_bytes,
    load_path,
    load_stream,
)
from checker.errors import InputError
from checker.match.normalise import NormalText

RUSSIAN = "Данное сообщение создано и распространено иностранным агентом."


def html(doc: str, encoding: str = "utf-8") -> Document:
    return load_bytes(doc.encode(encoding), "page.html")


def texts(doc: Document, zone: str | None = None) -> list[str]:
    return [b.text for b in doc.blocks if zone is None or b.zone == zone]


def block_with(doc: Document, needle: str):
    return next(b for b in doc.blocks if needle in b.text)


def where(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    """Source (line, column) the loader reports for `needle` inside its block."""
    block = block_with(doc, needle)
    offset = -1
    for _ in range(nth + 1):
        offset = block.text.index(needle, offset + 1)
    return block.locate(offset)


def source_position(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Where `needle` really is in `source` (1-based line and column)."""
    offset = -1
    for _ in range(nth + 1):
        offset = source.index(needle, offset + 1)
    before = source[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# -- decoding ---------------------------------------------------------------------------------


def test_windows_1251_with_meta_http_equiv():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"</head><body><p>{RUSSIAN}</p></body></html>"
    )
    assert texts(html(page, "cp1251")) == [RUSSIAN]


@pytest.mark.parametrize(
    "body",
    [RUSSIAN, "Привет, мир", "Кто виноват? Что делать?", "«Новая газета» — 2024"],
)
def test_windows_1251_without_meta(body):
    page = f"<html><head><title>Новости</title></head><body><p>{body}</p></body></html>"
    doc = html(page, "cp1251")
    assert texts(doc) == [body]
    assert doc.metadata.title == "Новости"


def test_windows_1251_plain_text_and_koi8_markdown():
    assert texts(load_bytes(RUSSIAN.encode("cp1251"), "a.txt")) == [RUSSIAN]
    assert texts(load_bytes(f"# Заголовок\n\n{RUSSIAN}\n".encode("koi8_r"), "a.md")) == ["Заголовок", RUSSIAN]


def test_utf8_without_meta():
    page = f"<p>{RUSSIAN} Ünïcödé ✓</p>"
    assert texts(html(page)) == [f"{RUSSIAN} Ünïcödé ✓"]


def test_utf8_bytes_win_over_a_stale_meta_charset():
    page = f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'
    assert texts(html(page)) == [RUSSIAN]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks(encoding):
    data = f"<h1>Заголовок</h1>\n<p>{RUSSIAN}</p>".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = load_bytes(data, "page.html")
    assert texts(doc) == ["Заголовок", RUSSIAN]
    assert block_with(doc, RUSSIAN).line == 2


def test_utf16_bom_file_without_extension_is_sniffed_as_html():
    doc = load_bytes("<p>Привет</p>".encode("utf-16"), "-")
    assert doc.format == "html"
    assert texts(doc) == ["Привет"]


# -- input errors -----------------------------------------------------------------------------


def test_binary_file_is_rejected():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError) as caught:
        load_bytes(png, "image.html")
    assert str(caught.value) == "image.html: binary file (not text)"


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_file_is_rejected(data):
    with pytest.raises(InputError) as caught:
        load_bytes(data, "empty.md")
    assert str(caught.value) == "empty.md: file is empty"


def test_missing_file_and_directory(tmp_path):
    missing = str(tmp_path / "missing.html")
    with pytest.raises(InputError) as caught:
        load_path(missing)
    assert (caught.value.path, caught.value.message) == (missing, "no such file")
    with pytest.raises(InputError) as caught:
        load_path(str(tmp_path))
    assert caught.value.message == "is a directory"


def test_invalid_front_matter_names_the_line():
    data = b"---\ntitle: ok\nregions: [RU, BY\npublisher: X\n---\nBody\n"
    with pytest.raises(InputError) as caught:
        load_bytes(data, "post.md")
    error = caught.value
    assert error.message.startswith("front matter is not valid YAML (line 4)")
    assert error.line == 4
    assert "\n" not in str(error)


def test_a_colon_in_an_unquoted_front_matter_value_is_read_as_text():
    data = "---\ntitle: Медиазона: двенадцать лет\nlang: ru\n---\nТекст статьи.\n".encode()
    doc = load_bytes(data, "post.md")
    assert doc.metadata.title == "Медиазона: двенадцать лет"
    assert doc.metadata.lang == "ru"
    assert doc.warnings == ("front matter line 2: a colon inside an unquoted value; read as text",)
    # other YAML errors still name their line
    with pytest.raises(InputError, match=r"front matter is not valid YAML \(line 4\)"):
        load_bytes(b"---\ntitle: a: b\nregions: [RU, BY\npublisher: X\n---\nBody\n", "post.md")


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(InputError, match="front matter is not a list of `key: value` lines"):
        load_bytes(b"---\n- just\n- a list\n---\nBody\n", "post.md")


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        load_bytes(b"<p>x</p>", "a.html", "pdf")


def test_bad_bytes_never_raise_anything_but_input_error():
    rng = random.Random(20240501)
    samples = [
        "<p>Привет</p>".encode()[:-5],  # truncated UTF-8
        b"<p>a</p>\x00<p>b</p>",  # NUL byte
        b"\xff\xfe\x00",  # a BOM followed by half a character
        ("<p>" + "слово " * 200_000 + "</p>").encode("cp1251"),  # one huge line
    ]
    samples += [rng.randbytes(rng.randint(1, 2000)) for _ in range(40)]
    for data in samples:
        for name in ("a.html", "a.md", "a.txt", "noext"):
            try:
                doc = load_bytes(data, name)
            except InputError as error:
                assert error.path == name and "\n" not in error.message
            else:
                assert all(b.text and b.anchors[0][0] == 0 for b in doc.blocks)


# -- HTML: hidden content ---------------------------------------------------------------------

HIDDEN_PAGE = """<html><body>
<p>Visible text.</p>
<!-- Notice in a comment -->
<script>var notice = "Scripted words";</script>
<style>.x::after { content: "Styled words"; }</style>
<p style="display:none">Display none notice</p>
<div style="COLOR: red; Visibility : Hidden !important">Visibility hidden notice</div>
<p style="font-size: 0px">Zero size notice</p>
<p style="color:#fff;background:#fff">White on white notice</p>
<section hidden><p>Hidden attribute notice</p></section>
<template><p>Template notice</p></template>
<noscript>Noscript notice</noscript>
<p>Before <span style="display: none">inline hidden</span> after.</p>
</body></html>"""


def test_hidden_content_becomes_hidden_blocks():
    doc = html(HIDDEN_PAGE)
    assert texts(doc, HIDDEN) == [
        "Notice in a comment",
        "Display none notice",
        "Visibility hidden notice",
        "Zero size notice",
        "White on white notice",
        "Hidden attribute notice",
        "Template notice",
        "Noscript notice",
        "inline hidden",
    ]
    assert block_with(doc, "Notice in a comment").tag == "comment"
    # The paragraph around an inline hidden span stays one visible block.
    assert texts(doc, BODY) == ["Visible text.", "Before  after."]


def test_script_and_style_text_is_dropped():
    doc = html(HIDDEN_PAGE)
    everything = " ".join(texts(doc))
    assert "Scripted" not in everything
    assert "Styled" not in everything


def test_hidden_is_inherited_and_links_inside_are_invisible():
    doc = html('<div hidden><p>Deep <b>inside <a href="/x">link</a></b></p></div><a href="/y">shown</a>')
    assert texts(doc, HIDDEN) == ["Deep inside link"]
    assert [(link.href, link.visible) for link in doc.links] == [("/x", False), ("/y", True)]


# -- HTML: zones and blocks -------------------------------------------------------------------

ZONES_PAGE = """<!DOCTYPE html>
<html lang="ru-RU"><head><title>Site title</title></head>
<body>
<header><a href="/">Logo</a><h1>Site name</h1></header>
<nav><ul><li>News</li><li>Sport</li></ul></nav>
<main><article>
  <header><p>By the author</p></header>
  <h1>The article headline</h1>
  <p>First paragraph of the article.</p>
  <footer>Article footer notice</footer>
</article></main>
<aside>Popular stories</aside>
<div role="navigation">Role navigation</div>
<div role="contentinfo">Role footer</div>
<footer><p>Site footer</p><nav>Footer links</nav></footer>
</body></html>"""


def test_zones():
    doc = html(ZONES_PAGE)
    zones = {b.text: b.zone for b in doc.blocks}
    assert zones == {
        "Logo": OTHER,
        "Site name": OTHER,
        "News": OTHER,
        "Sport": OTHER,
        "By the author": BODY,  # a header inside the article is article text
        "The article headline": HEADLINE,  # the h1 inside <article> wins over the first h1
        "First paragraph of the article.": BODY,
        "Article footer notice": FOOTER,
        "Popular stories": OTHER,
        "Role navigation": OTHER,
        "Role footer": FOOTER,
        "Site footer": FOOTER,
        "Footer links": FOOTER,
    }
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


def test_first_h1_is_the_headline_without_article():
    doc = html("<h1>First</h1><p>Text</p><h1>Second</h1>")
    assert texts(doc, HEADLINE) == ["First"]
    assert doc.metadata.title == "First"  # no <title>, no og:title


def test_blocks_follow_reading_order_and_keep_inline_text_together():
    doc = html(
        "<div>Intro <b>bold</b>\n  text<p>Nested <i>para</i>graph</p>tail</div>"
        "<ul><li>One</li><li>Two<br>lines</li></ul><table><tr><td>Cell</td><th>Head</th></tr></table>"
    )
    assert [(b.tag, b.text) for b in doc.blocks] == [
        ("div", "Intro bold\n  text"),
        ("p", "Nested paragraph"),
        ("div", "tail"),
        ("li", "One"),
        ("li", "Two\nlines"),
        ("td", "Cell"),
        ("th", "Head"),
    ]


def test_malformed_html_still_loads():
    doc = html("<div><p>Unclosed paragraph <b>bold\n<p>Second</div></div></span><li>Item\n<p>After stray tags")
    assert [b.text for b in doc.blocks] == ["Unclosed paragraph bold", "Second", "Item", "After stray tags"]
    assert block_with(doc, "After stray").line == 3


# -- HTML: source positions -------------------------------------------------------------------


def test_word_deep_in_a_page_has_its_true_line_and_column():
    filler = "\n".join(f'<p class="p{i}">Paragraph {i} &laquo;quoted&raquo; &amp; more</p>' for i in range(300))
    page = (
        f"<html><head><title>T</title><script>var a = '<p>target</p>';</script></head><body>\n{filler}\n"
        '<div class="x">  <p>Text&nbsp;&#171;with&#187; entities and <b>the</b> '
        '<a href="/target">target</a> word target&hellip; end.</p></div>\n</body></html>'
    )
    doc = html(page)
    block = block_with(doc, "word target")
    assert block.text == "Text\xa0«with» entities and the target word target… end."
    assert (block.line, block.column) == source_position(page, "Text&nbsp;")
    assert where(doc, "with") == source_position(page, "with&#187;")
    assert where(doc, "entities") == source_position(page, "entities")
    assert where(doc, "target") == source_position(page, "target</a>")
    assert where(doc, "word target") == source_position(page, "word target")
    assert where(doc, "end.") == source_position(page, "end.")
    assert where(doc, "Paragraph 299") == source_position(page, "Paragraph 299")
    assert where(doc, "more", 0) == source_position(page, "more")


def test_positions_across_lines_comments_and_crlf():
    page = "<html>\r\n<body>\r\n<!-- a\r\n  comment -->\r\n<p>one\r\n   two <i>three</i></p>\r\n</body></html>"
    doc = load_bytes(page.encode(), "page.html")
    normalised = page.replace("\r\n", "\n")
    assert where(doc, "comment") == (4, 3)
    assert where(doc, "two") == source_position(normalised, "two")
    assert where(doc, "three") == source_position(normalised, "three")


def test_huge_single_line_positions():
    page = "<p>" + "word " * 100_000 + "<b>needle</b></p>"
    doc = html(page)
    assert where(doc, "needle") == (1, page.index("needle") + 1)


# -- HTML: links and embeds -------------------------------------------------------------------


def test_links_and_embeds_with_positions():
    page = """<p>Read <a href=" https://example.org/a?b=1&amp;c=2 ">the <b>full</b>
  story</a>.</p>
<iframe src="https://www.youtube.com/embed/x"></iframe>
<video src="clip.mp4"></video><video><source src="alt.webm"></video>
<audio src="a.mp3"></audio> <embed src="e.swf"> <object data="o.pdf"></object>
<script src="/app.js"></script>
<a name="anchor-without-href">no link</a>"""
    doc = html(page)
    found = [(link.kind, link.href, link.text, link.line, link.column) for link in doc.links]
    assert found == [
        ("link", "https://example.org/a?b=1&c=2", "the full story", 1, 9),
        ("iframe", "https://www.youtube.com/embed/x", "", 3, 1),
        ("video", "clip.mp4", "", 4, 1),
        ("source", "alt.webm", "", *source_position(page, "<source")),
        ("audio", "a.mp3", "", 5, 1),
        ("embed", "e.swf", "", *source_position(page, "<embed")),
        ("object", "o.pdf", "", *source_position(page, "<object")),
        ("script", "/app.js", "", 6, 1),
    ]
    assert all(link.visible for link in doc.links)
    assert [link.is_embed for link in doc.links][:2] == [False, True]


# -- HTML: metadata ---------------------------------------------------------------------------


def test_metadata_from_meta_tags():
    page = """<html lang="ru-RU"><head>
<title>  Page   title </title>
<meta property="og:title" content="OG title">
<meta property="og:site_name" content="Медиазона">
<meta property="article:published_time" content="2024-03-05T23:30:00-05:00">
</head><body><h1>Headline</h1></body></html>"""
    meta = html(page).metadata
    assert (meta.title, meta.lang, meta.site_name, meta.date) == ("OG title", "ru", "Медиазона", date(2024, 3, 5))


def test_json_ld_publisher_graph_and_broken_json():
    page = """<head>
<script type="application/ld+json">{"@context": "https://schema.org", broken</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "NewsArticle", "datePublished": "2023-12-31", "publisher": {"@id": "#org"}},
  {"@type": "Organization", "@id": "#org", "name": " Новая газета "}
]}
</script></head><body><p>x</p></body>"""
    meta = html(page).metadata
    assert meta.site_name == "Новая газета"
    assert meta.date == date(2023, 12, 31)


def test_json_ld_list_and_fallbacks():
    listed = '<script type="application/ld+json">[{"@type": "WebPage"}, {"publisher": [{"name": "Listed"}]}]</script>'
    assert html(listed + "<p>x</p>").metadata.site_name == "Listed"
    publisher = '<meta name="publisher" content="Meta publisher"><meta name="application-name" content="App">'
    assert html(publisher + "<p>x</p>").metadata.site_name == "Meta publisher"
    assert html('<meta name="application-name" content="App"><p>x</p>').metadata.site_name == "App"


def test_dates_prefer_article_time_and_skip_unparsable():
    page = """<html><head><meta http-equiv="content-language" content="en-GB, ru">
<meta property="article:published_time" content="not a date"></head><body>
<header><time datetime="2030-01-01">today</time></header>
<article><time datetime="2024-02-29T08:00">published</time><p>x</p></article></body></html>"""
    meta = html(page).metadata
    assert meta.date == date(2024, 2, 29)
    assert meta.lang == "en"
    assert html('<meta name="date" content="2024-13-40"><p>x</p>').metadata.date is None
    assert html('<meta name="date" content="2022-07-01"><p>x</p>').metadata.date == date(2022, 7, 1)


# -- Markdown ---------------------------------------------------------------------------------

ARTICLE_MD = """---
title: Front matter title
publisher: Новая газета
regions: [ru, by]
jurisdictions: "RU, BY"
date: 2024-03-01
lang: ru-RU
---

# The *headline* here

First paragraph with [a link](https://example.org/x) and
a second line mentioning the word target.
<!-- hidden remark -->

- item one
- item target two

> quoted target

| col | other |
|-----|-------|
| a   | target |

<div class="embed"><iframe src="https://video.example/1"></iframe> HTML block text</div>

<!-- a block comment -->

```
code target
```

Closing paragraph.

Another paragraph.

---

Footer notice © 2024
"""


def test_markdown_front_matter_metadata():
    doc = load_bytes(ARTICLE_MD.encode(), "post.md")
    meta = doc.metadata
    assert doc.format == "markdown"
    assert meta.title == "Front matter title"
    assert meta.publisher == "Новая газета"
    assert meta.regions == ("RU", "BY")
    assert meta.jurisdictions == ("RU", "BY")
    assert meta.date == date(2024, 3, 1)
    assert meta.lang == "ru"


def test_markdown_blocks_zones_and_lines_after_front_matter():
    doc = load_bytes(ARTICLE_MD.encode(), "post.md")
    assert [(b.zone, b.tag, b.text) for b in doc.blocks] == [
        (HEADLINE, "h1", "The headline here"),
        (BODY, "p", "First paragraph with a link and\na second line mentioning the word target."),
        (HIDDEN, "comment", "hidden remark"),
        (BODY, "li", "item one"),
        (BODY, "li", "item target two"),
        (BODY, "blockquote", "quoted target"),
        (BODY, "th", "col"),
        (BODY, "th", "other"),
        (BODY, "td", "a"),
        (BODY, "td", "target"),
        (BODY, "div", "HTML block text"),
        (HIDDEN, "comment", "a block comment"),
        (BODY, "pre", "code target"),
        (BODY, "p", "Closing paragraph."),
        (BODY, "p", "Another paragraph."),
        (FOOTER, "p", "Footer notice © 2024"),
    ]
    assert where(doc, "headline") == source_position(ARTICLE_MD, "headline")
    assert where(doc, "target") == source_position(ARTICLE_MD, "target.")
    assert where(doc, "hidden remark") == source_position(ARTICLE_MD, "hidden remark")
    assert where(doc, "item target") == source_position(ARTICLE_MD, "item target")
    assert where(doc, "quoted") == source_position(ARTICLE_MD, "quoted")
    assert block_with(doc, "HTML block").line == source_position(ARTICLE_MD, "HTML block")[0]
    assert where(doc, "code target") == source_position(ARTICLE_MD, "code target")
    assert block_with(doc, "Footer notice").line == ARTICLE_MD.count("\n")


def test_markdown_links_and_embeds():
    doc = load_bytes(ARTICLE_MD.encode(), "post.md")
    found = [(link.kind, link.href, link.text, link.line) for link in doc.links]
    line = source_position(ARTICLE_MD, "[a link]")
    assert found == [
        ("link", "https://example.org/x", "a link", line[0]),
        ("iframe", "https://video.example/1", "", source_position(ARTICLE_MD, "<iframe")[0]),
    ]
    assert doc.links[0].column == line[1]


def test_markdown_without_front_matter():
    text = "Intro without heading.\n\n## Sub\n\nText *with* \\*escapes\\* and word.\n\n***\n\nshort footer\n"
    doc = load_bytes(text.encode(), "notes.md")
    assert doc.metadata.title is None
    assert [(b.zone, b.text) for b in doc.blocks] == [
        (BODY, "Intro without heading."),
        (BODY, "Sub"),
        (BODY, "Text with *escapes* and word."),
        (FOOTER, "short footer"),
    ]
    assert where(doc, "word") == source_position(text, "word")


def test_markdown_break_in_first_half_is_no_footer():
    text = "First.\n\n---\n\nSecond.\n\nThird.\n\nFourth.\n\nFifth.\n"
    doc = load_bytes(text.encode(), "a.md")
    assert {b.zone for b in doc.blocks} == {BODY}


def test_markdown_title_falls_back_to_headline():
    doc = load_bytes(b"---\npublisher: X\n---\n# Real headline\n\nBody.\n", "a.md")
    assert doc.metadata.title == "Real headline"
    assert doc.blocks[0].line == 4


# -- plain text -------------------------------------------------------------------------------

PLAIN = """Short headline without a period

First paragraph, line one.
  Line two mentions https://example.org/page?x=1. And (https://en.wikipedia.org/wiki/A_(b)).

Second paragraph.

Third paragraph.

* * *

Footer: this material was created by a foreign agent.
"""


def test_plain_text_blocks_zones_and_links():
    doc = load_bytes(PLAIN.encode(), "article.txt")
    assert [(b.zone, b.text) for b in doc.blocks] == [
        (HEADLINE, "Short headline without a period"),
        (
            BODY,
            "First paragraph, line one.\n  Line two mentions https://example.org/page?x=1. "
            "And (https://en.wikipedia.org/wiki/A_(b)).",
        ),
        (BODY, "Second paragraph."),
        (BODY, "Third paragraph."),
        (FOOTER, "Footer: this material was created by a foreign agent."),
    ]
    assert where(doc, "mentions") == source_position(PLAIN, "mentions")
    assert [(link.href, link.line, link.column) for link in doc.links] == [
        ("https://example.org/page?x=1", 4, 21),
        ("https://en.wikipedia.org/wiki/A_(b)", 4, 56),
    ]


def test_plain_text_sentence_is_no_headline_and_early_separator_no_footer():
    doc = load_bytes(b"A sentence.\n\n---\n\nMore text.\n\nAnd more.\n\nEnd.\n", "a.txt")
    assert {b.zone for b in doc.blocks} == {BODY}


def test_format_sniffing_without_extension():
    assert load_bytes(b"  <!doctype html><p>x</p>", "-").format == "html"
    assert load_bytes(b"---\ntitle: x\n---\nBody\n", "-").format == "markdown"
    assert load_bytes(b"Just text", "-").format == "text"
    assert load_bytes(b"<p>forced</p>", "a.html", "text").blocks[0].text == "<p>forced</p>"


# -- paths ------------------------------------------------------------------------------------


def test_expand_paths(tmp_path):
    for name in [
        "b.html",
        "a.md",
        "notes.TXT",
        "image.png",
        "sub/c.htm",
        "sub/d.xhtml",
        "sub/e.markdown",
        ".hidden.html",
        ".git/x.html",
        "sub/.cache/y.md",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    root = str(tmp_path)
    odd = str(tmp_path / "image.png")
    missing = str(tmp_path / "missing.html")
    assert expand_paths([root, odd, missing]) == [
        f"{root}/a.md",
        f"{root}/b.html",
        f"{root}/notes.TXT",
        f"{root}/sub/c.htm",
        f"{root}/sub/d.xhtml",
        f"{root}/sub/e.markdown",
        odd,  # a file named on the command line is kept whatever its extension
        missing,  # kept, so loading it reports "no such file" for this input
    ]


def test_load_path_reads_files(tmp_path):
    path = tmp_path / "article.html"
    path.write_bytes("<h1>Заголовок</h1>".encode("cp1251"))
    doc = load_path(str(path))
    assert (doc.path, doc.format, texts(doc)) == (str(path), "html", ["Заголовок"])


# -- hostile inputs (issue 9): never crash, never hang, stay linear -------------------------


def test_time_element_without_datetime_is_text():
    doc = html("<p>Published <time>today</time> in Riga</p>")
    assert texts(doc) == ["Published today in Riga"]
    assert doc.metadata.date is None


@pytest.mark.parametrize("codec", ["idna", "rot13", "base64", "zlib", "hex", "uu", "bz2", "punycode", "undefined"])
def test_meta_charset_naming_a_non_text_codec_is_ignored(codec):
    doc = load_bytes(f'<meta charset="{codec}"><p>Caf'.encode() + b"\xe9 du port</p>", "page.html")
    assert texts(doc) == ["Café du port"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-30", None),
        ("0000-01-01", None),
        ("2024-05-06 10:00:00+99:00", date(2024, 5, 6)),
    ],
)
def test_impossible_front_matter_dates_warn_instead_of_failing(value, expected):
    doc = load_bytes(f"---\ntitle: T\ndate: {value}\n---\n\nText.\n".encode(), "a.md")
    assert doc.metadata.date == expected
    assert doc.warnings == (f"front matter: {value!r} is not a valid date or time; read as text",)
    assert texts(doc) == ["Text."]


def test_valid_front_matter_dates_give_no_warning():
    doc = load_bytes(b"---\ndate: 2024-03-01 10:00:00+03:00\n---\n\nText.\n", "a.md")
    assert doc.metadata.date == date(2024, 3, 1)
    assert doc.warnings == ()


def test_one_invalid_byte_in_utf8_is_read_with_a_warning():
    data = (RUSSIAN + " ").encode() * 5
    at = len((RUSSIAN + " Данное").encode())  # between two characters
    doc = load_bytes(data[:at] + b"\xff" + data[at:], "article.txt")
    assert doc.blocks[0].text.replace("\ufffd", "", 1) == ((RUSSIAN + " ") * 5).strip()
    assert doc.warnings == (f"invalid UTF-8 at byte offset {at}, read as U+FFFD",)


def test_several_invalid_bytes_give_their_offsets():
    data = (RUSSIAN + "\n\n").encode() * 10
    doc = load_bytes(b"\xc0" + data + b"\xfe", "article.md")
    assert doc.warnings == (f"2 invalid UTF-8 sequences, read as U+FFFD, at byte offsets 0, {len(data) + 1}",)


def test_utf8_pages_without_bad_bytes_have_no_warnings():
    assert html(f"<p>{RUSSIAN}</p>").warnings == ()
    assert html(f"<p>{RUSSIAN}</p>", "cp1251").warnings == ()


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(64), b"PK\x03\x04" + bytes(64), bytes(range(256)) * 4],
)
def test_real_binaries_stay_binary(data):
    with pytest.raises(InputError, match="binary file"):
        load_bytes(data, "file.html")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(device):
    with pytest.raises(InputError) as caught:
        load_path(device)
    assert str(caught.value) == f"{device}: not a regular file (a character device)"


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        load_path(str(fifo))
    assert str(caught.value) == f"{fifo}: not a regular file (a FIFO)"


def test_fifo_inside_a_folder_is_listed_then_refused(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\nText.\n")
    os.mkfifo(tmp_path / "b.html")
    paths = expand_paths([str(tmp_path)])
    assert paths == [str(tmp_path / "a.md"), str(tmp_path / "b.html")]
    assert load_path(paths[0]).blocks
    with pytest.raises(InputError, match="not a regular file"):
        load_path(paths[1])


def test_input_larger_than_the_limit_is_refused_naming_it(tmp_path):
    page = tmp_path / "big.txt"
    page.write_bytes(b"word " * 300)
    with pytest.raises(InputError) as caught:
        load_path(str(page), Limits(max_input_bytes=1000))
    assert str(caught.value) == f"{page}: file is too large (1,500 bytes; the limit is 1,000 bytes)"
    assert load_path(str(page)).blocks  # the default limit is far above


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("many.html", b"<p>x</p>" * 11, "document is too large (11 block elements; the limit is 10 blocks)"),
        ("many.md", b"x\n\n" * 11, "document is too large (12 paragraphs; the limit is 10 blocks)"),
        ("many.html", b"<span>x</span><br><hr>" * 11, "document is too large (11 blocks; the limit is 10 blocks)"),
        # As short as such texts can be: the length that spares short texts the count is no looser.
        ("tight.html", b"<p>" * 11, "document is too large (11 block elements; the limit is 10 blocks)"),
        ("tight.md", b"x" + b"\n\n" * 10, "document is too large (11 paragraphs; the limit is 10 blocks)"),
    ],
)
def test_documents_with_too_many_blocks_are_refused(name, data, message):
    with pytest.raises(InputError) as caught:
        load_bytes(data, name, limits=Limits(max_blocks=10))
    assert str(caught.value) == f"{name}: {message}"


def test_default_limits_are_documented_constants():
    assert Limits() == Limits(MAX_INPUT_BYTES, MAX_BLOCKS) == Limits(4 * 1024 * 1024, 50_000)


def cpu_seconds(action, repeat: int = 5) -> float:
    """Best CPU time of a few runs, garbage collection paused (its pauses are noise here)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            action()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _mapped_offsets(n: int) -> None:
    page = load_bytes(("𝐁𝐞𝐥𝐬𝐚𝐭 сообщает: Белсат 𝐀. " * n).encode(), "bold.txt")
    text = NormalText(page.blocks[0].text)
    for offset in range(0, len(text.text), 29):
        text.to_source(offset)


_SHAPES = {
    "html paragraphs": (250, lambda n: load_bytes(b"<p>x y</p>\n" * n, "a.html")),
    "markdown paragraphs": (250, lambda n: load_bytes(b"word text\n\n" * n, "a.md")),
    "html links": (250, lambda n: load_bytes(b"<p>" + b'<a href="http://x.org/">x</a> ' * n + b"</p>", "a.html")),
    "markdown table": (250, lambda n: load_bytes(b"|" + b"a|" * n + b"\n|" + b"-|" * n + b"\n|" + b"b|" * n, "a.md")),
    "normalised offsets": (100, _mapped_offsets),
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_loading_grows_linearly(shape):
    base, load = _SHAPES[shape]
    # Eight times the input: about 8 times the work when linear, 64 when quadratic. The wide
    # margin keeps a loaded machine's noise from failing a linear stage.
    small, large = (cpu_seconds(lambda n=n: load(n)) for n in (base, 8 * base))
    assert large / max(small, 1e-3) < 20, (small, large)


def test_a_stream_is_read_no_further_than_the_limit():
    with open("/dev/zero", "rb") as zero, pytest.raises(InputError) as caught:
        load_stream(zero, limits=Limits(max_input_bytes=1000))
    assert str(caught.value) == "-: input is too large (the limit is 1,000 bytes)"
    assert load_stream(io.BytesIO(b"# Title\n\nText.\n"), "-").blocks


def test_invalid_byte_after_a_utf8_bom_is_read_with_a_warning():
    data = "\ufeff".encode() + (RUSSIAN + "\n").encode() * 3 + b"\xff"
    doc = load_bytes(data, "article.txt")
    assert doc.warnings == (f"invalid UTF-8 at byte offset {len(data) - 1}, read as U+FFFD",)
