"""``cagraph.events.v1``: summits, talks, meetings, visits, forums — with participants and place.

A trigger noun counts when its event is named ("Korea-Central Asia Policy Roundtable", the
“Central Asia–China” meeting) or when its sentence says it happened (held, hosted, attended,
during, on the sidelines of…). Region-to-partner formats ("Central Asia – EU", "C5+1") give the two
sides; a summit of an international organisation is marked multilateral.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from cagraph.nlp.components.actors import ActorFinder, Actors
from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.state import (
    CAPITAL,
    EVT,
    ORG,
    PERSON,
    PLACE,
    Act,
    DocState,
    Mention,
    extend_unique,
    state,
)

NAME = "cagraph.events.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
HAPPENED = frozenset(
    [
        "held",
        "hosted",
        "hosting",
        "attended",
        "attend",
        "met",
        "meet",
        "meets",
        "visited",
        "visiting",
        "paid",
        "paying",
        "took",
        "during",
        "sidelines",
        "following",
        "opened",
        "convened",
        "organized",
        "organised",
        "chaired",
        "participated",
        "gathered",
        "welcomed",
        "received",
        "arrived",
        "hold",
        "holds",
        "host",
        "hosts",
        "concluded",
        "kicked",
        "join",
        "joined",
        "addressed",
        "speaking",
        "spoke",
        "took",
        "place",
        "witnessed",
        "attending",
        "marked",
        "celebrated",
    ]
)
NEVER_NAME = frozenset(
    [
        "the",
        "these",
        "those",
        "this",
        "that",
        "a",
        "an",
        "our",
        "their",
        "its",
        "his",
        "her",
        "during",
        "at",
        "in",
    ]
)
HOLDING_VERBS = frozenset(
    ["hold", "holds", "held", "host", "hosts", "hosted", "open", "opens", "opened", "convene",
     "convenes", "convened", "attend", "attends", "attended", "launch", "launches", "organize",
     "organizes", "organise", "organises"]
)  # fmt: skip
PREMOD_STOPS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "at",
        "in",
        "on",
        "during",
        "and",
        "after",
        "before",
        "following",
        "with",
        "to",
        "for",
        "by",
        "from",
        "as",
        "its",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
    ]
)
OF_STOPS = frozenset(
    [
        "in",
        "on",
        "at",
        "was",
        "were",
        "is",
        "are",
        "which",
        "that",
        "who",
        "held",
        "took",
        "during",
        "where",
        "with",
        "for",
        "by",
        "as",
    ]
)
ORDINALS = frozenset(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
)
QUOTES = frozenset({'"', "“", "”", "«", "»"})
INTERNATIONAL_KINDS = frozenset({"international", "intergovernmental", "regional"})


class EventFinder(DataComponent):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        triggers = [t for t in st.triggers if t.label == EVT]
        if not triggers:
            return doc
        finder = ActorFinder(doc, st, self.res)
        ti = 0
        for sent in st.sents:
            mine: list[Mention] = []
            while ti < len(triggers) and triggers[ti].start < sent.end:
                if triggers[ti].start >= sent.start:
                    mine.append(triggers[ti])
                ti += 1
            if mine:
                self._sentence(doc, sent, mine, finder)
        return doc

    def _sentence(self, doc: Doc, sent: Span, triggers: list[Mention], finder: ActorFinder) -> None:
        st = state(doc)
        lex = self.res.lex
        lowers = st.lowers[sent.start : sent.end]
        happened = any(w in HAPPENED or w in lex.signing_words for w in lowers)
        kinds_done: set[str] = set()
        for trig in triggers:
            low = trig.text.lower()
            named = _named_span(st, trig, sent.start)
            if low in lex.capitalised_only_events and not trig.text[:1].isupper():
                continue
            if trig.key == "NONE":
                continue  # "press conference": not an event between parties
            if (
                low.endswith("s")
                and low not in ("talks", "negotiations", "consultations", "finals")
                and not named
            ):
                continue  # "past forums": no one event
            if _future(st.lowers, trig.start, sent.start, lex.not_yet_words) or _upcoming(
                st.lowers, trig, sent.end, lex.future_markers
            ):
                continue
            if not named and not happened:
                continue
            kind = trig.key
            if kind in kinds_done and not named and not _coordinated(st.lowers, trig.start):
                continue  # "talks … during the state visit": one meeting
            name_start = named[0] if named else _premod_start(st, trig.start, sent.start)
            name_start = _ordinal_start(st, name_start, sent.start)
            # "Year of Uzbekistan in Kazakhstan": the trigger itself ends with "of"
            name_end = _of_end(st, trig.end - 1 if low.endswith(" of") else trig.end, sent.end)
            if low.endswith(" of"):
                name_end = _in_place_end(st, name_end, sent.end)
            # "the first C5+1 meeting": the format may stand just before the trigger
            sides = finder.region_format(max(sent.start, name_start - 4), name_end)
            if sides is None and (named or kind != "Meeting"):
                sides = finder.region_format(sent.start, sent.end)
            actors = Actors()
            between = finder.between(trig.end, min(sent.end, trig.end + 30))
            if between is not None:
                actors.merge(between)
            own = finder.in_span(name_start, name_end, regions=True)
            actors.merge(own)
            if sides is not None and kind == "Meeting" and "ministerial" not in low:
                kind = "Summit"  # "the “Central Asia–China” meeting": a region-to-partner summit
            backdrop = _sidelines(st.lowers, name_start, sent.start)
            if backdrop:
                sides = None  # "on the sidelines of the X summit": the summit is a backdrop
            multilateral = backdrop or self._multilateral(own, sides)
            det = st.lowers[name_start - 1] if name_start > sent.start else ""
            if (
                not named
                and det in ("the", "this", "that")
                and not own
                and self._refer_back(st, finder.in_span(sent.start, sent.end, skip_locations=True))
            ):
                continue  # "attended the meeting as a guest": the event named before
            if kind == "Forum" or ((kind == "Meeting" or not own) and not multilateral):
                actors.merge(
                    finder.in_span(
                        sent.start, sent.end, places_as_countries=_visit(low), skip_locations=True
                    )
                )
            if sides is not None:
                for iso in (*sides[0], *sides[1]):
                    actors.add_country(iso, self.res.country_name(iso))
            if len(actors.countries) < 2 and kind == "Meeting":
                context = finder.focus_actors(trig.start)
                if len(context.countries) == 2 and (
                    not actors.countries or actors.countries[0] in context.countries
                ):
                    actors.merge(context)
            if not actors.countries and not actors.names:
                continue
            verb = low in lex.event_verbs
            if verb and len(actors.names) < 2:
                continue  # "met the demand": a meeting needs two parties
            if low in lex.person_verbs and not _persons_around(st, trig, sent):
                continue  # "received an award", "Kazakhstan received investments"
            if kind == "Summit" and multilateral:
                actors.merge(finder.in_span(sent.start, sent.end))
            kinds_done.add(kind)
            name = "meeting" if verb else st.span_text(doc, name_start, name_end).strip(' ,;:“”"')
            st.acts.append(
                Act(
                    category="event",
                    kind=kind,
                    name=name,
                    start=trig.start,
                    end=trig.end,
                    sent_start=sent.start,
                    parties=list(actors.names),
                    countries=list(actors.countries),
                    sides=sides,
                    multilateral=multilateral,
                    named_countries=len(own.countries) + (2 if sides else 0),
                    location=_location(st, sent),
                    component=self.name,
                    confidence=0.8 if named else 0.65,
                )
            )
            if named and low.endswith("s") and low[:-1] in lex.event_nouns:
                other = _coordinated_name(st, named[0], sent.start)
                if other is not None:
                    # "the Digital Bridge and Digital Almaty forums": two events, one head noun
                    st.acts.append(
                        replace(
                            st.acts[-1],
                            name=st.span_text(doc, other[0], other[1]).strip(),
                            start=other[0],
                            end=other[1],
                            parties=list(st.acts[-1].parties),
                            countries=list(st.acts[-1].countries),
                        )
                    )

    def _refer_back(self, st: DocState, actors: Actors) -> bool:
        """Add this sentence's actors to the last event named before it, if there is one."""
        previous = next((a for a in reversed(st.acts) if a.category == "event"), None)
        if previous is None:
            return False
        extend_unique(previous.parties, actors.names)
        extend_unique(previous.countries, actors.countries)
        return True

    def _multilateral(
        self, own: Actors, sides: tuple[tuple[str, ...], tuple[str, ...]] | None
    ) -> bool:
        if sides is not None:
            return False
        for name in own.orgs:
            for org in self.res.ref.organizations:
                if org.name == name or name in org.acronyms or name in org.aliases:
                    return org.kind in INTERNATIONAL_KINDS
        return False


