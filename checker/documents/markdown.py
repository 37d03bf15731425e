"""Markdown to blocks, links and metadata: YAML front matter, then markdown-it tokens.

Line numbers refer to the original file: token maps count from the first line after the
front matter, so the front matter's length is added back.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from typing import Any, cast

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from checker.documents import html
from checker.documents.metadata import language_code, parse_date
from checker.documents.model import BODY, FOOTER, HEADLINE, HIDDEN, Block, Frame, Link, Metadata
from checker.documents.positions import LineIndex, trim_block
from checker.errors import InputError
from checker.yamlsource import SafeLoader

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")  # text that Markdown escapes and entities spare
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_EMBED = re.compile(
    r"""<(iframe|video|audio|source|embed|object|script)\b[^>]*?\s(?:src|data)\s*=\s*["']?([^"'\s>]+)""",
    re.I,
)
_LINK_START = re.compile(r"""<a\b[^>]*?\shref\s*=\s*["']?([^"'\s>]*)""", re.I)
_LINK_END = re.compile(r"</a\s*>", re.I)
_CONTAINERS = {"list_item_open": "li", "blockquote_open": "blockquote"}


Extracted = tuple[tuple[Block, ...], tuple[Link, ...], Metadata, tuple[str, ...]]


def extract(text: str, path: str) -> Extracted:
    """Blocks, links, metadata and warnings (front-matter values that were read but ignored)."""
    lines = LineIndex(text)
    handler = _FrontMatterYAML()
    fields, body_start = _front_matter(text, path, lines, handler)
    body_line = lines.position(body_start)[0] - 1  # lines before the body (0-based start)
    walker = _Walker(text, lines, body_start, body_line)
    walker.walk(_PARSER.parse(text[body_start:]))
    blocks, links = walker.result()
    standfirsts = _standfirsts(fields, text, body_start, lines)
    if standfirsts:  # before the body, as a site's template shows them
        blocks = (*standfirsts, *(b._replace(index=b.index + len(standfirsts)) for b in blocks))
    return blocks, links, _metadata(fields, walker.headline_text()), tuple(handler.warnings)


# -- front matter ---------------------------------------------------------------------------


_Anchor = tuple[int, int, int]  # offset in the text, line, column
_Hidden = tuple[str, str, str, list[_Anchor]]  # a comment's text, zone, tag and anchors

