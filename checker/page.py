"""A document prepared for the checks: normalised blocks, names found, the context it is read in."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from .context import Context
from .documents.model import FOOTER, HEADLINE, OTHER, Block, Document
from .lists import Entry
from .names import NameHit, NameIndex
from .normalise import NormalText
from .report import Location


class Page:
    def __init__(self, doc: Document, ctx: Context, index: NameIndex, publisher: tuple[Entry, ...]):
        self.doc = doc
        self.ctx = ctx
        self.publisher = publisher  # entries the publisher resolved to
        self.blocks = doc.blocks
        self.texts = [NormalText(b.text) for b in doc.blocks]
        self._index = index
        self._hits: dict[int, list[NameHit]] = {}

    @property
    def as_of(self) -> date:
        return self.ctx.as_of

    def hits(self, i: int) -> list[NameHit]:
        if i not in self._hits:
            self._hits[i] = self._index.find(self.texts[i])
        return self._hits[i]

    def entries_for_host(self, host: str) -> list[Entry]:
        return self._index.entries_for_host(host)

    @cached_property
    def visible(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.visible]

    @cached_property
    def hidden(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if not b.visible]

    @cached_property
    def reading(self) -> list[int]:
        """Visible blocks of the article itself: page furniture (navigation, asides) left out."""
        return [i for i in self.visible if self.blocks[i].zone != OTHER]

    @cached_property
    def headline(self) -> int | None:
        return next((i for i in self.reading if self.blocks[i].zone == HEADLINE), None)

    def in_footer(self, i: int) -> bool:
        return self.blocks[i].zone == FOOTER

    def location(self, i: int, offset: int = 0) -> Location:
        block: Block = self.blocks[i]
        line, column = block.locate(self.texts[i].to_source(offset))
        return Location(line, column)

    def source_text(self, i: int, start: int, end: int) -> str:
        text = self.texts[i]
        return text.source[text.to_source(start) : text.to_source(end - 1) + 1]
