"""``cagraph.agreements.v1``: agreements signed, concluded, adopted or launched — not proposed.

A trigger noun (memorandum, agreement, treaty, joint statement, roadmap…) counts when its
sentence reports the act (signed, inked, concluded, adopted, launched, exchanged instruments…),
when it sits in a list of signed documents, or when it is a named agreement ("the 1996
Partnership and Cooperation Agreement"). Proposals and plans do not count. Plural triggers with a
list of topics ("memorandums on transport, communications and IT") give one agreement per topic.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from cagraph.nlp.components.actors import ActorFinder, Actors
from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.state import AGR, Act, DocState, Mention, state
from cagraph.nlp.topics import topics_for

NAME = "cagraph.agreements.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
PREPOSITIONS = frozenset(
    ["of", "on", "for", "under", "within", "into", "from", "about", "to", "over"]
)
NAME_STOPS = frozenset(
    [
        "which",
        "that",
        "was",
        "were",
        "is",
        "are",
        "signed",
        "will",
        "would",
        "has",
        "have",
        "had",
        "aimed",
        "worth",
        "to",
        "by",
        "as",
        "while",
        "after",
        "during",
        "following",
        "at",
    ]
)
BULLETS = frozenset({"-", "–", "•", "*", "·"})
VERBISH = frozenset(
    [
        "signed",
        "sign",
        "signs",
        "inked",
        "concluded",
        "adopted",
        "launched",
        "exchanged",
        "ratified",
        "approved",
        "reached",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
    ]
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
COMPLEMENT_STARTS = frozenset(["on", "between", "for", "in", "of", "with", "to"])
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "said", "its", "their"})


class AgreementFinder(DataComponent):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        triggers = [t for t in st.triggers if t.label == AGR]
        if not triggers:
            return doc
        self._lowers = st.lowers
        self._triggers = triggers
        finder = ActorFinder(doc, st, self.res)
        finder.place_parties = True
        sents = st.sents
        list_open = False
        self._list_signers: Actors | None = None  # who signed the documents a list names
        recent = -10  # index of the last sentence that reported an agreement
        prev_semicolon = False
        signed_before = False  # the sentence before signed documents it did not list
        ti = 0
        for idx, sent in enumerate(sents):
            if _is_blank(sent, st):
                continue
            item = _is_list_item(sent, st) or (list_open and prev_semicolon)
            last = _last_word(sent, st)
            prev_semicolon = last is not None and st.texts[last] == ";"
            if not item and list_open:
                list_open = False
                self._list_signers = None
            mine: list[Mention] = []
            while ti < len(triggers) and triggers[ti].start < sent.end:
                if triggers[ti].start >= sent.start:
                    mine.append(triggers[ti])
                ti += 1
            before = len(st.acts)
            if mine:
                self._sentence(
                    doc, sent, mine, finder, item and list_open, idx, sents, recent >= idx - 2
                )
            if len(st.acts) > before:
                recent = idx
            signed = self._signing_index(sent) is not None
            if last is not None and st.texts[last] == ":" and (signed or signed_before):
                # "The following documents were signed:", or "… signed twelve documents.
                # Among them:"
                list_open = True
            signed_before = signed and bool(mine) and not item
        return doc

    # -- one sentence ---------------------------------------------------------------------------
    def _sentence(
        self,
        doc: Doc,
        sent: Span,
        triggers: list[Mention],
        finder: ActorFinder,
        in_list: bool,
        idx: int,
        sents: list[Span],
        continued: bool,
    ) -> None:
        lex = self.res.lex
        st = state(doc)
        signing = self._signing_index(sent)
        blocked = signing is not None and self._not_yet(doc, signing, sent.start)
        previous: Mention | None = None
        for trig in triggers:
            nested = previous is not None and _after_preposition(st, trig.start, sent.start)
            if nested:
                continue
            if trig.start > sent.start and st.texts[trig.start - 1] == "(":
                continue  # "Memorandum of Understanding (MoU)": the short form of the one named
            kind = trig.key
            low = trig.text.lower()
            generic = low in lex.generic_agreement_nouns
            named = _capitalised_name(st, trig, sent.start)
            det = _determiner(st, trig.start, sent.start)
            if generic and det in DETERMINERS:
                continue  # "the document was signed": the one already named
            if det == "other":
                continue
            near_block = self._not_yet(doc, trig.start, sent.start, window=6)
            act_ok = in_list or (signing is not None and not blocked) or (named and not blocked)
            act_ok = act_ok or (continued and not near_block and not blocked)
            if near_block and not in_list:
                act_ok = False
            if kind == "Program" and not in_list:
                act_ok = self._program_act(doc, sent, trig) or (
                    named and signing is not None and not blocked
                )
            if not act_ok:
                continue
            previous = trig
            count = _count_before(st, trig.start, sent.start, lex.count_words)
            name_end = _complement_end(st, trig.end, sent.end, lex.signing_words)
            items = _items(st, trig, name_end, sent.end) if low.endswith("s") else []
            enumerated = "including" in st.lowers[trig.end : sent.end] and len(items) < 2
            if count is not None and (
                enumerated or _ends_with_colon(sent, st) or _list_follows(sents, idx, st)
            ):
                # "ten documents were signed:" followed by the list itself, whose items
                # were signed by the parties of this sentence
                signers = self._parties(doc, sent, trig, trig.start, trig.end, signing, finder)
                self._list_signers = signers if len(signers.names) >= 2 else None
                continue
            name_start = (
                named[0]
                if named
                else _premodifier_start(st, trig.start, sent.start, lex.signing_words)
            )
            actors = self._parties(doc, sent, trig, name_start, name_end, signing, finder)
            listed = self._list_signers if in_list else None
            if listed is not None and finder.between(sent.start, sent.end) is None:
                actors = listed  # an item that names no signers of its own
            base = st.span_text(doc, name_start, trig.end)
            if len(items) >= 2:
                for item_start, item_end in items:
                    name = f"{base} on {st.span_text(doc, item_start, item_end)}"
                    self._add(st, kind, name, trig, sent, actors, None, generic=False)
                continue
            name = " ".join(st.span_text(doc, name_start, name_end).split()).strip(" ,;:")
            topic = _passive_topic(doc, st, trig.end, name_end, sent.end, lex.signing_words)
            if topic:
                name = f"{name} {topic}"  # "an agreement was signed on deepening …"
            anaphoric = (
                det in DETERMINERS
                and not named
                and (name_end == trig.end or st.lowers[trig.end] not in COMPLEMENT_STARTS)
            )
            plural = low.endswith("s") and count is None
            if not actors and st.acts:
                actors = self._inherit(st, sent.start)
            self._add(
                st,
                kind,
                name,
                trig,
                sent,
                actors,
                count,
                generic=anaphoric,
                plural=plural,
                item=in_list,
            )

    def _add(
        self,
        st: DocState,
        kind: str,
        name: str,
        trig: Mention,
        sent: Span,
        actors: Actors,
        count: int | None,
        generic: bool,
        plural: bool = False,
        item: bool = False,
    ) -> None:
        if len(actors.names) < 2 and count is None and not self._multilateral(actors):
            return  # one state alone: a domestic programme or decision, not an agreement
        parties = actors.without_persons()
        if not parties:
            parties = list(actors.names)  # persons the text names and nothing else
        st.acts.append(
            Act(
                category="agreement",
                kind=kind,
                name=name,
                start=trig.start,
                end=trig.end,
                sent_start=sent.start,
                parties=parties,
                signatories=list(actors.persons),
                countries=list(actors.countries),
                orgs=list(actors.orgs),
                topics=topics_for(name, self.res.lex),
                count=count,
                generic=generic,
                plural=plural,
                item=item,
                topical=_topical(name),
                component=self.name,
                confidence=0.8 if actors.countries else 0.6,
            )
        )

    # -- who signed -----------------------------------------------------------------------------
    def _parties(
        self,
        doc: Doc,
        sent: Span,
        trig: Mention,
        name_start: int,
        name_end: int,
        signing: int | None,
        finder: ActorFinder,
    ) -> Actors:
        out = Actors()
        clause_end = finder.clause_end(trig.end, sent.end)
        # "between A and B" within this document's own words, up to the next document named
        stop = min(clause_end, trig.end + 25, self._next_trigger(trig, clause_end))
        between = finder.between(name_start, max(name_end, stop))
        if between is None:
            # "a clutch of agreements between A and B, including a power purchase agreement"
            between = finder.between(sent.start, name_start)
        if between is not None:
            out.merge(between)
        own = finder.in_span(name_start, trig.start)
        out.merge(own)
        if signing is not None and signing < trig.start:
            subject = finder.in_span(sent.start, signing)
            if not subject:
                generic = finder.generic_pair(sent.start, signing)
                if generic is not None:
                    subject = generic
            out.merge(subject)
        if signing is not None and signing > trig.end:
            # "… was signed by A and B" / "signed between A and B"
            k = signing + 1
            if k < sent.end and self._lowers[k] == "by":
                out.merge(finder.in_span(k + 1, finder.clause_end(k + 1, sent.end)))
        for k in range(trig.end, clause_end):
            if self._lowers[k] == "with":
                stop = min(clause_end, k + 8)
                out.merge(finder.in_span(k + 1, stop))
                break
        if len(out.countries) < 2:
            context = finder.focus_actors(trig.start, institutions=not out)
            if len(context.countries) == 2 and (
                not out
                or (out.countries and out.countries[0] in context.countries and not out.orgs)
            ):
                out.merge(context)
        return out

    def _multilateral(self, actors: Actors) -> bool:
        """A declaration adopted by an international organisation has that one party."""
        for name in actors.orgs:
            for org in self.res.ref.organizations:
                if name in (org.name, *org.aliases, *org.acronyms):
                    return org.kind not in ("media", "company")
        return False

    def _next_trigger(self, trig: Mention, limit: int) -> int:
        for other in self._triggers:
            if other.start >= trig.end:
                return min(other.start, limit)
        return limit

    def _inherit(self, st: DocState, sent_start: int) -> Actors:
        """'The other agreement is a memorandum …': the parties of the agreement just before."""
        out = Actors()
        for act in reversed(st.acts):
            if act.category == "agreement" and act.sent_start < sent_start:
                for name in act.parties:
                    out.add_name(name)
                out.persons.extend(p for p in act.signatories if p not in out.persons)
                for iso in act.countries:
                    if iso not in out.countries:
                        out.countries.append(iso)
                break
        return out

    def _signing_index(self, sent: Span) -> int | None:
        words = self.res.lex.signing_words
        lowers = self._lowers
        for k in range(sent.start, sent.end):
            if lowers[k] in words:
                return k
        return None

    def _not_yet(self, doc: Doc, signing: int, sent_start: int, window: int = 3) -> bool:
        words = self.res.lex.not_yet_words
        lowers = self._lowers
        return any(lowers[k] in words for k in range(max(sent_start, signing - window), signing))

    def _program_act(self, doc: Doc, sent: Span, trig: Mention) -> bool:
        lex = self.res.lex
        lowers = self._lowers
        for k in range(sent.start, sent.end):
            if lowers[k] in lex.program_verbs:
                return not self._not_yet(doc, k, sent.start)
        return False


# -- token-level helpers -----------------------------------------------------------------------
def _first_word(sent: Span, st: DocState) -> int | None:
    """The index of the sentence's first token that is not whitespace."""
    for k in range(sent.start, sent.end):
        if st.texts[k].strip():
            return k
    return None