def _persons_around(st: DocState, trig: Mention, sent: Span) -> bool:
    """A person named before the verb and another after it, in its sentence."""
    persons = [m for m in st.in_span(sent.start, sent.end, frozenset([PERSON]))]
    return any(m.end <= trig.start for m in persons) and any(m.start >= trig.end for m in persons)


def _upcoming(lowers: list[str], trig: Mention, sent_end: int, markers: frozenset[str]) -> bool:
    """ "the Issyk-Kul Forum next spring", "the upcoming summit": not held yet."""
    before = lowers[max(0, trig.start - 3) : trig.start]
    after = lowers[trig.end : min(sent_end, trig.end + 2)]
    return any(w in markers for w in before) or (bool(after) and after[0] in markers)


def _coordinated(lowers: list[str], start: int) -> bool:
    """ "negotiations and a meeting of the Council": a second event, not a restatement."""
    return start >= 2 and lowers[start - 1] in ("a", "an") and lowers[start - 2] == "and"


def _sidelines(lowers: list[str], start: int, sent_start: int) -> bool:
    words = lowers[max(sent_start, start - 4) : start]
    return "sidelines" in words or "margins" in words


def _visit(low: str) -> bool:
    return "visit" in low


def _future(lowers: list[str], start: int, sent_start: int, words: frozenset[str]) -> bool:
    for k in range(max(sent_start, start - 5), start):
        if lowers[k] in words and lowers[k] not in ("plan", "plans"):
            return True
    return False


