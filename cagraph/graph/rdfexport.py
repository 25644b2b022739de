"""The RDF behind a projection, in Turtle, N-Triples, TriG, N-Quads or JSON-LD.

``ties``: the ties graph written by :func:`cagraph.rdf.ties.tie_quads` from the filtered ties, so
its counts and dates are those of the filter (without a filter it is the stored ties graph).

``full``: without a filter, every named graph of the store but its bookkeeping graph (article
graphs, the ties graph, the ontology graph). With a filter, the statements of the article graphs
about what the projection keeps: its nodes, the offices of its persons, the evidence of those and
the articles that state its acts, each in the article graph that says it.

Dataset formats (TriG, N-Quads, JSON-LD) keep the named graphs; Turtle and N-Triples hold one
graph, so they get the union of the graphs (each triple once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from cagraph.errors import StoreError
from cagraph.graph.projections import FilteredTie
from cagraph.graph.source import QUERIES, StoreReader
from cagraph.rdf.ties import TieSummary, tie_quads
from cagraph.rdf.vocab import ID_NS, PREFIXES, PROV
from cagraph.store import META_GRAPH

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_SEGMENTS = {  # prefix -> path under id/ (``org`` is W3C ORG's prefix, so not ``org``)
    **{s: s for s in ("agent", "agreement", "article", "country", "event", "graph")},
    **{s: s for s in ("membership", "person", "place", "role", "software", "tie")},
    "organization": "org",
}
EXPORT_PREFIXES = {**PREFIXES, **{p: f"{ID_NS}{s}/" for p, s in _SEGMENTS.items()}}


def _scratch(reader: StoreReader) -> ox.Store:
    """An in-memory copy of the store without its bookkeeping graph."""
    scratch = ox.Store()
    try:
        scratch.load(reader.store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot read the store's dump: {exc}", source=reader.store.spec) from exc
    meta = ox.NamedNode(META_GRAPH)
    if meta in scratch.named_graphs():
        scratch.remove_graph(meta)
    return scratch


def _write_store(scratch: ox.Store, fmt: ox.RdfFormat, out: BinaryIO) -> None:
    if not fmt.supports_datasets:
        scratch.update((QUERIES / "merge_graphs.ru").read_text(encoding="utf-8"))
        scratch.dump(out, format=fmt, from_graph=ox.DefaultGraph(), prefixes=EXPORT_PREFIXES)
        return
    prefixes = EXPORT_PREFIXES if fmt != ox.RdfFormat.JSON_LD else None
    scratch.dump(out, format=fmt, prefixes=prefixes)


def _write_quads(quads: Iterable[ox.Quad], fmt: ox.RdfFormat, out: BinaryIO) -> None:
    items: list[ox.Quad] | list[ox.Triple]
    if fmt.supports_datasets:
        items = sorted(set(quads), key=str)
    else:
        items = sorted({q.triple for q in quads}, key=str)
    prefixes = EXPORT_PREFIXES if fmt != ox.RdfFormat.JSON_LD else None
    ox.serialize(items, out, format=fmt, prefixes=prefixes)


def ties_rdf(ties: list[FilteredTie], reader: StoreReader) -> list[ox.Quad]:
    """The ties graph of these (filtered) ties."""
    labels = {a.iso: a.label for a in reader.agents.values() if a.type == "Country" and a.iso}
    summaries = [
        TieSummary(
            pair=t.stored.pair,
            agreements=frozenset(a.iri for a in t.acts if a.category == "agreement"),
            events=frozenset(a.iri for a in t.acts if a.category == "event"),
            articles=frozenset(t.articles),
            kind_counts=tuple(sorted(t.kind_counts().items())),
            first_date=t.first_date,
            last_date=t.last_date,
        )
        for t in ties
    ]
    return tie_quads(summaries, labels)


def write_ties_rdf(ties: list[FilteredTie], reader: StoreReader, fmt: str, out: BinaryIO) -> None:
    _write_quads(ties_rdf(ties, reader), RDF_FORMATS[fmt], out)


def _about(scratch: ox.Store, subjects: set[str], graphs: set[ox.NamedNode]) -> list[ox.Quad]:
    """The quads of these graphs about these subjects and about the evidence they cite."""
    found: list[ox.Quad] = []
    derived = PROV.ox.wasDerivedFrom
    pending = set(subjects)
    seen: set[str] = set()
    while pending:
        subject = pending.pop()
        seen.add(subject)
        for quad in scratch.quads_for_pattern(ox.NamedNode(subject), None, None, None):
            if quad.graph_name not in graphs:
                continue
            found.append(quad)
            target = quad.object
            if quad.predicate == derived and isinstance(target, ox.NamedNode):
                pending.update({target.value} - seen)
    return found


def write_full_rdf(reader: StoreReader, graph: nx.Graph | None, fmt: str, out: BinaryIO) -> None:
    """The full graph's RDF; ``graph`` is the filtered projection, or None for everything."""
    rdf_fmt = RDF_FORMATS[fmt]
    scratch = _scratch(reader)
    if graph is None:
        _write_store(scratch, rdf_fmt, out)
        return
    articles = {ox.NamedNode(iri) for iri in reader.articles}
    subjects = {str(d["iri"]) for _, d in graph.nodes(data=True) if d.get("iri")}
    persons = {s for s in subjects if s.startswith(ID_NS + "person/")}
    subjects |= {m.iri for m in reader.memberships if m.person in persons}
    acts = reader.acts
    subjects |= {a for s in subjects if s in acts for a in acts[s].articles}
    quads = _about(scratch, subjects, articles)
    _write_quads(quads, rdf_fmt, out)
