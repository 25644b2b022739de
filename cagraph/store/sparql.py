"""SPARQL text built by the store layer: escaped terms, update requests, bound VALUES.

User text is never pasted into a query here. Terms are written by pyoxigraph's own N-Triples
serializer (IRIs are validated when a NamedNode is made); a user's query is only tokenized to find
where a VALUES block may go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Literal as TypingLiteral

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple, Variable

from cagraph.errors import InputError, QueryError
from cagraph.store.records import META_GRAPH, META_NS, GraphMeta

Term = NamedNode | BlankNode | Literal | Triple
BindingValue = NamedNode | Literal | Triple | str | bool | int | float | Decimal | datetime
QueryForm = TypingLiteral["select", "ask", "construct", "describe"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_VARNAME = re.compile(r"^[?$]?([A-Za-z_][A-Za-z0-9_]*)$")


def term_text(term: Term) -> str:
    """A term in SPARQL syntax (N-Triples form; triple terms as ``<<( s p o )>>``)."""
    if isinstance(term, Triple):
        parts = (term_text(term.subject), term_text(term.predicate), term_text(term.object))
        return "<<( {} {} {} )>>".format(*parts)
    return str(term)


def iri(value: str, *, what: str = "graph") -> NamedNode:
    """A NamedNode, or InputError naming the bad IRI."""
    try:
        return NamedNode(value)
    except ValueError as exc:
        raise InputError(f"not a valid {what} IRI: {value!r} ({exc})") from exc


def graph_iri(value: str) -> NamedNode:
    """An article graph IRI; the bookkeeping graph is refused."""
    node = iri(value)
    if value == META_GRAPH:
        raise InputError(f"{META_GRAPH} is the bookkeeping graph and cannot be written directly")
    return node


# -- updates -----------------------------------------------------------------------------------


def meta_triples(graph: NamedNode, meta: GraphMeta) -> list[Triple]:
    """The bookkeeping triples describing one article graph."""
    built = Literal(meta.built_at.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    return [
        Triple(graph, NamedNode(META_NS + "articleId"), Literal(meta.article_id)),
        Triple(graph, NamedNode(META_NS + "contentHash"), Literal(meta.content_hash)),
        Triple(graph, NamedNode(META_NS + "extractorVersion"), Literal(meta.extractor_version)),
        Triple(graph, NamedNode(META_NS + "builtAt"), built),
    ]


def _block(graph: NamedNode, triples: Iterable[Quad | Triple]) -> str:
    lines = [
        f"{term_text(t.subject)} {term_text(t.predicate)} {term_text(t.object)} ." for t in triples
    ]
    return f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}"


def drop_update(graph: NamedNode) -> str:
    """Drop a graph and its bookkeeping entry (one request, so one transaction)."""
    meta = f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {graph} ?p ?o }} }}"
    return f"DROP SILENT GRAPH {graph} ;\n{meta}"


def replace_update(graph: NamedNode, quads: Iterable[Quad | Triple], meta: GraphMeta) -> str:
    """Drop a graph and its bookkeeping entry, then insert the new content and entry."""
    meta_node = NamedNode(META_GRAPH)
    return (
        drop_update(graph)
        + " ;\nINSERT DATA {\n"
        + _block(graph, quads)
        + "\n"
        + _block(meta_node, meta_triples(graph, meta))
        + "\n}"
    )


def insert_graphs_update(
    graphs: Iterable[tuple[NamedNode, Iterable[Quad | Triple], GraphMeta]],
) -> str:
    """Drop several graphs and their bookkeeping entries, then insert each one's content and
    entry: one request, so one transaction (a graph not stored yet makes its drops no-ops)."""
    drops: list[str] = []
    blocks: list[str] = []
    meta_node = NamedNode(META_GRAPH)
    for graph, quads, meta in graphs:
        drops.append(drop_update(graph))
        blocks.append(_block(graph, quads))
        blocks.append(_block(meta_node, meta_triples(graph, meta)))
    return " ;\n".join(drops) + " ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}"


# -- bindings ----------------------------------------------------------------------------------


def binding_term(name: str, value: BindingValue) -> Term:
    """A Python value bound to a query variable, as an RDF term."""
    if isinstance(value, NamedNode | Literal | Triple):
        return value
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return Literal(str(value), datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, str):
        return Literal(value)
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    raise QueryError(
        f"cannot bind ?{name} to a {type(value).__name__}",
        hint="bind an IRI (NamedNode), a literal, a string or a number",
    )


def normalize_bindings(bindings: Mapping[str, BindingValue] | None) -> dict[str, Term]:
    """Check variable names and turn values into terms."""
    out: dict[str, Term] = {}
    for raw, value in (bindings or {}).items():
        match = _VARNAME.match(raw)
        if not match:
            raise QueryError(f"not a usable variable name for a binding: {raw!r}")
        out[match.group(1)] = binding_term(raw, value)
    return out


def substitutions(bindings: Mapping[str, Term]) -> dict[Variable, Term]:
    return {Variable(name): term for name, term in bindings.items()}


# -- query text --------------------------------------------------------------------------------

_LONG1 = r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
_LONG2 = r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
_TOKEN = re.compile(
    rf"""(?P<ws>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    |(?P<string>{_LONG1}|{_LONG2}|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<var>[?$][^\s(){{}}.,;'"<>=!|&+*/^\#\[\]]+)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[^\s(){{}},;'"<>\#\[\]]*)?)
    |(?P<other>.)""",
    re.X | re.S,
)
_FORMS: dict[str, QueryForm] = {
    "SELECT": "select",
    "ASK": "ask",
    "CONSTRUCT": "construct",
    "DESCRIBE": "describe",
}


def _tokens(sparql: str) -> list[tuple[str, str, int, int]]:
    """Significant tokens (kind, text, start, end): whitespace and comments dropped."""
    out = []
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append((kind, m.group(), m.start(), m.end()))
    return out


def _form_index(tokens: list[tuple[str, str, int, int]]) -> int | None:
    """Index of the query-form keyword, after BASE/PREFIX/VERSION declarations."""
    i = 0
    while i < len(tokens):
        word = tokens[i][1].upper() if tokens[i][0] == "word" else ""
        if word in ("BASE", "VERSION"):
            i += 2
        elif word == "PREFIX":
            i += 3
        elif word in _FORMS:
            return i
        else:
            return None
    return None


def query_form(sparql: str) -> QueryForm | None:
    """select/ask/construct/describe, or None when the text is not a query."""
    tokens = _tokens(sparql)
    i = _form_index(tokens)
    return None if i is None else _FORMS[tokens[i][1].upper()]


def _values_block(bindings: Mapping[str, Term]) -> str:
    for name, term in bindings.items():
        if isinstance(term, BlankNode):
            raise QueryError(f"?{name} cannot be bound to a blank node")
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(term_text(t) for t in bindings.values())
    return f" VALUES ({names}) {{ ({values}) }} "


def _where_open(tokens: list[tuple[str, str, int, int]], start: int, form: QueryForm) -> int | None:
    """Index of the `{` opening the WHERE pattern, or None (CONSTRUCT WHERE / DESCRIBE <x>)."""
    braces = parens = 0
    skip_template = form == "construct"
    for j in range(start + 1, len(tokens)):
        kind, text = tokens[j][0], tokens[j][1]
        if form == "construct" and j == start + 1 and text != "{":
            return None  # short form: CONSTRUCT WHERE { triples }
        if kind == "word" and text.upper() == "VALUES" and braces == 0 and parens == 0:
            return None  # reached the trailing VALUES clause: there is no WHERE pattern
        if kind != "other":
            continue
        if text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "{":
            if braces == 0 and parens == 0 and not skip_template:
                return j
            braces += 1
        elif text == "}":
            braces -= 1
            if braces == 0:
                skip_template = False
    return None


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with the bindings as a VALUES block opening its WHERE pattern.

    Where the pattern cannot hold one (CONSTRUCT WHERE, DESCRIBE without WHERE) the block is added
    as the trailing VALUES clause instead. Values are escaped terms, never raw user text.
    """
    if not bindings:
        return sparql
    tokens = _tokens(sparql)
    start = _form_index(tokens)
    if start is None:
        raise QueryError("bindings need a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    block = _values_block(bindings)
    form = _FORMS[tokens[start][1].upper()]
    where = _where_open(tokens, start, form)
    if where is not None:
        pos = tokens[where][3]
        return sparql[:pos] + block + sparql[pos:]
    if any(t[0] == "word" and t[1].upper() == "VALUES" for t in tokens):
        raise QueryError("bindings cannot be combined with this query's own VALUES clause")
    return sparql + "\n" + block.strip()


def projected(sparql: str) -> set[str] | None:
    """Variables a SELECT projects; None for ``SELECT *`` and the other query forms."""
    tokens = _tokens(sparql)
    start = _form_index(tokens)
    if start is None or tokens[start][1].upper() != "SELECT":
        return None
    names: set[str] = set()
    parens, previous = 0, ""
    for kind, text, _, _ in tokens[start + 1 :]:
        word = text.upper()
        if text == "{" or (kind == "word" and parens == 0 and word in ("WHERE", "FROM")):
            break
        if text == "*" and parens == 0:
            return None
        parens += (text == "(") - (text == ")")
        if kind == "var" and (parens == 0 or previous == "AS"):
            names.add(text[1:])
        previous = word
    return names
