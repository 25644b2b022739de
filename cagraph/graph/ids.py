"""Node ids that every format accepts: XML names made from IRIs, stable across runs.

GraphML wants ``xs:NMTOKEN`` ids, GEXF tools and CSS selectors are happier with names that start
with a letter, and IRIs (``https://…/country/KZ``) are neither. An id here is an ASCII NCName
(so also an NMTOKEN and an ``xs:ID``): the IRI's path under ``id/`` with ``/`` written ``_``
(``country_KZ``, ``person_emomali-rahmon``). Where that would lose characters (percent-escapes,
non-ASCII, other namespaces) a short digest of the whole IRI is appended, so two IRIs never
share an id. The IRI itself always travels with the node as its ``iri`` attribute.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import networkx as nx

from cagraph.rdf.vocab import ID_NS

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _digest(iri: str) -> str:
    return hashlib.sha256(iri.encode("utf-8")).hexdigest()[:10]


def node_id(iri: str) -> str:
    """The XML-safe id of a node IRI."""
    if iri.startswith(ID_NS):
        path = iri[len(ID_NS) :]
        readable = path.replace("/", "_")
        if NCNAME.match(readable) and "%" not in path:
            return readable
        cleaned = _UNSAFE.sub("_", unquote(path).replace("/", "_")).strip("_") or "node"
        if not cleaned[0].isalpha():
            cleaned = "n_" + cleaned
        return f"{cleaned[:60]}_{_digest(iri)}"
    return f"x_{_digest(iri)}"


def is_xml_id(value: str) -> bool:
    """Whether a string is an ASCII NCName (valid as xs:ID, xs:NCName and xs:NMTOKEN)."""
    return bool(NCNAME.match(value))


def numbered_edges(graph: nx.Graph) -> Iterator[tuple[str, str, str, Any, dict[str, Any]]]:
    """(id, source, target, multigraph key or None, data) of every edge; ids ``e0``, ``e1``…
    in networkx's edge order, so every format numbers the same edge the same way."""
    if graph.is_multigraph():
        for i, (u, v, k, d) in enumerate(graph.edges(keys=True, data=True)):
            yield f"e{i}", str(u), str(v), k, d
    else:
        for i, (u, v, d) in enumerate(graph.edges(data=True)):
            yield f"e{i}", str(u), str(v), None, d
