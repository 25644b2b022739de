"""Node ids and attribute values that every format can hold, and writers that the official
schemas accept where networkx's own writers do not."""

from __future__ import annotations

import io
import json
import math

import networkx as nx
import pytest
from test_graph_support import conformance_dir

from cagraph.graph import attrs
from cagraph.graph.gexf import write_gexf
from cagraph.graph.graphml import write_graphml
from cagraph.graph.ids import is_xml_id, node_id
from cagraph.graph.jsonfmt import cytoscape_data, node_link_data
from cagraph.graph.validate import check_json_graph, validate_xml

ID = "https://w3id.org/cagraph/id/"


def test_node_ids_are_readable_xml_names_made_from_iris() -> None:
    assert node_id(ID + "country/KZ") == "country_KZ"
    assert node_id(ID + "person/emomali-rahmon") == "person_emomali-rahmon"


@pytest.mark.parametrize(
    "iri",
    [
        ID + "org/ministry%20of%20energy",
        ID + "article/2025%2F04%2F04",
        ID + "person/%C3%A1li",
        ID + "org/1st-bank",
        "http://www.wikidata.org/entity/Q232",
        "urn:x:y#z",
    ],
)
def test_awkward_iris_still_give_xml_ids(iri: str) -> None:
    assert is_xml_id(node_id(iri)), node_id(iri)


def test_iris_differing_only_in_escaped_characters_keep_apart() -> None:
    a, b = ID + "org/a%20b", ID + "org/a%2Fb"
    assert node_id(a) != node_id(b)
    assert node_id(a) == node_id(a)  # stable


def test_each_column_gets_one_type_from_all_its_values() -> None:
    rows = [
        {"n": 1, "x": 1, "flag": True, "tags": ["a"], "d": {"k": 1}, "mixed": 1, "none": None},
        {"n": 2, "x": 2.5, "flag": False, "tags": ("b", "c"), "d": None, "mixed": "one"},
    ]
    types = {c.name: c.type for c in attrs.columns(rows)}
    assert types == {
        "d": "string",
        "flag": "boolean",
        "mixed": "string",
        "n": "long",
        "none": "string",
        "tags": "list",
        "x": "double",
    }


def test_values_are_written_in_the_schema_types_lexical_forms() -> None:
    assert attrs.text(math.nan, "double") == "NaN"
    assert attrs.text(-math.inf, "double") == "-INF"
    assert attrs.text(True, "boolean") == "true"
    assert attrs.text(["b", "a"], "list") == '["b", "a"]'
    assert attrs.text({"z": 1, "a": [1, 2]}, "string") == '{"a": [1, 2], "z": 1}'
    assert attrs.text("bell\x07 and\x00 nul", "string") == "bell and nul"


def nasty_graph() -> nx.MultiDiGraph:
    """Everything networkx cannot write, plus parallel edges and characters XML refuses."""
    graph = nx.MultiDiGraph(name="nasty", note=None, tags=["x", "y"])
    graph.add_node(
        node_id(ID + "org/a%20b"),
        iri=ID + "org/a%20b",
        label='Ministry\x0b of <Energy> & "Water"',
        type="Organization",
        topics=["energy", "water"],
        kinds={"MOU": 2},
        missing=None,
        score=math.nan,
        start="2024-01-01",
        end="2024-12-31",
    )
    graph.add_node("country_KZ", iri=ID + "country/KZ", label="Kazakhstan", type="Country")
    for relation in ("party", "participant"):
        graph.add_edge(
            node_id(ID + "org/a%20b"), "country_KZ", key=relation, relation=relation, weight=1
        )
    graph.add_edge("country_KZ", "country_KZ", key="self", relation="self", weight=math.inf)
    return graph


def test_networkx_own_writers_fail_the_official_schemas_on_such_graphs() -> None:
    schemas = conformance_dir()
    plain = nx.DiGraph()
    plain.add_edge(ID + "country/KZ", ID + "country/UZ", relation="tie")
    out = io.BytesIO()
    nx.write_gexf(plain, out, version="1.3")
    assert not validate_xml(out.getvalue(), conformance_dir=schemas).valid
    out = io.BytesIO()
    nx.write_graphml(plain, out)
    assert not validate_xml(out.getvalue(), conformance_dir=schemas).valid
    with pytest.raises((nx.NetworkXError, TypeError, ValueError, KeyError)):
        nx.write_graphml(nasty_graph(), io.BytesIO())


@pytest.mark.parametrize("writer", [write_gexf, write_graphml], ids=["gexf", "graphml"])
def test_our_xml_writers_pass_the_schema_and_read_back(writer: object) -> None:
    schemas = conformance_dir()
    graph = nasty_graph()
    out = io.BytesIO()
    writer(graph, out)  # type: ignore[operator]
    verdict = validate_xml(out.getvalue(), conformance_dir=schemas)
    assert verdict.valid, verdict.errors
    reader = nx.read_gexf if writer is write_gexf else nx.read_graphml
    back = reader(io.BytesIO(out.getvalue()))
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 3
    data = back.nodes[node_id(ID + "org/a%20b")]
    assert json.loads(data["topics"]) == ["energy", "water"]
    assert json.loads(data["kinds"]) == {"MOU": 2}
    assert "missing" not in data
    assert math.isnan(float(data["score"]))


def test_json_exports_hold_lists_and_turn_non_finite_numbers_into_null() -> None:
    graph = nasty_graph()
    cy = cytoscape_data(graph)
    node = next(n["data"] for n in cy["elements"]["nodes"] if n["data"]["type"] == "Organization")
    assert node["topics"] == ["energy", "water"] and node["score"] is None
    assert "\x0b" not in node["label"]
    json.dumps(cy, allow_nan=False)
    links = node_link_data(graph)
    json.dumps(links, allow_nan=False)
    assert len({e["data"]["id"] for e in cy["elements"]["edges"]}) == 3
    assert check_json_graph(cy).valid and check_json_graph(links).valid
    back = nx.cytoscape_graph(json.loads(json.dumps(cy)))
    assert back.number_of_edges() == 3
