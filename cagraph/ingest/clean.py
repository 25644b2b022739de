"""Raw article text → kept prose, header date, URL, title, credits and set-aside segments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cagraph.ingest import rules
from cagraph.ingest.dates import HeaderDate, parse_header_line
from cagraph.ingest.language import MIN_WORDS, is_english
from cagraph.records import SetAside

HEADER_LINES = 15  # only this many first non-empty lines may carry the article's date
MAX_TITLE_CHARS = 200
_NAV_WORDS = 4  # a trailing run of at least _NAV_RUN lines this short is a site menu
_NAV_RUN = 3
_DEDUPE_MIN_WORDS = 3
_TERMINAL = tuple('.!?:;"”’)]…»')
_SOURCE_LINE = re.compile(r"^#\s*source\s*:\s*(\S+)\s*$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+)*\s*(?:,|\.|\(|:|\s[-–—])")
_ODD_CHARS = {
    "\r": "\n",
    "\f": "\n\n",
    "\v": "\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\ufeff": "",
    "\u200b": "",
    "\u2060": "",
    "\u00a0": " ",
    **{chr(c): " " for c in (*range(0, 9), *range(14, 32), 127)},
}
_ODD = re.compile("[" + re.escape("".join(_ODD_CHARS)) + "]")


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one article's text."""

    text: str
    title: str | None
    published: str | None
    url: str | None
    attribution: tuple[str, ...]
    set_aside: tuple[SetAside, ...]
    skipped_non_english: int


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Split raw text into the article's prose and everything that is not prose."""
    page = _Page(_normalise(raw), title)
    published = page.read_header()
    page.classify_lines()
    page.drop_duplicates()
    skipped = page.check_paragraphs()
    page.drop_trailing_menu()
    paragraphs = page.kept_paragraphs()
    found_title = title
    if found_title is None and paragraphs:
        first = paragraphs[0]
        continued = len(first) > 1 and first[1][1][:1].islower()
        if first[0][0] not in page.datelines and not continued and _title_like(first[0][1]):
            found_title = first[0][1]
            if len(first) > 1:
                paragraphs[0:1] = [first[:1], first[1:]]
    text = "\n\n".join("\n".join(line for _, line in para) for para in paragraphs)
    return Cleaned(
        text=text,
        title=found_title,
        published=published,
        url=page.url,
        attribution=tuple(dict.fromkeys(page.credits())),
        set_aside=page.segments(),
        skipped_non_english=skipped,
    )


