"""Read an RDF file completely into quads, or fail naming the file and line.

Loading parses the whole file before anything is written, so a malformed file loads nothing.
"""

from __future__ import annotations

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


def _syntax_error(path: Path, fmt: RdfFormat, data: bytes, exc: SyntaxError) -> InputError:
    line = exc.lineno
    if line is None and fmt == RdfFormat.RDF_XML:
        line = _xml_line(data)
    detail = _POSITION.sub("", str(exc.msg or exc))
    where = f"line {line}" if line is not None else "unknown line"
    return InputError(
        f"malformed {fmt.name} at {where}: {detail}",
        source=str(path),
        hint="fix the file and load it again; nothing from it was stored",
    )


def read_quads(
    path: Path, fmt: str | RdfFormat | None = None, graph: NamedNode | None = None
) -> list[Quad]:
    """All quads of one file; triples (and a dataset's default graph) go into `graph` if given."""
    rdf_fmt = rdf_format_for_path(path, fmt)
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise InputError(f"cannot load: the path {what}", source=str(path), hint=LOADABLE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", source=str(path)) from exc
    base = path.resolve().as_uri()
    try:
        quads = list(parse(data, rdf_fmt, base_iri=base))
    except SyntaxError as exc:
        raise _syntax_error(path, rdf_fmt, data, exc) from exc
    except ValueError as exc:
        raise InputError(f"cannot parse as {rdf_fmt.name}: {exc}", source=str(path)) from exc
    if graph is None:
        return quads
    return [
        Quad(q.subject, q.predicate, q.object, graph)
        if isinstance(q.graph_name, DefaultGraph)
        else q
        for q in quads
    ]
