"""A self-contained HTML report for editors and lawyers: each article's visible text with every
result highlighted where it is, and beside it the list of results (click one to go to the
place) with the law for each.

Everything taken from an article is escaped; the page carries a Content-Security-Policy that
lets only its own script run (by hash), so even markup that escaped escaping could not execute.
No network: styles and script are inline, law links open only when clicked.

The text comes from the loaded documents, given in `RunInfo.documents` by report path; without
them the report still lists the results.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import re
from dataclasses import dataclass
from html import escape

from checker.documents import Block, Document
from checker.formats.common import STATUS_ORDER, RunInfo, counts, status_rank, suppression_note
from checker.report import DocumentReport, Report, Result, Status

_STATUS_LABEL = {
    Status.PRESENT: "present",
    Status.MISSING: "missing",
    Status.MALFORMED: "malformed",
    Status.FLAGGED: "flagged",
    Status.REVIEW: "for review",
    Status.SUPPRESSED: "suppressed",
}
_TOGGLED = (Status.PRESENT, Status.REVIEW, Status.SUPPRESSED)  # statuses a reader may hide
_ZONE_LABEL = {"headline": "headline", "footer": "footer", "other": "page furniture", "hidden": "hidden from readers"}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _status_class(status: str) -> str:
    return "s-" + re.sub(r"[^a-z0-9-]", "", status.lower())


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.I) else None


# --- where each result sits in the text -------------------------------------------------------


@dataclass
class Mark:
    result_id: str
    result: Result
    block: int
    start: int
    end: int  # == start: a pin (nothing to highlight: a missing notice, an attribute)


class _Positions:
    """Source (line, column) -> (block index, offset in its text), for one document. Only links
    need it: the document model records where a link's tag is, not where its text is."""

    def __init__(self, blocks: tuple[Block, ...]):
        self.blocks = blocks
        self.exact: dict[tuple[int, int], tuple[int, int]] = {}
        entries: list[tuple[int, int, int, int]] = []
        for order, block in enumerate(blocks):
            for offset in range(len(block.text) + 1):
                line, column = block.locate(offset)
                key = (line, column)
                if key not in self.exact or (not blocks[self.exact[key][0]].visible and block.visible):
                    self.exact[key] = (order, offset)
                entries.append((line, column, order, offset))
        entries.sort()
        self.sorted = entries

    def find(self, line: int, column: int) -> tuple[int, int, bool] | None:
        """(block, offset, exact): the place itself, or the last text before it."""
        if (line, column) in self.exact:
            block, offset = self.exact[(line, column)]
            return block, offset, True
        i = bisect.bisect_right(self.sorted, (line, column, 1 << 30, 1 << 30)) - 1
        if i < 0:
            return (self.sorted[0][2], self.sorted[0][3], False) if self.sorted else None
        _, _, block, offset = self.sorted[i]
        return block, offset, False


def _pattern(needle: str) -> re.Pattern[str] | None:
    words = needle.rstrip("…").split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.I)


def _span(text: str, offset: int, needle: str | None, exact: bool) -> tuple[int, int] | None:
    """Where `needle` stands in `text`: at the offset, else after it (the nearest)."""
    if not needle:
        return None
    pattern = _pattern(needle)
    if pattern is None:
        return None
    found = pattern.match(text, offset) if exact else None
    found = found or pattern.search(text, offset) or (None if exact else pattern.search(text))
    if not found:
        return None
    end = len(text) if needle.endswith("…") and found.end() < len(text) else found.end()
    return found.start(), end


def place(doc: Document, positions: _Positions | None, result: Result, result_id: str) -> Mark | None:
    """Where a result is highlighted: the span its check found, else (a link) the link's text."""
    if result.span is not None:
        return Mark(result_id, result, result.span.block, result.span.start, result.span.end)
    where = positions.find(result.location.line, result.location.column) if positions else None
    if where is None:
        return None
    block, offset, exact = where
    text = doc.blocks[block].text
    needles = [result.text]
    link = next(
        (k for k in doc.links if (k.line, k.column) == (result.location.line, result.location.column)),
        None,
    )
    if link is not None:
        needles = [link.text, result.text] if link.text else needles
    for needle in needles:
        span = _span(text, offset, needle, exact)
        if span:
            return Mark(result_id, result, block, *span)
    return Mark(result_id, result, block, offset, offset)


# --- rendering -------------------------------------------------------------------------------


