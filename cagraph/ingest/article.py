"""One input → one Article: ``read_article`` for files, ``article_from_text`` for strings."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import ValidationError as PydanticValidationError

from cagraph.errors import InputError
from cagraph.ingest.clean import clean_text
from cagraph.ingest.dates import normalise_published
from cagraph.ingest.decode import check_not_binary, decode_text, read_limited
from cagraph.ingest.html import extract_html
from cagraph.ingest.ids import article_id_from_path, validate_article_id
from cagraph.ingest.pdf import extract_pdf
from cagraph.records import Article
from cagraph.settings import Settings, get_settings

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
FILE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
_NO_PROSE_HINT = (
    "the input holds no English article prose once menus, markup and the like are set aside"
)


def read_article(path: Path, *, settings: Settings | None = None) -> Article:
    """Read one .txt, .html, .htm or .pdf file; raise InputError naming the file when it is bad."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in FILE_SUFFIXES:
            raise InputError(
                f"unsupported file type {suffix or '(none)'!r}",
                hint="give .txt, .html, .htm or .pdf; .jsonl files go to iter_articles",
            )
        article_id = article_id_from_path(path)
        data = read_limited(path, (settings or get_settings()).max_file_bytes)
        digest = hashlib.sha256(data).hexdigest()
        url = title = published = None
        if suffix in PDF_SUFFIXES:
            text = extract_pdf(data, source=source)
        elif suffix in HTML_SUFFIXES:
            page = _html_input(data, source)
            html = extract_html(page, source=source)
            text, url, title, published = html.text, html.url, html.title, html.published
        else:
            text = decode_text(data, source=source)
        return _assemble(
            article_id,
            text,
            url=url,
            title=title,
            published=published,
            source_path=source,
            content_hash=digest,
        )
    except InputError as exc:
        if exc.source is None:
            exc.source = source
        raise


def article_from_text(
    article_id: str,
    raw: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source_path: str | None = None,
    fmt: Literal["text", "html"] = "text",
    content_hash: str | None = None,
) -> Article:
    """An Article from a string (API bodies, JSONL lines); ``fmt='html'`` runs trafilatura first."""
    source = source_path or None
    validate_article_id(article_id, source=source)
    digest = content_hash or hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    published = normalise_published(published, source=source)
    if fmt == "html":
        html = extract_html(raw, source=source)
        text = html.text
        url, title, published = url or html.url, title or html.title, published or html.published
    elif fmt == "text":
        if not raw.strip():
            raise InputError("article text is empty", hint="send the article's text", source=source)
        text = raw
    else:
        raise InputError(f"unknown format {fmt!r}", hint="use 'text' or 'html'", source=source)
    return _assemble(
        article_id,
        text,
        url=url,
        title=title,
        published=published,
        source_path=source_path,
        content_hash=digest,
    )


def _html_input(data: bytes, source: str) -> str | bytes:
    """Decoded text when the page is UTF-8; the bytes (trafilatura reads the charset) otherwise."""
    check_not_binary(data, source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data


def _assemble(
    article_id: str,
    text: str,
    *,
    url: str | None,
    title: str | None,
    published: str | None,
    source_path: str | None,
    content_hash: str,
) -> Article:
    cleaned = clean_text(text, title=title)
    if not cleaned.text.strip():
        raise InputError("no article prose found", hint=_NO_PROSE_HINT, source=source_path)
    try:
        return Article(
            id=article_id,
            text=cleaned.text,
            title=cleaned.title,
            url=url or cleaned.url,
            published=published or cleaned.published,
            attribution=list(cleaned.attribution),
            source_path=source_path,
            content_hash=content_hash,
            set_aside=list(cleaned.set_aside),
            skipped_non_english=cleaned.skipped_non_english,
        )
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(f"field {field!r}: {first['msg']}", source=source_path) from exc
