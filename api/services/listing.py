"""Lists and single agreements and events."""

from __future__ import annotations

from pyoxigraph import NamedNode

from api import rq
from api.codes import CountryCodes
from api.ids import act_iri
from api.models.acts import ActDetail, Acts, TieRef
from api.models.common import Category
from api.paging import Paging
from api.services.acts import ActFilter, country_ref, load_acts, page_of
from cagraph.errors import NotFoundError
from cagraph.rdf import mint
from cagraph.rdf.vocab import CAG
from cagraph.store import Store

CLASSES: dict[Category, NamedNode] = {"agreement": CAG.ox.Agreement, "event": CAG.ox.Event}


def acts(
    store: Store,
    codes: CountryCodes,
    category: Category,
    filters: ActFilter,
    paging: Paging,
    country: str | None = None,
) -> Acts:
    bound = {"category": CLASSES[category], **filters.bindings()}
    name = "acts"
    if country is not None:
        bound["country"] = mint.country(country)
        name = "country_acts"
    rows, more = page_of(rq.run(store, name, bound, page=paging.rq_page()), paging.limit)
    found, _people = load_acts(store, rows, codes)
    return Acts(items=found, page=paging.page(more))


def act(store: Store, codes: CountryCodes, category: Category, act_id: str) -> ActDetail:
    node = act_iri(category, act_id)
    rows = [{**row, "act": node} for row in rq.rows(rq.run(store, "act_row", {"act": node}))]
    found, people = load_acts(store, rows, codes)
    if not found or found[0].category != category:
        raise NotFoundError(
            f"no {category} with id {act_id!r} in the graph",
            hint=f"GET /{category}s lists them",
        )
    ties: dict[str, set[str]] = {}
    for row in rq.rows(rq.run(store, "act_ties", {"act": node})):
        ties.setdefault(rq.text(row.get("tie")) or "", set()).add(rq.text(row.get("code")) or "")
    refs = []
    for _iri, pair in sorted(ties.items()):
        a, b = sorted(pair)[:2] if len(pair) == 2 else (None, None)
        if a and b:
            refs.append(
                TieRef(a=country_ref(a, codes), b=country_ref(b, codes), href=f"/ties/{a}/{b}")
            )
    return ActDetail(act=found[0], ties=refs, people=people)