def _block_html(block: Block, marks: list[Mark]) -> str:
    text = block.text
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)
    pins: dict[int, list[Mark]] = {}
    anchors: dict[int, list[Mark]] = {}
    for m in marks:
        (pins if m.start == m.end else anchors).setdefault(m.start, []).append(m)
    out: list[str] = []
    for a, b in zip(points, points[1:] + [None]):
        for m in anchors.get(a, ()):
            out.append(f'<span class="anchor" id="{m.result_id}" tabindex="-1"></span>')
        for m in pins.get(a, ()):
            label = _STATUS_LABEL[m.result.status]
            out.append(
                f'<span class="pin {_status_class(m.result.status)}" id="{m.result_id}" tabindex="-1" '
                f'data-r="{m.result_id}" title="{_e(m.result.rule)}">{_e(label)}: {_e(m.result.rule)}</span>'
            )
        if b is None:
            break
        piece = _e(text[a:b])
        covering = [m for m in marks if m.start <= a and b <= m.end and m.start != m.end]
        # Overlapping results nest: the widest outside, so a mention inside a notice shows both.
        covering.sort(key=lambda m: (-(m.end - m.start), status_rank(m.result.status), m.result_id))
        for m in covering:
            cls = _status_class(m.result.status)
            tip = f"{_STATUS_LABEL[m.result.status]}: {m.result.rule}"
            out.append(f'<mark class="hl {cls}" data-r="{m.result_id}" title="{_e(tip)}">')
        out.append(piece)
        out.append("</mark>" * len(covering))
    body = "".join(out).replace("\n", "<br>")
    zone = block.zone
    caption_text = "comment, not shown to readers" if block.tag == "comment" else _ZONE_LABEL.get(zone)
    caption = f'<span class="zone-label">{_e(caption_text)}</span>' if caption_text else ""
    return (
        f'<div class="block zone-{_e(zone)}"><span class="ln" title="line">{block.line}</span>'
        f'<p>{caption}{body}</p></div>'
    )


def _law_html(result: Result) -> str:
    items = []
    for c in result.law:
        url = _safe_url(c.url)
        title = _e(c.title)
        if url:
            title = f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
        note = f'<span class="note">{_e(c.note)}</span>' if c.note else ""
        items.append(f"<li>{title}{note}</li>")
    return f'<ul class="law">{"".join(items)}</ul>' if items else ""


def _item_html(result: Result, result_id: str, placed: bool) -> str:
    cls = _status_class(result.status)
    label = _STATUS_LABEL[result.status]
    where = f"line {result.location.line}, column {result.location.column}"
    head = (
        f'<span class="badge {cls}">{_e(label)}</span> <span class="sev sev-{_e(result.severity)}">'
        f'{_e(result.severity)}</span> <code class="rule">{_e(result.rule)}</code> <span class="where">{where}</span>'
    )
    goto = f'<a class="goto" href="#{result_id}" data-target="{result_id}">{head}</a>'
    if not placed:
        goto = f"<div>{head}</div>"
    parts = [f'<li class="item {cls}" data-item="{result_id}">', goto, f'<p class="msg">{_e(result.message)}</p>']
    if result.text:
        parts.append(f'<p class="found">found: <q>{_e(result.text)}</q></p>')
    if result.status is Status.SUPPRESSED:
        parts.append(f'<p class="reason">{_e(suppression_note(result))}</p>')
    parts.append(_law_html(result))
    parts.append("</li>")
    return "".join(parts)


def _document_html(number: int, doc_report: DocumentReport, document: Document | None, fail_on: str) -> str:
    ids = {id(r): f"d{number}-r{k}" for k, r in enumerate(doc_report.results)}
    marks: dict[int, list[Mark]] = {}
    placed: set[str] = set()
    if document is not None and document.blocks:
        positions = _Positions(document.blocks) if any(r.span is None for r in doc_report.results) else None
        for r in doc_report.results:
            mark = place(document, positions, r, ids[id(r)])
            if mark:
                marks.setdefault(mark.block, []).append(mark)
                placed.add(mark.result_id)
    worst = min((r.status for r in doc_report.results), key=status_rank, default="")
    state = "error" if doc_report.error else ("fail" if doc_report.fails(fail_on) else "pass")
    head = [f'<section class="doc doc-{state}" id="doc-{number}">', f"<h2><code>{_e(doc_report.path)}</code></h2>"]
    ctx = doc_report.context
    if ctx is not None:
        bits = []
        if ctx.publisher:
            bits.append(f"publisher <b>{_e(ctx.publisher)}</b>")
        if ctx.regions:
            bits.append(f"audience {_e(', '.join(ctx.regions))}")
        if ctx.jurisdictions:
            bits.append(f"laws of {_e(', '.join(ctx.jurisdictions))}")
        bits.append(f"{len(doc_report.rules_applied)} rule(s) applied")
        head.append(f'<p class="ctx">{" · ".join(bits)}</p>')
    if doc_report.error:
        head.append(f'<p class="error">Could not be checked: {_e(doc_report.error)}</p></section>')
        return "".join(head)
    if document is None:
        article = '<p class="na">The text of this document is not available in this report.</p>'
    elif not document.blocks:
        article = '<p class="na">This document has no text.</p>'
    else:
        article = "".join(_block_html(b, marks.get(i, [])) for i, b in enumerate(document.blocks))
    if doc_report.results:
        ordered = sorted(doc_report.results, key=lambda r: (r.location.line, r.location.column))
        items = "".join(_item_html(r, ids[id(r)], ids[id(r)] in placed) for r in ordered)
        side = f'<ol class="results">{items}</ol>'
    elif doc_report.rules_applied:
        side = '<p class="na">Nothing found.</p>'
    else:
        side = '<p class="na">No rule applies: give a publisher, regions and jurisdictions.</p>'
    head.append(
        f'<div class="cols"><article class="text" data-worst="{_e(worst)}">{article}</article>'
        f'<aside class="side"><h3>Results</h3>{side}</aside></div></section>'
    )
    return "".join(head)


