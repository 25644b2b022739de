"""``cagraph.gazetteer.v1``: phrase matching of everything the reference data knows.

One case-sensitive PhraseMatcher finds countries, demonyms, capitals, places, organisations,
leaders, regional formats, titles and honorifics; the longest match wins where they overlap.
A second, lower-case PhraseMatcher finds agreement and event trigger nouns (kept apart: a trigger
may sit inside a name, "Enhanced Partnership and Cooperation Agreement").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.lexicon import Lexicon
from cagraph.nlp.rules.places import region_places
from cagraph.nlp.state import (
    AGR,
    CAPITAL,
    COUNTRY,
    DEMONYM,
    EVT,
    HONORIFIC,
    ORG,
    PERSON,
    PLACE,
    REGION,
    TITLE,
    DocState,
    Mention,
    state,
)
from cagraph.refdata.model import ReferenceData

NAME = "cagraph.gazetteer.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots


def _variants(text: str) -> set[str]:
    """A name as written, with typographic apostrophes both ways."""
    forms = {text}
    if "'" in text:
        forms.add(text.replace("'", "’"))
    if "’" in text:
        forms.add(text.replace("’", "'"))
    return forms


class Gazetteer(DataComponent):
    def __init__(self, nlp: Language, name: str, data_dir: str) -> None:
        super().__init__(nlp, name, data_dir)
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._build(nlp)

    def _add(self, matcher: PhraseMatcher, key: str, texts: Iterable[str], nlp: Language) -> None:
        forms: set[str] = set()
        for text in texts:
            if text and text.strip():
                forms |= _variants(text.strip())
        if forms:
            matcher.add(key, [nlp.make_doc(t) for t in sorted(forms)])

    def _build(self, nlp: Language) -> None:
        ref, lex = self.res.ref, self.res.lex
        for c in ref.countries:
            names = [c.name, *(c.names)]
            if c.official_name:
                names.append(c.official_name)
            self._add(self.names, f"{COUNTRY}|{c.iso2}", names + [n.upper() for n in names], nlp)
            self._add(self.names, f"{DEMONYM}|{c.iso2}", c.demonyms, nlp)
            if c.capital:
                caps = [c.capital, *c.capital_variants]
                self._add(self.names, f"{CAPITAL}|{c.iso2}", caps + [n.upper() for n in caps], nlp)
        for p in ref.places:
            forms = [p.name, *p.variants]
            self._add(self.names, f"{PLACE}|{p.country or ''}|{p.name}", forms, nlp)
        for o in ref.organizations:
            forms = [o.name, *o.aliases, *o.acronyms]
            if o.kind == "media":  # datelines shout outlet names: "ASTANA. KAZINFORM"
                forms += [f.upper() for f in forms if len(f) > 3]
            self._add(self.names, f"{ORG}|{o.id}", forms, nlp)
        for i, leader in enumerate(ref.leaders):
            self._add(self.names, f"{PERSON}|{i}", [leader.name, *leader.variants], nlp)
            self._add(self.names, f"{PERSON}|{i}|surname", leader.surnames, nlp)
        for i, region in enumerate(ref.regions):
            self._add(self.names, f"{REGION}|{i}", [region.name, *region.variants], nlp)
        named = _known_names(ref)
        for t in ref.titles:
            # "President of the European Council" is an office plus an organisation: the
            # organisation must stay visible, so such forms are left to the name rules
            forms = [f for f in (t.title, *t.variants) if not _names_a_body(f, named)]
            self._add(self.names, f"{TITLE}|{t.title}", forms + [f.lower() for f in forms], nlp)
        self._add(self.names, f"{HONORIFIC}|", _honorific_forms(lex), nlp)
        for noun, kind in lex.agreement_nouns.items():
            self._add(self.words, f"{AGR}|{kind}", [noun], nlp)
        for noun, kind in lex.event_nouns.items():
            self._add(self.words, f"{EVT}|{kind}", [noun], nlp)
        self._add(self.words, f"{EVT}|NONE", sorted(lex.not_events), nlp)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        strings = doc.vocab.strings
        spans = [(s, e, strings[m]) for m, s, e in self.names(doc)]
        # longest first, then leftmost; a title never beats a longer name
        spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken = bytearray(len(doc))
        for start, end, key in spans:
            if any(taken[start:end]):
                continue
            mention = self._mention(doc, st, start, end, key)
            if mention is None:
                continue
            for i in range(start, end):
                taken[i] = 1
            st.add(mention)
        st.mentions.sort(key=lambda m: m.start)
        lex = self.res.lex
        region_places(st, lex.region_nouns, lex.never_start)
        triggers = [(s, e, strings[m]) for m, s, e in self.words(doc)]
        triggers.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        ttaken = bytearray(len(doc))
        for start, end, key in triggers:
            if any(ttaken[start:end]):
                continue
            for i in range(start, end):
                ttaken[i] = 1
                st.trigger_tokens.add(i)
            label, kind = key.split("|", 1)
            st.triggers.append(
                Mention(label, start, end, kind, st.span_text(doc, start, end), component=self.name)
            )
        st.triggers.sort(key=lambda m: m.start)
        return doc

    def _mention(self, doc: Doc, st: DocState, start: int, end: int, key: str) -> Mention | None:
        parts = key.split("|")
        label = parts[0]
        text = st.span_text(doc, start, end)
        iso: str | None = None
        mkey = parts[1] if len(parts) > 1 else ""
        if label in (COUNTRY, DEMONYM, CAPITAL):
            iso = parts[1]
        elif label == PLACE:
            iso = parts[1] or None
            mkey = parts[2]
        elif label == ORG:
            iso = self.res.org_by_id[mkey].country
        elif label == PERSON:
            leader = self.res.ref.leaders[int(mkey)]
            mkey = leader.name
            iso = (leader.terms[-1].country if leader.terms else None) or None
            if len(parts) > 2:
                if not _looks_like_name(st, start, end):
                    return None
                return Mention(
                    label, start, end, mkey, text, iso=iso, component=self.name, partial=True
                )
        return Mention(label, start, end, mkey, text, iso=iso, component=self.name)


def _known_names(ref: ReferenceData) -> set[str]:
    names: set[str] = set()
    for o in ref.organizations:
        names.update(n.lower() for n in (o.name, *o.aliases, *o.acronyms))
    for c in ref.countries:
        names.update(n.lower() for n in (c.name, *c.names))
    return names


def _names_a_body(form: str, named: set[str]) -> bool:
    low = form.lower()
    if " of " not in low:
        return False
    rest = low.split(" of ", 1)[1]
    rest = rest[4:] if rest.startswith("the ") else rest
    return rest in named


def _looks_like_name(st: DocState, start: int, end: int) -> bool:
    """A leader's surname standing alone: capitalised, and not the first part of a longer name
    ("Kim Soo-hyun" is not Kim Jong Un)."""
    texts = st.texts
    text = texts[start]
    if not text[:1].isupper() or text.isupper():
        return False
    if end < len(texts):
        nxt = texts[end]
        if nxt.isalpha() and nxt[:1].isupper() and st.spaces[start] != "":
            return False
    return True


def _honorific_forms(lex: Lexicon) -> list[str]:
    forms: list[str] = []
    for h in lex.honorifics:
        forms.append(h)
        forms.append(h[:1].upper() + h[1:])
        if h.startswith("h.e"):
            forms.append(h.upper())
    return forms


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_gazetteer(nlp: Language, name: str, data_dir: str) -> Gazetteer:
    return Gazetteer(nlp, name, data_dir)
