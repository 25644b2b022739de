"""Data IRIs under ``https://w3id.org/cagraph/id/``: the one place they are made.

Every key is percent-encoded, so no article id or name can break out of its IRI segment. The
same input always gives the same IRI: keys come from the resolver and the article id, never from
counters or build order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import quote

from pyoxigraph import NamedNode

from cagraph.errors import ValidationError
from cagraph.rdf.vocab import ID_NS
from cagraph.resolve.resolver import EntityRef

TIES_GRAPH = NamedNode(ID_NS + "graph/ties")
"""Named graph of the bilateral ties derived across all article graphs."""

ONTOLOGY_GRAPH = NamedNode(ID_NS + "graph/ontology")
"""Named graph holding ontology/cagraph.ttl and ontology/topics.ttl."""

_ISO = re.compile(r"^[A-Z]{2}$")
_SEGMENT = {"country": "country", "person": "person", "organization": "org", "place": "place"}


def _key(key: str, what: str) -> str:
    if not key:
        raise ValidationError(f"empty key for a {what} IRI", hint="resolve the name first")
    return quote(key, safe="-._~")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def country(iso: str) -> NamedNode:
    """``id/country/KZ``."""
    if not _ISO.match(iso):
        raise ValidationError(
            f"not an ISO 3166-1 alpha-2 code: {iso!r}", hint="use two capital letters (KZ)"
        )
    return NamedNode(f"{ID_NS}country/{iso}")


def iso_of(iri: str) -> str:
    """The ISO code of a country IRI (``id/country/KZ`` -> ``KZ``)."""
    prefix = f"{ID_NS}country/"
    code = iri[len(prefix) :]
    if not iri.startswith(prefix) or not _ISO.match(code):
        raise ValidationError(f"not a country IRI: {iri!r}", hint=f"expected {prefix}XX")
    return code


def entity(ref: EntityRef) -> NamedNode:
    """``id/country/KZ``, ``id/person/<key>``, ``id/org/<key>``, ``id/place/<key>``,
    ``id/agent/<key>``."""
    if ref.kind == "country":
        return country(ref.key)
    segment = _SEGMENT.get(ref.kind, "agent")
    return NamedNode(f"{ID_NS}{segment}/{_key(ref.key, ref.kind)}")


def article(article_id: str) -> NamedNode:
    """``id/article/<id>``: the article and the named graph of its statements."""
    return NamedNode(f"{ID_NS}article/{_key(article_id, 'article')}")


def agreement(kind: str, parties: Iterable[str], name_key: str, date: str | None) -> NamedNode:
    """``id/agreement/<kind>-<hash>`` of the kind, the sorted party keys, the name's
    distinctive words and (only when those are empty) the date."""
    party_key = " ".join(sorted(set(parties)))
    date_key = "" if name_key else (date or "undated")
    digest = _digest("agreement", kind, party_key, name_key, date_key)
    return NamedNode(f"{ID_NS}agreement/{_key(kind.lower(), 'agreement')}-{digest}")


def event(kind: str, name_key: str, date: str | None, countries: Iterable[str]) -> NamedNode:
    """``id/event/<kind>-<hash>`` of the kind, the name's distinctive words, the date and
    (only when the name says nothing) the sorted country codes."""
    country_key = "" if name_key else " ".join(sorted(set(countries)))
    digest = _digest("event", kind, name_key, date or "undated", country_key)
    return NamedNode(f"{ID_NS}event/{_key(kind.lower(), 'event')}-{digest}")


def tie(a: str, b: str) -> NamedNode:
    """``id/tie/KZ-UZ`` (codes sorted)."""
    x, y = sorted((a, b))
    country(x), country(y)  # validates both codes
    if x == y:
        raise ValidationError(f"a tie needs two different countries, got {a!r} twice")
    return NamedNode(f"{ID_NS}tie/{x}-{y}")


def tie_kind_count(tie_node: NamedNode, kind: str) -> NamedNode:
    """``id/tie/KZ-UZ/MOU``: the count of one kind of act on a tie."""
    return NamedNode(f"{tie_node.value}/{_key(kind, 'kind count')}")


def evidence(article_id: str, start: int, end: int, component: str, confidence: float) -> NamedNode:
    """``id/evidence/<article>/<hash>`` of the sentence offsets, component and confidence:
    items read from one sentence by one component share their evidence node."""
    digest = _digest(str(start), str(end), component, repr(float(confidence)))
    return NamedNode(f"{ID_NS}evidence/{_key(article_id, 'evidence')}/{digest}")


def membership(person: NamedNode, role: NamedNode, organization: NamedNode | None) -> NamedNode:
    """``id/membership/<hash>`` of person, role and organisation (or country)."""
    org = organization.value if organization is not None else ""
    return NamedNode(f"{ID_NS}membership/{_digest(person.value, role.value, org)}")


def role(key: str) -> NamedNode:
    """``id/role/<key>``: an office such as ``president``."""
    return NamedNode(f"{ID_NS}role/{_key(key, 'role')}")


def software(name: str) -> NamedNode:
    """``id/software/<name>``: an extractor and its version, as a prov:SoftwareAgent."""
    return NamedNode(f"{ID_NS}software/{_key(name, 'software')}")
