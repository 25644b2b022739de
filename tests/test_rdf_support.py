"""Helpers shared by the ontology, rdf and resolve tests (this module holds no tests)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import Store
from rdflib import Dataset, Graph

from cagraph.rdf.mapping import map_extraction
from cagraph.rdf.ontology import ontology_quads
from cagraph.rdf.ties import refresh_ties
from cagraph.records import ArticleExtraction
from cagraph.refdata.model import (
    Country,
    Leader,
    Organization,
    Place,
    ReferenceData,
    RegionalFormat,
    Term,
    Title,
)
from cagraph.resolve.resolver import Resolver

RDF_DATA = Path(__file__).resolve().parent / "data" / "rdf"


def _tuples(row: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}


@cache
def reference() -> ReferenceData:
    """Small hand-made reference data (tests/data/rdf/refdata.json)."""
    raw = json.loads((RDF_DATA / "refdata.json").read_text(encoding="utf-8"))
    leaders = []
    for row in raw["leaders"]:
        terms = tuple(Term(**t) for t in row.pop("terms", []))
        leaders.append(Leader(**_tuples(row), terms=terms))
    return ReferenceData(
        countries=tuple(Country(**_tuples(r)) for r in raw["countries"]),
        organizations=tuple(Organization(**_tuples(r)) for r in raw["organizations"]),
        places=tuple(Place(**_tuples(r)) for r in raw["places"]),
        titles=tuple(Title(**_tuples(r)) for r in raw["titles"]),
        leaders=tuple(leaders),
        regions=tuple(RegionalFormat(**_tuples(r)) for r in raw["regions"]),
    )


def extraction(name: str) -> ArticleExtraction:
    """An ArticleExtraction from tests/data/rdf/<name>.json."""
    text = (RDF_DATA / f"{name}.json").read_text(encoding="utf-8")
    return ArticleExtraction.model_validate_json(text)


def rdf_file(name: str) -> Graph:
    """A Turtle file of tests/data/rdf as an rdflib graph."""
    return Graph().parse(RDF_DATA / name, format="turtle")


def trig_file(name: str) -> Dataset:
    """A TriG file of tests/data/rdf as an rdflib dataset."""
    return Dataset().parse(RDF_DATA / name, format="trig")


ARTICLES = ("article_a1", "article_a2", "article_a3", "article_a4")


def build_store(store: Store, names: tuple[str, ...] = ARTICLES) -> None:
    """Map the hand-made articles into the store, load the ontology and derive the ties."""
    resolver = Resolver(reference())
    for name in names:
        store.extend(map_extraction(extraction(name), resolver).quads)
    store.extend(ontology_quads())
    refresh_ties(store)
