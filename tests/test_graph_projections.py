"""The ties and full projections of the seeds + dev graph, their metrics and their filters."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from test_build_support import corpus_store

from cagraph.graph.filters import ExportFilter, date_span
from cagraph.graph.ids import is_xml_id
from cagraph.graph.projections import full_graph, ties_graph
from cagraph.graph.source import StoreReader
from cagraph.nlp import Extractor
from cagraph.rdf import mint
from cagraph.store import Store

pytestmark = pytest.mark.corpus
FULL_TYPES = {"Person", "Organization", "Country", "Agreement", "Event", "Agent"}


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Store:
    return corpus_store(tmp_path_factory, corpus_dir, extractor)[0]


@pytest.fixture(scope="module")
def reader(store: Store) -> StoreReader:
    return StoreReader(store)


@pytest.fixture(scope="module")
def ties(reader: StoreReader) -> nx.Graph:
    return ties_graph(reader)


def test_the_ties_graph_has_one_country_node_per_state_in_a_tie(
    ties: nx.Graph, reader: StoreReader
) -> None:
    stored = reader.ties
    states = {code for tie in stored for code in tie.pair}
    assert ties.number_of_edges() == len(stored) > 20
    assert {d["iso"] for _, d in ties.nodes(data=True)} == states
    for node, data in ties.nodes(data=True):
        assert data["type"] == "Country" and is_xml_id(node)
        assert data["iri"] == mint.country(data["iso"]).value
    central = [d for _, d in ties.nodes(data=True) if d["iso"] in {"KZ", "KG", "TJ", "UZ"}]
    assert central and all(d["region"] == "Central Asia" for d in central)


def test_tie_edges_are_weighted_by_their_agreements_and_events(ties: nx.Graph) -> None:
    for _, _, data in ties.edges(data=True):
        assert data["weight"] == data["agreements"] + data["events"]
        assert sum(data["kinds"].values()) == data["weight"]
        assert data["articles"] >= 1
    assert max(d["weight"] for *_, d in ties.edges(data=True)) >= 3


def test_unfiltered_tie_dates_are_those_of_the_stored_ties_graph(
    ties: nx.Graph, reader: StoreReader
) -> None:
    stored = {t.iri: (t.first_date, t.last_date) for t in reader.ties}
    for _, _, data in ties.edges(data=True):
        assert (data["first_date"], data["last_date"]) == stored[data["iri"]]
        if data["first_date"]:
            assert data["start"] == date_span(data["first_date"])[0].isoformat()
            assert data["end"] == date_span(data["last_date"])[1].isoformat()


def test_every_node_carries_degree_weighted_degree_betweenness_and_community(
    ties: nx.Graph,
) -> None:
    for node, data in ties.nodes(data=True):
        assert data["degree"] == ties.degree(node)
        assert data["weighted_degree"] == ties.degree(node, weight="weight")
        assert 0.0 <= data["betweenness"] <= 1.0
        assert isinstance(data["community"], int)
    hub = max(ties.nodes, key=lambda n: ties.nodes[n]["betweenness"])
    assert ties.nodes[hub]["iso"] in {"KZ", "KG", "TJ", "TM", "UZ"}
    assert ties.graph["betweenness"] == "exact"
    assert ties.graph["communities"] == len({d["community"] for _, d in ties.nodes(data=True)})


def test_a_time_window_keeps_only_ties_with_acts_or_reports_inside_it(
    reader: StoreReader, ties: nx.Graph
) -> None:
    flt = ExportFilter.parse(since="2024", until="2025")
    window = ties_graph(reader, flt)
    assert 0 < window.number_of_edges() < ties.number_of_edges()
    for _, _, data in window.edges(data=True):
        assert data["first_date"] and data["last_date"]
        assert flt.in_window(data["first_date"]) and flt.in_window(data["last_date"])


def test_a_kind_filter_counts_only_acts_of_those_kinds(reader: StoreReader) -> None:
    summits = ties_graph(reader, ExportFilter.parse(kinds="Summit"))
    assert summits.number_of_edges() > 0
    for _, _, data in summits.edges(data=True):
        assert set(data["kinds"]) == {"Summit"} and data["agreements"] == 0


def test_a_country_set_keeps_the_ties_touching_it(reader: StoreReader) -> None:
    kz = ties_graph(reader, ExportFilter.parse(countries="KZ"))
    assert kz.number_of_edges() > 0
    for u, v in kz.edges:
        assert "country_KZ" in (u, v)


def test_the_full_graph_links_typed_nodes_by_party_participant_role_and_country(
    reader: StoreReader,
) -> None:
    full = full_graph(reader)
    types = {d["type"] for _, d in full.nodes(data=True)}
    assert {"Person", "Organization", "Country", "Agreement", "Event"} <= types <= FULL_TYPES
    relations = {d["relation"] for *_, d in full.edges(data=True)}
    assert {"party", "participant", "role", "country"} <= relations
    for u, v, data in full.edges(data=True):
        source, target = full.nodes[u]["type"], full.nodes[v]["type"]
        if data["relation"] in ("party", "participant", "signatory"):
            assert source in ("Agreement", "Event")
        elif data["relation"] == "role":
            assert source == "Person" and target in ("Organization", "Country", "Agent")
            assert data["role"]
        else:
            assert target == "Country"
    assert len(reader.acts) == sum(1 for _, d in full.nodes(data=True) if "kind" in d)


def test_the_filtered_full_graph_holds_the_kept_acts_and_their_agents(
    reader: StoreReader,
) -> None:
    full = full_graph(reader, ExportFilter.parse(kinds="agreement", countries="UZ"))
    acts = [d for _, d in full.nodes(data=True) if d["type"] in ("Agreement", "Event")]
    assert acts and all(d["type"] == "Agreement" and "UZ" in d["countries"] for d in acts)
    assert nx.number_weakly_connected_components(full) <= len(acts)
