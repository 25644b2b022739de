"""What a projection keeps: a time window, kinds of act, topics and a set of countries.

Dates are as precise as the articles give them (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), so a
date stands for a span of days: ``2024`` is 2024-01-01 … 2024-12-31. An act is inside the window
``since … until`` when its span overlaps the window's span; an act with no date at all is
outside every window. The same reading is used for both graphs, the CLI and the API.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from pydantic import Field, ValidationError, field_validator, model_validator

from cagraph.errors import InputError
from cagraph.rdf.vocab import TOPIC
from cagraph.records import AGREEMENT_KINDS, EVENT_KINDS, Record

ALL_KINDS: tuple[str, ...] = AGREEMENT_KINDS + EVENT_KINDS
CATEGORIES = {"agreement": AGREEMENT_KINDS, "event": EVENT_KINDS}
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO = re.compile(r"^[A-Z]{2}$")


def date_span(value: str) -> tuple[date, date]:
    """The first and last day a partial date stands for (ValueError if it is not one)."""
    if not _PARTIAL.match(value):
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _kind_code(text: str) -> tuple[str, ...]:
    """Kind codes a user's word stands for: a code ("MOU", case-insensitive) or a category."""
    key = text.strip().lower()
    if key in CATEGORIES:
        return CATEGORIES[key]
    for code in ALL_KINDS:
        if code.lower() == key:
            return (code,)
    codes = ", ".join(ALL_KINDS)
    raise ValueError(f"unknown kind {text!r}: use agreement, event or one of {codes}")


class ExportFilter(Record):
    """Which acts a projection keeps. Empty fields keep everything."""

    since: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    until: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    kinds: tuple[str, ...] = Field(default=(), description="kind codes (MOU, Summit…)")
    topics: tuple[str, ...] = Field(default=(), description="topic ids (energy, water…)")
    countries: tuple[str, ...] = Field(default=(), description="ISO 3166-1 alpha-2 codes")

    @field_validator("since", "until")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None:
            date_span(value)
        return value

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        codes: dict[str, None] = {}
        for value in values:
            codes.update(dict.fromkeys(_kind_code(value)))
        return tuple(sorted(codes))

    @field_validator("topics")
    @classmethod
    def _topics(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        known = TOPIC.terms
        topics = sorted({v.strip().lower() for v in values})
        unknown = [t for t in topics if t not in known]
        if unknown:
            raise ValueError(
                f"unknown topic {', '.join(unknown)}: use one of {', '.join(sorted(known))}"
            )
        return tuple(topics)

    @field_validator("countries")
    @classmethod
    def _countries(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        codes = sorted({v.strip().upper() for v in values})
        bad = [c for c in codes if not _ISO.match(c)]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 codes: {', '.join(bad)} (use KZ, UZ…)")
        return tuple(codes)

    @model_validator(mode="after")
    def _window(self) -> ExportFilter:
        if self.since and self.until and date_span(self.since)[0] > date_span(self.until)[1]:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    # -- reading user input --------------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        kinds: Iterable[str] | str | None = None,
        topics: Iterable[str] | str | None = None,
        countries: Iterable[str] | str | None = None,
    ) -> ExportFilter:
        """A filter from user input; lists may also be comma-separated strings.

        Raises InputError naming the bad field and the values that would work.
        """
        try:
            return cls(
                since=since or None,
                until=until or None,
                kinds=_split(kinds),
                topics=_split(topics),
                countries=_split(countries),
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "filter"
            field = {"kinds": "kind", "topics": "topic"}.get(field, field)
            message = str(first["msg"]).removeprefix("Value error, ")
            raise InputError(message, source=field) from None

    # -- applying it ---------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.kinds or self.topics or self.countries)

    @property
    def selects_acts(self) -> bool:
        """Whether the filter chooses among acts by their kind or topic."""
        return bool(self.kinds or self.topics)

    def window(self) -> tuple[date, date]:
        low = date_span(self.since)[0] if self.since else date.min
        high = date_span(self.until)[1] if self.until else date.max
        return low, high

    def in_window(self, when: str | None) -> bool:
        """Whether a partial date overlaps the window (no window: always; no date: never)."""
        if not (self.since or self.until):
            return True
        if when is None:
            return False
        first, last = date_span(when)
        low, high = self.window()
        return first <= high and last >= low

    def keeps_act(self, kind: str, when: str | None, topics: Iterable[str]) -> bool:
        """Whether an act of this kind, date and topics passes the window, kinds and topics."""
        if self.kinds and kind not in self.kinds:
            return False
        if self.topics and not set(self.topics) & set(topics):
            return False
        return self.in_window(when)

    def touches(self, codes: Iterable[str]) -> bool:
        """Whether any of these ISO codes is among the countries (no countries: always)."""
        return not self.countries or bool(set(self.countries) & set(codes))

    def describe(self) -> str:
        """A one-line summary for file metadata ("all acts" when empty)."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        for name in ("kinds", "topics", "countries"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name} {','.join(values)}")
        return "; ".join(parts) or "all acts"


def _split(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    items = [values] if isinstance(values, str) else list(values)
    return tuple(p.strip() for item in items for p in item.split(",") if p.strip())
