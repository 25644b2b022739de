"""Articles: the list, one article with what was extracted from it, and ingest results."""

from __future__ import annotations

from api import rq
from api.codes import CountryCodes
from api.ids import entity_id, entity_type, href_entity
from api.models.acts import TieRef
from api.models.articles import ArticleDetail, Articles, ArticleSummary, Ingested
from api.models.common import EntityRef
from api.paging import Paging
from api.services.acts import country_ref, load_acts, page_of
from api.writes import Ingested as IngestResult
from cagraph.errors import NotFoundError
from cagraph.ingest import validate_article_id
from cagraph.rdf import mint
from cagraph.store import Store

ALL_ACTS = 500


def articles(
    store: Store,
    paging: Paging,
    *,
    since: str | None,
    until: str | None,
    country: str | None,
    q: str | None,
) -> Articles:
    bound = {
        "since": since,
        "until": until,
        "country": mint.country(country) if country else None,
        "text": q.strip().lower() if q and q.strip() else None,
    }
    result = rq.run(store, "articles", bound, page=paging.rq_page())
    rows, more = page_of(result, paging.limit)
    items = [
        ArticleSummary(
            id=rq.text(row.get("id")) or "",
            iri=rq.text(row.get("article")) or "",
            href=f"/articles/{rq.text(row.get('id'))}",
            title=rq.text(row.get("title")),
            url=rq.text(row.get("url")),
            published=rq.text(row.get("published")),
        )
        for row in rows
    ]
    return Articles(items=items, page=paging.page(more))


def article(store: Store, codes: CountryCodes, ident: str) -> ArticleDetail:
    node = mint.article(validate_article_id(ident))
    facts: dict[str, list[str]] = {}
    entities: dict[str, EntityRef] = {}
    ties: dict[str, set[str]] = {}
    extractor = None
    for row in rq.rows(rq.run(store, "article", {"article": node})):
        part, value, label = (rq.text(row.get(k)) for k in ("part", "value", "label"))
        if not part or not value:
            continue
        if part == "entity" and entity_id(value):
            current = entities.get(value)
            if current is None or (label and label < current.name):
                entities[value] = EntityRef(
                    id=entity_id(value),
                    iri=value,
                    name=label or value,
                    type=entity_type(value),
                    href=href_entity(value),
                )
        elif part == "tie" and label:
            ties.setdefault(value, set()).add(label)
        elif part == "extractor":
            extractor = label or value
        else:
            facts.setdefault(part, []).append(value)
    if "id" not in facts:
        raise NotFoundError(f"no article {ident!r} in the graph", hint="GET /articles lists them")
    bound = {"article": node}
    rows, _ = page_of(rq.run(store, "article_acts", bound, page=rq.Page(ALL_ACTS)), ALL_ACTS)
    acts, people = load_acts(store, rows, codes)
    refs = []
    for pair in ties.values():
        if len(pair) == 2:
            a, b = sorted(pair)
            refs.append(
                TieRef(a=country_ref(a, codes), b=country_ref(b, codes), href=f"/ties/{a}/{b}")
            )

    def one(part: str) -> str | None:
        return min(facts[part]) if facts.get(part) else None

    return ArticleDetail(
        id=one("id") or ident,
        iri=node.value,
        href=f"/articles/{ident}",
        title=one("title"),
        url=one("url"),
        published=one("published"),
        attribution=sorted(facts.get("attribution", [])),
        content_hash=one("hash"),
        extractor=extractor,
        built_at=one("built"),
        build_version=one("version"),
        entities=sorted(entities.values(), key=lambda e: (e.type, e.name)),
        ties=sorted(refs, key=lambda t: (t.a.code, t.b.code)),
        agreements=[x for x in acts if x.category == "agreement"],
        events=[x for x in acts if x.category == "event"],
        people=people,
    )


def ingested(result: IngestResult) -> Ingested:
    return Ingested(
        id=result.article_id,
        graph=result.graph,
        href=f"/articles/{result.article_id}",
        replaced=result.replaced,
        triples=result.triples,
        extraction=result.extraction.to_format(),
    )