def _named_span(st: DocState, trig: Mention, sent_start: int) -> tuple[int, int] | None:
    """A capitalised or quoted name ending in the trigger: 'Korea-Central Asia Policy Forum'."""
    texts, spaces = st.texts, st.spaces
    k = trig.start
    capital = texts[trig.start][:1].isupper()
    while k - 1 >= sent_start:
        prev = texts[k - 1]
        if prev in QUOTES:
            # “Central Asia–China” meeting
            j = k - 2
            while j >= sent_start and texts[j] not in QUOTES:
                j -= 1
            if j >= sent_start and k - 1 - j <= 8:
                return (j, trig.end)
            break
        if st.lowers[k - 1] in NEVER_NAME:
            break
        tight = not spaces[k - 1] and k - 2 >= sent_start and not spaces[k - 2]
        if (
            prev[:1].isupper()
            or (prev in ("-", "–", "+") and tight)
            or (st.like_num[k - 1] and capital)
        ):
            k -= 1
            continue
        break
    if k == trig.start:
        first_word = all(
            st.is_punct[x] or texts[x].isspace() for x in range(sent_start, trig.start)
        )
        return (k, trig.end) if capital and not first_word else None
    if k == sent_start and not capital:
        return (k, trig.end)
    return (k, trig.end)


def _premod_start(st: DocState, start: int, sent_start: int) -> int:
    """Lower-case words right before a trigger that qualify it: 'high-level talks'."""
    k = start
    while k - 1 >= sent_start and k > start - 3:
        prev = st.texts[k - 1]
        if not prev.islower() or not prev[:1].isalpha() or st.lowers[k - 1] in PREMOD_STOPS:
            break
        if st.lowers[k - 1] in HOLDING_VERBS:
            break  # "Central Asia and Japan hold first summit": the verb is not the name
        k -= 1
    return k


def _ordinal_start(st: DocState, start: int, sent_start: int) -> int:
    """ "the first C5+1 ministerial meeting", "the sixth Consultative Meeting": the ordinal
    that numbers an edition of a series is part of the event's name."""
    for k in range(start - 1, max(sent_start, start - 4) - 1, -1):
        if st.lowers[k] in ORDINALS:
            return k
        if st.lowers[k] in PREMOD_STOPS or (st.is_punct[k] and st.texts[k] not in ("+", "-", "–")):
            break
    return start


def _coordinated_name(st: DocState, start: int, sent_start: int) -> tuple[int, int] | None:
    """The capitalised name before "and" that shares a plural head noun with the name at
    ``start``: "Digital Bridge" in "the Digital Bridge and Digital Almaty forums"."""
    conj = start - 1
    if conj - 1 < sent_start or st.lowers[conj] != "and":
        return None
    k = conj
    while k - 1 >= sent_start and st.texts[k - 1][:1].isupper() and conj - k < 6:
        k -= 1
    if conj - k < 2:
        return None  # "Kazakh and Uzbek forums": one word is a qualifier, not a name
    return (k, conj)


def _of_end(st: DocState, end: int, sent_end: int) -> int:
    """'state visit of the President of Mongolia', 'summit of the SCO'."""
    k = end
    if k < sent_end and st.lowers[k] in ("of", "between", "to"):
        k += 1
        while k < sent_end and k - end < 12:
            text = st.texts[k]
            if st.is_punct[k] and text not in ("-", "–") and text not in QUOTES:
                break
            if st.lowers[k] in OF_STOPS:
                break
            k += 1
    return k


def _in_place_end(st: DocState, end: int, sent_end: int) -> int:
    """'Year of Uzbekistan in Kazakhstan': the host country is part of the name."""
    if end + 1 < sent_end and st.lowers[end] == "in" and st.texts[end + 1][:1].isupper():
        return end + 2
    return end


def _location(st: DocState, sent: Span) -> str | None:
    lowers = st.lowers
    for k in range(sent.start, sent.end - 1):
        if lowers[k] in ("in", "at"):
            m = st.at(k + 1) or (st.at(k + 2) if lowers[k + 1] == "the" else None)
            if m is not None and m.label in (PLACE, CAPITAL):
                return str(m.text)
            if m is not None and m.label == ORG and lowers[k] == "at":
                return str(m.text)
    return None


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_event_finder(nlp: Language, name: str, data_dir: str) -> EventFinder:
    return EventFinder(nlp, name, data_dir)
