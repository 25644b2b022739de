"""``cagraph.names.v1``: persons with their offices, institutions, and the country of each.

Runs of capitalised tokens (see :mod:`chunks`) are read with the gazetteer's mentions inside them:
"President of Kazakhstan Kassym-Jomart Tokayev" → title + country + person; "Kazakh Ambassador
Nurgali Arystanov" → demonym + title + person; "Ministry of Energy of Mongolia" → an organisation
of MN by its head word; "Tajikistan’s Agency for Innovation and Digital Technologies" → an
organisation whose country is the possessor.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.components.chunks import CLOSE_QUOTES, DASHES, OPEN_QUOTES, Chunker, Run
from cagraph.nlp.registry import Registry, name_text
from cagraph.nlp.state import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    HONORIFIC,
    ORG,
    PERSON,
    PLACE,
    TITLE,
    DocState,
    Mention,
    state,
)

NAME = "cagraph.names.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
SPEECH = frozenset(
    [
        "said",
        "says",
        "told",
        "noted",
        "stressed",
        "added",
        "highlighted",
        "underlined",
        "emphasized",
        "emphasised",
        "stated",
        "explained",
        "remarked",
        "announced",
        "recalled",
        "pointed",
        "observed",
        "believes",
        "thinks",
    ]
)
COUNTRYISH = frozenset({COUNTRY, DEMONYM, CAPITAL})


class NameFinder(DataComponent):
    def __init__(self, nlp: Language, name: str, data_dir: str) -> None:
        super().__init__(nlp, name, data_dir)
        self.chunker = Chunker(self.res.lex)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        reg = Registry(doc, st, self.res, self.name)
        self.chunker.prepare(doc, st)
        for sent in st.sents:
            for run in self.chunker.runs(doc, sent.start, sent.end, st):
                self._classify(doc, run, sent.start, reg)
        _governments(doc, st)
        return doc

    # -- classification -----------------------------------------------------------------------
    def _classify(self, doc: Doc, run: Run, sent_start: int, reg: Registry) -> None:
        st = reg.st
        s, e = run.start, run.end
        if (
            s in st.trigger_tokens
            or (e - 1) in st.trigger_tokens
            or _trigger_before_of(st.lowers, s, e, st.trigger_tokens)
        ):
            # "Enhanced Partnership and Cooperation Agreement", "Policy Roundtable": an act's name
            for m in st.in_span(s, e):
                reg.known(m)
            return
        inside = st.in_span(s, e)
        if len(inside) == 1 and inside[0].start == s and inside[0].end == e:
            reg.known(inside[0])
            return
        titles = [m for m in inside if m.label in (TITLE, HONORIFIC)]
        if titles and self._title_inside_name(doc, s, titles[0].start):
            # "Committee … under the Cabinet of Minister of Uzbekistan": an office word inside
            # an organisation's name
            titles = []
        if titles:
            self._titled(doc, s, e, titles, reg)
            return
        if any(self.chunker.is_head(doc, k) for k in range(s, e)):
            self._organisation(doc, s, e, reg)
            return
        if self._described(doc, s, e, inside, reg):
            return
        for m in inside:
            reg.known(m)
        free = [k for k in range(s, e) if st.at(k) is None]
        if not free:
            return
        if inside:
            # a known name plus unknown words: "Kassym-Jomart Tokayev"-like leaders already known
            persons = [m for m in inside if m.label == PERSON]
            if persons:
                return
            self._unknown(doc, _free_span(doc, free, s, e), sent_start, reg)
            return
        self._unknown(doc, (s, e), sent_start, reg)

    def _described(self, doc: Doc, s: int, e: int, inside: list[Mention], reg: Registry) -> bool:
        """ "Japanese engineering firm Sojitz", "the publishing house “Kitob Dunyosi”": a
        lower-case noun for a kind of organisation right before a name the data does not know."""
        st = reg.st
        texts, lowers = st.texts, st.lowers
        if any(m.label not in (COUNTRY, DEMONYM, CAPITAL, PLACE) for m in inside):
            return False
        words = [k for k in range(s, e) if texts[k][:1].isalpha()]
        if not 1 <= len(words) <= 5:
            return False
        last = texts[words[-1]]
        if (
            len(words) >= 2
            and len(last) > 4
            and last.lower().endswith(self.res.lex.person_suffixes)
        ):
            return False  # "IT firm founder Aibek Nurlanov": a person's name, left to _unknown
        k = s
        if k > 0 and texts[k - 1] in OPEN_QUOTES:
            if e >= len(texts) or texts[e] not in CLOSE_QUOTES:
                return False
            k -= 1
        descriptors = self.res.lex.org_descriptors
        if k >= 1 and texts[k - 1].islower() and lowers[k - 1] in descriptors:
            d = k - 1
        elif (
            k >= 2
            and texts[k - 1].islower()
            and texts[k - 2].islower()
            and f"{lowers[k - 2]} {lowers[k - 1]}" in descriptors
        ):
            d = k - 2
        else:
            return False
        # the demonym before "engineering firm": up to two lower-case modifiers back
        lex = self.res.lex
        x = d
        while (
            x > 0
            and x > d - 2
            and texts[x - 1].isalpha()
            and texts[x - 1].islower()
            and lowers[x - 1] not in lex.never_start
            and lowers[x - 1] not in lex.connectors
        ):
            x -= 1
        iso = _org_country(inside) or reg.possessor(x)
        reg.org(name_text(doc, s, e), s, e, iso, None, 0.7)
        return True

    def _title_inside_name(self, doc: Doc, s: int, t: int) -> bool:
        """A head word, then of/for/under, then the office word: part of a body's name."""
        lows = self.chunker.lowers
        seen_head = False
        for k in range(s, t):
            if self.chunker.is_head(doc, k):
                seen_head = True
            elif seen_head and lows[k] in ("of", "for", "under"):
                return True
        return False

    def _titled(self, doc: Doc, s: int, e: int, titles: list[Mention], reg: Registry) -> None:
        """TITLE [of OBJECT] NAME, with an optional qualifier before the title."""
        st = reg.st
        first = titles[0]
        qualifier = st.in_span(s, first.start)
        q_iso = next((m.iso for m in qualifier if m.label in COUNTRYISH), None)
        q_org = self._qualifier_org(doc, s, first.start, qualifier, reg)
        if q_org is None:
            # "the Imereti Region Governor": the office is that region's
            q_org = next((m.text for m in qualifier if m.label == PLACE), None)
        # the offices and honorifics that follow each other: "Vice Chancellor Prof Dr"
        k = first.end
        title_text = first.key if first.label == TITLE else ""
        while True:
            m = st.at(k)
            if m is not None and m.label in (TITLE, HONORIFIC) and m.start == k:
                if m.label == TITLE and not title_text:
                    title_text = m.key
                k = m.end
                continue
            break
        obj_name: str | None = q_org
        obj_iso: str | None = q_iso
        if k < e and st.lowers[k] == "of":
            obj_start = k + 1
            if obj_start < e and st.lowers[obj_start] == "the":
                obj_start += 1
            person_start = self._person_suffix(doc, obj_start, e, reg)
            obj_end = person_start if person_start is not None else e
            obj_name, obj_iso = self._object(doc, obj_start, obj_end, reg)
            k = person_start if person_start is not None else e
        # "Dr Asylbek Kumyrzaev Co-Rector of Manas University": the name ends at the next office
        p_end = next((x for x in range(k, e) if _label(st, x) == TITLE), e)
        person = [x for x in range(k, p_end) if not st.is_punct[x]]
        if person and self._name_tokens(doc, k, p_end, reg):
            name = name_text(doc, k, p_end)
            if obj_name is None and obj_iso is None:
                # a leader the reference data knows: "President Kassym-Jomart Tokayev"
                known = st.in_span(k, p_end, frozenset([PERSON]))
                obj_iso = next((m.iso for m in known if m.iso), None)
            iso = obj_iso if obj_name is None or obj_iso else None
            role_of = obj_name or (self.res.country_name(obj_iso) if obj_iso else None)
            key = reg.person(name, k, p_end, title_text or None, role_of, obj_iso or iso, 0.9)
            if p_end < e:
                self._second_office(doc, key, p_end, e, reg)
        elif title_text:
            st.pending_titles.append((first.start, e, title_text, obj_name, obj_iso))

    def _second_office(self, doc: Doc, key: str, t: int, e: int, reg: Registry) -> None:
        """The office written after a name in the same run, with the body it belongs to."""
        title = reg.st.at(t)
        if title is None:
            return
        lowers = reg.st.lowers
        k = title.end
        if k < e and lowers[k] == "of":
            k += 1
        if k < e and lowers[k] == "the":
            k += 1
        obj_name, obj_iso = self._object(doc, k, e, reg) if k < e else (None, None)
        info = reg.st.persons.get(key)
        if info is None:
            return
        role = (
            title.key,
            obj_name or (self.res.country_name(obj_iso) if obj_iso else None),
            obj_iso,
        )
        if role not in info.roles:
            info.roles.append(role)

    def _qualifier_org(
        self, doc: Doc, s: int, t: int, qualifier: list[Mention], reg: Registry
    ) -> str | None:
        if s >= t:
            return None
        orgs = [m for m in qualifier if m.label == ORG]
        if orgs:
            reg.known(orgs[0])
            return reg.org_name(orgs[0])
        if any(m.label in COUNTRYISH for m in qualifier):
            for m in qualifier:
                reg.known(m)
            return None
        text = name_text(doc, s, t)
        if text.isupper() and 2 <= len(text) <= 6:
            # "UoS Vice Chancellor": an acronym an organisation was given in the text
            return reg.acronym(text)
        return None

    def _person_suffix(self, doc: Doc, s: int, e: int, reg: Registry) -> int | None:
        """Where a person's name starts at the end of "of OBJECT NAME", if it does."""
        st = reg.st
        for length in (4, 3, 2):
            k = e - length
            if k <= s:
                continue
            if st.lowers[k - 1] in ("after", "of", "for", "and", "the"):
                continue
            prev = st.at(k - 1)
            prev_ok = (
                prev is not None and prev.label in (ORG, COUNTRY, DEMONYM, CAPITAL, PLACE)
            ) or (self.chunker.is_head(doc, k - 1))
            if prev_ok and self._name_tokens(doc, k, e, reg):
                return k
        return None

    def _name_tokens(self, doc: Doc, s: int, e: int, reg: Registry) -> bool:
        """Could tokens s..e be a person's name?"""
        st = reg.st
        known = st.at(s)
        if known is not None and known.label == PERSON and known.end == e:
            return True
        words = 0
        for k in range(s, e):
            text, low = st.texts[k], st.lowers[k]
            m = st.at(k)
            if m is not None and m.label != PERSON:
                return False
            if text in DASHES or text == ".":
                continue
            if self.chunker.is_head(doc, k) or not text[:1].isupper():
                return False
            if low in self.res.lex.connectors and low not in (
                "de",
                "al",
                "von",
                "van",
            ):
                return False
            words += 1
        return 1 <= words <= 5

    def _object(self, doc: Doc, s: int, e: int, reg: Registry) -> tuple[str | None, str | None]:
        """The organisation or country an office belongs to."""
        if s >= e:
            return None, None
        inside = reg.st.in_span(s, e)
        if len(inside) == 1 and inside[0].start == s and inside[0].end == e:
            m = inside[0]
            reg.known(m)
            if m.label in COUNTRYISH:
                return None, m.iso
            if m.label == ORG:
                return reg.org_name(m), m.iso
            return m.text, m.iso
        if any(self.chunker.is_head(doc, k) for k in range(s, e)):
            org = self._organisation(doc, s, e, reg)
            return org
        return None, None

    def _organisation(
        self, doc: Doc, s: int, e: int, reg: Registry
    ) -> tuple[str | None, str | None]:
        st = reg.st
        s = self._drop_leading_noun(doc, s, e, st)
        # a country written right after the name is not part of it: "Manas University Kyrgyzstan"
        last = st.at(e - 1)
        trail_iso: str | None = None
        if (
            last is not None
            and last.label == COUNTRY
            and last.start > s
            and self.chunker.is_head(doc, last.start - 1)
        ):
            trail_iso = last.iso
            reg.known(last)
            e = last.start
        inside = st.in_span(s, e)
        iso = trail_iso or _org_country(inside) or reg.possessor(s)
        name = name_text(doc, s, e)
        # "Inc.", "Corp.": a company suffix with its full stop is a word of the name
        words = [k for k in range(s, e) if st.texts[k].rstrip(".").isalpha()]
        if len(words) < 2 or all(self.chunker.is_head(doc, k) for k in words):
            return None, iso  # "the Institute", "Universities": a reference, not a name
        if not self._head_closes_segment(doc, s, e, st) or _quoted_title(doc, s, st):
            for m in inside:
                reg.known(m)
            return None, iso
        key = reg.org(name, s, e, iso, None, 0.85)
        for m in inside:
            if m.label in (COUNTRY, DEMONYM, CAPITAL, PLACE):
                reg.known(m, as_part=True)
        self._parent_bodies(doc, s, e, iso, reg)
        return reg.orgs_name(key), iso

    def _parent_bodies(self, doc: Doc, s: int, e: int, iso: str | None, reg: Registry) -> None:
        """ "Center for Strategic Studies of the Institute of International Relations of the
        Ministry of Foreign Affairs of Turkmenistan": each body the name says it belongs to is an
        organisation too ("… of/under the Institute …"), except the
        state's own executive ("under the Government of X"), which stands for the state."""
        st = reg.st
        lows, texts = st.lowers, st.texts
        connectors = self.res.lex.connectors
        for k in range(s + 1, e - 1):
            if lows[k] not in ("of", "under"):
                continue
            definite = lows[k + 1] == "the"
            h = k + 2 if definite else k + 1
            inner = st.at(h) if h < e else None
            if h >= e or not texts[h][:1].isupper() or (inner is not None and inner.label != ORG):
                continue
            seg = h
            while seg < e and lows[seg] not in connectors:
                seg += 1
            heads = [x for x in range(h, seg) if self.chunker.is_head(doc, x)]
            # "of the Ministry …": a head word right after "the" names a definite body;
            # "Ministry of Energy", "Academy of Public Administration", "Association of
            # Universities" name a domain or members, not a parent
            ok = definite and bool(heads) and heads[0] == h
            if not ok or lows[heads[0]] in self.res.lex.state_executive:
                continue
            words = [x for x in range(h, e) if texts[x].rstrip(".").isalpha()]
            if len(words) >= 2 and not all(self.chunker.is_head(doc, x) for x in words):
                reg.org(name_text(doc, h, e), h, e, iso, None, 0.7, mention=False)

    def _head_closes_segment(self, doc: Doc, s: int, e: int, st: DocState) -> bool:
        """The head word ends its part of the name: "Government Policies and Initiatives" and
        "Oxford Economics Global Cities Index" are not organisations' names."""
        lows = self.chunker.lowers
        connectors = self.res.lex.connectors
        k = s
        while k < e:
            seg_end = k
            while seg_end < e and lows[seg_end] not in connectors:
                seg_end += 1
            heads = [x for x in range(k, seg_end) if self.chunker.is_head(doc, x)]
            if heads:
                for x in range(heads[-1] + 1, seg_end):
                    m = st.at(x)
                    if m is not None or not st.texts[x].isalpha():
                        continue  # "Manas University Kyrgyzstan", "Agency “Kabar”"
                    return False
                return True
            k = seg_end + 1
        return True

    def _drop_leading_noun(self, doc: Doc, s: int, e: int, st: DocState) -> int:
        """ "Students of the National Conservatory …" at a sentence start: the name is what
        follows "of (the)" when that part has a head word of its own."""
        if not (st.sent_of and st.sents[st.sent_of[s]].start == s) or self.chunker.is_head(doc, s):
            return s
        if st.at(s) is not None or s + 1 >= e or st.lowers[s + 1] != "of":
            return s
        k = s + 2
        if k < e and st.lowers[k] == "the":
            k += 1
        if any(self.chunker.is_head(doc, x) for x in range(k, e)):
            return k
        return s

    def _unknown(self, doc: Doc, span: tuple[int, int], sent_start: int, reg: Registry) -> None:
        """A capitalised run the gazetteer does not know: a person, an outlet, or nothing."""
        s, e = span
        if s >= e:
            return
        lex = self.res.lex
        texts, lowers = reg.st.texts, reg.st.lowers
        text = name_text(doc, s, e)
        words = [
            texts[k]
            for k in range(s, e)
            if texts[k].isalpha() and not (k > s and texts[k - 1] in DASHES and texts[k].islower())
        ]
        if not words:
            return
        # "X reports", "according to the X report": a news outlet credited
        after = lowers[e] if e < len(texts) else ""
        before = lowers[s - 1] if s > 0 else ""
        if (
            after in ("reports", "reported") or (after == "report" and before == "the")
        ) and e - s <= 4:
            key = reg.org(text, s, e, None, None, 0.7)
            reg.st.orgs[key].media = True
            return
        if len(words) == 1 and e - s == 1:
            reg.single(s, sent_start)
            return
        cue = (
            before in SPEECH
            or (before in lex.occupations and texts[s - 1].islower())
            or after in SPEECH
            or (after == "," and e + 1 < len(texts) and lowers[e + 1] in SPEECH)
            or (s > 0 and _label(reg.st, s - 1) == HONORIFIC)
        )
        suffix = words[-1].lower().endswith(lex.person_suffixes) and len(words[-1]) > 4
        shaped = 2 <= len(words) <= 4 and all(w.istitle() or _is_hyphen_name(w) for w in words)
        if shaped and before == "counterpart":
            # "Kyrgyz Energy Minister A and his Uzbek counterpart B": B holds that office in
            # the country the demonym names
            iso = reg.possessor(s - 1)
            title = _office_before(reg.st, sent_start, s)
            of = self.res.country_name(iso) if iso and title else None
            reg.person(text, s, e, title, of, iso, 0.75)
            return
        if shaped and (cue or suffix or reg.apposition_follows(e)):
            # "Uzbek painter Akmal Nuridinov": the demonym before the occupation
            iso = reg.possessor(s) or (reg.possessor(s - 1) if before in lex.occupations else None)
            reg.person(text, s, e, None, None, iso, 0.75 if cue else 0.6)
            return
        reg.st.unknown_runs.append((s, e))


