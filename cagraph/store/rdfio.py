"""Read an RDF file completely into quads, or fail naming the file and line.

Loading parses the whole file before anything is written, so a malformed file loads nothing.
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from cagraph.errors import InputError
from cagraph.store.formats import LOADABLE, rdf_format_for_path

_POSITION = re.compile(r"^Parser error (?:at|between) line \d+ [^:]*: ")


def _xml_line(data: bytes) -> int | None:
    """Line of the first XML well-formedness error (pyoxigraph's RDF/XML errors have none)."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        return int(exc.lineno)
    return None


def syntax_error(path: Path, fmt: RdfFormat, exc: SyntaxError) -> InputError:
    """InputError naming the file, the line and the parser's message."""
    line = exc.lineno
    if line is None and fmt == RdfFormat.RDF_XML:
        line = _xml_line(path.read_bytes())
    detail = _POSITION.sub("", str(exc.msg or exc))
    where = f"line {line}" if line is not None else "unknown line"
    return InputError(
        f"malformed {fmt.name} at {where}: {detail}",
        source=str(path),
        hint="fix the file and load it again; nothing from it was stored",
    )


def loadable(path: Path, fmt: str | RdfFormat | None = None) -> RdfFormat:
    """The file's RDF format, after checking the file exists and can be read."""
    rdf_fmt = rdf_format_for_path(path, fmt)
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise InputError(f"cannot load: the path {what}", source=str(path), hint=LOADABLE)
    if not os.access(path, os.R_OK):
        raise InputError("cannot load: the file is not readable", source=str(path))
    return rdf_fmt


def read_quads(path: Path, fmt: RdfFormat, graph: NamedNode | None = None) -> list[Quad]:
    """All quads of one file; triples (and a dataset's default graph) go into `graph` if given."""
    try:
        quads = list(parse(path=path, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise syntax_error(path, fmt, exc) from exc
    except (ValueError, OSError) as exc:
        raise InputError(f"cannot read as {fmt.name}: {exc}", source=str(path)) from exc
    if graph is None:
        return quads
    return [
        Quad(q.subject, q.predicate, q.object, graph)
        if isinstance(q.graph_name, DefaultGraph)
        else q
        for q in quads
    ]
