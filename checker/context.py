"""Who publishes, for which audience, under which laws, on which date: what rules apply to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from checker import lexicon
from checker.documents.model import Metadata


def expand_codes(codes: tuple[str, ...]) -> frozenset[str]:
    """The codes and the unions (rules/regions.yaml) they belong to: a publisher bound by German
    law is bound by EU law; an audience in France is an audience in the EU."""
    found = {c.upper() for c in codes}
    for union, members in lexicon.unions().items():
        if found & members:
            found.add(union)
    return frozenset(found)


@dataclass(frozen=True)
class Context:
    as_of: date
    publisher: str | None = None
    regions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    lang: str | None = None
    # Publishers declared not designated: naming one of them is not an unknown-publisher error.
    house_names: tuple[str, ...] = ()
    # What the configuration file says: used where neither the command line nor the article does.
    configured: Context | None = None

    # Every rule asks for these, for every document: expanded once per context.
    @cached_property
    def region_set(self) -> frozenset[str]:
        return expand_codes(self.regions)

    @cached_property
    def jurisdiction_set(self) -> frozenset[str]:
        return expand_codes(self.jurisdictions)

    def stated_publisher(self, metadata: Metadata) -> str | None:
        """The publisher someone wrote down (command line, front matter, configuration), not
        one a page implies (og:site_name): only a stated name must resolve to a list entry."""
        config = self.configured or Context(self.as_of)
        return self.publisher or metadata.publisher or config.publisher

    def for_document(self, metadata: Metadata) -> Context:
        """The context one article is checked in. Precedence, first found wins: the command line,
        the article's front matter, the configuration file, then page metadata (og:site_name,
        JSON-LD publisher, <html lang>): what people state beats what pages imply."""
        config = self.configured or Context(self.as_of)
        return replace(
            self,
            publisher=self.publisher or metadata.publisher or config.publisher or metadata.site_name,
            regions=self.regions or metadata.regions or config.regions,
            jurisdictions=self.jurisdictions or metadata.jurisdictions or config.jurisdictions,
            lang=self.lang or metadata.lang,
            configured=None,
        )
