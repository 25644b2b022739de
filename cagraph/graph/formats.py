"""The export formats: name, file extension, media type and writer.

A format is named by its extension as it appears in ``/export/{graph}.{ext}`` and in file names
(``ties.gexf``, ``full.d3.json``, ``ties.nodes.csv``, ``full.trig``); a few other names are
accepted too (``cytoscape``, ``turtle``…).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cagraph.errors import InputError

FormatKind = Literal["network", "rdf"]


@dataclass(frozen=True)
class ExportFormat:
    ext: str
    media_type: str
    kind: FormatKind
    title: str
    aliases: tuple[str, ...] = ()


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("gexf", "application/gexf+xml", "network", "GEXF 1.3 (Gephi), with time spans"),
    ExportFormat("graphml", "application/graphml+xml", "network", "GraphML"),
    ExportFormat("cyjs", "application/json", "network", "Cytoscape.js JSON", ("cytoscape",)),
    ExportFormat("d3.json", "application/json", "network", "D3 node-link JSON", ("d3",)),
    ExportFormat("nodes.csv", "text/csv; charset=utf-8", "network", "CSV node table"),
    ExportFormat("edges.csv", "text/csv; charset=utf-8", "network", "CSV edge table"),
    ExportFormat("csv.zip", "application/zip", "network", "CSV node and edge tables", ("csv",)),
    ExportFormat("ttl", "text/turtle", "rdf", "Turtle (graphs merged)", ("turtle",)),
    ExportFormat("nt", "application/n-triples", "rdf", "N-Triples (merged)", ("ntriples",)),
    ExportFormat("trig", "application/trig", "rdf", "TriG, with the named graphs"),
    ExportFormat("nq", "application/n-quads", "rdf", "N-Quads, with the named graphs", ("nquads",)),
    ExportFormat("jsonld", "application/ld+json", "rdf", "JSON-LD, with the named graphs"),
)
_BY_NAME = {name: f for f in FORMATS for name in (f.ext, *f.aliases)}


def names() -> list[str]:
    return [f.ext for f in FORMATS]


def export_format(name: str) -> ExportFormat:
    """The format with this extension or alias (InputError naming the ones there are)."""
    found = _BY_NAME.get(name.strip().lower().lstrip("."))
    if found is None:
        raise InputError(
            f"unknown export format {name!r}", source="format", hint=f"use one of {names()}"
        )
    return found


def format_for_path(path: Path) -> ExportFormat:
    """The format a file name ends with (the longest matching extension)."""
    name = path.name.lower()
    for fmt in sorted(FORMATS, key=lambda f: -len(f.ext)):
        if name.endswith("." + fmt.ext):
            return fmt
    raise InputError(
        f"cannot tell the export format from the file name {path.name!r}",
        source=str(path),
        hint=f"pass --format, one of {names()}",
    )


def split_name(filename: str) -> tuple[str, ExportFormat]:
    """``ties.nodes.csv`` -> ("ties", nodes.csv format)."""
    stem, dot, ext = filename.partition(".")
    if not dot:
        raise InputError(
            f"no format in {filename!r}", source="path", hint="ask for e.g. ties.gexf or full.trig"
        )
    return stem, export_format(ext)
