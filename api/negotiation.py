"""Content negotiation with q-values (RFC 9110 §12.5.1) over a server's list of offers.

Each offer has a canonical media type and aliases clients use for it (an alias matches only when
named, never through ``type/*`` or ``*/*``). For every offer the most specific matching Accept
range gives its quality; the best quality wins, then the more specific
range, then the range the client listed first, then the server's order. ``*/*`` (or no Accept
header) therefore gives the server's first offer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    key: str  # format name the serializer understands: json, xml, csv, turtle, …
    media_type: str  # canonical media type
    content_type: str  # Content-Type header of the response
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # values of ?format= that ask for it


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    index: int

    def specificity(self, media_type: str) -> int | None:
        """2 exact, 1 type/*, 0 */*; None when the range does not match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == kind and self.subtype == "*":
            return 1
        if self.type == kind and self.subtype == sub:
            return 2
        return None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The ranges of an Accept header; malformed parts are skipped, q clamped to 0..1."""
    ranges = []
    for index, part in enumerate((header or "").split(",")):
        kind, *params = part.split(";")
        kind = kind.strip().lower()
        if "/" not in kind:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        main, _, sub = kind.partition("/")
        ranges.append(MediaRange(main, sub, q, index))
    return ranges


def _score(offer: Offer, ranges: list[MediaRange]) -> tuple[float, int, int] | None:
    best: tuple[float, int, int] | None = None
    for media_type in (offer.media_type, *offer.aliases):
        matched = [(r.specificity(media_type), r) for r in ranges]
        exact_only = media_type != offer.media_type  # an alias answers only its own name
        hits = [(s, r) for s, r in matched if s is not None and (s == 2 or not exact_only)]
        if not hits:
            continue
        top = max(s for s, _ in hits)
        r = min((r for s, r in hits if s == top), key=lambda r: r.index)
        score = (r.q, top, -r.index)
        if best is None or score > best:
            best = score
    if best is None or best[0] <= 0:
        return None
    return best


def choose(accept: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The offer to send, or None when the client accepts none of them."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    scored = []
    for order, offer in enumerate(offers):
        score = _score(offer, ranges)
        if score is not None:
            scored.append((score, -order, offer))
    if not scored:
        return None
    return max(scored, key=lambda item: (item[0], item[1]))[2]


def by_name(names: Sequence[str], offers: Sequence[Offer]) -> Offer | None:
    """The first offer a ``format``-style parameter names, if any does."""
    for name in names:
        for offer in offers:
            if name in offer.names or name == offer.media_type:
                return offer
    return None


def accepted(offers: Sequence[Offer]) -> str:
    return ", ".join(o.media_type for o in offers)
