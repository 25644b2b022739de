"""Who takes part in an act: actors in a span, "between A and B", region formats, context.

Shared by the agreement and event components.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from cagraph.nlp.resources import Resources
from cagraph.nlp.state import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    ORG,
    PERSON,
    PLACE,
    REGION,
    DocState,
    Mention,
    extend_unique,
)

ACTOR_LABELS = frozenset({COUNTRY, DEMONYM, ORG, PERSON, REGION})
CLAUSE_BREAKS = frozenset({";", ":"})
LOCATIVE = frozenset(
    ["in", "at", "from", "to", "near", "into", "across", "throughout", "around", "via", "within"]
)
DASHES = frozenset({"-", "–", "‒", "—", "‐", "+"})
BETWEEN_STOPS = frozenset(
    ["on", "in", "to", "for", "aimed", "which", "that", "was", "were", "signed"]
)
INSTITUTIONAL = frozenset(
    [
        "institutions",
        "universities",
        "ministries",
        "agencies",
        "academies",
        "museums",
        "organizations",
        "organisations",
        "departments",
        "committees",
        "chambers",
        "banks",
        "centres",
        "centers",
        "libraries",
        "institutes",
        "authorities",
        "companies",
    ]
)


@dataclass
class Actors:
    """Names and ISO codes of the parties of one act."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[tuple[str, ...]] = field(default_factory=list)  # member lists of formats named
    orgs: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # the names that are persons
    bodies: list[str] = field(default_factory=list)  # what those persons act for (offices)

    def add_country(self, iso: str, name: str) -> None:
        if iso not in self.countries:
            self.countries.append(iso)
        if name not in self.names:
            self.names.append(name)

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def merge(self, other: Actors) -> None:
        extend_unique(self.names, other.names)
        extend_unique(self.countries, other.countries)
        self.regions.extend(r for r in other.regions if r not in self.regions)
        extend_unique(self.orgs, other.orgs)
        extend_unique(self.persons, other.persons)
        extend_unique(self.bodies, other.bodies)

    def without_persons(self) -> list[str]:
        """The party names, persons left out (they sign for the bodies they hold office in)."""
        return [n for n in self.names if n not in self.persons]

    def __bool__(self) -> bool:
        return bool(self.names or self.countries)


