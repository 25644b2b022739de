"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pyoxigraph import Quad, RdfFormat, Triple, serialize
from rdflib import Graph

from cagraph.errors import ConfigError, ValidationError
from cagraph.rdf.vocab import SHAPES_FILE, parse_turtle


@dataclass(frozen=True)
class ShapeReport:
    """The outcome of a SHACL validation."""

    conforms: bool
    text: str  # pyshacl's report, for people


def to_rdflib(quads: Iterable[Quad | Triple]) -> Graph:
    """The triples of these quads (graph names dropped) as an rdflib graph."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in quads]
    data = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data.decode("utf-8"), format="nt")


@cache
def _validator() -> Callable[..., Any]:
    try:
        from pyshacl import validate
    except ImportError as exc:  # pyshacl is a dev dependency
        raise ConfigError("SHACL validation needs pyshacl", hint="pip install -e '.[dev]'") from exc
    return validate


def shape_report(data: Graph | Iterable[Quad | Triple]) -> ShapeReport:
    """Validate one graph (an article graph or the ties graph) against the shapes."""
    graph = data if isinstance(data, Graph) else to_rdflib(data)
    conforms, _, text = _validator()(graph, shacl_graph=parse_turtle(SHAPES_FILE), inference="none")
    return ShapeReport(bool(conforms), str(text))


def check_shapes(data: Graph | Iterable[Quad | Triple], *, source: str | None = None) -> None:
    """Raise ValidationError with the SHACL report when the graph does not conform."""
    report = shape_report(data)
    if not report.conforms:
        raise ValidationError(
            "graph does not conform to ontology/shapes.ttl:\n" + report.text,
            hint="fix the mapping or the record it came from",
            source=source,
        )