_CSS = """
:root{--present:#1b7f3b;--present-bg:#d5f2dc;--missing:#c62828;--missing-bg:#fde0e0;--malformed:#a35a00;
--malformed-bg:#ffeec2;--flagged:#8e24aa;--flagged-bg:#f3dcf7;--review:#1559b0;--review-bg:#dbe8ff;
--suppressed:#6b6b6b;--suppressed-bg:#ececec;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}body{margin:0;background:#f6f6f4;color:#1d1d1f;line-height:1.5}
header.top{background:#1f2933;color:#fff;padding:14px 24px}header.top h1{margin:0 0 4px;font-size:20px}
header.top .meta{opacity:.85;font-size:13px}.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.chip{border-radius:12px;padding:2px 10px;font-size:13px;background:#fff;color:#1d1d1f}
.chip input{vertical-align:-2px;margin:0 4px 0 0}
.warn{background:#fff7d6;border-left:4px solid #d49b00;margin:0;padding:6px 24px;font-size:13px}
.warn summary{cursor:pointer}.warn ul{margin:4px 0;padding-left:20px}
nav.docs{padding:8px 24px;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 14px}
.nav-fail::before{content:"\\2716  ";color:var(--missing)}.nav-pass::before{content:"\\2714  ";color:var(--present)}
.nav-error::before{content:"\\26D4  "}
section.doc{background:#fff;margin:16px 24px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:12px 18px}
section.doc h2{font-size:16px;margin:4px 0}.doc-fail h2::before{content:"\\2716  ";color:var(--missing)}
.doc-pass h2::before{content:"\\2714  ";color:var(--present)}.doc-error h2::before{content:"\\26D4  "}
.ctx{color:#555;font-size:13px;margin:0 0 8px}.error{color:var(--missing)}.na{color:#777;font-style:italic}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:18px;align-items:start}
article.text{font-family:Georgia,"Times New Roman",serif;font-size:16px}
.block{display:flex;gap:10px;margin:0 0 10px}.block p{margin:0;flex:1}
.ln{color:#999;font:12px/1.9 ui-monospace,monospace;min-width:32px;text-align:right;user-select:none}
.zone-headline p{font-size:21px;font-weight:600}.zone-other p{color:#666;font-size:14px}
.zone-footer p{font-size:14px;border-top:1px solid #ddd;padding-top:4px}
.zone-hidden p{color:#777;border:1px dashed #aaa;padding:4px 6px;
background:repeating-linear-gradient(45deg,#fafafa,#fafafa 6px,#f0f0f0 6px,#f0f0f0 12px)}
.zone-label{font:11px system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;color:#777;margin-right:6px}
mark.hl{border-radius:3px;padding:0 1px;color:inherit;cursor:pointer;border-bottom:2px solid}
.s-present{--c:var(--present);--bg:var(--present-bg)}.s-missing{--c:var(--missing);--bg:var(--missing-bg)}
.s-malformed{--c:var(--malformed);--bg:var(--malformed-bg)}.s-flagged{--c:var(--flagged);--bg:var(--flagged-bg)}
.s-review{--c:var(--review);--bg:var(--review-bg)}.s-suppressed{--c:var(--suppressed);--bg:var(--suppressed-bg)}
mark.hl,.pin{background:var(--bg,#eee);border-color:var(--c,#888)}
.pin{display:inline-block;font:600 11px/1.6 system-ui,sans-serif;color:var(--c);border:1px solid;border-radius:3px;
padding:0 5px;margin:0 4px;cursor:pointer}
.current{outline:3px solid #111;outline-offset:1px;animation:pulse 1s ease-out 2}
@keyframes pulse{0%{box-shadow:0 0 0 0 rgba(0,0,0,.45)}100%{box-shadow:0 0 0 10px rgba(0,0,0,0)}}
aside.side{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;font-size:14px}
aside.side h3{margin:0 0 6px;font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:#555}
ol.results{list-style:none;margin:0;padding:0}.item{border-left:4px solid var(--c);background:#fafafa;margin:0 0 8px;
padding:6px 8px;border-radius:0 6px 6px 0}.item.selected{background:var(--bg)}
a.goto{color:inherit;text-decoration:none;display:block}a.goto:hover .rule{text-decoration:underline}
.badge{background:var(--c);color:#fff;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600}
.sev{font-size:12px;color:#555}.sev-error{color:var(--missing);font-weight:600}.where{font-size:12px;color:#777}
.rule{font-size:12px}.msg{margin:4px 0}.found{margin:2px 0;color:#444;font-size:13px}.reason{margin:2px 0;color:#555}
ul.law{margin:4px 0 0;padding-left:18px;font-size:12px}ul.law .note{display:block;color:#666}
body.hide-present .item.s-present{display:none}
body.hide-present mark.hl.s-present{background:none;border-color:transparent}
body.hide-review .item.s-review{display:none}body.hide-suppressed .item.s-suppressed{display:none}
@media (max-width:800px){.cols{grid-template-columns:1fr}aside.side{position:static;max-height:none}}
"""