def _last_word(sent: Span, st: DocState) -> int | None:
    """The index of the sentence's last token that is not whitespace."""
    for k in range(sent.end - 1, sent.start - 1, -1):
        if st.texts[k].strip():
            return k
    return None


def _is_list_item(sent: Span, st: DocState) -> bool:
    first = _first_word(sent, st)
    if first is None:
        return False
    if st.texts[first] in BULLETS:
        return True
    if st.like_num[first] and first + 1 < sent.end and st.texts[first + 1] in (".", ")"):
        return True
    last = _last_word(sent, st)
    return last is not None and st.texts[last] == ";"


def _is_blank(sent: Span, st: DocState) -> bool:
    return _first_word(sent, st) is None


def _ends_with_colon(sent: Span, st: DocState) -> bool:
    last = _last_word(sent, st)
    return last is not None and st.texts[last] == ":"


def _list_follows(sents: list[Span], idx: int, st: DocState) -> bool:
    for nxt in sents[idx + 1 : idx + 3]:
        if _ends_with_colon(nxt, st):
            return True
        if _is_list_item(nxt, st) and st.texts[nxt.start] in BULLETS:
            return True
    return False


def _after_preposition(st: DocState, start: int, sent_start: int) -> bool:
    k = start - 1
    steps = 0
    while k >= sent_start and steps < 4:
        low = st.lowers[k]
        if low in PREPOSITIONS:
            return True
        if low in (",", "and", ";") or st.is_punct[k]:
            return False
        k -= 1
        steps += 1
    return False


