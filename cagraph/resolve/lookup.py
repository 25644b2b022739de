"""Lookup tables over reference data, keyed by folded or transliteration-folded names."""

from __future__ import annotations

from collections import defaultdict

from cagraph.refdata.model import (
    Country,
    Leader,
    Organization,
    Place,
    ReferenceData,
    RegionalFormat,
    Title,
)
from cagraph.resolve.text import fold, phonetic


def _strip_the(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


class ReferenceIndex:
    """Every name form of the reference data, folded, pointing at its record."""

    def __init__(self, ref: ReferenceData):
        self.countries: dict[str, Country] = {c.iso2: c for c in ref.countries}
        self.country_by_name: dict[str, str] = {}
        self.country_surface: dict[str, str] = {}  # surface form (any case) -> ISO, for patterns
        for c in ref.countries:
            forms = (c.name, c.official_name or "", *c.names)
            for form in (*forms, *c.demonyms):
                if fold(form):
                    self.country_surface.setdefault(form, c.iso2)
            for form in forms:
                self.country_by_name.setdefault(_strip_the(fold(form)), c.iso2)
            for form in c.demonyms:
                self.country_by_name.setdefault(fold(form), c.iso2)

        self.org_by_name: dict[str, Organization] = {}
        self.org_by_acronym: dict[str, Organization] = {}
        for o in ref.organizations:
            for form in (o.name, *o.aliases):
                self.org_by_name.setdefault(_strip_the(fold(form)), o)
            for acronym in o.acronyms:
                self.org_by_acronym.setdefault(acronym.strip(), o)

        self.leader_by_name: dict[str, Leader] = {}
        by_surname: dict[str, list[Leader]] = defaultdict(list)
        for leader in ref.leaders:
            for form in (leader.name, *leader.variants):
                self.leader_by_name.setdefault(phonetic(form), leader)
            for surname in {phonetic(s) for s in leader.surnames}:
                by_surname[surname].append(leader)
        # A surname alone names a leader only when no other leader bears it.
        self.leader_by_surname = {s: ls[0] for s, ls in by_surname.items() if len(ls) == 1}

        self.place_by_name: dict[str, Place] = {}
        for p in ref.places:
            for form in (p.name, *p.variants):
                self.place_by_name.setdefault(phonetic(form), p)
        for c in ref.countries:
            if c.capital:
                capital = Place(c.capital, c.capital_variants, c.iso2, "city")
                for form in (c.capital, *c.capital_variants):
                    self.place_by_name.setdefault(phonetic(form), capital)

        self.title_by_name: dict[str, Title] = {}
        for t in ref.titles:
            for form in (t.title, *t.variants):
                self.title_by_name.setdefault(fold(form), t)

        self.region_by_name: dict[str, RegionalFormat] = {}
        for r in ref.regions:
            for form in (r.name, *r.variants):
                self.region_by_name.setdefault(_strip_the(fold(form)), r)

    def country_code(self, name: str) -> str | None:
        return self.country_by_name.get(_strip_the(fold(name)))

    def organization(self, name: str) -> Organization | None:
        return self.org_by_acronym.get(name.strip()) or self.org_by_name.get(_strip_the(fold(name)))

    def leader(self, name: str) -> Leader | None:
        key = phonetic(name)
        found = self.leader_by_name.get(key)
        if found is not None or not key:
            return found
        words = key.split()
        by_surname = self.leader_by_surname.get(words[-1])
        if by_surname is None:
            return None
        if len(words) == 1:
            return by_surname
        # "K. Tokayev", "Kassym Tokayev": a known surname with a matching first initial.
        return by_surname if phonetic(by_surname.name)[:1] == words[0][:1] else None

    def place(self, name: str) -> Place | None:
        return self.place_by_name.get(phonetic(name))

    def title(self, name: str) -> Title | None:
        return self.title_by_name.get(fold(name))

    def region(self, name: str) -> RegionalFormat | None:
        return self.region_by_name.get(_strip_the(fold(name)))
