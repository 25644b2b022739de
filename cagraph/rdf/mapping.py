"""ArticleExtraction -> the quads of one named graph per article.

The graph ``id/article/<id>`` holds everything the article states: its own metadata, the
entities it names (types, labels), its agreements, events, offices and reported ties, and the
evidence behind each (PROV-O). Things several articles state are written in each article's
graph; querying with the default graph as the union of all graphs gives the merged view.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from cagraph.errors import ValidationError
from cagraph.rdf import literals as lit
from cagraph.rdf import mint
from cagraph.rdf.topics import TopicMatcher
from cagraph.rdf.vocab import CAG, DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TOPIC, WD, kind_class
from cagraph.records import (
    Agreement,
    ArticleExtraction,
    Entity,
    EntityType,
    Event,
    Evidence,
    Role,
    Tie,
)
from cagraph.refdata.model import Term as OfficeTerm
from cagraph.resolve.resolver import EntityRef, Resolver
from cagraph.resolve.text import fold

RdfTerm = NamedNode | BlankNode | Literal

_CLASS_OF_KIND = {
    "country": "Country",
    "person": "Person",
    "organization": "Organization",
    "place": "Place",
    "agent": "Agent",
}


@dataclass(frozen=True)
class ArticleGraph:
    """The named graph of one article: its IRI and its quads, ready for the store."""

    article_id: str
    graph: NamedNode
    quads: list[Quad]


def map_extraction(
    x: ArticleExtraction, resolver: Resolver, *, topics: TopicMatcher | None = None
) -> ArticleGraph:
    """Map one article's extraction to its named graph. Raises ValidationError for codes,
    dates or offsets that cannot be written, naming the article and field."""
    mapper = _ArticleMapper(x, resolver, topics or TopicMatcher.default())
    return ArticleGraph(x.id, mapper.graph, mapper.run())


class _ArticleMapper:
    def __init__(self, x: ArticleExtraction, resolver: Resolver, topics: TopicMatcher):
        self.x = x
        self.resolver = resolver
        self.topics = topics
        self.graph = mint.article(x.id)
        self.triples: dict[tuple[NamedNode, NamedNode, RdfTerm], None] = {}
        self.labelled: dict[NamedNode, str] = {}
        self.mentions: dict[str, EntityRef] = {}
        self.evidenced: set[NamedNode] = set()

    def run(self) -> list[Quad]:
        self._article()
        refs = [self._index(e, i) for i, e in enumerate(self.x.entities)]
        for i, (entity, ref) in enumerate(zip(self.x.entities, refs, strict=True)):
            self._entity(entity, ref, f"entities[{i}]")
        for i, agreement in enumerate(self.x.agreements):
            self._agreement(agreement, f"agreements[{i}]")
        for i, event in enumerate(self.x.events):
            self._event(event, f"events[{i}]")
        for i, tie in enumerate(self.x.ties):
            self._tie(tie, f"ties[{i}]")
        g = self.graph
        return [Quad(s, p, o, g) for (s, p, o) in self.triples]

    # ------------------------------------------------------------------ helpers

    def add(self, s: NamedNode, p: NamedNode, o: RdfTerm) -> None:
        self.triples[(s, p, o)] = None

    def fail(self, field: str, message: str, hint: str) -> ValidationError:
        return ValidationError(f"{field}: {message}", hint=hint, source=f"article {self.x.id}")

    def iso(self, code: str, field: str) -> NamedNode:
        """Node of a country given by code, described in this graph."""
        try:
            ref = self.resolver.country(code)
        except ValidationError:
            raise self.fail(field, f"not an ISO 3166-1 alpha-2 code: {code!r}", "use KZ…") from None
        return self.node(ref)

    def node(self, ref: EntityRef, declared: EntityType | None = None) -> NamedNode:
        """The IRI of a resolved reference, with its type and label written once."""
        node = mint.entity(ref)
        self.add(node, RDF.ox.type, CAG.ox[_CLASS_OF_KIND[ref.kind]])
        if declared == "Organization" and ref.kind == "country":
            self.add(node, RDF.ox.type, CAG.ox.Organization)
        if node not in self.labelled:
            self.labelled[node] = ref.label
            self.add(node, SKOS.ox.prefLabel, lit.text(ref.label))
            if ref.kind == "country":
                self.add(node, CAG.ox.isoCode, lit.text(ref.key))
            elif ref.country is not None:
                self.add(node, CAG.ox.country, self.iso(ref.country, f"country of {ref.label}"))
            if ref.qid:
                self.add(node, OWL.ox.sameAs, WD.ox[ref.qid])
        elif self.labelled[node] != ref.label:
            self.add(node, SKOS.ox.altLabel, lit.text(ref.label))
        return node

    def name(self, name: str, hint: EntityType | None = None) -> tuple[EntityRef, NamedNode]:
        """A name used by an agreement, event or role: an entity of this article, else resolved."""
        ref = self.mentions.get(fold(name))
        if ref is None:
            ref = self.resolver.resolve(name, hint, scope=self.x.id)
        return ref, self.node(ref)

    def evidence(self, item: NamedNode, ev: Evidence | None, field: str) -> None:
        if ev is None:
            return
        if ev.article_id != self.x.id:
            raise self.fail(field, f"evidence of article {ev.article_id!r}", "fix the extractor")
        if ev.end < ev.start:
            raise self.fail(field, f"evidence ends ({ev.end}) before it starts ({ev.start})", "")
        node = mint.evidence(self.x.id, ev.start, ev.end, ev.component, ev.confidence)
        self.add(item, PROV.ox.wasDerivedFrom, node)
        if node in self.evidenced:
            return  # items read from one sentence by one component share their evidence
        self.evidenced.add(node)
        self.add(node, RDF.ox.type, CAG.ox.Evidence)
        self.add(node, CAG.ox.sentence, lit.text(ev.sentence))
        self.add(node, CAG.ox.startOffset, lit.integer(ev.start))
        self.add(node, CAG.ox.endOffset, lit.integer(ev.end))
        self.add(node, CAG.ox.component, lit.text(ev.component))
        self.add(node, CAG.ox.confidence, lit.double(ev.confidence))
        self.add(node, PROV.ox.wasQuotedFrom, self.graph)

    def date(self, value: str | None, field: str) -> RdfTerm | None:
        if value is None:
            return None
        try:
            return lit.partial_date(value)
        except ValidationError:
            hint = "use YYYY, YYYY-MM or YYYY-MM-DD"
            raise self.fail(field, f"not a date: {value!r}", hint) from None

    # ------------------------------------------------------------------ article

    def _article(self) -> None:
        x, a = self.x, self.graph
        self.add(a, RDF.ox.type, CAG.ox.Article)
        self.add(a, DCTERMS.ox.identifier, lit.text(x.id))
        if x.title:
            self.add(a, DCTERMS.ox.title, lit.text(x.title))
        published = self.date(x.published, "published")
        if published is not None:
            self.add(a, DCTERMS.ox.date, published)
        if x.url:
            self.add(a, CAG.ox.url, lit.any_uri(x.url))
        for line in x.attribution:
            self.add(a, CAG.ox.attribution, lit.text(line))
        if x.content_hash:
            self.add(a, CAG.ox.contentHash, lit.text(x.content_hash))
        if x.extractor:
            agent = mint.software(x.extractor)
            self.add(a, CAG.ox.extractedBy, agent)
            self.add(agent, RDF.ox.type, PROV.ox.SoftwareAgent)
            self.add(agent, RDFS.ox.label, lit.text(x.extractor))

    # ------------------------------------------------------------------ entities and roles

    def _index(self, entity: Entity, i: int) -> EntityRef:
        try:
            ref = self.resolver.resolve_entity(entity, scope=self.x.id)
        except ValidationError as exc:
            raise self.fail(f"entities[{i}]", exc.message, exc.hint or "") from exc
        for form in (entity.name, *entity.aliases):
            self.mentions.setdefault(fold(form), ref)
        return ref

    def _entity(self, entity: Entity, ref: EntityRef, field: str) -> None:
        node = self.node(ref, entity.type)
        for form in (entity.name, *entity.aliases):
            if form != self.labelled[node]:
                self.add(node, SKOS.ox.altLabel, lit.text(form))
        if entity.country and ref.country is None and ref.kind != "country":
            # The resolver's country (reference data, the name itself) wins over the record's.
            self.add(node, CAG.ox.country, self.iso(entity.country, f"{field}.country"))
        for j, ev in enumerate(entity.evidence):
            self.evidence(node, ev, f"{field}.evidence[{j}]")
        for j, role in enumerate(entity.roles):
            if ref.kind == "person":
                self._role(entity, ref, node, role, f"{field}.roles[{j}]")

    def _role(
        self,
        entity: Entity,
        person: EntityRef,
        node: NamedNode,
        held: Role,
        field: str,
    ) -> None:
        title, of, of_iso = held.title, held.of, held.of_iso
        office = self.resolver.title(title)
        role = mint.role(office.key)
        self.add(role, RDF.ox.type, ORG.ox.Role)
        if role not in self.labelled:
            self.labelled[role] = office.label
            self.add(role, SKOS.ox.prefLabel, lit.text(office.label))
        org_ref: EntityRef | None = None
        org: NamedNode | None = None
        if of_iso:
            org_ref = self.resolver.country(of_iso)
            org = self.iso(of_iso, f"{field}.of_iso")
        elif of:
            org_ref, org = self.name(of)
        membership = mint.membership(node, role, org)
        self.add(membership, RDF.ox.type, ORG.ox.Membership)
        self.add(membership, ORG.ox.member, node)
        self.add(membership, ORG.ox.role, role)
        self.add(membership, CAG.ox.roleTitle, lit.text(title))
        if org is not None:
            self.add(membership, ORG.ox.organization, org)
        attested = self.date(self.x.published, "published")
        if attested is not None:
            self.add(membership, CAG.ox.attestedOn, attested)
        term = self._term(person, office.label, org_ref)
        if term is not None:
            for prop, value in ((CAG.ox.startDate, term.start), (CAG.ox.endDate, term.end)):
                when = self.date(value, f"{field} (reference term)")
                if when is not None:
                    self.add(membership, prop, when)
        for ev in entity.evidence:
            self.evidence(membership, ev, field)

    def _term(self, person: EntityRef, office: str, org: EntityRef | None) -> OfficeTerm | None:
        """The reference-data term of this office the article speaks of: the one in force on
        the article's date, or the only one when the article has no date."""
        if org is None:
            return None
        terms = [
            t
            for t in self.resolver.terms(person)
            if t.office == office and t.country == org.key and org.kind == "country"
        ]
        day = self.x.published
        if day is None:
            return terms[0] if len(terms) == 1 else None
        held = [t for t in terms if (t.start or "") <= day and (t.end is None or day <= t.end)]
        return held[0] if len(held) == 1 else None

    # ------------------------------------------------------------------ acts

    def _countries(self, codes: list[str], refs: list[EntityRef], field: str) -> list[str]:
        """ISO codes of an act's states: its codes, party states and the states of parties;
        each described in the graph."""
        found: dict[str, None] = {}
        for j, code in enumerate(codes):
            self.iso(code, f"{field}.countries[{j}]")
            found[code] = None
        for ref in refs:
            if ref.kind == "country":
                found[ref.key] = None
            elif ref.kind == "organization" and ref.country:
                found[ref.country] = None
        return list(found)

    def _act(self, node: NamedNode, kind: str, name: str, date: str | None, field: str) -> None:
        self.add(node, RDF.ox.type, CAG.ox[kind_class(kind)])
        self.add(node, RDFS.ox.label, lit.text(name))
        when = self.date(date, f"{field}.date")
        if when is not None:
            self.add(node, CAG.ox.date, when)

    def _location(self, node: NamedNode, location: str | None) -> None:
        if location:
            _, place = self.name(location, "Place")
            self.add(node, CAG.ox.location, place)

    def _agreement(self, ag: Agreement, field: str) -> None:
        parties = [self.name(p) for p in ag.parties]
        refs = [r for r, _ in parties]
        countries = self._countries(ag.countries, refs, field)
        keys = [n.value for _, n in parties] or [mint.country(c).value for c in countries]
        name_key = self.resolver.name_key(ag.name, drop=[c.lower() for c in countries])
        node = mint.agreement(ag.kind, keys, name_key, ag.date)
        self.add(node, RDF.ox.type, CAG.ox.Agreement)
        self._act(node, ag.kind, ag.name, ag.date, field)
        for _, party in parties:
            self.add(node, CAG.ox.party, party)
        for c in countries:
            self.add(node, CAG.ox.involvesCountry, mint.country(c))
        self._location(node, ag.location)
        for topic in ag.topics:
            self.add(node, CAG.ox.topicLabel, lit.text(topic))
            for concept in self.topics.match(topic):
                self.add(node, CAG.ox.topic, TOPIC.ox[concept])
        for signatory in ag.signatories:
            _, person = self.name(signatory, "Person")
            self.add(node, CAG.ox.signatory, person)
        if ag.count is not None and ag.count >= 1:
            self.add(node, CAG.ox.documentCount, lit.integer(ag.count))
        self.evidence(node, ag.evidence, f"{field}.evidence")

    def _event(self, ev: Event, field: str) -> None:
        participants = [self.name(p) for p in ev.participants]
        countries = self._countries(ev.countries, [r for r, _ in participants], field)
        name_key = self.resolver.name_key(ev.name)
        node = mint.event(ev.kind, name_key, ev.date, countries)
        self.add(node, RDF.ox.type, CAG.ox.Event)
        self._act(node, ev.kind, ev.name, ev.date, field)
        for _, participant in participants:
            self.add(node, CAG.ox.participant, participant)
        for c in countries:
            self.add(node, CAG.ox.involvesCountry, mint.country(c))
        self._location(node, ev.location)
        self.evidence(node, ev.evidence, f"{field}.evidence")

    def _tie(self, tie: Tie, field: str) -> None:
        a, b = tie.pair
        a_node, b_node = self.iso(a, f"{field}.a"), self.iso(b, f"{field}.b")
        if a == b:
            raise self.fail(field, f"a tie between {a} and itself", "drop the tie")
        node = mint.tie(a, b)
        self.add(self.graph, CAG.ox.reportsTie, node)
        self.add(node, RDF.ox.type, CAG.ox.BilateralTie)
        self.add(node, CAG.ox.between, a_node)
        self.add(node, CAG.ox.between, b_node)
        for basis in tie.basis:
            self.add(node, CAG.ox.tieBasis, lit.text(basis))
        for j, ev in enumerate(tie.evidence):
            self.evidence(node, ev, f"{field}.evidence[{j}]")
