"""REST ids of graph nodes: the part of the IRI after ``https://w3id.org/cagraph/id/<kind>/``.

``id/person/galim-ahmedijarov`` is entity ``person/galim-ahmedijarov`` at
``/entities/person/galim-ahmedijarov``; ``id/agreement/mou-0123…`` is agreement ``mou-0123…``;
``id/article/d07`` is article ``d07``. Ids are checked against a strict pattern before they are
turned back into IRIs, and the IRIs are only ever bound to queries.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from pyoxigraph import NamedNode

from cagraph.errors import NotFoundError
from cagraph.rdf.vocab import ID_NS

ENTITY_KINDS = {
    "country": "Country",
    "person": "Person",
    "org": "Organization",
    "place": "Place",
    "agent": "Agent",
}
ACT_ID = re.compile(r"^[a-z]+-[0-9a-f]{16}$")
ENTITY_KEY = re.compile(r"^[A-Za-z0-9%._~-]{1,300}$")


def local(iri: str, segment: str) -> str | None:
    """What follows ``id/<segment>/`` in an IRI, or None for another kind of IRI."""
    prefix = f"{ID_NS}{segment}/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


def entity_id(iri: str) -> str | None:
    """``person/<key>`` for an entity IRI, None for anything else."""
    rest = iri[len(ID_NS) :] if iri.startswith(ID_NS) else ""
    kind, _, key = rest.partition("/")
    return f"{kind}/{key}" if kind in ENTITY_KINDS and key else None


def entity_type(iri: str) -> str:
    kind = entity_id(iri)
    return ENTITY_KINDS[kind.split("/", 1)[0]] if kind else "Agent"


def entity_iri(entity: str) -> NamedNode:
    kind, _, key = entity.partition("/")
    if kind not in ENTITY_KINDS or not ENTITY_KEY.match(key):
        raise NotFoundError(
            f"no entity with id {entity[:100]!r}",
            hint="entity ids look like person/<key>, org/<key>, place/<key>, country/KZ; "
            "GET /entities?q=… finds them",
        )
    return NamedNode(f"{ID_NS}{kind}/{key}")


def act_iri(kind: str, act: str) -> NamedNode:
    """``id/agreement/<id>`` or ``id/event/<id>``; NotFoundError for a malformed id."""
    if not ACT_ID.match(act):
        raise NotFoundError(
            f"no {kind} with id {act[:100]!r}",
            hint=f"{kind} ids look like mou-0123456789abcdef; GET /{kind}s lists them",
        )
    return NamedNode(f"{ID_NS}{kind}/{act}")


def act_id(iri: str) -> str | None:
    return local(iri, "agreement") or local(iri, "event")


def article_id(iri: str) -> str | None:
    rest = local(iri, "article")
    return unquote(rest) if rest is not None else None


def href_entity(iri: str) -> str | None:
    found = entity_id(iri)
    return f"/entities/{found}" if found else None


def href_act(iri: str) -> str | None:
    if (found := local(iri, "agreement")) is not None:
        return f"/agreements/{found}"
    if (found := local(iri, "event")) is not None:
        return f"/events/{found}"
    return None