def _office_before(st: DocState, sent_start: int, before: int) -> str | None:
    """The office of the last person named in this sentence before token ``before``."""
    for m in sorted(st.mentions, key=lambda m: m.start, reverse=True):
        if m.label != PERSON or not sent_start <= m.start < before:
            continue
        info = st.persons.get(m.key)
        if info is not None and info.roles:
            return info.roles[-1][0]
    return None


GOV_VERBS = frozenset(
    [
        "agreed",
        "signed",
        "said",
        "announced",
        "stated",
        "warned",
        "insisted",
        "pledged",
        "decided",
        "approved",
        "has",
        "have",
        "will",
        "and",
        "are",
        "were",
    ]
)


def _governments(doc: Doc, st: DocState) -> None:
    """Capitals as actors: "Astana and Tashkent agreed", "Beijing has said"."""
    caps = [m for m in st.mentions if m.label == CAPITAL]
    lowers = st.lowers
    for m in caps:
        before = lowers[m.start - 1] if m.start > 0 else ""
        if before in ("in", "at", "to", "from", "of", "near", "via", "into", "through"):
            continue
        after = lowers[m.end] if m.end < len(lowers) else ""
        if after not in GOV_VERBS:
            continue
        if after == "and":
            other = st.at(m.end + 1)
            if other is None or other.label != CAPITAL:
                continue
            other.gov = True
        m.gov = True


