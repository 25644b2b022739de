"""HTML pages → main text and metadata, with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cagraph.errors import InputError

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HINT = "give the article's full HTML page, or its text as .txt"


@dataclass(frozen=True)
class HtmlContent:
    """What trafilatura found in a page: text with blank lines between paragraphs, metadata."""

    text: str
    title: str | None
    published: str | None
    url: str | None


def extract_html(page: str | bytes, *, source: str | None = None) -> HtmlContent:
    """Main text, title, date and canonical URL of an HTML page; InputError when it has no text."""
    if not page.strip():
        raise InputError("HTML is empty", hint=_HINT, source=source)
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        raise InputError(f"HTML could not be parsed: {exc}", hint=_HINT, source=source) from exc
    if found is None:
        meta: dict[str, Any] = {}
    else:
        meta = found if isinstance(found, dict) else found.as_dict()
    text = meta.get("text") or ""
    if not isinstance(text, str) or not text.strip():
        raise InputError("HTML page has no article text", hint=_HINT, source=source)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    date = meta.get("date")
    return HtmlContent(
        text="\n\n".join(paragraphs),
        title=_clean(meta.get("title")),
        published=date if isinstance(date, str) and _ISO_DAY.match(date) else None,
        url=_clean(meta.get("url")),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