class _Loader(SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps an impossible timestamp (2026-02-30, year 0, a +99:00 offset) as
    the string it is, noting it, instead of failing on it."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.impossible: list[str] = []

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.impossible.append(str(node.value))
            return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _FrontMatterYAML(YAMLHandler):
    """The front-matter handler, collecting what `_Loader` noted as warnings."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def load(self, fm: str, **kwargs: object) -> Any:  # not always a dict: the caller checks
        noted = len(self.warnings)
        try:
            return self._load(fm)
        except yaml.YAMLError:
            # «title: Медиазона: двенадцать лет»: a colon in an unquoted value is the usual slip
            # in news front matter; such lines are read as text, anything else stays an error
            # (the quoted lines keep their numbers, so the error names its line).
            quoted, lines = _quote_colon_values(fm)
            if not lines:
                raise
            del self.warnings[noted:]
            data = self._load(quoted)
            self.warnings += [f"front matter line {n}: a colon inside an unquoted value; read as text" for n in lines]
            return data

    def _load(self, fm: str) -> Any:
        loader = _Loader(fm)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
            for value in loader.impossible:
                self.warnings.append(f"front matter: {value!r} is not a valid date or time; read as text")


_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s\"'\[{|>&*!%@`#].*?)[ \t]*$")


def _quote_colon_values(fm: str) -> tuple[str, list[int]]:
    """The front matter with each top-level `key: value` line whose plain value holds ": "
    written as a quoted string, and the numbers of those lines (counted from the opening "---":
    the file's own numbers when the front matter opens the file)."""
    out, changed = [], []
    for n, line in enumerate(fm.split("\n"), start=1):
        found = _PLAIN_LINE.match(line)
        if found and ": " in found.group(2):
            line = f"{found.group(1)}: {json.dumps(found.group(2), ensure_ascii=False)}"
            changed.append(n)
        out.append(line)
    return "\n".join(out), changed


def _front_matter(text: str, path: str, lines: LineIndex, handler: _FrontMatterYAML) -> tuple[dict[str, Any], int]:
    """Front-matter fields and the offset where the Markdown body starts."""
    stripped = text.strip()
    if not handler.detect(stripped):
        return {}, 0
    boundaries = list(itertools.islice(handler.FM_BOUNDARY.finditer(stripped), 2))
    if len(boundaries) < 2:
        return {}, 0  # an opening "---" alone is a thematic break, not front matter
    lead = len(text) - len(text.lstrip())
    try:
        fields, _ = frontmatter.parse(text, handler=handler)
        if not fields:  # frontmatter.parse drops non-mapping YAML silently; we say so
            raw = stripped[boundaries[0].end() : boundaries[1].start()]
            if _FrontMatterYAML().load(raw) not in (None, {}):
                line: int | None = lines.position(lead)[0]
                raise InputError(path, "front matter is not a list of `key: value` lines", line)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        # The YAML parser counts lines from the end of the opening "---".
        line = lines.position(lead + boundaries[0].end())[0] + mark.line if mark else None
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        where = f" (line {line})" if line else ""
        raise InputError(path, f"front matter is not valid YAML{where}: {problem}", line) from None
    except RecursionError:
        raise InputError(path, "front matter is nested too deeply") from None
    end = lead + boundaries[1].end()
    newline = text.find("\n", end)
    return fields, len(text) if newline < 0 else newline + 1


# Front-matter fields that a site's template shows readers as the article's standfirst (and
# search engines and link previews as its summary): text of the article, before its body.
_STANDFIRST_KEYS = ("description", "summary", "subtitle", "lead", "lede", "dek", "standfirst", "excerpt", "teaser")


def _standfirsts(fields: dict[str, Any], text: str, body_start: int, lines: LineIndex) -> tuple[Block, ...]:
    """A block for each standfirst field, in the order of `_STANDFIRST_KEYS`, placed where its
    value starts in the front matter (the key's line when the value cannot be found as written)."""
    blocks: list[Block] = []
    for key in _STANDFIRST_KEYS:
        raw = fields.get(key)
        value = _text(raw) if isinstance(raw, str) else None
        if value is None:
            continue
        found = re.search(rf"^{key}[ \t]*:", text[:body_start], re.M)
        if found is None:
            continue
        first_word = value.split(" ", 1)[0]
        at = text.find(first_word, found.end(), body_start)
        line, column = lines.position(at if at >= 0 else found.start())
        blocks.append(Block(len(blocks), value, BODY, "p", ((0, line, column),)))
    return tuple(blocks)


def _metadata(fields: dict[str, Any], headline: str | None) -> Metadata:
    return Metadata(
        title=_text(fields.get("title")) or headline,
        lang=language_code(fields.get("lang")),
        date=parse_date(fields.get("date")),
        publisher=_text(fields.get("publisher")),
        regions=_codes(fields.get("regions")),
        jurisdictions=_codes(fields.get("jurisdictions")),
    )


def _text(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def _codes(value: object) -> tuple[str, ...]:
    """A YAML list or a "RU, BY" string → ("RU", "BY")."""
    if isinstance(value, str):
        items: Sequence[object] = value.replace(";", ",").split(",")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return ()
    codes = []
    for item in items:
        if item is False:  # YAML 1.1 reads a bare NO (Norway) as false
            item = "NO"
        if isinstance(item, str) and item.strip():
            codes.append(item.strip().upper())
    return tuple(dict.fromkeys(codes))


# -- body -----------------------------------------------------------------------------------


class _Walker:
    def __init__(self, text: str, lines: LineIndex, body_start: int, body_line: int):
        self.text = text
        self.lines = lines
        self.body_start = body_start
        self.body_line = body_line
        self.cursor = body_start  # source offset; only moves forward
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.headline: int | None = None  # index of the first level-1 heading's block
        self.last_break: int | None = None  # file line of the last thematic break
        self.last_line = lines.position(len(text))[0]
        self.frames: list[Frame] = []  # the block quotes and list items around the current token
        self.frame_count = 0

    def walk(self, tokens: list[Token]) -> None:
        containers: list[str] = []
        tag = "p"
        for token in tokens:
            kind = token.type
            if token.map:
                self._move_to_line(token.map[0])
            if kind in _CONTAINERS:
                containers.append(_CONTAINERS[kind])
                self.frame_count += 1
                self.frames.append(Frame(self.frame_count, _CONTAINERS[kind]))
            elif kind in ("list_item_close", "blockquote_close"):
                containers.pop()
                self.frames.pop()
            elif kind == "ordered_list_open":  # as HTML's <ol>: its items are numbered (end notes)
                self.frame_count += 1
                self.frames.append(Frame(self.frame_count, "ol"))
            elif kind == "ordered_list_close":
                self.frames.pop()
            elif kind in ("heading_open", "th_open", "td_open"):
                tag = token.tag
            elif kind == "paragraph_open":
                tag = containers[-1] if containers else "p"
            elif kind == "inline":
                before = len(self.blocks)
                self._inline(token, tag)
                if tag == "h1" and self.headline is None and len(self.blocks) > before:
                    self.headline = before
            elif kind in ("fence", "code_block"):
                self._code(token)
            elif kind == "html_block":
                self._html(token)
            elif kind == "hr":
                self.last_break = self.body_line + cast("list[int]", token.map)[0] + 1

    def _move_to_line(self, body_line: int) -> None:
        offset = self.lines.offset(self.body_line + body_line + 1)
        self.cursor = max(self.cursor, offset)

    # A block is built as text parts plus anchors (offset in text, line, column).
    def _inline(self, token: Token, tag: str) -> None:
        parts: list[str] = []
        anchors: list[tuple[int, int, int]] = []
        length = 0
        line_start = True  # the next text is the first on its source line
        link: list[Any] | None = None  # [href, text parts, line, column] while inside a link
        hidden: list[_Hidden] = []  # comments inside the text, added after its block
        children = token.children or []
        # A paragraph that opens with an image is the image and its caption.
        shown = (c for c in children if c.type not in ("softbreak", "text") or c.content.strip())
        pictured = next((c.type == "image" for c in shown), False)
        for child in children:
            kind = child.type
            if kind in ("text", "code_inline"):
                found = self._find(child.content, line_start)
                anchors.extend((length + offset, line, column) for offset, line, column in found)
                if link is not None:
                    if link[2] is None and found:
                        link[2:] = self._before(found[0][1:])
                    link[1].append(child.content)
                parts.append(child.content)
                length += len(child.content)
                line_start = False
            elif kind in ("softbreak", "hardbreak"):
                parts.append("\n")
                length += 1
                newline = self.text.find("\n", self.cursor)
                self.cursor = len(self.text) if newline < 0 else newline + 1
                line_start = True
            elif kind == "link_open":
                link = [child.attrs.get("href", ""), [], None, None]
            elif kind == "link_close" and link is not None:
                self._add_link(link)
                self._skip(link[0])  # the destination follows the text: "[text](url)"
                link = None
            elif kind == "image":
                self._skip(child.attrs.get("src", ""))
            elif kind == "html_inline":
                link = self._html_inline(child.content, link, hidden)
        frames = None
        if pictured:
            self.frame_count += 1
            frames = (*self.frames, Frame(self.frame_count, "figure"))
        self._add_block("".join(parts), BODY, tag, anchors, frames)
        for comment in hidden:
            self._add_block(*comment)

    def _find(self, content: str, line_start: bool) -> list[tuple[int, int, int]]:
        """Anchors for inline text: where each run of words sits in the source line.

        Escapes, entities and emphasis marks make the rendered text differ from the source,
        so each run of plain words is looked up on its own.
        """
        source = self.text
        line_end = source.find("\n", self.cursor)
        line_end = len(source) if line_end < 0 else line_end
        anchors: list[_Anchor] = []
        for words in _WORDS.finditer(content):
            key = words[0][:40]
            found = source.find(key, self.cursor, line_end)
            if found < 0:
                continue
            start = words.start()
            if not anchors and start and source[found - start : found] == content[:start]:
                anchors.append((0, *self.lines.position(found - start)))
            anchors.append((start, *self.lines.position(found)))
            self.cursor = found + len(key)
        if line_start and (not anchors or anchors[0][0] > 0):
            # The line's first text is spelt differently in the source: use where it starts.
            line_text = source[self.cursor : line_end]
            indent = len(line_text) - len(line_text.lstrip(" \t>"))
            anchors.insert(0, (0, *self.lines.position(self.cursor + indent)))
        return anchors

    def _skip(self, url: object) -> None:
        """Move the cursor past `url` when it is on the current line (so its words are not
        mistaken for the text that follows)."""
        if not isinstance(url, str) or not url:
            return
        line_end = self.text.find("\n", self.cursor)
        found = self.text.find(url, self.cursor, len(self.text) if line_end < 0 else line_end)
        if found >= 0:
            self.cursor = found + len(url)

    def _before(self, position: tuple[int, int]) -> list[int]:
        line, column = position
        return [line, max(column - 1, 1)]  # the "[" or "<" that opens the link

    def _html_inline(self, content: str, link: list[Any] | None, hidden: list[_Hidden]) -> list[Any] | None:
        found = self.text.find(content, self.cursor)
        start = found if found >= 0 else self.cursor
        if found >= 0:
            self.cursor = found + len(content)
        for comment in _COMMENT.finditer(content):
            anchor = (0, *self.lines.position(start + comment.start(1)))
            hidden.append((comment[1], HIDDEN, "comment", [anchor]))  # trimmed when added
        for embed in _EMBED.finditer(content):
            line, column = self.lines.position(start + embed.start())
            self.links.append(Link(embed[2], "", embed[1].lower(), line, column))
        opening = _LINK_START.match(content)
        if opening and link is None:
            return [opening[1], [], *self.lines.position(start)]
        if _LINK_END.match(content) and link is not None:
            self._add_link(link)
            return None
        return link

    def _add_link(self, link: list[Any]) -> None:
        href, parts, line, column = link
        if line is None:
            line, column = self.lines.position(self.cursor)
        self.links.append(Link(href, " ".join("".join(parts).split()), "link", line, column))

    def _code(self, token: Token) -> None:
        content = token.content.rstrip("\n")
        first = self.body_line + cast("list[int]", token.map)[0] + 1 + (1 if token.type == "fence" else 0)
        anchors: list[_Anchor] = []
        offset = 0
        for number, code_line in enumerate(content.split("\n")):
            source_line = self.lines.line_text(first + number)
            column = len(source_line) - len(code_line) + 1 if source_line.endswith(code_line) else 1
            anchors.append((offset, first + number, column))
            offset += len(code_line) + 1
        self._add_block(content, BODY, "pre", anchors)

    def _html(self, token: Token) -> None:
        content = html.extract(token.content, line_offset=self.body_line + cast("list[int]", token.map)[0])
        # The HTML's elements are numbered after the Markdown's, inside the Markdown's frames.
        base, around = self.frame_count, tuple(self.frames)
        for block in content.blocks:
            zone = HIDDEN if block.zone == HIDDEN else BODY
            frames = around + tuple(f._replace(id=f.id + base) for f in block.frames)
            self._add_block(block.text, zone, block.tag, list(block.anchors), frames)
            self.frame_count = max(self.frame_count, max((f.id for f in frames), default=0))
        self.links.extend(content.links)

    def _add_block(
        self, text: str, zone: str, tag: str, anchors: list[_Anchor], frames: tuple[Frame, ...] | None = None
    ) -> None:
        if not anchors:
            anchors = [(0, *self.lines.position(self.cursor))]
        text, kept = trim_block(text, anchors)
        if frames is None:
            frames = tuple(self.frames)
        if text:
            self.blocks.append(Block(len(self.blocks), text, zone, tag, kept, frames))

    # -- result ---------------------------------------------------------------------------

    def headline_text(self) -> str | None:
        return self.blocks[self.headline].text if self.headline is not None else None

    def result(self) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
        # Text after a closing thematic break in the second half is the article's footer.
        footer_after = None
        if self.last_break is not None:
            body_lines = self.last_line - self.body_line
            if self.last_break - self.body_line > body_lines / 2:
                footer_after = self.last_break
        blocks = []
        footer = Frame(self.frame_count + 1, "footer")
        for block in self.blocks:
            zone = block.zone
            if zone == HIDDEN:
                pass
            elif block.index == self.headline:
                zone = HEADLINE
            elif footer_after is not None and block.line > footer_after:
                zone = FOOTER
                block = block._replace(frames=(footer, *block.frames))
            blocks.append(block if zone == block.zone else block._replace(zone=zone))
        return tuple(blocks), tuple(self.links)