class _Page:
    """Lines of one article with, for each, its paragraph number and why it is set aside."""

    def __init__(self, text: str, title: str | None) -> None:
        self.url: str | None = None
        self.texts: list[str] = []
        self.para: list[int] = []
        self.reasons: list[str | None] = []
        self.tokens: dict[int, str] = {}  # header date tokens cut from the start of a line
        self.datelines: set[int] = set()
        self.first_body = 0
        lines = text.split("\n")
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start < len(lines) and (m := _SOURCE_LINE.match(lines[start].strip())):
            start += 1
            if _URL.match(m.group(1)):
                self.url = m.group(1)
        number = 0
        if title and title.strip():
            self._add(" ".join(title.split()), number)
            number += 1
            self.first_body = 1
        blank = False
        for line in lines[start:]:
            stripped = line.strip()
            if not stripped:
                blank = True
                continue
            if blank and self.texts:
                number += 1
            blank = False
            self._add(stripped, number)

    def _add(self, line: str, number: int) -> None:
        self.texts.append(line)
        self.para.append(number)
        self.reasons.append(None)

    def read_header(self) -> str | None:
        """Find the date in the header lines; cut date tokens and date-only lines out."""
        best: HeaderDate | None = None
        for i in self._header_window():
            found = parse_header_line(self.texts[i])
            if found is None:
                continue
            if found.published and (best is None or found.priority < best.priority):
                best = found
            if found.keep_line:
                self.datelines.add(i)
            elif found.rest:
                cut = len(self.texts[i]) - len(found.rest)
                self.tokens[i] = self.texts[i][:cut].strip()
                self.texts[i] = found.rest
            else:
                self.reasons[i] = rules.DATE if found.published else rules.METADATA
        return best.published if best else None

    def _header_window(self) -> list[int]:
        """The first HEADER_LINES lines of the body, not counting one-word lines (a language
        switcher or a menu of section names above the headline), which are still read."""
        window: list[int] = []
        counted = 0
        for i in range(self.first_body, len(self.texts)):
            if counted >= HEADER_LINES:
                break
            window.append(i)
            if " " in self.texts[i].strip():
                counted += 1
        return window

    def classify_lines(self) -> None:
        texts, reasons = self.texts, self.reasons
        for i, line in enumerate(texts):
            if reasons[i] is not None or i in self.datelines:
                continue
            if len(line) <= 60 and rules.is_reference_heading(line, texts[i + 1 : i + 4]):
                for j in range(i, len(texts)):
                    reasons[j] = rules.REFERENCES
                return
            reasons[i] = rules.classify_line(line)

    def drop_duplicates(self) -> None:
        seen: set[str] = set()
        for i, line in enumerate(self.texts):
            if self.reasons[i] is not None:
                continue
            key = " ".join(line.split())
            if key.count(" ") < _DEDUPE_MIN_WORDS - 1:
                continue
            if key in seen:
                self.reasons[i] = rules.DUPLICATE
            else:
                seen.add(key)

    def check_paragraphs(self) -> int:
        """Set aside JSON blobs and non-English paragraphs; return how many were not English."""
        skipped = 0
        for indices in self._kept_by_paragraph():
            lines = [self.texts[i] for i in indices]
            if rules.is_json_blob("\n".join(lines)):
                self._mark(indices, rules.MARKUP)
                continue
            for unit in _language_units(indices, lines):
                if not is_english("\n".join(self.texts[i] for i in unit)):
                    self._mark(unit, rules.NON_ENGLISH)
                    skipped += 1
        return skipped

    def drop_trailing_menu(self) -> None:
        run: list[int] = []
        for i in range(len(self.texts) - 1, -1, -1):
            if self.reasons[i] is not None:
                continue
            line = self.texts[i]
            if line.count(" ") >= _NAV_WORDS or line.endswith(_TERMINAL) or line[0] in "-•*":
                break
            run.append(i)
        before = [i for i in range(run[-1]) if self.reasons[i] is None] if run else []
        introduces_list = bool(before) and self.texts[before[-1]].endswith(":")
        if len(run) >= _NAV_RUN and not introduces_list:
            self._mark(run, rules.MENU)

    def kept_paragraphs(self) -> list[list[tuple[int, str]]]:
        """Kept lines by paragraph, with a paragraph broken mid-sentence joined to its rest."""
        out: list[list[tuple[int, str]]] = []
        for indices in self._kept_by_paragraph():
            para = [(i, self.texts[i]) for i in indices]
            if out and _continues(out[-1][-1][1], para[0][1]):
                out[-1].extend(para)
            else:
                out.append(para)
        return out

    def credits(self) -> list[str]:
        return [self.texts[i] for i, reason in enumerate(self.reasons) if reason == rules.CREDIT]

    def segments(self) -> tuple[SetAside, ...]:
        """Set-aside lines, consecutive lines with one reason joined into one segment."""
        out: list[SetAside] = []
        reason: str | None = None
        chunk: list[str] = []
        for i, line in enumerate(self.texts):
            token = self.tokens.get(i)
            current = self.reasons[i]
            if token is not None or current != reason:
                if reason is not None and chunk:
                    out.append(SetAside(reason=reason, text="\n".join(chunk)))
                reason, chunk = None, []
            if token is not None:
                out.append(SetAside(reason=rules.DATE, text=token))
            if current is not None:
                reason = current
                chunk.append(line)
        if reason is not None and chunk:
            out.append(SetAside(reason=reason, text="\n".join(chunk)))
        return tuple(out)

    def _kept_by_paragraph(self) -> list[list[int]]:
        groups: list[list[int]] = []
        last = -1
        for i, reason in enumerate(self.reasons):
            if reason is not None:
                continue
            if self.para[i] != last:
                groups.append([])
                last = self.para[i]
            groups[-1].append(i)
        return groups

    def _mark(self, indices: list[int], reason: str) -> None:
        for i in indices:
            self.reasons[i] = reason


def _normalise(raw: str) -> str:
    """Newlines to \\n; invisible and control characters out; no-break spaces to spaces."""
    text = raw.replace("\r\n", "\n")
    return _ODD.sub(lambda m: _ODD_CHARS[m.group()], text)


def _language_units(indices: list[int], lines: list[str]) -> list[list[int]]:
    """A paragraph, or each of its lines when every line is a full sentence on its own."""
    if len(lines) > 1 and all(
        line.count(" ") + 1 >= MIN_WORDS and line.endswith(_TERMINAL) for line in lines
    ):
        return [[i] for i in indices]
    return [indices]


def _continues(previous: str, line: str) -> bool:
    """A paragraph that ends mid-sentence followed by one that starts in lower case."""
    return not previous.endswith(_TERMINAL) and line[:1].islower()


def _title_like(line: str) -> bool:
    return (
        len(line) < MAX_TITLE_CHARS
        and " " in line
        and not line.endswith((".", ":", ";", ","))
        and line[0].isalnum()
        and not line[0].islower()
        and not _DATELINE.match(line)
    )
