"""Read a SPARQL 1.1 Protocol request: which operation, its text, its dataset, its format hint.

- GET with ``query``: a query; GET without ``query`` (and without ``update``): the service
  description; GET with ``update``: refused (updates must be POSTed).
- POST ``application/x-www-form-urlencoded``: ``query`` or ``update`` in the body; parameters of
  the URL and the body are merged (clients put the dataset in either).
- POST ``application/sparql-query`` / ``application/sparql-update``: the body is the text,
  UTF-8 (a ``charset`` other than UTF-8 is refused); the dataset comes from the URL.
- Anything else is 415; a missing or repeated ``query``/``update`` is 400.

SPARQLWrapper's ``format``/``output``/``results`` parameters are kept as a format hint.
rdflib's placeholder ``default-graph-uri=urn:x-rdflib:default`` (its name for "the default
graph", RDFLib/rdflib#2609) is read as no dataset at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl

from pyoxigraph import NamedNode
from starlette.requests import Request

from api.problems import UnsupportedMediaTypeError
from api.sparql.rewrite import graph_node
from cagraph.errors import InputError

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
RDFLIB_DEFAULT = "urn:x-rdflib:default"
FORMAT_PARAMS = ("format", "output", "results")

Kind = Literal["query", "update", "description"]


@dataclass(frozen=True)
class Operation:
    kind: Kind
    text: str = ""
    default_graphs: tuple[NamedNode, ...] = ()
    named_graphs: tuple[NamedNode, ...] = ()
    format_hint: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    kind, *rest = header.split(";")
    params = {}
    for part in rest:
        name, _, value = part.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), params


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the {what} is not valid UTF-8 (byte {exc.start})", hint="send UTF-8"
        ) from None


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[NamedNode, ...]:
    values = [v for k, v in params if k == name]
    if name == "default-graph-uri":
        values = [v for v in values if v != RDFLIB_DEFAULT]
    return tuple(graph_node(v, name) for v in values)


def _one(params: list[tuple[str, str]], name: str) -> str:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise InputError(f"the request has {len(values)} `{name}` parameters; send one")
    if not values[0].strip():
        raise InputError(f"the `{name}` parameter is empty", hint=f"send a SPARQL {name}")
    return values[0]


def _dataset_params(kind: Kind) -> tuple[str, str]:
    if kind == "query":
        return "default-graph-uri", "named-graph-uri"
    return "using-graph-uri", "using-named-graph-uri"


def _build(kind: Kind, text: str, params: list[tuple[str, str]]) -> Operation:
    default_name, named_name = _dataset_params(kind)
    return Operation(
        kind=kind,
        text=text,
        default_graphs=_graphs(params, default_name),
        named_graphs=_graphs(params, named_name),
        format_hint=tuple(v.strip().lower() for k, v in params if k in FORMAT_PARAMS),
    )


def _from_params(params: list[tuple[str, str]]) -> Operation:
    names = {k for k, _ in params}
    if "query" in names and "update" in names:
        raise InputError("the request has both `query` and `update`; send one operation")
    if "query" in names:
        return _build("query", _one(params, "query"), params)
    if "update" in names:
        return _build("update", _one(params, "update"), params)
    raise InputError("the form has neither `query` nor `update`", hint="send query=… or update=…")


async def read_operation(request: Request) -> Operation:
    """The operation a /sparql request asks for (InputError, 415 for bad requests)."""
    url_params = list(request.query_params.multi_items())
    if request.method == "GET":
        names = {k for k, _ in url_params}
        if "update" in names:
            raise InputError("updates cannot be sent by GET", hint="POST the update")
        if "query" not in names:
            return Operation(kind="description")
        return _build("query", _one(url_params, "query"), url_params)
    media, params = _media_type(request.headers.get("content-type"))
    charset = params.get("charset", "utf-8").lower()
    if media == FORM:
        body = _utf8(await request.body(), "form body")
        try:
            form = parse_qsl(body, keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise InputError("the form holds percent-encoded bytes that are not UTF-8") from None
        return _from_params(url_params + form)
    if media in (QUERY_TYPE, UPDATE_TYPE):
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaTypeError(
                f"{media} bodies must be UTF-8, not {charset}", hint="re-encode the body as UTF-8"
            )
        text = _utf8(await request.body(), "body")
        if not text.strip():
            raise InputError("the request body is empty", hint="send the SPARQL text")
        kind: Kind = "query" if media == QUERY_TYPE else "update"
        return _build(kind, text, url_params)
    shown = media or "no Content-Type"
    raise UnsupportedMediaTypeError(
        f"a POST to /sparql cannot be {shown}",
        hint=f"send {FORM} (query=… or update=…), {QUERY_TYPE} or {UPDATE_TYPE}",
    )
