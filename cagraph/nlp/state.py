"""What the extractor's components write on a Doc (``doc._.cag``) as they run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

# Mention labels
COUNTRY = "COUNTRY"  # a country name ("Kazakhstan", "Republic of Korea")
DEMONYM = "DEMONYM"  # "Kazakh", "Uzbek"
CAPITAL = "CAPITAL"  # a capital city (also a Place)
PLACE = "PLACE"  # a known city, region or venue
REGION = "REGION"  # a regional format ("Central Asia", "C5")
ORG = "ORG"  # an organisation
PERSON = "PERSON"  # a person
TITLE = "TITLE"  # an office ("President", "Foreign Minister")
HONORIFIC = "HONORIFIC"  # "Prof.", "Dr", "Mr"
AGR = "AGR"  # an agreement trigger noun
EVT = "EVT"  # an event trigger noun


@dataclass(slots=True)
class Mention:
    """A span of tokens with what it refers to."""

    label: str
    start: int
    end: int
    key: str  # ISO code, organisation id, person key, title, trigger kind…
    text: str
    iso: str | None = None  # the country it refers to or belongs to
    component: str = ""
    confidence: float = 1.0
    gov: bool = False  # a capital standing for its government ("Astana and Tashkent agreed")
    partial: bool = False  # a leader's surname alone: may be another person of that name


@dataclass(slots=True)
class PersonInfo:
    key: str
    name: str
    forms: set[str] = field(default_factory=set)
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # title, of, iso
    iso: str | None = None
    sentences: list[int] = field(default_factory=list)  # token index of first token
    confidence: float = 0.7


@dataclass(slots=True)
class OrgInfo:
    key: str
    name: str
    forms: set[str] = field(default_factory=set)
    iso: str | None = None
    known_id: str | None = None
    first: int = 0  # token index of the first mention
    confidence: float = 0.7
    media: bool = False  # a news outlet credited ("Trend reports"): never a party


@dataclass(slots=True)
class Act:
    """An agreement or event found in one sentence."""

    category: str  # "agreement" | "event"
    kind: str
    name: str
    start: int  # token span of the trigger phrase
    end: int
    sent_start: int
    parties: list[str] = field(default_factory=list)  # entity names (orgs, countries, places)
    signatories: list[str] = field(default_factory=list)  # persons who signed (agreements)
    countries: list[str] = field(default_factory=list)  # ISO codes
    orgs: list[str] = field(default_factory=list)  # the parties that are organisations
    sides: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # region-to-partner format
    multilateral: bool = False  # convened by an international organisation
    named_countries: int = 0  # how many states its own name names ("Turkmen-Japanese forum")
    location: str | None = None
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    count: int | None = None
    generic: bool = False  # "the document", "the agreement": may merge into a named one
    plural: bool = False  # "new cooperation agreements": stands only if nothing more precise does
    item: bool = False  # one item of a list of signed documents
    topical: bool = False  # its name says what it is about ("… on plant quarantine")
    component: str = ""
    confidence: float = 0.8


@dataclass(slots=True)
class Parse:
    """What the trained pipeline said about the sentences it was run on, in Doc token indices.

    Only the sentences that pay are analysed (see ``cagraph.parse.v1``): ``parsed`` holds the
    indices (into ``DocState.sents``) of those with a dependency parse and tags, ``recognised``
    those run through the entity recogniser."""

    model: str = ""
    parsed: set[int] = field(default_factory=set)
    recognised: set[int] = field(default_factory=set)
    head: dict[int, int] = field(default_factory=dict)  # token -> its syntactic head
    dep: dict[int, str] = field(default_factory=dict)  # token -> dependency label
    tag: dict[int, str] = field(default_factory=dict)  # token -> fine-grained tag (NNP, VBD…)
    ents: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, label

    def children(self, head: int, start: int, end: int) -> list[int]:
        """Tokens in [start, end) whose head is ``head``."""
        return [k for k in range(start, end) if self.head.get(k) == head and k != head]


@dataclass
class DocState:
    """Everything the components found in one Doc."""

    article_id: str = ""
    published: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[Mention] = field(default_factory=list)  # agreement and event trigger nouns
    trigger_tokens: set[int] = field(default_factory=set)
    persons: dict[str, PersonInfo] = field(default_factory=dict)
    orgs: dict[str, OrgInfo] = field(default_factory=dict)
    acts: list[Act] = field(default_factory=list)
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # token span, ISO value
    token_mention: dict[int, Mention] = field(default_factory=dict)
    # Per-token attributes, read once from the Doc (no spaCy Token objects in the components).
    # spaCy's is_alpha, is_lower, is_upper, is_title and is_space are the str methods of texts.
    text: str = ""  # the document's text (Doc.text is rebuilt on every access)
    texts: list[str] = field(default_factory=list)  # token texts, lower-case forms, whitespace
    lowers: list[str] = field(default_factory=list)
    spaces: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)  # character offset of each token
    is_punct: list[bool] = field(default_factory=list)  # spaCy's Token.is_punct
    like_num: list[bool] = field(default_factory=list)  # spaCy's Token.like_num
    sents: list[Span] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)  # token index -> index in sents
    # titles with no name in their run: (start, end, title, of, iso) — "…, Rector of X"
    pending_titles: list[tuple[int, int, str, str | None, str | None]] = field(default_factory=list)
    singles: list[tuple[int, int]] = field(default_factory=list)  # lone capitalised tokens
    unknown_runs: list[tuple[int, int]] = field(default_factory=list)
    parse: Parse | None = None  # the trained pipeline's view, when the hybrid runs

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.token_mention[i] = mention

    def span_text(self, doc: Doc, start: int, end: int) -> str:
        """The text of tokens start..end, cut from the document's text (no Token objects)."""
        if end <= start:
            return ""
        if not self.idx:
            return doc[start:end].text
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.texts[end - 1])]

    def at(self, i: int) -> Mention | None:
        return self.token_mention.get(i)

    def in_span(self, start: int, end: int, labels: frozenset[str] | None = None) -> list[Mention]:
        seen: list[Mention] = []
        for i in range(start, end):
            m = self.token_mention.get(i)
            if m is None or (labels is not None and m.label not in labels):
                continue
            if all(m is not s for s in seen):
                seen.append(m)
        return seen


def extend_unique(target: list[str], items: Iterable[str]) -> None:
    """Append the items not in ``target`` yet, keeping order."""
    for item in items:
        if item not in target:
            target.append(item)


def state(doc: Doc) -> DocState:
    value = doc._.cag
    if value is None:
        value = DocState()
        doc._.cag = value
    assert isinstance(value, DocState)
    return value


if not Doc.has_extension("cag"):
    Doc.set_extension("cag", default=None)
