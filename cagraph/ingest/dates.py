"""Publication dates in an article's header lines: ISO, dd.mm.yyyy, dd.mm.yy, 'June 10, 2022'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cagraph.errors import InputError

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_DATE = (
    rf"{_WEEKDAY}(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<nd>\d{1,2})(?P<sep>[./])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})"
    rf"|(?P<am>{_MONTH})\.?\s+(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ay>\d{{4}})"
    rf"|(?P<bd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<bm>{_MONTH})\.?,?\s+(?P<by>\d{{4}})"
    r")(?!\d)"
)
_TIME = (
    r"(?:[\s,|·•-]*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:\(?(?:[A-Z]{2,5}|GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?"
)
_DATE_TOKEN = re.compile(rf"^date\s*[:=]?\s+{_DATE}\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_PUBLISHED = re.compile(
    r"^(?:published|date published|publication date|publish date|posted|released)"
    rf"(?:\s+on)?\s*[:-]?\s*{_DATE}{_TIME}\s*$",
    re.IGNORECASE,
)
_OTHER_LABEL = re.compile(
    r"^(?:received|accepted|revised|submitted|updated|last updated|modified|edited)"
    rf"(?:\s+on)?\s*[:-]?\s*{_DATE}{_TIME}\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(rf"^{_DATE}(?P<rest>.*)$", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
_PLACE_DATELINE = re.compile(rf"^{_NAME}(?:,\s*{_NAME})?,\s+{_DATE}\s*(?:[-–—,:|(]|\.\s)")
"""'Bishkek, 4 June 2025 – …', 'ASTANA, Kazakhstan, June 4, 2025 — …': a place, a full date, the
prose on the same line."""
_AGENCY_DATELINE = re.compile(
    rf"^{_NAME}(?:,\s*{_NAME})?,?\s+\((?=[^()]*[A-Za-z])[^()\d]{{1,80}}?[-–—,]\s*{_DATE}\s*\)\s*\S"
)
"""'Bishkek, (APP - UrduPoint - 17th Apr, 2025) A memorandum …': a place, then a wire agency's
credit in brackets that ends with the full date, the prose on the same line."""
_TIME_THEN_DATE = re.compile(rf"^\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*[/|,·•-]?\s*{_DATE}\s*$")
"""'10:34 / 2022-12-01': a time stamp before the date, alone on its line."""
_TIME_ONLY = re.compile(rf"^{_TIME}\s*$")
_DATELINE_MAX_WORDS = 12

EXPLICIT, BARE = 0, 1


@dataclass(frozen=True)
class HeaderDate:
    """What a header line says about the date and what is left of it for the prose."""

    published: str | None  # ISO YYYY-MM-DD; None for 'Received: …' style lines
    rest: str | None  # prose left on the line after a ' date …' token
    keep_line: bool  # a dateline with a place ('June 10, 2022, The Kremlin'): keep it all
    priority: int  # EXPLICIT (labelled) beats BARE (a date alone on its line)


def parse_header_line(line: str) -> HeaderDate | None:
    """Read a date from one stripped header line, or None when the line holds none."""
    if not line or not (line[0].isdigit() or line[0].isalpha()):
        return None
    first = line[:1].lower()
    if first == "d" and (m := _DATE_TOKEN.match(line)):
        rest = m.group("rest").strip()
        return HeaderDate(_iso(m), rest or None, False, EXPLICIT)
    if first in "prs" and (m := _PUBLISHED.match(line)):
        return HeaderDate(_iso(m), None, False, EXPLICIT)
    if first in "rasuml" and _OTHER_LABEL.match(line):
        return HeaderDate(None, None, False, EXPLICIT)
    if line[0].isdigit() and (m := _TIME_THEN_DATE.match(line)):
        iso = _iso(m)
        return HeaderDate(iso, None, False, BARE) if iso else None
    m = _LEADING.match(line)
    if m is None:
        dateline = _PLACE_DATELINE.match(line) or _AGENCY_DATELINE.match(line)
        iso = _iso(dateline) if dateline else None
        return HeaderDate(iso, None, True, BARE) if iso else None
    iso = _iso(m)
    if iso is None:
        return None
    rest = m.group("rest").strip()
    if not rest or _TIME_ONLY.match(rest):
        return HeaderDate(iso, None, False, BARE)
    if rest[0] in ",|–—-•·" and len(line.split()) <= _DATELINE_MAX_WORDS:
        return HeaderDate(iso, None, True, BARE)
    return None


def _iso(m: re.Match[str]) -> str | None:
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("nd"):
        y = _full_year(m.group("ny"))
        first, second = int(m.group("nd")), int(m.group("nm"))
        if m.group("sep") == "/" and first <= 12 and second <= 12 and first != second:
            return None  # 03/04/2025: day-first or month-first cannot be told apart
        d, mo = (second, first) if m.group("sep") == "/" and second > 12 else (first, second)
    elif m.group("am"):
        y, mo, d = int(m.group("ay")), _MONTHS[m.group("am")[:3].lower()], int(m.group("ad"))
    else:
        y, mo, d = int(m.group("by")), _MONTHS[m.group("bm")[:3].lower()], int(m.group("bd"))
    try:
        value = date(y, mo, d)
    except ValueError:
        return None
    if not 1900 <= y <= date.today().year + 1:
        return None
    return value.isoformat()


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= date.today().year + 1 else year - 100


def normalise_published(value: str | None, *, source: str | None = None) -> str | None:
    """Metadata dates to ISO: '2024-05-06T10:00:00Z' → '2024-05-06'; None stays None."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    m = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text)
    if m:
        iso = m.group(1)
        if _valid_iso(iso):
            return iso
    found = _LEADING.match(text)
    iso = _iso(found) if found and not found.group("rest").strip() else None
    if iso is None:
        raise InputError(
            f"field 'published': not a date: {value[:40]!r}",
            hint="use ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY",
            source=source,
        )
    return iso


def _valid_iso(text: str) -> bool:
    padded = text + "-01" * ((10 - len(text)) // 3)
    try:
        date.fromisoformat(padded)
    except ValueError:
        return False
    return True
