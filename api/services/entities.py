"""Entities: fuzzy search (the label index) and one entity with its offices, acts, articles."""

from __future__ import annotations

from collections.abc import Mapping

from api import rq
from api.codes import CountryCodes
from api.entity_index import EntityIndex
from api.ids import entity_id, entity_iri, entity_type
from api.models.entities import EntityDetail, EntityHit, EntityHits, Mention, Office
from api.paging import Paging
from api.services.acts import ActFilter, article_ref, country_ref, load_acts, page_of
from cagraph.errors import NotFoundError, ValidationError
from cagraph.rdf.mint import iso_of
from cagraph.rdf.vocab import CAG
from cagraph.store import Store
from cagraph.store.sparql import Term

LATEST = 20


def search(
    index: EntityIndex,
    codes: CountryCodes,
    paging: Paging,
    q: str | None,
    type: str | None,
    country: str | None,
) -> EntityHits:
    if q and q.strip():
        hits = index.search(q, type=type, country=country)
    else:
        hits = index.all(type=type, country=country)
    shown, more = paging.slice(hits)
    items = [
        EntityHit(
            id=h.entity.id,
            iri=h.entity.iri,
            type=h.entity.type,
            name=h.entity.name,
            aliases=h.entity.aliases,
            country=country_ref(h.entity.country, codes) if h.entity.country else None,
            href=f"/entities/{h.entity.id}",
            score=round(h.score, 1),
            matched=h.matched,
        )
        for h in shown
    ]
    return EntityHits(q=q, items=items, page=paging.page(more))


def _iso(iri: str | None) -> str | None:
    try:
        return iso_of(iri) if iri else None
    except ValidationError:
        return None


def entity(store: Store, codes: CountryCodes, ident: str) -> EntityDetail:
    node = entity_iri(ident)
    names: list[str] = []
    aliases: set[str] = set()
    types: set[str] = set()
    country: str | None = _iso(node.value) if ident.startswith("country/") else None
    qid = None
    offices: dict[tuple[str, str | None], Office] = {}
    for row in rq.rows(rq.run(store, "entity", {"entity": node})):
        part, value, label = (rq.text(row.get(k)) for k in ("part", "value", "label"))
        if part == "name" and label:
            names.append(label)
        elif part == "alias" and label:
            aliases.add(label)
        elif part == "type" and value and value.startswith(CAG.base):
            types.add(value[len(CAG.base) :])
        elif part == "sameAs" and value and "wikidata.org/entity/" in value:
            qid = value.rsplit("/", 1)[-1]
        elif part == "country" and country is None:
            country = _iso(value)
        elif part == "role" and label:
            _office(offices, label, row)
    if not names and not types:
        raise NotFoundError(
            f"no entity {ident!r} in the graph", hint="GET /entities?q=… finds entities by name"
        )
    name = min(names) if names else ident
    aliases |= set(names) - {name}
    mentions = [
        Mention(
            article=article_ref(rq.text(row.get("article")) or "", row),
            sentence=rq.text(row.get("sentence")),
        )
        for row in rq.rows(
            rq.run(store, "entity_articles", {"entity": node}, page=rq.Page(LATEST))
        )[:LATEST]
    ]
    counted = rq.rows(rq.run(store, "entity_mentions", {"entity": node}))
    result = rq.run(
        store, "entity_acts", {"entity": node, **ActFilter().bindings()}, page=rq.Page(LATEST)
    )
    rows, _ = page_of(result, LATEST)
    acts, people = load_acts(store, rows, codes)
    me = next((p for p in people if p.iri == node.value), None)
    return EntityDetail(
        id=entity_id(node.value) or ident,
        iri=node.value,
        type=entity_type(node.value),
        types=sorted(types),
        name=name,
        aliases=sorted(aliases),
        country=country_ref(country, codes) if country else None,
        wikidata=f"https://www.wikidata.org/wiki/{qid}" if qid else None,
        offices=sorted(offices.values(), key=lambda o: (o.start or "", o.title)),
        articles=rq.integer(counted[0].get("articles")) if counted else 0,
        mentions=mentions,
        acts=acts,
        evidence=me.evidence if me else [],
    )


def _office(
    offices: dict[tuple[str, str | None], Office], title: str, row: Mapping[str, Term]
) -> None:
    other = rq.text(row.get("other"))
    office = offices.setdefault(
        (title, other), Office(title=title, of=other, of_name=rq.text(row.get("otherLabel")))
    )
    start, end, seen = (rq.text(row.get(k)) for k in ("start", "end", "published"))
    if start and (office.start is None or start < office.start):
        office.start = start
    if end and (office.end is None or end > office.end):
        office.end = end
    if seen and seen not in office.reported:
        office.reported = sorted([*office.reported, seen])
    if office.of and not office.of_name:
        office.of_name = rq.text(row.get("otherLabel"))
