"""A small SPARQL tokenizer: enough to find keywords outside strings, IRIs and comments.

The protocol layer uses it to spot SERVICE and LOAD, dataset clauses (FROM, USING, WITH) and
where a dataset clause or USING clause goes. Anything it cannot classify is one ``other``
character; the query engine remains the judge of syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LONG1 = r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
_LONG2 = r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
_TOKEN = re.compile(
    rf"""(?P<ws>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    |(?P<string>{_LONG1}|{_LONG2}|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    |(?P<number>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<var>[?$][^\s(){{}}.,;'"<>=!|&+*/^\#\[\]@]+)
    |(?P<word>(?:[A-Za-z_][\w\-.]*)?:[^\s(){{}},;'"<>\#\[\]]*|[A-Za-z_][\w\-]*)
    |(?P<other>.)""",
    re.X | re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, lang, number, var, word, other
    text: str
    start: int
    end: int

    def keyword(self) -> str:
        """The upper-cased text of a bare word (no prefix colon), else ''."""
        return self.text.upper() if self.kind == "word" and ":" not in self.text else ""


def tokens(sparql: str) -> list[Token]:
    """Significant tokens; whitespace and comments are dropped."""
    out = []
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


def keywords(toks: list[Token]) -> set[str]:
    return {t.keyword() for t in toks if t.keyword()}


def depths(toks: list[Token]) -> list[int]:
    """Brace depth at each token (a `{` is at the depth outside it)."""
    out, depth = [], 0
    for t in toks:
        if t.kind == "other" and t.text == "}":
            depth -= 1
        out.append(depth)
        if t.kind == "other" and t.text == "{":
            depth += 1
    return out
