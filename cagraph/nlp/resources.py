"""Reference data and lexicon loaded once per process and shared by the components."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cagraph.nlp.lexicon import Lexicon, load_lexicon
from cagraph.refdata import load_reference
from cagraph.refdata.model import Country, Organization, ReferenceData, RegionalFormat
from cagraph.settings import get_settings


@dataclass(frozen=True)
class Resources:
    ref: ReferenceData
    lex: Lexicon
    org_by_id: dict[str, Organization]
    country_by_iso: dict[str, Country]
    state_level: frozenset[str]  # ISO codes of state-level actors (sovereign states, EU)
    central_asia: RegionalFormat | None

    def country_name(self, iso: str) -> str:
        c = self.country_by_iso.get(iso)
        return c.name if c else iso


@lru_cache(maxsize=4)
def get_resources(data_dir: Path | None = None) -> Resources:
    folder = data_dir or get_settings().data_dir
    ref = load_reference(folder)
    lex = load_lexicon(folder / "lexicon")
    ca = next((r for r in ref.regions if r.name == "Central Asia"), None)
    return Resources(
        ref=ref,
        lex=lex,
        org_by_id={o.id: o for o in ref.organizations},
        country_by_iso={c.iso2: c for c in ref.countries},
        state_level=frozenset(c.iso2 for c in ref.countries if c.state_level),
        central_asia=ca,
    )
