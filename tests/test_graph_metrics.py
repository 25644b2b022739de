"""Node metrics: exact on small graphs, sampled within a budget on large ones, reproducible."""

from __future__ import annotations

import networkx as nx
import pytest

from cagraph.graph import metrics
from cagraph.graph.metrics import annotate


def test_a_star_centre_carries_every_shortest_path_and_the_weights() -> None:
    star = nx.Graph()
    for leaf in "abcd":
        star.add_edge("hub", leaf, weight=2)
    star.add_node("alone")
    annotate(star)
    hub = star.nodes["hub"]
    # normalised over the 10 pairs of the 5 other nodes: the hub is on the 6 pairs of leaves
    assert (hub["degree"], hub["weighted_degree"], hub["betweenness"]) == (4, 8, 0.6)
    assert star.nodes["a"]["betweenness"] == 0.0
    assert star.nodes["alone"]["degree"] == 0
    assert star.graph["betweenness"] == "exact"
    assert star.nodes["alone"]["community"] != star.nodes["hub"]["community"]


def test_parallel_edges_count_once_for_degree_and_add_up_for_weight() -> None:
    multi = nx.MultiDiGraph()
    multi.add_edge("act", "KZ", key="party", weight=1)
    multi.add_edge("act", "KZ", key="participant", weight=1)
    multi.add_edge("person", "KZ", key="role", weight=1)
    annotate(multi)
    assert multi.nodes["KZ"]["degree"] == 2
    assert multi.nodes["KZ"]["weighted_degree"] == 3


def test_large_graphs_get_sampled_betweenness_that_is_the_same_every_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "BETWEENNESS_WORK", 50_000)  # "large" at test size

    def grid() -> nx.Graph:
        graph = nx.convert_node_labels_to_integers(nx.grid_2d_graph(20, 20))
        nx.set_edge_attributes(graph, 1, "weight")
        return graph

    first, second = grid(), grid()
    annotate(first)
    annotate(second)
    assert first.graph["betweenness"] == "estimated from 43 sampled sources"
    values = [first.nodes[n]["betweenness"] for n in first.nodes]
    assert values == [second.nodes[n]["betweenness"] for n in second.nodes]
    assert all(0.0 <= v <= 1.0 for v in values) and max(values) > 0
    communities = [first.nodes[n]["community"] for n in first.nodes]
    assert communities == [second.nodes[n]["community"] for n in second.nodes]
    assert len(set(communities)) > 1
