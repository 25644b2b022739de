"""The validator helper and the Node loaders give the expected verdict on every fixture of
../shared/conformance/fixtures (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_graph_support import FIXTURES, conformance_dir, node_loader

from cagraph.errors import ConfigError
from cagraph.graph.validate import check_json_graph, validate_xml

XML_VERDICTS = {
    "gexf/valid-coop-1.3.gexf": True,
    "gexf/valid-coop-1.2draft.gexf": True,
    "gexf/valid-dynamic-spells-1.3.gexf": True,
    "gexf/invalid-networkx-raw-1.3.gexf": False,
    "gexf/invalid-weight-1.3.gexf": False,
    "gexf/invalid-element-1.3.gexf": False,
    "graphml/valid-coop.graphml": True,
    "graphml/invalid-iri-node-ids.graphml": False,
    "graphml/invalid-dangling-edge.graphml": False,
    "graphml/invalid-attr-type.graphml": False,
}
JSON_VERDICTS = {
    "json/valid-coop.cy-elements.json": ("cytoscape", True),
    "json/valid-coop.cyjs.json": ("cytoscape", True),
    "json/invalid-dangling.cy-elements.json": ("cytoscape", False),
    "json/valid-coop.node-link.json": ("d3", True),
    "json/invalid-dangling.node-link.json": ("d3", False),
}


@pytest.mark.parametrize(("name", "expected"), sorted(XML_VERDICTS.items()))
def test_the_schema_check_gives_each_xml_fixture_its_verdict(name: str, expected: bool) -> None:
    schemas = conformance_dir()
    verdict = validate_xml(FIXTURES / name, conformance_dir=schemas)
    assert verdict.valid is expected, verdict.errors
    assert bool(verdict.errors) is not expected


@pytest.mark.parametrize(("name", "expected"), sorted(JSON_VERDICTS.items()))
def test_json_fixtures_get_the_same_verdict_in_python_and_in_node(
    name: str, expected: tuple[str, bool]
) -> None:
    conformance_dir()
    loader, valid = expected
    assert check_json_graph(FIXTURES / name).valid is valid
    result = node_loader(loader, FIXTURES / name)
    assert result["ok"] is valid
    if valid:
        assert (result["nodes"], result["edges"]) == (7, 7)
    else:
        assert "nonexistent target" in result["error"] or "node not found" in result["error"]


def test_documents_that_are_not_graphs_are_refused_not_crashed_on(tmp_path: Path) -> None:
    schemas = conformance_dir()
    assert not validate_xml(b"<gexf", conformance_dir=schemas).valid
    other = validate_xml(b"<svg xmlns='http://www.w3.org/2000/svg'/>", conformance_dir=schemas)
    assert not other.valid and "not a GEXF or GraphML" in other.errors[0]
    assert not check_json_graph(b"[1, 2").valid
    with pytest.raises(ConfigError, match="schema not found"):
        validate_xml(FIXTURES / "gexf" / "valid-coop-1.3.gexf", conformance_dir=tmp_path)