_JS = """
(function () {
  "use strict";
  function clear() {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    document.querySelectorAll(".item.selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function go(id, fromText) {
    var target = document.getElementById(id);
    if (!target) { return; }
    clear();
    document.querySelectorAll("[data-r]").forEach(function (el) {
      if (el.getAttribute("data-r").split(" ").indexOf(id) >= 0) { el.classList.add("current"); }
    });
    var item = document.querySelector('[data-item="' + id + '"]');
    if (item) { item.classList.add("selected"); }
    if (fromText && item) {
      item.scrollIntoView({block: "nearest"});
    } else {
      target.scrollIntoView({block: "center"});
      target.focus({preventScroll: true});
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.goto");
    if (link) {
      event.preventDefault();
      go(link.getAttribute("data-target"), false);
      return;
    }
    var mark = event.target.closest("[data-r]");
    if (mark) { go(mark.getAttribute("data-r").split(" ")[0], true); }
  });
  document.querySelectorAll("input[data-hide]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-hide"), !box.checked);
    });
  });
})();
"""


def _script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _language(report: Report) -> str:
    """The documents' language when they share one (a Russian article's report is lang="ru"),
    else English, the language of the report's own words."""
    langs = {d.context.lang for d in report.documents if d.context and d.context.lang}
    return langs.pop() if len(langs) == 1 else "en"


def script_hash() -> str:
    """The CSP source of the report's one script (a page that frames the report allows it too)."""
    return f"'{_script_hash(_JS)}'"


def content_security_policy() -> str:
    """What the report lets run: its own script, by hash; its inline styles; nothing fetched."""
    return (
        f"default-src 'none'; script-src {script_hash()}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    info = info or RunInfo()
    c = counts(report)
    csp = content_security_policy()
    title = f"checker report: {c['documents']} document(s)"
    meta = f"as of {report.as_of.isoformat()} · fails on {_e(info.fail_on)} and above"
    if info.seconds is not None:
        meta += f" · {info.seconds:.2f} s"
    chips = [f'<span class="chip">{c["documents"]} document(s)</span>']
    for status in STATUS_ORDER:
        n = c.get(status, 0)
        box = f'<input type="checkbox" checked data-hide="{status}" aria-label="show {status}">' if status in (
            _TOGGLED) else ""
        chips.append(f'<label class="chip {_status_class(status)}">{box}<span class="badge {_status_class(status)}">'
                     f"{n}</span> {_STATUS_LABEL[status]}</label>")
    if c["errors"]:
        chips.append(f'<span class="chip">{c["errors"]} error(s)</span>')
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(_language(report))}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f'<header class="top"><h1>{_e(title)}</h1><div class="meta">{meta}</div>'
        f'<div class="chips">{"".join(chips)}</div></header>',
    ]
    warnings = [*report.warnings, *(f"{d.path}: {w}" for d in report.documents for w in d.warnings)]
    if warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
        parts.append(
            f'<details class="warn"><summary>{len(warnings)} warning(s) about this run: '
            f"{_e(warnings[0][:90])}{'…' if len(warnings[0]) > 90 else ''}</summary>"
            f"<ul>{items}</ul></details>"
        )
    if len(report.documents) > 1:
        links = []
        for i, d in enumerate(report.documents):
            state = "error" if d.error else ("fail" if d.fails(info.fail_on) else "pass")
            links.append(f'<a class="nav-{state}" href="#doc-{i}">{_e(d.path)}</a>')
        parts.append(f'<nav class="docs">{"".join(links)}</nav>')
    for i, doc in enumerate(report.documents):
        parts.append(_document_html(i, doc, info.documents.get(doc.path), info.fail_on))
    parts.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(parts) + "\n"
