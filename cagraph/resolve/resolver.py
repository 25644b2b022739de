"""One key for one thing, however articles name it.

Keys are computed from the name alone (plus reference data), never from what earlier articles
said, so the same name gets the same key in any build order and on every rebuild:

- countries: their ISO code, from the code, a name, an official name or a demonym;
- persons: a known leader's canonical name, else the transliteration-folded name
  (Tokayev / Tokaev / Toqaev fold alike);
- organisations: a known organisation's id, else the country-free core of the name plus the
  country it names ('Uzbek Energy Ministry' = 'Ministry of Energy of Uzbekistan');
- places: a known place's canonical name, else the transliteration-folded name.

A government body named without its country ("the Ministry of Energy") is keyed within its
article (``scope``), since another article's "Ministry of Energy" may be another country's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Literal

import pycountry

from cagraph.errors import ValidationError
from cagraph.records import Entity, EntityType, Record
from cagraph.refdata.model import ReferenceData, Term
from cagraph.resolve.institutions import InstitutionParser, reorder, title_case
from cagraph.resolve.lookup import ReferenceIndex
from cagraph.resolve.text import clean, fold, phonetic, slug

log = logging.getLogger(__name__)

RefKind = Literal["country", "person", "organization", "place", "agent"]

# Words that mark a name as an institution when its type is not given.
_INSTITUTION_TEXT = """ministry ministries university institute agency committee council commission
bank company corporation organisation association centre fund academy government cabinet
parliament embassy foundation authority service office department school college chamber group
holding administration secretariat"""
_INSTITUTION_WORDS = frozenset(_INSTITUTION_TEXT.split())
# Words that carry no identity in agreement and event names.
_STOP_TEXT = """a an the of on in for and between with to by at from its their new memorandum
memorandums understanding mou moc agreement agreements accord treaty declaration joint statement
communique programme roadmap signed cooperation summit meeting meetings forum talks"""
_NAME_STOPWORDS = frozenset(_STOP_TEXT.split())


class EntityRef(Record):
    """What a name resolves to: kind and key (which make the IRI) and a canonical label."""

    kind: RefKind
    key: str
    label: str
    country: str | None = None  # ISO code of the state it is or belongs to
    qid: str | None = None
    known: bool = False  # found in reference data


class TitleRef(Record):
    """An office title, canonical: 'Foreign Minister' -> 'Minister of Foreign Affairs'."""

    key: str
    label: str


class Resolver:
    """Resolves names of countries, persons, organisations and places to stable keys."""

    def __init__(self, reference: ReferenceData):
        self.reference = reference
        self._index = ReferenceIndex(reference)
        self._institutions = InstitutionParser(self._index.country_surface)
        self._memo: dict[tuple[str, str | None, str | None, str | None], EntityRef] = {}
        self._leader_terms = {slug(phonetic(ld.name)): ld.terms for ld in reference.leaders}
        names = sorted({fold(n) for n in self._index.country_surface}, key=len, reverse=True)
        alternatives = "|".join(map(re.escape, filter(None, names))) or r"(?!x)x"
        self._country_words = re.compile(rf"\b({alternatives})\b")

    # ------------------------------------------------------------------ countries

    def country_code(self, name: str) -> str | None:
        """ISO code of a country named by its name, official name or demonym (else None)."""
        return self._index.country_code(name)

    def country(self, iso: str) -> EntityRef:
        """The reference of a state-level actor by ISO 3166-1 alpha-2 code."""
        if not re.fullmatch(r"[A-Z]{2}", iso):
            raise ValidationError(
                f"not an ISO 3166-1 alpha-2 code: {iso!r}", hint="use two capital letters (KZ)"
            )
        known = self._index.countries.get(iso)
        if known is not None:
            return EntityRef(
                kind="country", key=iso, label=known.name, country=iso, qid=known.qid, known=True
            )
        found = pycountry.countries.get(alpha_2=iso)
        label = getattr(found, "common_name", None) or getattr(found, "name", None)
        return EntityRef(kind="country", key=iso, label=str(label or iso), country=iso)

    # ------------------------------------------------------------------ any name

    def resolve(
        self,
        name: str,
        hint: EntityType | None = None,
        *,
        country: str | None = None,
        scope: str | None = None,
    ) -> EntityRef:
        """The reference for a name; ``hint`` is its type when known, ``country`` the ISO code
        of the state it belongs to, ``scope`` the article it comes from."""
        memo_key = (name, hint, country, scope)
        ref = self._memo.get(memo_key)
        if ref is None:
            ref = self._resolve(name, hint, country, scope)
            self._memo[memo_key] = ref
        return ref

    def _resolve(
        self, name: str, hint: EntityType | None, country: str | None, scope: str | None
    ) -> EntityRef:
        if not fold(name):
            raise ValidationError(
                f"name without letters or digits: {name!r}", hint="drop the entity or fix its name"
            )
        if hint in (None, "Country", "Organization", "Place"):
            iso = self.country_code(name)
            if iso is not None:
                return self.country(iso)
        if hint in (None, "Person"):
            ref = self._known_person(name)
            if ref is not None or hint == "Person":
                return ref or self._person(name)
        if hint in (None, "Organization"):
            ref = self._known_org(name)
            if ref is not None or hint == "Organization":
                return ref or self._organization(name, country, scope)
        if hint in (None, "Place"):
            ref = self._known_place(name)
            if ref is not None or hint == "Place":
                return ref or self._place(name, country)
        region = self._index.region(name)
        if region is not None:
            return EntityRef(kind="agent", key=slug(region.name), label=region.name, known=True)
        if hint is None and _INSTITUTION_WORDS & set(fold(name).split()):
            return self._organization(name, country, scope)
        if hint == "Country":
            log.warning("country %r is not in the reference data; kept as an agent", name)
        return EntityRef(kind="agent", key=slug(name), label=clean(name), country=country)

    def resolve_entity(self, entity: Entity, *, scope: str | None = None) -> EntityRef:
        """The reference for an extracted entity, using its ISO code, aliases and country."""
        ref = self._resolve_entity(entity, scope)
        if entity.qid and ref.qid is None:
            ref = ref.model_copy(update={"qid": entity.qid})
        return ref

    def _resolve_entity(self, entity: Entity, scope: str | None) -> EntityRef:
        if entity.iso and entity.type in ("Country", "Organization"):
            return self.country(entity.iso)
        forms = (entity.name, *entity.aliases)
        if entity.type == "Country":
            for form in forms:
                iso = self.country_code(form)
                if iso is not None:
                    return self.country(iso)
        elif entity.type == "Organization":
            iso = self.country_code(entity.name)
            if iso is not None:
                return self.country(iso)
            for form in forms:
                ref = self._known_org(form)
                if ref is not None:
                    return ref
        elif entity.type == "Person":
            for form in forms:
                ref = self._known_person(form)
                if ref is not None:
                    return ref
        else:
            for form in forms:
                ref = self._known_place(form)
                if ref is not None:
                    return ref
        return self.resolve(entity.name, entity.type, country=entity.country, scope=scope)

    # ------------------------------------------------------------------ by kind

    def _known_person(self, name: str) -> EntityRef | None:
        leader = self._index.leader(name)
        if leader is None:
            return None
        key = slug(phonetic(leader.name))
        return EntityRef(kind="person", key=key, label=leader.name, qid=leader.qid, known=True)

    def _person(self, name: str) -> EntityRef:
        return EntityRef(kind="person", key=slug(phonetic(name)), label=clean(name))

    def _known_org(self, name: str) -> EntityRef | None:
        org = self._index.organization(name)
        if org is None:
            return None
        return EntityRef(
            kind="organization",
            key=org.id,
            label=org.name,
            country=org.country,
            qid=org.qid,
            known=True,
        )

    def _organization(self, name: str, country: str | None, scope: str | None) -> EntityRef:
        parsed = self._institutions.parse(name)
        iso = parsed.country or (country if parsed.needs_country else None)
        if not parsed.core:
            return EntityRef(kind="agent", key=slug(name), label=clean(name), country=iso)
        key = f"{iso.lower()}-{slug(parsed.core)}" if iso else slug(parsed.core)
        label = re.sub(r"^the\s+", "", clean(name), flags=re.I)
        if parsed.needs_country:
            if iso is not None:
                label = f"{title_case(parsed.head)} of {self.country(iso).label}"
            elif scope:
                key = f"{key}~{slug(scope)}"
        return EntityRef(kind="organization", key=key, label=label, country=iso or country)

    def _known_place(self, name: str) -> EntityRef | None:
        place = self._index.place(name)
        if place is None:
            return None
        return EntityRef(
            kind="place",
            key=slug(phonetic(place.name)),
            label=place.name,
            country=place.country,
            qid=place.qid,
            known=True,
        )

    def _place(self, name: str, country: str | None) -> EntityRef:
        return EntityRef(kind="place", key=slug(phonetic(name)), label=clean(name), country=country)

    # ------------------------------------------------------------------ titles, terms, names

    def title(self, text: str) -> TitleRef:
        """The canonical form of an office title."""
        reordered = reorder(text)
        known = self._index.title(text) or self._index.title(reordered)
        label = known.title if known is not None else title_case(reordered)
        return TitleRef(key=slug(label), label=label)

    def terms(self, person: EntityRef) -> tuple[Term, ...]:
        """Terms of office the reference data gives for a known leader."""
        return self._leader_terms.get(person.key, ())

    def name_key(self, text: str, *, drop: Iterable[str] = ()) -> str:
        """The identity of an agreement or event name: its distinctive words, sorted, with
        country names as ISO codes ('Kazakh-Uzbek treaty on allied relations' ->
        'allied kz relations uz'); ``drop`` lists further words (e.g. the parties' codes)."""
        folded = self._country_words.sub(lambda m: self._iso_word(m.group(1)), fold(text))
        dropped = _NAME_STOPWORDS | {d.lower() for d in drop}
        return " ".join(sorted({w for w in folded.split() if w not in dropped}))

    def _iso_word(self, folded_name: str) -> str:
        iso = self._index.country_code(folded_name)
        return iso.lower() if iso else folded_name
