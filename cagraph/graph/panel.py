"""What the explorer shows for one country: its partners and its acts, with the sentences they
were read from and the articles that state them. The same filter as the exports applies."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field
from pyoxigraph import Literal, NamedNode

from cagraph.errors import NotFoundError
from cagraph.graph.filters import ExportFilter
from cagraph.graph.projections import filter_ties
from cagraph.graph.source import StoreReader
from cagraph.graph.style import region_colour
from cagraph.rdf import mint
from cagraph.records import AGREEMENT_KINDS, Record
from cagraph.refdata import load_reference


class Partner(Record):
    iso: str
    label: str
    agreements: int
    events: int
    articles: int
    first_date: str | None
    last_date: str | None


class Evidence(Record):
    sentence: str | None
    article_id: str
    title: str | None
    url: str | None
    published: str | None


class PanelAct(Record):
    iri: str
    kind: str
    category: str
    label: str
    date: str | None
    countries: list[str] = Field(description="ISO codes of every state the act involves")
    evidence: list[Evidence]


class CountryPanel(Record):
    iso: str
    label: str
    region: str | None
    colour: str
    filter: str
    partners: list[Partner]
    acts: list[PanelAct]


def _text(term: object) -> str | None:
    return term.value if isinstance(term, NamedNode | Literal) else None


def _label(reader: StoreReader, iso: str) -> str:
    agent = reader.agents.get(mint.country(iso).value)
    if agent is not None:
        return agent.label
    names = {c.iso2: c.name for c in load_reference().countries}
    return names.get(iso, iso)


def country_panel(reader: StoreReader, iso: str, flt: ExportFilter | None = None) -> CountryPanel:
    """Partners (heaviest first) and acts (latest first) of the country with this ISO code."""
    flt = flt or ExportFilter()
    iso = iso.upper()
    rows = reader.country_acts(iso).rows  # InputError for a malformed code
    partners = []
    for tie in filter_ties(reader, flt.model_copy(update={"countries": (iso,)})):
        other = next(code for code in tie.stored.pair if code != iso)
        partners.append(
            Partner(
                iso=other,
                label=_label(reader, other),
                agreements=tie.agreements,
                events=tie.events,
                articles=len(tie.articles),
                first_date=tie.first_date,
                last_date=tie.last_date,
            )
        )
    partners.sort(key=lambda p: (-(p.agreements + p.events), -p.articles, p.iso))

    topics = reader.act_topics if flt.topics else {}
    evidence: dict[str, dict[tuple[str | None, str], Evidence]] = defaultdict(dict)
    for act_iri, article_id, title, url, published, sentence in (
        tuple(_text(t) for t in row) for row in rows
    ):
        if act_iri is None or article_id is None:
            continue
        evidence[act_iri][sentence, article_id] = Evidence(
            sentence=sentence, article_id=article_id, title=title, url=url, published=published
        )
    acts = []
    for act_iri, found in evidence.items():
        act = reader.acts.get(act_iri)
        if act is None or not flt.keeps_act(act.kind, act.date, topics.get(act_iri, ())):
            continue
        acts.append(
            PanelAct(
                iri=act_iri,
                kind=act.kind,
                category="agreement" if act.kind in AGREEMENT_KINDS else "event",
                label=act.label,
                date=act.date,
                countries=list(reader.act_countries(act_iri)),
                evidence=sorted(found.values(), key=lambda e: (e.article_id, e.sentence or "")),
            )
        )
    acts.sort(key=lambda a: a.label)
    acts.sort(key=lambda a: (a.date is not None, a.date or ""), reverse=True)
    if not acts and not partners and mint.country(iso).value not in reader.agents:
        raise NotFoundError(
            f"the graph names no country {iso}", source="country", hint="pick a node of the map"
        )
    region = next((c.region for c in load_reference().countries if c.iso2 == iso), None)
    return CountryPanel(
        iso=iso,
        label=_label(reader, iso),
        region=region,
        colour=region_colour(region),
        filter=flt.describe(),
        partners=partners,
        acts=acts,
    )
