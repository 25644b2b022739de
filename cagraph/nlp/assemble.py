"""From a processed Doc to an :class:`ArticleExtraction`: merge mentions and acts, derive ties."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations, product

from spacy.tokens import Doc

from cagraph import EXTRACTOR_VERSION
from cagraph.nlp.registry import norm_key
from cagraph.nlp.resources import Resources
from cagraph.nlp.state import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    PLACE,
    Act,
    DocState,
    OrgInfo,
    extend_unique,
)
from cagraph.records import (
    Agreement,
    Article,
    ArticleExtraction,
    Entity,
    EntityType,
    Event,
    Evidence,
    Role,
    Tie,
)

TIES_COMPONENT = "cagraph.ties.v1"
MAX_TIE_PARTIES = 6  # more countries than this at one event is a multilateral gathering
MAX_DATE_DISTANCE = 20  # tokens between an act's trigger and its date
GENERIC_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "on",
        "in",
        "for",
        "and",
        "between",
        "with",
        "to",
        "memorandum",
        "memorandums",
        "memoranda",
        "agreement",
        "agreements",
        "understanding",
        "cooperation",
        "mou",
        "mous",
        "document",
        "documents",
        "treaty",
        "declaration",
        "joint",
        "statement",
        "protocol",
        "deal",
        "deals",
        "program",
        "programme",
        "roadmap",
        "plan",
        "intergovernmental",
        "interdepartmental",
        "bilateral",
        "new",
        "additional",
        "talks",
        "negotiations",
        "meeting",
        "meetings",
        "visit",
        "official",
        "state",
        "working",
        "high-level",
        "top-level",
        "level",
        "summit",
        "forum",
        "sides",
        "two",
        "countries",
        "business",
    ]
)
ORDINAL = re.compile(
    r"\b(\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[IVX]+)\b",
    re.I,
)


class Assembler:
    def __init__(self, res: Resources) -> None:
        self.res = res

    def __call__(self, doc: Doc, article: Article) -> ArticleExtraction:
        st: DocState = doc._.cag
        evidence = _EvidenceMaker(doc, st, article.id)
        entities = self._countries(doc, st, evidence)
        country_keys = {norm_key(e.name) for e in entities} | {
            norm_key(a) for e in entities for a in e.aliases
        }
        entities += self._orgs(st, evidence, country_keys)
        entities += self._persons(st, evidence)
        entities += self._places(st, evidence)
        self._dates(st, st.acts)  # before merging: a dated edition is not an undated one
        acts = _drop_vague(self._merge(st.acts))
        _gather_principals(st, acts)
        agreements = [self._agreement(a, evidence) for a in acts if a.category == "agreement"]
        events = [self._event(a, evidence) for a in acts if a.category == "event"]
        ties = self._ties(acts, evidence)
        return ArticleExtraction(
            id=article.id,
            published=article.published,
            url=article.url,
            title=article.title,
            attribution=list(article.attribution),
            entities=entities,
            agreements=agreements,
            events=events,
            ties=ties,
            extractor=EXTRACTOR_VERSION,
            content_hash=article.content_hash,
            skipped_non_english=article.skipped_non_english,
        )

    # -- entities ---------------------------------------------------------------------------------
    def _countries(self, doc: Doc, st: DocState, ev: _EvidenceMaker) -> list[Entity]:
        names: dict[str, Counter[str]] = {}
        demonyms: dict[str, set[str]] = {}
        first: dict[str, int] = {}
        for m in st.mentions:
            if not m.iso or not (m.label in (COUNTRY, DEMONYM) or (m.label == CAPITAL and m.gov)):
                continue
            first.setdefault(m.iso, m.start)
            if m.label == COUNTRY:
                names.setdefault(m.iso, Counter())[m.text] += 1
            elif m.label == DEMONYM:
                demonyms.setdefault(m.iso, set()).add(m.text)
        out: list[Entity] = []
        for iso in sorted(first, key=lambda i: first[i]):
            counter = names.get(iso, Counter())
            forms = [f for f, _ in sorted(counter.items(), key=lambda x: (-x[1], -len(x[0])))]
            forms = [f for f in forms if not (f.isupper() and len(f) > 3)] or forms
            canonical = self.res.country_name(iso)
            name = forms[0] if forms else canonical
            aliases = _unique([*forms[1:], *sorted(demonyms.get(iso, ()))], name)
            country = self.res.country_by_iso.get(iso)
            etype: EntityType = "Organization" if iso == "EU" else "Country"
            out.append(
                Entity(
                    type=etype,
                    name=name,
                    aliases=aliases,
                    iso=iso,
                    qid=country.qid if country else None,
                    evidence=[ev.at(first[iso], "cagraph.gazetteer.v1", 0.95)],
                    confidence=0.95,
                )
            )
        return out

    def _orgs(self, st: DocState, ev: _EvidenceMaker, taken: set[str]) -> list[Entity]:
        out: list[Entity] = []
        for info in _merge_short_forms(list(st.orgs.values())):
            if norm_key(info.name) in taken:
                continue
            known = self.res.org_by_id.get(info.known_id) if info.known_id else None
            out.append(
                Entity(
                    type="Organization",
                    name=info.name,
                    aliases=_unique(sorted(info.forms), info.name),
                    country=info.iso if info.iso and len(info.iso) == 2 else None,
                    qid=known.qid if known else None,
                    evidence=[ev.at(info.first, "cagraph.names.v1", info.confidence)],
                    confidence=info.confidence,
                )
            )
        return out

    def _persons(self, st: DocState, ev: _EvidenceMaker) -> list[Entity]:
        out: list[Entity] = []
        first: dict[str, int] = {}
        for m in st.mentions:
            if m.label == "PERSON":
                first.setdefault(m.key, m.start)
        for key, info in st.persons.items():
            roles = [
                Role(title=t, of=of, of_iso=iso if iso and len(iso) == 2 else None)
                for t, of, iso in info.roles
            ]
            out.append(
                Entity(
                    type="Person",
                    name=info.name,
                    aliases=_unique(sorted(info.forms), info.name),
                    country=info.iso if info.iso and len(info.iso) == 2 else None,
                    roles=roles,
                    evidence=[ev.at(first.get(key, 0), "cagraph.names.v1", info.confidence)],
                    confidence=info.confidence,
                )
            )
        return out

    def _places(self, st: DocState, ev: _EvidenceMaker) -> list[Entity]:
        seen: dict[str, Entity] = {}
        for m in st.mentions:
            if m.label not in (PLACE, CAPITAL) or m.gov:
                continue
            name = m.text if not (m.text.isupper() and len(m.text) > 3) else m.text.title()
            key = norm_key(name)
            if key in seen:
                continue
            seen[key] = Entity(
                type="Place",
                name=name,
                country=m.iso if m.iso and len(m.iso) == 2 else None,
                evidence=[ev.at(m.start, "cagraph.gazetteer.v1", 0.9)],
                confidence=0.9,
            )
        return list(seen.values())

    # -- acts ---------------------------------------------------------------------------------
    def _merge(self, acts: list[Act]) -> list[Act]:
        merged: list[Act] = []
        for act in acts:
            target = next((m for m in merged if _same_act(m, act)), None)
            if target is None:
                merged.append(act)
                continue
            if target.generic and not act.generic:
                # "the agreement" came first; the named one takes its place (name, evidence)
                act.confidence = min(1.0, max(target.confidence, act.confidence) + 0.05)
                act.date = act.date or target.date
                merged[next(i for i, m in enumerate(merged) if m is target)] = act
                continue
            if target.kind == "Agreement" and act.kind != "Agreement":
                target.kind, target.name = act.kind, act.name  # the specific word wins
            elif len(_content(act.name)) > len(_content(target.name)) and not act.generic:
                target.name = act.name
            if act.generic:
                continue  # "the declaration stressed …": adds a mention, not parties
            extend_unique(target.parties, act.parties)
            extend_unique(target.signatories, act.signatories)
            extend_unique(target.countries, act.countries)
            extend_unique(target.orgs, act.orgs)
            target.topics = target.topics or act.topics
            target.sides = target.sides or act.sides
            target.location = target.location or act.location
            target.date = target.date or act.date  # the headline's mention has none
            target.confidence = min(1.0, max(target.confidence, act.confidence) + 0.05)
        return merged

    def _dates(self, st: DocState, acts: list[Act]) -> None:
        """The date of an act: the nearest date in its sentence, a full date before a month
        before a bare year ("in 2021 and 2022" far from the verb says little)."""
        for act in acts:
            if act.date is not None or not st.sents:
                continue
            sent = st.sents[st.sent_of[act.start]]
            best: tuple[int, str] | None = None
            for start, end, value in st.dates:
                if not (sent.start <= start < sent.end):
                    continue
                distance = act.start - end if end <= act.start else start - act.end
                if distance > MAX_DATE_DISTANCE:
                    continue
                score = max(distance, 0) + (0 if len(value) == 10 else 8 if len(value) == 7 else 16)
                if best is None or score < best[0]:
                    best = (score, value)
            if best is not None and best[0] <= MAX_DATE_DISTANCE:
                act.date = best[1]

    def _agreement(self, act: Act, ev: _EvidenceMaker) -> Agreement:
        return Agreement(
            kind=act.kind,  # type: ignore[arg-type]
            name=act.name,
            parties=act.parties,
            countries=act.countries,
            date=act.date,
            location=act.location,
            topics=act.topics,
            signatories=act.signatories,
            count=act.count,
            evidence=ev.at(act.start, act.component, act.confidence),
            confidence=act.confidence,
        )

    def _event(self, act: Act, ev: _EvidenceMaker) -> Event:
        return Event(
            kind=act.kind,  # type: ignore[arg-type]
            name=act.name,
            location=act.location,
            date=act.date,
            participants=act.parties,
            countries=act.countries,
            evidence=ev.at(act.start, act.component, act.confidence),
            confidence=act.confidence,
        )

    def _ties(self, acts: list[Act], ev: _EvidenceMaker) -> list[Tie]:
        ties: dict[tuple[str, str], Tie] = {}
        state_level = self.res.state_level
        formats = {act.sides for act in acts if act.sides is not None}
        for act in acts:
            if act.sides is None:
                # in an article about a "C5+1" summit, an act among those states belongs to
                # the format: ties run across its two sides, not within one
                act.sides = next(
                    (
                        f
                        for f in formats
                        if act.countries and set(act.countries) <= set(f[0]) | set(f[1])
                    ),
                    None,
                )
                if act.sides is not None:
                    mine = set(act.countries)
                    act.sides = (
                        tuple(c for c in act.sides[0] if c in mine),
                        tuple(c for c in act.sides[1] if c in mine),
                    )
            if act.multilateral:
                continue
            if act.category == "event" and act.kind == "Forum" and act.named_countries < 2:
                continue  # a festival or conference abroad is no tie; "X–Y business forum" is
            if act.sides is not None:
                pairs = {tuple(sorted((a, b))) for a, b in product(*act.sides) if a != b}
            else:
                cs = [c for c in act.countries if c in state_level]
                if len(cs) < 2 or len(cs) > MAX_TIE_PARTIES:
                    continue
                pairs = {tuple(sorted(p)) for p in combinations(cs, 2)}
            basis = f"{act.category}:{act.kind}"
            for a, b in sorted(pairs):
                key = (a, b)
                evidence = ev.at(act.start, TIES_COMPONENT, act.confidence)
                old = ties.get(key)
                if old is None:
                    ties[key] = Tie(
                        a=a, b=b, basis=[basis], evidence=[evidence], confidence=act.confidence
                    )
                else:
                    ties[key] = old.model_copy(
                        update={
                            "basis": _unique([*old.basis, basis], ""),
                            "evidence": [*old.evidence, evidence],
                            "confidence": min(1.0, max(old.confidence, act.confidence) + 0.05),
                        }
                    )
        return list(ties.values())


class _EvidenceMaker:
    def __init__(self, doc: Doc, st: DocState, article_id: str) -> None:
        self.doc = doc
        self.st = st
        self.article_id = article_id
        self._sentences: dict[int, tuple[str, int]] = {}

    def at(self, token: int, component: str, confidence: float) -> Evidence:
        idx = -1
        if self.st.sents:
            token = min(max(token, 0), len(self.doc) - 1)
            idx = self.st.sent_of[token]
        cached = self._sentences.get(idx)
        if cached is None:
            sent = self.st.sents[idx] if idx >= 0 else self.doc[0:0]
            raw = self.st.span_text(self.doc, sent.start, sent.end) if idx >= 0 else ""
            text = raw.strip()
            cached = (text, sent.start_char + len(raw) - len(raw.lstrip()))
            self._sentences[idx] = cached
        text, start = cached
        return Evidence(
            article_id=self.article_id,
            sentence=text,
            start=start,
            end=start + len(text),
            component=component,
            confidence=round(min(1.0, max(0.0, confidence)), 3),
        )


def _merge_short_forms(orgs: list[OrgInfo]) -> list[OrgInfo]:
    """ "Cabinet of Ministers" beside "Cabinet of Ministers of the Republic of Uzbekistan": the
    short form is the same body, kept as an alias."""
    kept: list[OrgInfo] = []
    for info in sorted(orgs, key=lambda o: -len(o.name)):
        short = info.name.lower()
        longer = next(
            (
                k
                for k in kept
                if not info.known_id
                and k.name.lower().startswith(short + " of ")
                and (info.iso is None or k.iso in (None, info.iso))
            ),
            None,
        )
        if longer is None:
            kept.append(info)
        else:
            longer.forms |= info.forms
    order = {id(o): i for i, o in enumerate(orgs)}
    return sorted(kept, key=lambda o: order[id(o)])


def _gather_principals(st: DocState, acts: list[Act]) -> None:
    """One visit is one event however many sentences describe it: when an article reports a
    single meeting, the persons it names for the meeting's countries are its principals, in
    whichever sentence they are named ("The ceremony was attended by …", "X said")."""
    meetings = [a for a in acts if a.category == "event" and a.kind == "Meeting"]
    if len(meetings) != 1 or not meetings[0].countries:
        return
    meeting = meetings[0]
    countries = set(meeting.countries)
    people = [p.name for p in st.persons.values() if p.iso in countries]
    extend_unique(meeting.parties, people)


def _drop_vague(acts: list[Act]) -> list[Act]:
    """A plural mention ("signed new cooperation agreements") stands for the precise ones."""
    out: list[Act] = []
    for act in acts:
        # "the agreement covers …": the one already named, whatever its kind
        if (
            act.generic
            and act.category == "agreement"
            and any(o is not act and o.category == "agreement" and not o.generic for o in acts)
        ):
            continue
        if act.plural and act.category == "agreement":
            mine = set(act.countries)
            if any(
                o is not act
                and o.category == "agreement"
                and not o.plural
                and mine & set(o.countries)
                for o in acts
            ):
                continue
        out.append(act)
    return out


def _same_act(a: Act, b: Act) -> bool:
    if a.category != b.category or a.plural or b.plural:
        return False
    if a.category == "event" and a.sent_start == b.sent_start and a.start != b.start:
        return False  # two events one sentence names apart ("talks and a meeting of …")
    if a.kind != b.kind:
        return _described_again(a, b)
    if a.count is not None or b.count is not None:
        return False
    ca, cb = set(a.countries), set(b.countries)
    if ca and cb and not (ca <= cb or cb <= ca):
        return False
    oa, ob = ORDINAL.findall(a.name), ORDINAL.findall(b.name)
    if oa and ob and {o.lower() for o in oa} != {o.lower() for o in ob}:
        return False
    if (
        a.category == "event"
        and _first_edition(b)
        and b.date != a.date
        and "first" not in a.name.lower().split()
    ):
        return False  # "the first C5+1 ministerial meeting took place in 2015": history
    if a.generic or b.generic:
        return True
    if a.category == "agreement" and a.sent_start == b.sent_start and a.start != b.start:
        return False  # "an agreement was signed on X, and an agreement was also signed …": two
    if a.category == "agreement":
        if a.item and b.item:
            return False  # each item of a list is its own document
        orgs_a, orgs_b = set(a.orgs), set(b.orgs)
        if orgs_a and orgs_b and not orgs_a & orgs_b:
            return False
        if not (a.topical and b.topical):
            return True
    wa, wb = _content(a.name), _content(b.name)
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def _first_edition(act: Act) -> bool:
    """A later mention of the series' first edition with its own date ("the first C5+1
    ministerial meeting took place in November 2015") recounts an earlier event."""
    return act.date is not None and "first" in act.name.lower().split()


def _described_again(a: Act, b: Act) -> bool:
    """ "an agreement was signed on deepening allied relations" after "the Treaty on deepening
    and expansion of allied relations": the general word names the same document."""
    if a.category != "agreement" or "Agreement" not in (a.kind, b.kind):
        return False
    general = a if a.kind == "Agreement" else b
    if not general.name[:1].islower() or set(a.countries) != set(b.countries):
        return False
    wa, wb = _stems(a.name), _stems(b.name)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _stems(name: str) -> set[str]:
    return {w[:6] for w in _content(name)}


def _content(name: str) -> set[str]:
    words = re.findall(r"[\w+]+", name.lower())
    return {w for w in words if w not in GENERIC_WORDS and len(w) > 1}


def _unique(items: list[str], name: str) -> list[str]:
    seen = {norm_key(name)} if name else set()
    out: list[str] = []
    for item in items:
        key = norm_key(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
