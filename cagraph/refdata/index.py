"""Case- and accent-insensitive lookups over the reference data.

Keys are :func:`~cagraph.refdata.load.normalize`d, so "KAZ", "kz", "Kazakhstan", "Kazakh" and
"Kazakstan" all find Kazakhstan, and "Erdogan" finds "Erdoğan". Names that the world shares
(surnames, city names) return every match; countries, organisations, titles and regional formats
are unique by construction (the loader refuses duplicates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pycountry

from cagraph.refdata.load import load_reference, normalize
from cagraph.refdata.model import (
    Country,
    Leader,
    Organization,
    Place,
    ReferenceData,
    RegionalFormat,
    Title,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ReferenceIndex:
    """Lookup tables built once from a :class:`ReferenceData`."""

    data: ReferenceData
    countries: Mapping[str, Country]
    organizations: Mapping[str, Organization]
    titles: Mapping[str, Title]
    regions: Mapping[str, RegionalFormat]
    leaders: Mapping[str, tuple[Leader, ...]]
    places: Mapping[str, tuple[Place, ...]]

    def country(self, text: str) -> Country | None:
        """By ISO2, ISO3, any name, official name, ISO/pycountry name or demonym."""
        return self.countries.get(normalize(text))

    def organization(self, text: str) -> Organization | None:
        """By name, acronym, alias or id."""
        return self.organizations.get(normalize(text))

    def title(self, text: str) -> Title | None:
        return self.titles.get(normalize(text))

    def region(self, text: str) -> RegionalFormat | None:
        return self.regions.get(normalize(text))

    def leader(self, text: str) -> tuple[Leader, ...]:
        """Every leader with that full name, variant or surname ("Aliyev" → Heydar and Ilham)."""
        return self.leaders.get(normalize(text), ())

    def place(self, text: str) -> tuple[Place, ...]:
        """Places and capitals with that name or variant; capitals of sovereign states first."""
        return self.places.get(normalize(text), ())


def _unique(pairs: Iterable[tuple[str, T]]) -> dict[str, T]:
    table: dict[str, T] = {}
    for text, value in pairs:
        table.setdefault(normalize(text), value)
    return table


def _multi(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    table: dict[str, list[T]] = {}
    for text, value in pairs:
        bucket = table.setdefault(normalize(text), [])
        if value not in bucket:
            bucket.append(value)
    return {k: tuple(v) for k, v in table.items()}


def capital_places(data: ReferenceData) -> tuple[Place, ...]:
    """Each country's capital as a :class:`Place` (kind "city"); sovereign states first."""
    ordered = sorted(data.countries, key=lambda c: not c.state_level)
    return tuple(
        Place(name=c.capital, variants=c.capital_variants, country=c.iso2, kind="city")
        for c in ordered
        if c.capital
    )


def build_index(data: ReferenceData) -> ReferenceIndex:
    """Build every lookup table (a few milliseconds)."""
    country_pairs: list[tuple[str, Country]] = []
    for c in data.countries:
        forms = [c.iso2, c.iso3, c.name, c.official_name, *c.names, *c.demonyms]
        country_pairs += [(f, c) for f in forms if f]
    by_iso = {c.iso2: c for c in data.countries}
    for pc in pycountry.countries:  # ISO's own spellings, only where no name claims them
        for attr in ("name", "common_name", "official_name"):
            form = getattr(pc, attr, None)
            if form and pc.alpha_2 in by_iso:
                country_pairs.append((form, by_iso[pc.alpha_2]))
    org_pairs = [
        (f, o) for o in data.organizations for f in (o.name, o.id, *o.acronyms, *o.aliases)
    ]
    leader_pairs = [
        (f, p) for p in data.leaders for f in (p.name, *p.variants, *p.surnames)
    ]  # fmt: skip
    place_pairs = [
        (f, p) for p in (*capital_places(data), *data.places) for f in (p.name, *p.variants)
    ]
    return ReferenceIndex(
        data=data,
        countries=_unique(country_pairs),
        organizations=_unique(org_pairs),
        titles=_unique((f, t) for t in data.titles for f in (t.title, *t.variants)),
        regions=_unique((f, r) for r in data.regions for f in (r.name, *r.variants)),
        leaders=_multi(leader_pairs),
        places=_multi(place_pairs),
    )


_INDEXES: dict[int, ReferenceIndex] = {}


def get_index(data_dir: Path | None = None) -> ReferenceIndex:
    """The index of ``load_reference(data_dir)``, built once per loaded data set."""
    data = load_reference(data_dir)
    index = _INDEXES.get(id(data))
    if index is None or index.data is not data:
        index = _INDEXES[id(data)] = build_index(data)
    return index


def lookup_country(text: str, data_dir: Path | None = None) -> Country | None:
    """``lookup_country("KAZ")``, ``("kz")``, ``("Kazakhstan")``, ``("Kazakh")`` → Kazakhstan."""
    return get_index(data_dir).country(text)


def lookup_organization(text: str, data_dir: Path | None = None) -> Organization | None:
    return get_index(data_dir).organization(text)


def lookup_leader(text: str, data_dir: Path | None = None) -> tuple[Leader, ...]:
    return get_index(data_dir).leader(text)


def lookup_place(text: str, data_dir: Path | None = None) -> tuple[Place, ...]:
    return get_index(data_dir).place(text)


def lookup_title(text: str, data_dir: Path | None = None) -> Title | None:
    return get_index(data_dir).title(text)


def lookup_region(text: str, data_dir: Path | None = None) -> RegionalFormat | None:
    return get_index(data_dir).region(text)