WORK_NOUNS = frozenset(
    [
        "project",
        "programme",
        "program",
        "initiative",
        "concept",
        "strategy",
        "book",
        "film",
        "titled",
        "called",
        "named",
        "entitled",
        "exhibition",
        "festival",
        "campaign",
    ]
)


def _quoted_title(doc: Doc, s: int, st: DocState) -> bool:
    """'the project “Provision of Specialized Equipment for the … Unit”': a title of a work."""
    k = s - 1
    if k < 1 or st.texts[k] not in ("“", '"', "«"):
        return False
    return st.lowers[k - 1] in WORK_NOUNS


def _trigger_before_of(lowers: list[str], s: int, e: int, triggers: set[int]) -> bool:
    """'24th Summit of Heads of State of the SCO': an act's name, whatever its tail."""
    for k in range(s, e):
        if lowers[k] in ("of", "on", "for"):
            return False
        if k in triggers:
            return True
    return False


def _label(st: DocState, k: int) -> str | None:
    m = st.at(k)
    return m.label if m is not None else None


def _free_span(doc: Doc, free: list[int], s: int, e: int) -> tuple[int, int]:
    return free[0], free[-1] + 1


def _is_hyphen_name(text: str) -> bool:
    return "-" in text and all(p[:1].isupper() for p in text.split("-") if p)


def _org_country(inside: list[Mention]) -> str | None:
    for m in inside:
        if m.label in (COUNTRY, DEMONYM) and m.iso:
            return m.iso
    for m in inside:
        if m.label in (CAPITAL, PLACE) and m.iso:
            return m.iso
    return None


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_name_finder(nlp: Language, name: str, data_dir: str) -> NameFinder:
    return NameFinder(nlp, name, data_dir)
