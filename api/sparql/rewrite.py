"""What the protocol changes in a request's text before the engine sees it.

- The base IRI: the endpoint's URL, given as a ``BASE`` on the request's first line.
- A protocol dataset (``default-graph-uri``/``named-graph-uri``) replaces the query's own FROM
  and FROM NAMED clauses (SPARQL 1.1 Protocol §2.1.4).
- ``using-graph-uri``/``using-named-graph-uri`` become USING/USING NAMED clauses of every
  DELETE/INSERT … WHERE operation; with USING or WITH in the text they are an error (§2.2.3).
- SERVICE and LOAD (which reach other hosts, or the server's files) are refused unless enabled.

Graph IRIs are checked by pyoxigraph and written back in its N-Triples form; the user's text is
only cut at token boundaries, never re-quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pyoxigraph import NamedNode

from api.problems import ExternalAccessError
from api.sparql.lexer import Token, depths, keywords, tokens
from cagraph.errors import InputError, QueryError

_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_MODIFIERS = ("ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "HAVING")
_POSITION = re.compile(r"\b(at|between) 1:(\d+)")


def graph_node(value: str, param: str) -> NamedNode:
    try:
        return NamedNode(value)
    except ValueError:
        raise InputError(
            f"{param} is not an absolute IRI: {value[:200]!r}", hint="give a graph IRI"
        ) from None


def check_external(toks: list[Token], *, allowed: bool) -> None:
    """Refuse SERVICE and LOAD unless access to other hosts is enabled."""
    used = sorted(keywords(toks) & {"SERVICE", "LOAD"})
    if used and not allowed:
        raise ExternalAccessError(
            f"{' and '.join(used)} would reach outside this service and is disabled here",
            hint="ask the operator to set CAGRAPH_ALLOW_EXTERNAL_SERVICE=true",
        )


def with_base(text: str, base: str) -> tuple[str, int]:
    """The text with ``BASE <endpoint>`` in front (same line); the length added."""
    prefix = f"BASE {NamedNode(base)} "
    return prefix + text, len(prefix)


def fix_position(message: str, shift: int) -> str:
    """Engine messages count columns of line 1 with the BASE prefix; take it out again."""
    return _POSITION.sub(lambda m: f"{m.group(1)} 1:{max(1, int(m.group(2)) - shift)}", message)


# -- queries -------------------------------------------------------------------------------------


def _form_index(toks: list[Token]) -> int | None:
    for i, t in enumerate(toks):
        if t.keyword() in _FORMS:
            return i
    return None


def _skip_block(toks: list[Token], i: int) -> int:
    """Index after the balanced `{…}` starting at i."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "other" and toks[j].text == "{":
            depth += 1
        elif toks[j].kind == "other" and toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(toks)


def _pattern_start(toks: list[Token], form_at: int) -> int | None:
    """Index of the token where dataset clauses must end: WHERE or the pattern's `{`; for a
    DESCRIBE without one, the first solution modifier; None for the end of the text."""
    form = toks[form_at].keyword()
    i = form_at + 1
    if form == "CONSTRUCT" and i < len(toks) and toks[i].text == "{":
        i = _skip_block(toks, i)
    parens = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind == "other" and t.text in "()":
            parens += 1 if t.text == "(" else -1
        elif (
            parens == 0 and (t.keyword() == "WHERE" or (t.kind == "other" and t.text == "{"))
        ) or (parens == 0 and form == "DESCRIBE" and t.keyword() in _MODIFIERS):
            return j
    return None


def _dataset_spans(toks: list[Token]) -> list[tuple[int, int]]:
    """Character spans of the query's FROM / FROM NAMED clauses."""
    spans = []
    for i, t in enumerate(toks):
        if t.keyword() != "FROM":
            continue
        j = i + 1
        if j < len(toks) and toks[j].keyword() == "NAMED":
            j += 1
        end = toks[j].end if j < len(toks) else t.end
        spans.append((t.start, end))
    return spans


def set_dataset(text: str, default: Sequence[NamedNode], named: Sequence[NamedNode]) -> str:
    """The query with its dataset clauses replaced by the protocol's."""
    toks = tokens(text)
    form_at = _form_index(toks)
    if form_at is None:
        return text  # not a query: let the engine report the syntax error
    spans = _dataset_spans(toks)
    clauses = [f"FROM {g}" for g in default] + [f"FROM NAMED {g}" for g in named]
    block = " " + " ".join(clauses) + " "
    if spans:
        at = spans[0][0]
    else:
        start = _pattern_start(toks, form_at)
        at = toks[start].start if start is not None else len(text)
    pieces, last = [], 0
    for begin, end in spans:
        pieces.append(text[last:begin])
        last = end
    pieces.append(text[last:])
    kept = "".join(pieces)
    removed_before = sum(end - begin for begin, end in spans if end <= at)
    at -= removed_before
    return kept[:at] + block + kept[at:]


# -- updates -------------------------------------------------------------------------------------


def set_using(text: str, default: Sequence[NamedNode], named: Sequence[NamedNode]) -> str:
    """USING / USING NAMED clauses before the WHERE of every DELETE/INSERT … WHERE."""
    toks = tokens(text)
    found = keywords(toks) & {"USING", "WITH"}
    if found:
        raise QueryError(
            f"the update has {' and '.join(sorted(found))} and the request has "
            "using-graph-uri/using-named-graph-uri; give the dataset one way only",
            hint="SPARQL 1.1 Protocol §2.2.3",
        )
    clauses = [f"USING {g}" for g in default] + [f"USING NAMED {g}" for g in named]
    block = " ".join(clauses) + " "
    level = depths(toks)
    cuts = [
        t.start
        for i, t in enumerate(toks)
        if t.keyword() == "WHERE" and level[i] == 0 and i > 0 and toks[i - 1].keyword() != "DELETE"
    ]
    out, last = [], 0
    for at in cuts:
        out.append(text[last:at])
        out.append(block)
        last = at
    out.append(text[last:])
    return "".join(out)
