"""Checks of exported files: XML against the official schemas, JSON for dangling edges.

The schemas are not part of cagraph: they are read from a conformance folder laid out like
``../shared/conformance`` (``gexf-xsd/1.3/gexf.xsd``, ``gexf-xsd/1.2draft/gexf.xsd``,
``graphml-xsd/graphml.xsd``), given by the caller or found beside the repository.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from cagraph.errors import ConfigError
from cagraph.settings import REPO_ROOT

DEFAULT_CONFORMANCE_DIR = REPO_ROOT.parent / "shared" / "conformance"
SCHEMAS = {
    "gexf-1.3": "gexf-xsd/1.3/gexf.xsd",
    "gexf-1.2draft": "gexf-xsd/1.2draft/gexf.xsd",
    "graphml": "graphml-xsd/graphml.xsd",
}
ROOTS = {
    "{http://gexf.net/1.3}gexf": "gexf-1.3",
    "{http://www.gexf.net/1.2draft}gexf": "gexf-1.2draft",
    "{http://graphml.graphdrawing.org/xmlns}graphml": "graphml",
}
MAX_ERRORS = 20


@dataclass(frozen=True)
class Verdict:
    """Whether a document passed, against what, and why not."""

    valid: bool
    checked_as: str
    errors: tuple[str, ...] = ()


@cache
def _schema(path: Path) -> etree.XMLSchema:
    if not path.is_file():
        raise ConfigError(
            f"schema not found: {path}",
            hint="pass the conformance folder (../shared/conformance) that holds the XSDs",
        )
    try:
        return etree.XMLSchema(etree.parse(str(path)))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise ConfigError(f"cannot read the schema {path}: {exc}") from exc


def validate_xml(
    document: bytes | Path, schema: str | None = None, *, conformance_dir: Path | None = None
) -> Verdict:
    """Validate a GEXF or GraphML document (bytes or a file) against its official schema.

    ``schema`` is one of :data:`SCHEMAS`; by default it is chosen from the root element.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        if isinstance(document, Path):
            tree = etree.parse(str(document), parser)
        else:
            tree = etree.ElementTree(etree.fromstring(document, parser))
    except etree.XMLSyntaxError as exc:
        return Verdict(False, "xml", (f"not well-formed XML: {exc}",))
    name = schema or ROOTS.get(str(tree.getroot().tag))
    if name is None:
        return Verdict(False, "xml", (f"not a GEXF or GraphML document: <{tree.getroot().tag}>",))
    if name not in SCHEMAS:
        raise ConfigError(f"unknown schema {name!r}", hint=f"use one of {sorted(SCHEMAS)}")
    xsd = _schema((conformance_dir or DEFAULT_CONFORMANCE_DIR).resolve() / SCHEMAS[name])
    if xsd.validate(tree):
        return Verdict(True, name)
    errors = tuple(f"line {e.line}: {e.message}" for e in list(xsd.error_log)[:MAX_ERRORS])
    return Verdict(False, name, errors)


def _elements(payload: Any) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """(shape, node data, edge data) of a Cytoscape or node-link document."""
    if isinstance(payload, dict) and "links" in payload and "nodes" in payload:
        return "node-link", list(payload["nodes"]), list(payload["links"])
    elements = payload.get("elements", payload) if isinstance(payload, dict) else payload
    if isinstance(elements, dict):
        nodes = [e.get("data", {}) for e in elements.get("nodes", [])]
        edges = [e.get("data", {}) for e in elements.get("edges", [])]
        return "cytoscape", nodes, edges
    if isinstance(elements, list):
        nodes = [e.get("data", {}) for e in elements if e.get("group") == "nodes"]
        edges = [e.get("data", {}) for e in elements if e.get("group") == "edges"]
        return "cytoscape", nodes, edges
    raise ValueError("neither Cytoscape.js elements nor node-link data")


def check_json_graph(document: bytes | Path | Any) -> Verdict:
    """Check a Cytoscape.js or D3 node-link document: unique ids, no edge to a missing node."""
    try:
        if isinstance(document, Path):
            payload = json.loads(document.read_text(encoding="utf-8"))
        elif isinstance(document, bytes):
            payload = json.loads(document)
        else:
            payload = document
        shape, nodes, edges = _elements(payload)
    except (ValueError, AttributeError, TypeError) as exc:
        return Verdict(False, "json", (f"not a graph document: {exc}",))
    errors: list[str] = []
    ids = [n.get("id") for n in nodes]
    known = set(ids)
    if None in known:
        errors.append("a node has no id")
    if len(known) != len(ids):
        errors.append("node ids repeat")
    edge_ids = [e.get("id") for e in edges if e.get("id") is not None]
    if len(set(edge_ids)) != len(edge_ids):
        errors.append("edge ids repeat")
    for edge in edges:
        for end in ("source", "target"):
            if edge.get(end) not in known:
                errors.append(f"edge {edge.get('id')} has a {end} that is no node: {edge.get(end)}")
    return Verdict(not errors, shape, tuple(errors[:MAX_ERRORS]))
