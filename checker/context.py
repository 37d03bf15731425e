"""Who publishes, for which audience, under which laws, on which date: what rules apply to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .documents.model import Metadata

# Member states: a publisher bound by German law is bound by EU law; an audience in France is
# an audience in the EU.
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)


def expand_codes(codes: tuple[str, ...]) -> frozenset[str]:
    found = {c.upper() for c in codes}
    if found & EU_MEMBERS:
        found.add("EU")
    return frozenset(found)


@dataclass(frozen=True)
class Context:
    as_of: date
    publisher: str | None = None
    regions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    lang: str | None = None

    @property
    def region_set(self) -> frozenset[str]:
        return expand_codes(self.regions)

    @property
    def jurisdiction_set(self) -> frozenset[str]:
        return expand_codes(self.jurisdictions)

    def for_document(self, metadata: Metadata) -> Context:
        """Fill what the command line left open from front matter, then from page metadata."""
        return replace(
            self,
            publisher=self.publisher or metadata.publisher or metadata.site_name,
            regions=self.regions or metadata.regions,
            jurisdictions=self.jurisdictions or metadata.jurisdictions,
            lang=self.lang or metadata.lang,
        )
