"""Refuse SPARQL whose shape the engine cannot survive or plan, before it reaches the engine.

Oxigraph (pyoxigraph 0.5) builds and walks its query plans recursively on the thread's stack:
on a default 8 MB thread a query with ~600 triple patterns in one group, ~1 000 path steps,
~1 200 items in one collection or ~5 000 nested groups kills the whole process with a stack
overflow. Its planner is also super-linear in the size of a group (a star of 150 patterns takes
seconds to plan, 300 take a minute) and planning cannot be interrupted. The limits below keep
every request far from both, and are far above what the service's own queries use (about 20
patterns). ``VALUES`` data and ``INSERT/DELETE DATA`` blocks are flat lists and are not counted
(only their nesting is).
"""

from __future__ import annotations

from api.sparql.lexer import Token
from cagraph.errors import QueryError

MAX_DEPTH = 64  # nesting of { ( [
MAX_PATTERNS = 128  # triple patterns, groups, path steps and pattern operators
MAX_GROUP_ITEMS = 500  # tokens directly inside one ( … ) or [ … ]
_CLOSE = {"}", ")", "]"}
_OPERATORS = {"BIND", "OPTIONAL", "MINUS", "FILTER", "UNION", "SERVICE", "GRAPH", "VALUES"}


class QueryTooComplexError(QueryError):
    code = "query-too-complex"
    title = "Query too complex"


def _too(what: str) -> QueryTooComplexError:
    return QueryTooComplexError(
        f"the request {what}, which this service does not accept",
        hint="split it into smaller queries; put long lists of values in a VALUES block",
    )


def _data_blocks(toks: list[Token]) -> set[int]:
    """Indexes of the tokens inside VALUES data and INSERT/DELETE DATA blocks."""
    inside: set[int] = set()
    i = 0
    while i < len(toks):
        word = toks[i].keyword()
        if word in ("VALUES", "DATA"):
            j = i + 1
            while j < len(toks) and toks[j].text != "{":
                j += 1
            depth = 0
            for k in range(j, len(toks)):
                if toks[k].text == "{" and toks[k].kind == "other":
                    depth += 1
                elif toks[k].text == "}" and toks[k].kind == "other":
                    depth -= 1
                if depth == 0:
                    inside.update(range(j + 1, k))
                    i = k
                    break
            else:
                inside.update(range(j + 1, len(toks)))
                i = len(toks)
        i += 1
    return inside


def check_shape(toks: list[Token]) -> None:
    """QueryTooComplexError when the request nests too deep or is too large."""
    data = _data_blocks(toks)
    items: list[int] = []  # per open bracket: tokens directly inside it
    kinds: list[str] = []
    parens = patterns = 0
    for i, t in enumerate(toks):
        bracket = t.text if t.kind == "other" and t.text in "{}()[]" else ""
        if bracket in _CLOSE:
            if kinds:
                parens -= kinds.pop() == "("
                items.pop()
            continue
        if items:
            items[-1] += 1
            if items[-1] > MAX_GROUP_ITEMS and kinds[-1] != "{":
                raise _too(f"has a list or expression of more than {MAX_GROUP_ITEMS} items")
        if bracket:
            kinds.append(bracket)
            items.append(0)
            parens += bracket == "("
            if len(kinds) > MAX_DEPTH:
                raise _too(f"nests more than {MAX_DEPTH} levels deep")
        if i in data:
            continue
        separator = parens == 0 and t.kind == "other" and t.text in (".", ";", ",", "/", "|")
        if bracket == "{" or separator or t.keyword() in _OPERATORS:
            patterns += 1
            if patterns > MAX_PATTERNS:
                raise _too(f"has more than {MAX_PATTERNS} triple patterns, groups and path steps")