def _determiner(st: DocState, start: int, sent_start: int) -> str | None:
    """The determiner of a trigger noun, through at most two modifiers ("the two new …")."""
    k = start - 1
    steps = 0
    while k >= sent_start and steps < 3:
        low = st.lowers[k]
        if low in DETERMINERS or low in ("a", "an", "other"):
            return low
        if st.is_punct[k] or low in VERBISH:
            return None
        k -= 1
        steps += 1
    return None


def _capitalised_name(st: DocState, trig: Mention, sent_start: int) -> tuple[int, int] | None:
    """'Enhanced Partnership and Cooperation Agreement', 'Astana Declaration', 'Joint Protocol'."""
    texts = st.texts
    if not texts[trig.end - 1][:1].isupper():
        return None
    k = trig.start
    while k - 1 >= sent_start:
        if texts[k - 1][:1].isupper() or (
            st.lowers[k - 1] in ("and", "of", "on")
            and k - 2 >= sent_start
            and texts[k - 2][:1].isupper()
        ):
            k -= 1
            continue
        break
    if k == trig.start and trig.start == sent_start:
        return None  # a capital only because the sentence starts there
    return (k, trig.end)


def _premodifier_start(
    st: DocState, start: int, sent_start: int, signing: frozenset[str] = frozenset()
) -> int:
    """Where the words before a trigger that belong to its name start ("energy memorandum",
    "joint programme"): not past a determiner, a preposition or a signing verb in any tense
    ("universities launch joint programme")."""
    k = start
    while k - 1 >= sent_start:
        low = st.lowers[k - 1]
        if low in DETERMINERS or low in ("a", "an") or st.is_punct[k - 1] or st.like_num[k - 1]:
            break
        if low in PREPOSITIONS or low in signing or low in ("signed", "sign", "and", "with"):
            break
        k -= 1
        if start - k >= 4:
            break
    return k