class ActorFinder:
    def __init__(self, doc: Doc, st: DocState, res: Resources) -> None:
        self.doc = doc
        self.st = st
        self.res = res
        self._places: frozenset[str] | None = None
        self.place_parties = False  # cities and regions that act are parties (agreements)
        self.named = self._named_countries()
        self._last_event_at = -1
        self.focus = self._focus_pair()
        self._sentence_pairs = self._pairs_by_sentence()

    # -- actors in a span --------------------------------------------------------------------
    def in_span(
        self,
        start: int,
        end: int,
        *,
        places_as_countries: bool = False,
        regions: bool = False,
        skip_locations: bool = False,
    ) -> Actors:
        """Actors named in a token span; regions only where an act's own name holds them.
        With ``skip_locations``, a country that is only where something happened ("in
        Kazakhstan’s Astana") is left out."""
        out = Actors()
        labels = ACTOR_LABELS | {CAPITAL, PLACE}
        if not regions:
            labels = labels - {REGION}
        for m in self.st.in_span(start, end, labels):
            if m.label == PLACE or (m.label == CAPITAL and not (m.gov or places_as_countries)):
                if self.place_parties and self._place_party(m):
                    out.add_name(m.text)  # "Osh and Andijan region signed", "the city of X"
                continue
            if skip_locations and m.label in (COUNTRY, CAPITAL) and self._is_location(m):
                continue
            self._add(out, m)
        return out

    def _place_party(self, m: Mention) -> bool:
        """A city or region that acts ("Osh and the Andijan region signed …", "between the
        cities of A and B"), not one where something happened ("in Osh", "Tashkent-based")."""
        lowers, texts = self.st.lowers, self.st.texts
        k = m.start - 1
        while k >= 0 and lowers[k] in ("the", "city", "cities", "of", "region", "and"):
            if lowers[k] == "of" and k > 0 and lowers[k - 1] not in ("city", "cities"):
                return False  # "the Governor of X": X is where the office is
            k -= 1
        if k >= 0 and lowers[k] in LOCATIVE:
            return False
        return not (m.end < len(texts) and texts[m.end] in DASHES)

    def _is_location(self, m: Mention) -> bool:
        if m.start == 0:
            return False
        k = m.start - 1
        if k > 0 and self.st.lowers[k] == "the":
            k -= 1
        return self.st.lowers[k] in ("in", "at")

    def _add(self, out: Actors, m: Mention) -> None:
        res = self.res
        if m.label in (COUNTRY, DEMONYM, CAPITAL) and m.iso:
            out.add_country(m.iso, res.country_name(m.iso))
            if m.iso == "EU":
                out.add_name(self._eu_name())
        elif m.label == ORG:
            info = self.st.orgs.get(m.key)
            known = res.org_by_id.get(info.known_id) if info and info.known_id else None
            if (info is not None and info.media) or (known is not None and known.kind == "media"):
                return  # a credited news outlet is not a party
            name = info.name if info else m.text
            out.add_name(name)
            if name not in out.orgs:
                out.orgs.append(name)
            if known is not None and known.id in ("eu", "european-union"):
                out.add_country("EU", self._eu_name())
            elif m.iso and m.iso in res.state_level and m.iso in self.named:
                out.add_country(m.iso, res.country_name(m.iso))
        elif m.label == PERSON:
            info_p = self.st.persons.get(m.key)
            person = info_p.name if info_p else m.text
            out.add_name(person)
            if person not in out.persons:
                out.persons.append(person)
            iso = info_p.iso if info_p else m.iso
            if iso and iso in res.state_level and iso in self.named:
                out.add_country(iso, res.country_name(iso))
            if info_p is not None:
                self._office_body(out, info_p.roles)
        elif m.label == REGION:
            members = tuple(self.res.ref.regions[int(m.key)].members)
            out.regions.append(members)
            for iso in members:
                out.add_country(iso, res.country_name(iso))

    def _office_body(self, out: Actors, roles: list[tuple[str, str | None, str | None]]) -> None:
        """A person's office names what they act for: "the Akim of Akmola region", "the Rector
        of X University" — that region or body is a party of what the person signs."""
        for _title, of, iso in roles:
            if not of or (iso and of == self.res.country_name(iso)):
                continue  # a state's office: the country is already in
            if of in self._place_names or any(o.name == of for o in self.st.orgs.values()):
                if of not in out.bodies:
                    out.bodies.append(of)
                out.add_name(of)
                if of not in self._place_names and of not in out.orgs:
                    out.orgs.append(of)
                return

    @property
    def _place_names(self) -> frozenset[str]:
        if self._places is None:
            self._places = frozenset(
                m.text for m in self.st.mentions if m.label in (PLACE, CAPITAL) and not m.gov
            )
        return self._places

    def _named_countries(self) -> frozenset[str]:
        """Countries the text names (a state it never names gets no code, whatever the
        reference data says of a company's or a leader's country)."""
        return frozenset(
            m.iso
            for m in self.st.mentions
            if m.iso and (m.label in (COUNTRY, DEMONYM) or (m.label == CAPITAL and m.gov))
        )

    def _eu_name(self) -> str:
        return "European Union"

    # -- clause helpers --------------------------------------------------------------------------
    def clause_end(self, start: int, sent_end: int) -> int:
        texts = self.st.texts
        for k in range(start, sent_end):
            if texts[k] in CLAUSE_BREAKS:
                return k
        return sent_end

    def between(self, start: int, end: int) -> Actors | None:
        """Actors of "between A and B" that starts within [start, end)."""
        lowers, texts = self.st.lowers, self.st.texts
        for k in range(start, end):
            if lowers[k] != "between":
                continue
            stop = k + 1
            while (
                stop < end
                and texts[stop] not in (",", ";", ":", ".")
                and lowers[stop] not in BETWEEN_STOPS
            ):
                stop += 1
            # "between the Cabinet of Ministers of Kyrgyzstan and the Government of China on …"
            actors = self.in_span(k + 1, max(stop, k + 2))
            if len(actors.names) >= 2 or len(actors.countries) >= 2:
                return actors
            generic = self.generic_pair(k + 1, stop)
            if generic is not None:
                return generic
            if actors:
                return actors
        return None

    def generic_pair(self, start: int, end: int) -> Actors | None:
        """'the two countries', 'both institutions', 'the foreign ministries': the pair."""
        if self.focus is None:
            return None
        words = self.st.lowers[start:end]
        lex = self.res.lex
        for noun in lex.pair_nouns:
            parts = noun.split()
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] != parts:
                    continue
                if self._determined(words[max(0, i - 5) : i], lex.pair_determiners):
                    if noun not in INSTITUTIONAL:
                        met = self.last_event(start)
                        pair_at = self.local_pair_start(start)
                        if met is not None and (pair_at is None or self._last_event_at >= pair_at):
                            return met
                    return self.focus_actors(start, institutions=noun in INSTITUTIONAL)
        return None

    @staticmethod
    def _determined(before: list[str], determiners: tuple[str, ...]) -> bool:
        """Do the words before a noun end with a determiner and at most three modifiers?"""
        for n in range(1, len(before) + 1):
            tail = before[-n:]
            if not all(w.isalpha() or w == "-" for w in tail):
                return False
            phrase = " ".join(tail)
            for det in determiners:
                if phrase == det or (phrase.startswith(det + " ") and n - len(det.split()) <= 3):
                    return True
        return False

    def last_event(self, at: int) -> Actors | None:
        """The countries of the last event before ``at`` that brought two or more together."""
        for act in reversed(self.st.acts):
            if act.category != "event" or act.start > at or act.multilateral:
                continue
            if len(act.countries) >= 2:
                self._last_event_at = act.sent_start
                out = Actors()
                for iso in act.countries:
                    out.add_country(iso, self.res.country_name(iso))
                return out
        return None

    def focus_actors(self, at: int | None = None, institutions: bool = False) -> Actors:
        """The pair in context at token ``at``: the last earlier sentence naming exactly two
        state-level actors, else the article's main pair. With ``institutions``, the most
        mentioned institution of each of the two countries too ("the two institutions")."""
        out = Actors()
        pair = self.local_pair(at) if at is not None else None
        for iso in pair or self.focus or ():
            out.add_country(iso, self.res.country_name(iso))
            if institutions:
                org = self._main_institution(iso)
                if org is not None:
                    out.add_name(org)
                    out.orgs.append(org)
        return out

    def _main_institution(self, iso: str) -> str | None:
        counts: Counter[str] = Counter()
        for m in self.st.mentions:
            if m.label == ORG and m.iso == iso:
                info = self.st.orgs.get(m.key)
                if info is not None and not info.media and not info.known_id:
                    counts[info.name] += 1
        top = counts.most_common(1)
        return top[0][0] if top else None

    def local_pair_start(self, at: int) -> int | None:
        for sent_start, _isos in reversed(self._sentence_pairs):
            if sent_start <= at:
                return sent_start
        return None

    def local_pair(self, at: int) -> tuple[str, str] | None:
        for sent_start, isos in reversed(self._sentence_pairs):
            if sent_start <= at:
                return isos
        return None

    def region_format(self, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """ "Central Asia – EU", "Korea-Central Asia", "C5+1" with the partner: the two sides."""
        texts, lowers = self.st.texts, self.st.lowers
        ms = self.st.in_span(start, end, ACTOR_LABELS)
        for m in ms:
            if (
                m.label == REGION
                and m.end + 1 < len(texts)
                and texts[m.end] == "+"
                and texts[m.end + 1] == "1"
            ):
                members = tuple(self.res.ref.regions[int(m.key)].members)
                partner = self._partner(members)
                if partner is not None:
                    return members, (partner,)
        for a, b in itertools.pairwise(ms):
            gap = range(a.end, b.start)
            if len(gap) > 2 or (
                len(gap)
                and not all(texts[k] in DASHES or lowers[k] in ("and", "plus") for k in gap)
            ):
                continue
            if len(gap) == 0 or not any(texts[k] in DASHES for k in gap):
                continue
            sa, sb = self._side(a), self._side(b)
            if sa and sb and (a.label == REGION or b.label == REGION):
                return sa, sb
        return None

    def _partner(self, members: tuple[str, ...]) -> str | None:
        """The "+1" of "C5+1": the state the article names most outside the region."""
        counts: Counter[str] = Counter()
        for m in self.st.mentions:
            iso = m.iso
            if m.label in (COUNTRY, DEMONYM, PERSON) and iso and iso not in members:
                counts[iso] += iso in self.res.state_level
        top = counts.most_common(1)
        return top[0][0] if top else None

    def _side(self, m: Mention) -> tuple[str, ...]:
        if m.label == REGION:
            return tuple(self.res.ref.regions[int(m.key)].members)
        actors = Actors()
        self._add(actors, m)
        return tuple(actors.countries)

    # -- the pair the article is about -----------------------------------------------------------
    def _pairs_by_sentence(self) -> list[tuple[int, tuple[str, str]]]:
        out: list[tuple[int, tuple[str, str]]] = []
        for sent in self.st.sents:
            isos: list[str] = []
            for m in self.st.in_span(
                sent.start, sent.end, frozenset({COUNTRY, DEMONYM, PERSON, ORG})
            ):
                iso = m.iso
                if m.label == ORG:
                    info = self.st.orgs.get(m.key)
                    if info is None or info.media:
                        continue
                if iso and iso in self.res.state_level and iso in self.named and iso not in isos:
                    isos.append(iso)
            if len(isos) == 2:
                out.append((sent.start, (isos[0], isos[1])))
        return out

    def _focus_pair(self) -> tuple[str, str] | None:
        """The two state-level actors the article is most about (headline counts thrice)."""
        counts: Counter[str] = Counter()
        first_sent_end = None
        for sent in self.st.sents:
            first_sent_end = sent.end
            break
        for m in self.st.mentions:
            iso = m.iso
            if m.label in (COUNTRY, DEMONYM) and iso and iso in self.res.state_level:
                weight = 3 if first_sent_end is not None and m.start < first_sent_end else 1
                counts[iso] += weight
            elif m.label == PERSON and iso and iso in self.res.state_level and iso in self.named:
                counts[iso] += 1
        top = counts.most_common(2)
        if len(top) < 2:
            return None
        return (top[0][0], top[1][0])
