"""Load and validate the reference data in ``data/`` (see ``data/README.md`` for the format).

Every file is JSON Lines, one record per line. Countries key on ISO 3166-1 alpha-2; the alpha-3
code and the official name come from pycountry at load time. Any missing or malformed file,
line or field raises :class:`~cagraph.errors.ReferenceDataError` naming file, line and field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from unidecode import unidecode

from cagraph.errors import ReferenceDataError
from cagraph.refdata.model import (
    Country,
    Leader,
    Organization,
    Place,
    ReferenceData,
    RegionalFormat,
    Term,
    Title,
)
from cagraph.settings import get_settings

FILES = {
    "countries": "countries.jsonl",
    "organizations": "organizations.jsonl",
    "places": "places.jsonl",
    "titles": "titles.jsonl",
    "leaders": "leaders.jsonl",
    "regions": "regions.jsonl",
}
REGION_LABELS = frozenset(
    {
        "Central Asia", "South Caucasus", "East Asia", "Southeast Asia", "South Asia",
        "Middle East", "Europe", "North Africa", "Sub-Saharan Africa", "North America",
        "Central America", "Caribbean", "South America", "Oceania", "Antarctica",
    }
)  # fmt: skip
ORG_KINDS = frozenset(
    {"international", "un-system", "eu-institution", "financial", "agency", "media", "company",
     "ngo"}
)  # fmt: skip
PLACE_KINDS = frozenset({"city", "region", "venue"})
TITLE_KINDS = frozenset(
    {"head-of-state", "head-of-government", "deputy-head", "minister", "deputy-minister",
     "legislator", "diplomat", "regional", "official", "international", "academic", "business",
     "royal"}
)  # fmt: skip
EU = "EU"
HINT = "fix that line (one JSON object per line) or see data/README.md for the record format"
QID = re.compile(r"Q[1-9][0-9]*")
_ISO2 = re.compile(r"[A-Z]{2}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DROP = str.maketrans("", "", ".,'`\"")


def normalize(text: str) -> str:
    """The lookup key of a name: ASCII, case-folded, no dots/commas/apostrophes, no leading "the".

    "Türkiye" → "turkiye", "U.S." → "us", "Kassym-Jomart" → "kassym jomart", "The Hague" → "hague".
    """
    folded = unidecode(unicodedata.normalize("NFKC", text)).casefold().translate(_DROP)
    key = " ".join(folded.replace("-", " ").split())
    return key[4:] if key.startswith("the ") else key


def _iter_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for every non-blank line of a JSONL file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReferenceDataError(
            "reference data file is missing",
            source=str(path),
            hint="restore it from the repository or point CAGRAPH_DATA_DIR at a complete folder",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(
            f"cannot read reference data file: {exc}", source=str(path), hint=HINT
        ) from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ReferenceDataError(
                f"not valid JSON ({exc.msg} at column {exc.colno})",
                source=f"{path}:{number}",
                hint=HINT,
            ) from None
        if not isinstance(obj, dict):
            raise ReferenceDataError(
                f"expected a JSON object, got {type(obj).__name__}",
                source=f"{path}:{number}",
                hint=HINT,
            )
        yield number, obj


@dataclass
class _Line:
    """One record of a reference file; every accessor names the file, line and field on error."""

    obj: dict[str, Any]
    source: str  # "path:line"

    def fail(self, field: str, problem: str) -> ReferenceDataError:
        return ReferenceDataError(f"field '{field}': {problem}", source=self.source, hint=HINT)

    def only(self, allowed: frozenset[str]) -> None:
        unknown = sorted(set(self.obj) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(self, field: str) -> str:
        if field not in self.obj:
            raise self.fail(field, "missing")
        value = self.obj[field]
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {json.dumps(value)}")
        if not value.strip() or value != value.strip():
            raise self.fail(field, f"must be non-empty without outer spaces, got {value!r}")
        return value

    def opt_text(self, field: str) -> str | None:
        if self.obj.get(field) is None:
            return None
        return self.text(field)

    def texts(self, field: str) -> tuple[str, ...]:
        value = self.obj.get(field, [])
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list of strings, got {json.dumps(value)}")
        out: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                raise self.fail(field, f"expected non-empty strings, got {json.dumps(item)}")
            if item in out:
                raise self.fail(field, f"{item!r} is listed twice")
            out.append(item)
        return tuple(out)

    def flag(self, field: str, default: bool) -> bool:
        value = self.obj.get(field, default)
        if not isinstance(value, bool):
            raise self.fail(field, f"expected true or false, got {json.dumps(value)}")
        return value

    def integer(self, field: str, default: int, low: int, high: int) -> int:
        value = self.obj.get(field, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(field, f"expected an integer {low}..{high}, got {json.dumps(value)}")
        return value

    def choice(self, field: str, default: str, allowed: frozenset[str]) -> str:
        value = self.text(field) if field in self.obj else default
        if value not in allowed:
            raise self.fail(field, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def qid(self, field: str = "qid") -> str | None:
        value = self.opt_text(field)
        if value is not None and not QID.fullmatch(value):
            raise self.fail(field, f"expected a Wikidata id like 'Q232', got {value!r}")
        return value

    def day(self, field: str) -> str | None:
        """An ISO 8601 calendar date, full (2019-03-20) or reduced (2019-03, 2019)."""
        value = self.opt_text(field)
        if value is None:
            return None
        m = _DATE.fullmatch(value)
        try:
            if m is None:
                raise ValueError
            date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            raise self.fail(field, f"expected an ISO date YYYY[-MM[-DD]], got {value!r}") from None
        return value

    def objects(self, field: str) -> list[_Line]:
        value = self.obj.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(field, f"expected a list of objects, got {json.dumps(value)}")
        return [_Line(v, f"{self.source} ({field}[{i}])") for i, v in enumerate(value)]


class _Names:
    """Claims names (by normalised key) for one owner each; a second owner is an error."""

    def __init__(self) -> None:
        self.owner: dict[str, tuple[str, str]] = {}

    def claim(self, line: _Line, field: str, texts: tuple[str, ...] | list[str], who: str) -> None:
        for text in texts:
            key = normalize(text)
            if not key:
                raise line.fail(field, f"{text!r} has no letters or digits")
            prev = self.owner.setdefault(key, (who, line.source))
            if prev[0] != who:
                raise line.fail(field, f"{text!r} already names {prev[0]} at {prev[1]}")


def _records(folder: Path, kind: str) -> Iterator[_Line]:
    path = folder / FILES[kind]
    for number, obj in _iter_lines(path):
        yield _Line(obj, f"{path}:{number}")


def _countries(folder: Path) -> tuple[Country, ...]:
    fields = frozenset(
        {"iso2", "qid", "name", "official_name", "names", "demonyms", "capital",
         "capital_variants", "region", "state_level"}
    )  # fmt: skip
    names = _Names()
    out: dict[str, Country] = {}
    for line in _records(folder, "countries"):
        line.only(fields)
        iso2 = line.text("iso2")
        iso3: str | None = None
        official = line.opt_text("official_name")
        if iso2 != EU:
            pc = pycountry.countries.get(alpha_2=iso2) if _ISO2.fullmatch(iso2) else None
            if pc is None:
                raise line.fail("iso2", f"{iso2!r} is not an ISO 3166-1 alpha-2 code (or 'EU')")
            iso3 = pc.alpha_3
            if official is None:
                official = getattr(pc, "official_name", None)
                if official and official.startswith("the "):
                    official = official[4:]
        if iso2 in out:
            raise line.fail("iso2", f"{iso2} is listed twice")
        country = Country(
            iso2=iso2,
            iso3=iso3,
            qid=line.qid(),
            name=line.text("name"),
            official_name=official,
            names=line.texts("names"),
            demonyms=line.texts("demonyms"),
            capital=line.opt_text("capital"),
            capital_variants=line.texts("capital_variants"),
            region=line.choice("region", "", REGION_LABELS),
            state_level=line.flag("state_level", True),
        )
        codes = [iso2, iso3] if iso3 else [iso2]
        names.claim(line, "iso2", codes, iso2)
        names.claim(line, "name", [country.name], iso2)
        names.claim(line, "official_name", [official] if official else [], iso2)
        names.claim(line, "names", country.names, iso2)
        names.claim(line, "demonyms", country.demonyms, iso2)
        out[iso2] = country
    missing = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in out)
    if missing:
        raise ReferenceDataError(
            f"ISO 3166-1 countries missing: {', '.join(missing)}",
            source=str(folder / FILES["countries"]),
            hint="add one line per missing alpha-2 code",
        )
    return tuple(out.values())


def _organizations(folder: Path, isos: frozenset[str]) -> tuple[Organization, ...]:
    fields = frozenset({"id", "name", "acronyms", "aliases", "qid", "kind", "country", "members"})
    names = _Names()
    out: dict[str, Organization] = {}
    for line in _records(folder, "organizations"):
        line.only(fields)
        org_id = line.text("id")
        if not _SLUG.fullmatch(org_id):
            raise line.fail("id", f"expected a lower-case slug like 'sco', got {org_id!r}")
        if org_id in out:
            raise line.fail("id", f"{org_id!r} is listed twice")
        org = Organization(
            id=org_id,
            name=line.text("name"),
            acronyms=line.texts("acronyms"),
            aliases=line.texts("aliases"),
            qid=line.qid(),
            kind=line.choice("kind", "international", ORG_KINDS),
            country=_code(line, "country", line.opt_text("country"), isos),
            members=tuple(_code(line, "members", m, isos) or m for m in line.texts("members")),
        )
        names.claim(line, "name", [org.name], org_id)
        names.claim(line, "acronyms", org.acronyms, org_id)
        names.claim(line, "aliases", org.aliases, org_id)
        out[org_id] = org
    return tuple(out.values())


def _code(line: _Line, field: str, value: str | None, isos: frozenset[str]) -> str | None:
    if value is not None and value not in isos:
        raise line.fail(field, f"{value!r} is not a country code in countries.jsonl")
    return value


def _places(folder: Path, isos: frozenset[str]) -> tuple[Place, ...]:
    fields = frozenset({"name", "variants", "country", "kind", "qid"})
    seen: dict[tuple[str, str | None], str] = {}
    out: list[Place] = []
    for line in _records(folder, "places"):
        line.only(fields)
        place = Place(
            name=line.text("name"),
            variants=line.texts("variants"),
            country=_code(line, "country", line.opt_text("country"), isos),
            kind=line.choice("kind", "city", PLACE_KINDS),
            qid=line.qid(),
        )
        key = (normalize(place.name), place.country)
        if key in seen:
            raise line.fail("name", f"{place.name!r} in {place.country} is also at {seen[key]}")
        seen[key] = line.source
        out.append(place)
    return tuple(out)


def _titles(folder: Path) -> tuple[Title, ...]:
    fields = frozenset({"title", "variants", "kind", "rank"})
    names = _Names()
    out: list[Title] = []
    for line in _records(folder, "titles"):
        line.only(fields)
        title = Title(
            title=line.text("title"),
            variants=line.texts("variants"),
            kind=line.choice("kind", "official", TITLE_KINDS),
            rank=line.integer("rank", 0, 0, 100),
        )
        names.claim(line, "title", [title.title], title.title)
        names.claim(line, "variants", title.variants, title.title)
        out.append(title)
    return tuple(out)


def _leaders(
    folder: Path, isos: frozenset[str], offices: frozenset[str], orgs: frozenset[str]
) -> tuple[Leader, ...]:
    fields = frozenset({"name", "variants", "surnames", "terms", "qid"})
    term_fields = frozenset({"office", "country", "start", "end", "organization"})
    names = _Names()
    out: list[Leader] = []
    for line in _records(folder, "leaders"):
        line.only(fields)
        terms: list[Term] = []
        for sub in line.objects("terms"):
            sub.only(term_fields)
            office = sub.text("office")
            if office not in offices:
                raise sub.fail("office", f"{office!r} is not a canonical title in titles.jsonl")
            org = sub.opt_text("organization")
            if org is not None and org not in orgs:
                raise sub.fail("organization", f"{org!r} is not an id in organizations.jsonl")
            country = sub.obj.get("country")
            if not (country == "" and org is not None):
                country = _code(sub, "country", sub.text("country"), isos)
            start, end = sub.day("start"), sub.day("end")
            if start and end and end < start:
                raise sub.fail("end", f"{end} is before start {start}")
            terms.append(Term(office, str(country), start, end, org))
        leader = Leader(
            name=line.text("name"),
            variants=line.texts("variants"),
            surnames=line.texts("surnames"),
            terms=tuple(terms),
            qid=line.qid(),
        )
        names.claim(line, "name", [leader.name], leader.name)
        names.claim(line, "variants", leader.variants, leader.name)
        out.append(leader)
    return tuple(out)


def _regions(folder: Path, isos: frozenset[str]) -> tuple[RegionalFormat, ...]:
    fields = frozenset({"name", "variants", "members"})
    names = _Names()
    out: list[RegionalFormat] = []
    for line in _records(folder, "regions"):
        line.only(fields)
        members = line.texts("members")
        if len(members) < 2:
            raise line.fail("members", "a regional format needs at least two members")
        region = RegionalFormat(
            name=line.text("name"),
            variants=line.texts("variants"),
            members=tuple(_code(line, "members", m, isos) or m for m in members),
        )
        names.claim(line, "name", [region.name], region.name)
        names.claim(line, "variants", region.variants, region.name)
        out.append(region)
    return tuple(out)


def read_reference(folder: Path) -> ReferenceData:
    """Read and validate every reference file in ``folder`` (uncached)."""
    if not folder.is_dir():
        raise ReferenceDataError(
            "reference data folder does not exist",
            source=str(folder),
            hint="set CAGRAPH_DATA_DIR to the folder that holds countries.jsonl and the rest",
        )
    countries = _countries(folder)
    isos = frozenset(c.iso2 for c in countries)
    organizations = _organizations(folder, isos)
    titles = _titles(folder)
    leaders = _leaders(
        folder,
        isos,
        frozenset(t.title for t in titles),
        frozenset(o.id for o in organizations),
    )
    return ReferenceData(
        countries=countries,
        organizations=organizations,
        places=_places(folder, isos),
        titles=titles,
        leaders=leaders,
        regions=_regions(folder, isos),
    )


@lru_cache(maxsize=8)
def _cached(folder: Path) -> ReferenceData:
    return read_reference(folder)


def load_reference(data_dir: Path | None = None) -> ReferenceData:
    """The reference data of ``data_dir`` (default: settings ``data_dir``), cached per folder."""
    folder = Path(data_dir) if data_dir is not None else get_settings().data_dir
    return _cached(folder.resolve())


def clear_cache() -> None:
    """Forget every loaded folder (the next load reads the files again)."""
    _cached.cache_clear()
