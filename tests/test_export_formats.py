"""Every format for both graphs of the seeds + dev store: GEXF and GraphML pass the official
schemas and read back with networkx, the JSON exports load in Cytoscape.js and d3-force under
Node, the CSV tables agree, and the RDF parses and keeps its named graphs."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from test_build_support import corpus_store
from test_graph_support import conformance_dir, node_loader

from cagraph.graph.export import ExportResult, export_graph
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import FORMATS
from cagraph.graph.ids import is_xml_id
from cagraph.graph.validate import validate_xml
from cagraph.nlp import Extractor
from cagraph.rdf import mint
from cagraph.store import META_GRAPH, Store

pytestmark = pytest.mark.corpus
GRAPHS = ("ties", "full")
Exports = dict[tuple[str, str], tuple[Path, ExportResult]]


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Store:
    return corpus_store(tmp_path_factory, corpus_dir, extractor)[0]


@pytest.fixture(scope="module")
def exports(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Exports:
    """Every graph in every format, written once."""
    folder = tmp_path_factory.mktemp("exports")
    out: Exports = {}
    for graph in GRAPHS:
        for fmt in FORMATS:
            path = folder / f"{graph}.{fmt.ext}"
            with path.open("wb") as handle:
                out[graph, fmt.ext] = (path, export_graph(store, graph, fmt, handle))
    return out


@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("ext", ["gexf", "graphml"])
def test_xml_exports_pass_the_official_schema(exports: Exports, graph: str, ext: str) -> None:
    path, _ = exports[graph, ext]
    verdict = validate_xml(path, conformance_dir=conformance_dir())
    assert verdict.valid, verdict.errors
    assert verdict.checked_as == ("gexf-1.3" if ext == "gexf" else "graphml")


@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("ext", ["gexf", "graphml"])
def test_xml_exports_read_back_with_networkx(exports: Exports, graph: str, ext: str) -> None:
    path, result = exports[graph, ext]
    back = nx.read_gexf(path) if ext == "gexf" else nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (result.nodes, result.edges)
    assert result.nodes and result.edges and result.nodes > 10
    for node, data in back.nodes(data=True):
        assert is_xml_id(str(node))
        assert data["iri"].startswith("https://w3id.org/cagraph/id/")
        assert {"degree", "weighted_degree", "betweenness", "community"} <= set(data)


@pytest.mark.parametrize("graph", GRAPHS)
def test_gexf_has_time_spans_colours_and_sizes_for_gephi(exports: Exports, graph: str) -> None:
    path, _ = exports[graph, "gexf"]
    ns = {"g": "http://gexf.net/1.3"}
    root = etree.parse(str(path)).getroot()
    element = root.find("g:graph", ns)
    assert element is not None
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    dated = root.findall(".//g:edges/g:edge[@start]", ns)
    assert dated and all(len(e.get("start", "")) == 10 for e in dated)
    nodes = root.findall(".//g:nodes/g:node", ns)
    assert all(n.find("g:color", ns) is not None for n in nodes)
    assert all(n.find("g:size", ns) is not None for n in nodes)
    sizes = {float(n.find("g:size", ns).get("value")) for n in nodes}
    assert len(sizes) > 3  # sized by weighted degree
    colours = {tuple(n.find("g:color", ns).attrib.values()) for n in nodes}
    assert len(colours) > 2  # coloured by region or type
    back = nx.read_gexf(path)
    assert any("start" in d for *_, d in back.edges(data=True))


@pytest.mark.parametrize("graph", GRAPHS)
def test_cytoscape_json_loads_in_cytoscape_under_node(exports: Exports, graph: str) -> None:
    path, result = exports[graph, "cyjs"]
    loaded = node_loader("cytoscape", path)
    assert loaded == {"ok": True, "nodes": result.nodes, "edges": result.edges}
    back = nx.cytoscape_graph(json.loads(path.read_bytes()))
    assert back.number_of_nodes() == result.nodes


@pytest.mark.parametrize("graph", GRAPHS)
def test_d3_json_runs_a_force_simulation_under_node(exports: Exports, graph: str) -> None:
    path, result = exports[graph, "d3.json"]
    loaded = node_loader("d3", path)
    assert loaded == {"ok": True, "nodes": result.nodes, "edges": result.edges}
    back = nx.node_link_graph(json.loads(path.read_bytes()), edges="links")
    assert back.number_of_edges() == result.edges


@pytest.mark.parametrize("graph", GRAPHS)
def test_csv_tables_hold_every_node_and_edge_and_no_dangling_end(
    exports: Exports, graph: str
) -> None:
    nodes_path, result = exports[graph, "nodes.csv"]
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8", newline="")))
    edges = list(csv.DictReader(exports[graph, "edges.csv"][0].open(encoding="utf-8", newline="")))
    assert (len(nodes), len(edges)) == (result.nodes, result.edges)
    ids = {row["Id"] for row in nodes}
    assert all(row["Source"] in ids and row["Target"] in ids for row in edges)
    assert all(row["Label"] for row in nodes)
    with zipfile.ZipFile(exports[graph, "csv.zip"][0]) as archive:
        assert sorted(archive.namelist()) == ["graph.edges.csv", "graph.nodes.csv"]
        assert archive.read("graph.nodes.csv") == nodes_path.read_bytes()


def _quads(path: Path, fmt: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=fmt))


def test_the_full_rdf_keeps_every_named_graph_but_the_bookkeeping(
    exports: Exports, store: Store
) -> None:
    expected = set(store.graphs())  # without the meta graph
    for ext, fmt in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)):
        quads = _quads(exports["full", ext][0], fmt)
        assert {q.graph_name.value for q in quads} == expected
        assert len(quads) == store.count() - store.count(META_GRAPH)
    from_jsonld = _quads(exports["full", "jsonld"][0], ox.RdfFormat.JSON_LD)
    assert set(from_jsonld) == set(_quads(exports["full", "nq"][0], ox.RdfFormat.N_QUADS))


def test_turtle_and_ntriples_hold_the_union_of_the_graphs(exports: Exports) -> None:
    union = {q.triple for q in _quads(exports["full", "nq"][0], ox.RdfFormat.N_QUADS)}
    for ext, fmt in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)):
        assert {q.triple for q in _quads(exports["full", ext][0], fmt)} == union


def test_the_unfiltered_ties_rdf_is_the_stored_ties_graph(exports: Exports, store: Store) -> None:
    dumped = store.dump("nquads", graph=mint.TIES_GRAPH.value)
    stored = set(ox.parse(dumped, ox.RdfFormat.N_TRIPLES))
    for ext, fmt in (("trig", ox.RdfFormat.TRIG), ("ttl", ox.RdfFormat.TURTLE)):
        exported = {q.triple for q in _quads(exports["ties", ext][0], fmt)}
        assert exported == {q.triple for q in stored}


def test_a_filter_gives_the_same_graph_in_every_network_format(store: Store) -> None:
    flt = ExportFilter.parse(since="2022", kinds="agreement")
    counts = set()
    for fmt in ("gexf", "graphml", "cyjs", "d3.json", "nodes.csv"):
        result = export_graph(store, "full", fmt, io.BytesIO(), flt)
        counts.add((result.nodes, result.edges))
    assert len(counts) == 1
    ((nodes, edges),) = counts
    unfiltered = export_graph(store, "full", "cyjs", io.BytesIO())
    assert 0 < nodes < (unfiltered.nodes or 0) and 0 < edges < (unfiltered.edges or 0)


def test_filtered_rdf_speaks_only_of_what_the_filter_keeps(store: Store) -> None:
    flt = ExportFilter.parse(countries="KZ", kinds="agreement")
    out = io.BytesIO()
    export_graph(store, "full", "trig", out, flt)
    quads = list(ox.parse(out.getvalue(), ox.RdfFormat.TRIG))
    article_prefix = mint.article("x").value[:-1]
    assert quads and all(q.graph_name.value.startswith(article_prefix) for q in quads)
    kinds = {q.object.value for q in quads if q.predicate.value.endswith("#type")}
    assert not any(k.endswith(("#Summit", "#Meeting", "#Forum")) for k in kinds)
    ties = io.BytesIO()
    export_graph(store, "ties", "nt", ties, ExportFilter.parse(countries="KZ"))
    parsed = ox.parse(ties.getvalue(), ox.RdfFormat.N_TRIPLES)
    between = [q for q in parsed if q.predicate.value.endswith("#between")]
    tie_ends: dict[str, set[str]] = {}
    for q in between:
        tie_ends.setdefault(q.subject.value, set()).add(q.object.value)
    assert tie_ends and all(mint.country("KZ").value in ends for ends in tie_ends.values())