def _complement_end(
    st: DocState, start: int, sent_end: int, stops: frozenset[str] = frozenset()
) -> int:
    texts, lowers = st.texts, st.lowers
    day_dates = {a for a, _, iso in st.dates if len(iso) == 10}  # "on Tuesday", "on 4 June"
    k = start
    while k < sent_end and k - start < 30:
        text, low = texts[k], lowers[k]
        if text in (";", ".", ":", "(") or low in NAME_STOPS or low in stops:
            break
        if low == "on" and k + 1 < sent_end and (k + 1 in day_dates or lowers[k + 1] in WEEKDAYS):
            break  # "… in the energy sector on Tuesday": when it was signed, not its name
        if text == "," and not (k + 1 < sent_end and texts[k + 1][:1].isupper()):
            break
        if low == "and" and k + 1 < sent_end and lowers[k + 1] in ("a", "an", "the"):
            break  # "… and a memorandum on …", "… and the 2040 concept": the next document
        k += 1
    return k


def _passive_topic(
    doc: Doc, st: DocState, trig_end: int, name_end: int, sent_end: int, signing: frozenset[str]
) -> str:
    """'an agreement was signed on deepening allied relations': the topic after the verb."""
    lowers = st.lowers
    k = trig_end
    if name_end != trig_end or k + 2 >= sent_end or lowers[k] not in ("was", "were"):
        return ""
    if lowers[k + 1] not in signing or lowers[k + 2] not in ("on", "in", "for"):
        return ""
    end = _complement_end(st, k + 3, sent_end, signing)
    return st.span_text(doc, k + 2, end) if end > k + 3 else ""


def _topical(name: str) -> bool:
    """Does the name say what the document is about ("… on plant quarantine")?"""
    low = f" {name.lower()} "
    return any(f" {p} " in low for p in ("on", "in the field of", "in the sphere of", "for the"))


def _count_before(st: DocState, start: int, sent_start: int, words: dict[str, int]) -> int | None:
    texts, lowers = st.texts, st.lowers
    for k in range(start - 1, max(sent_start - 1, start - 5), -1):
        if k + 1 < len(texts) and texts[k + 1] in ("-", "–"):
            continue  # "25-year agreement"
        if st.like_num[k]:
            try:
                return int(texts[k].replace(",", ""))
            except ValueError:
                value = words.get(lowers[k])
                if value is not None:
                    return value
        value = words.get(lowers[k])
        if value is not None:
            return value
    return None


def _items(st: DocState, trig: Mention, name_end: int, sent_end: int) -> list[tuple[int, int]]:
    """Topics listed after a plural trigger: 'on A, B, and C' / 'on A and on B'."""
    texts, lowers = st.texts, st.lowers
    k = trig.end
    if k < sent_end and texts[k] == ",":
        k += 1
    if k < sent_end and lowers[k] == "including":
        k += 1
    if k >= sent_end or lowers[k] not in ("on", "in", "for"):
        return []
    k += 1
    end = k
    while end < sent_end:
        if texts[end] in (";", ".", ":") or (
            lowers[end] == "as" and end + 1 < sent_end and lowers[end + 1] == "well"
        ):
            break
        end += 1
    repeated: list[tuple[int, int]] = []
    cur = k
    for x in range(k, end - 1):
        if lowers[x] == "and" and lowers[x + 1] in ("on", "in", "for"):
            repeated.append((cur, x))
            cur = x + 2
    if repeated:
        repeated.append((cur, end))
        return [(p, q) for p, q in repeated if q > p]
    if lowers[k] == "cooperation" and k + 1 < end and lowers[k + 1] == "in":
        k += 2
    pieces: list[tuple[int, int]] = []
    cur = k
    for x in range(k, end):
        if texts[x] == ",":
            pieces.append((cur, x))
            cur = x + 1
            if cur < end and lowers[cur] == "and":
                cur += 1
    pieces.append((cur, end))
    return [(a, b) for a, b in pieces if b > a]


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_agreement_finder(nlp: Language, name: str, data_dir: str) -> AgreementFinder:
    return AgreementFinder(nlp, name, data_dir)
