"""Typed reference data: countries, organisations, places, titles, leaders, regional formats.

The files behind these records live in ``data/`` (facts only, sources in ``data/README.md``);
:mod:`cagraph.refdata.load` reads and validates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    """A country, territory, or the European Union as a state-level actor."""

    iso2: str  # "KZ"; "EU" for the European Union
    iso3: str | None  # from pycountry; None for the EU
    qid: str | None  # Wikidata QID, "Q232"
    name: str  # common short name as news writes it: "Kazakhstan", "South Korea"
    official_name: str | None  # "Republic of Kazakhstan"
    names: tuple[str, ...]  # every other name form: "Kazakstan", "Korea", "Republic of Korea"…
    demonyms: tuple[str, ...]  # adjectives and demonyms: "Kazakh", "Kazakhstani", "Kazakhs"…
    capital: str | None  # "Astana"
    capital_variants: tuple[str, ...] = ()  # "Nur-Sultan", "Akmola"
    region: str = ""  # "Central Asia", "Europe", "East Asia", …
    state_level: bool = True  # sovereign state or the EU; False for dependent territories


@dataclass(frozen=True)
class Organization:
    """An organisation known in advance (international bodies, EU institutions, agencies…)."""

    id: str  # slug, stable: "sco", "european-commission"
    name: str  # "Shanghai Cooperation Organisation"
    acronyms: tuple[str, ...] = ()  # "SCO"
    aliases: tuple[str, ...] = ()  # "Shanghai Cooperation Organization"
    qid: str | None = None
    kind: str = "international"  # international | eu-institution | financial | agency | company…
    country: str | None = None  # ISO code for national bodies and companies
    members: tuple[str, ...] = ()  # ISO codes of member states where that is a fixed fact


@dataclass(frozen=True)
class Place:
    """A city, region or venue."""

    name: str
    variants: tuple[str, ...] = ()  # "Samarqand"
    country: str | None = None  # ISO code
    kind: str = "city"  # city | region | venue
    qid: str | None = None


@dataclass(frozen=True)
class Title:
    """An office or title that introduces a person ("President", "Foreign Minister")."""

    title: str  # canonical: "Minister of Foreign Affairs"
    variants: tuple[str, ...] = ()  # "Foreign Minister", "FM"
    kind: str = "official"  # head-of-state | head-of-government | minister | diplomat | academic…
    rank: int = 0  # higher = more senior, used to pick the main office


@dataclass(frozen=True)
class Term:
    """One office held. Dates are ISO 8601, full or reduced ("2019-03-20", "2013-11", "2004").

    ``country`` is the ISO code (or "EU"); it is "" for an office in an organisation that is
    no state-level actor (UN Secretary-General), which ``organization`` then names.
    """

    office: str  # canonical title: "President"
    country: str  # ISO code
    start: str | None  # ISO date
    end: str | None  # ISO date, None while in office
    organization: str | None = None  # organisation id for offices held in one ("un")


@dataclass(frozen=True)
class Leader:
    """A head of state, head of government or foreign minister, with name variants."""

    name: str  # "Kassym-Jomart Tokayev"
    variants: tuple[str, ...]  # "Kassym-Jomart Tokaev", "Qasym-Zhomart Toqaev", …
    surnames: tuple[str, ...]  # "Tokayev", "Tokaev", "Toqaev"
    terms: tuple[Term, ...] = ()
    qid: str | None = None


@dataclass(frozen=True)
class RegionalFormat:
    """A group of states named as one side: "Central Asia", "C5", "EU member states"…"""

    name: str  # "Central Asia"
    variants: tuple[str, ...]  # "C5", "Central Asian states", "Central Asian countries"
    members: tuple[str, ...]  # ISO codes


@dataclass(frozen=True)
class ReferenceData:
    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    places: tuple[Place, ...]
    titles: tuple[Title, ...]
    leaders: tuple[Leader, ...]
    regions: tuple[RegionalFormat, ...]
    _by_iso: dict[str, Country] = field(default_factory=dict, repr=False, compare=False)

    def country(self, iso2: str) -> Country:
        """The country with that alpha-2 code (KeyError if unknown)."""
        if not self._by_iso:
            self._by_iso.update({c.iso2: c for c in self.countries})
        return self._by_iso[iso2]
