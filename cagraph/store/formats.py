"""Names of RDF and SPARQL-results formats: short names, file extensions and media types."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import QueryResultsFormat, RdfFormat

from cagraph.errors import InputError

RDF_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ttl": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "n-triples": RdfFormat.N_TRIPLES,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "n-quads": RdfFormat.N_QUADS,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "rdfxml": RdfFormat.RDF_XML,
    "rdf/xml": RdfFormat.RDF_XML,
    "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
    "xml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "json-ld": RdfFormat.JSON_LD,
    "json": RdfFormat.JSON_LD,
    "n3": RdfFormat.N3,
}

RESULTS_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "srj": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "srx": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}

LOADABLE = (
    "Turtle (.ttl), N-Triples (.nt), TriG (.trig), N-Quads (.nq), RDF/XML (.rdf .owl),"
    " JSON-LD (.jsonld)"
)


def rdf_format(name: str | RdfFormat) -> RdfFormat:
    """An RDF format from a short name, an extension or a media type."""
    if isinstance(name, RdfFormat):
        return name
    key = name.strip().lower().lstrip(".")
    found = RDF_FORMATS.get(key) or RdfFormat.from_media_type(key)
    if found is None:
        raise InputError(f"unknown RDF format {name!r}", hint=f"use one of {sorted(RDF_FORMATS)}")
    return found


def results_format(name: str | QueryResultsFormat) -> QueryResultsFormat:
    """A SPARQL results format from a short name, an extension or a media type."""
    if isinstance(name, QueryResultsFormat):
        return name
    key = name.strip().lower().lstrip(".")
    found = RESULTS_FORMATS.get(key) or QueryResultsFormat.from_media_type(key)
    if found is None:
        raise InputError(
            f"unknown SPARQL results format {name!r}", hint=f"use one of {sorted(RESULTS_FORMATS)}"
        )
    return found


def rdf_format_for_path(path: Path, fmt: str | RdfFormat | None = None) -> RdfFormat:
    """The format given, else the one the file's extension names."""
    if fmt is not None:
        return rdf_format(fmt)
    ext = path.suffix.lower().lstrip(".")
    found = RDF_FORMATS.get(ext) if ext else None
    if found is None:
        raise InputError(
            f"cannot tell the RDF format from the extension {path.suffix or '(none)'!r}",
            source=str(path),
            hint=f"pass the format explicitly (--format); loadable: {LOADABLE}",
        )
    return found
