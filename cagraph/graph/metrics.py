"""Network metrics written onto the nodes of a projection.

Every node gets ``degree`` (distinct neighbours), ``weighted_degree`` (sum of the weights of its
edges), ``betweenness`` (normalised, on the undirected simple graph, edges unweighted) and
``community`` (Louvain on the weighted undirected graph, numbered from 0 by decreasing size).
Betweenness costs one breadth-first search per source node: it is exact while that stays within
:data:`BETWEENNESS_WORK` node and edge visits, and estimated from a fixed sample of sources
sized to that budget above it (at least :data:`MIN_SAMPLE`); the graph attribute
``betweenness`` says which. Fixed seeds make every run give the same numbers.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

BETWEENNESS_WORK = 2_000_000
MIN_SAMPLE = 16
SEED = 20250404


def simple_weighted(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph underneath: parallel edges merged, weights added."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = float(data.get("weight", 1) or 0)
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def communities(simple: nx.Graph) -> dict[Any, int]:
    """Node -> community number (0 is the largest), from Louvain with a fixed seed."""
    if simple.number_of_edges() == 0:
        groups = [{n} for n in simple.nodes]
    else:
        # zero-weight ties (reported but with no act counted) still hold their nodes together
        found = nx.community.louvain_communities(simple, weight="strength", seed=SEED)
        groups = [set(g) for g in found]
    groups.sort(key=lambda g: (-len(g), min(str(n) for n in g)))
    return {node: i for i, group in enumerate(groups) for node in group}


def annotate(graph: nx.Graph) -> None:
    """Write degree, weighted degree, betweenness and community onto every node."""
    simple = simple_weighted(graph)
    for _, _, data in simple.edges(data=True):
        data["strength"] = max(data["weight"], 0.0) + 1.0
    n = simple.number_of_nodes()
    per_source = n + simple.number_of_edges()
    sample = max(MIN_SAMPLE, BETWEENNESS_WORK // max(per_source, 1))
    if sample < n:
        between = nx.betweenness_centrality(simple, k=sample, seed=SEED)
        graph.graph["betweenness"] = f"estimated from {sample} sampled sources"
    else:
        between = nx.betweenness_centrality(simple)
        graph.graph["betweenness"] = "exact"
    community = communities(simple)
    graph.graph["communities"] = len(set(community.values()))
    for node, data in graph.nodes(data=True):
        data["degree"] = simple.degree(node)
        weighted = simple.degree(node, weight="weight")
        data["weighted_degree"] = int(weighted) if float(weighted).is_integer() else weighted
        data["betweenness"] = round(between.get(node, 0.0), 6)
        data["community"] = community[node]
