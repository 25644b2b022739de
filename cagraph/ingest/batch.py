"""Many inputs → articles: files, folders (recursive) and JSONL, never stopping on one bad input."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from cagraph.errors import CagraphError, InputError
from cagraph.ingest.article import FILE_SUFFIXES, article_from_text, read_article
from cagraph.ingest.report import IngestReport
from cagraph.records import Article
from cagraph.settings import Settings, get_settings

JSONL_SUFFIX = ".jsonl"
GOLD_SUFFIX = ".gold.json"


JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "uuid"),
    "text": ("text", "maintext", "content", "body", "article_text"),
    "title": ("title", "headline", "title_page", "title_rss"),
    "published": (
        "published",
        "date_publish",
        "publish_date",
        "published_at",
        "datePublished",
        "pubDate",
        "date",
    ),
    "url": ("url", "link", "canonical_url"),
}
"""What a JSONL line's fields may be called, in order of preference: ours first, then the names
news crawlers write (news-please: maintext, date_publish, title, url; newspaper3k and
trafilatura: text, publish_date / date, title, url). The first one present and not empty
counts; other fields on the line are ignored."""

_LINE_HINT = "one object per line: id, text, url, title, published (see the README)"


class JsonlArticle(BaseModel):
    """One line of a JSONL input, its fields under their cagraph names."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: str | None = None
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None


def _jsonl_fields(data: dict[str, object]) -> dict[str, object]:
    """The line's fields under their cagraph names (:data:`JSONL_FIELDS`)."""
    out: dict[str, object] = {}
    for field, names in JSONL_FIELDS.items():
        for name in names:
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            out[field] = value
            break
    if "text" not in out:
        looked = ", ".join(JSONL_FIELDS["text"])
        raise InputError(f"field 'text': missing or empty (looked for {looked})", hint=_LINE_HINT)
    return out


def _line_id(record: JsonlArticle) -> str:
    """A line without an id is named after its URL (stable across re-crawls), else its text."""
    if record.id:
        return record.id
    basis = record.url or record.text
    prefix = "url" if record.url else "text"
    return f"{prefix}-{hashlib.sha256(basis.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def iter_articles(
    paths: Iterable[Path], *, settings: Settings | None = None, report: IngestReport
) -> Iterator[Article]:
    """Yield an Article per good input; record each bad one in ``report`` and go on."""
    settings = settings or get_settings()
    seen: dict[str, str] = {}
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files: Iterable[Path] = _walk(path, report)
        elif path.is_file():
            files = [path] if _wanted(path, report) else []
        else:
            report.add_skipped(str(path), "no such file or folder")
            continue
        for file in files:
            if file.suffix.lower() == JSONL_SUFFIX:
                articles: Iterable[Article] = _read_jsonl(file, settings, report)
            else:
                articles = _read_one(file, settings, report)
            for article in articles:
                first = seen.get(article.id)
                if first is not None:
                    reason = f"duplicate article id {article.id!r} (first read from {first})"
                    report.add_skipped(str(file), reason)
                    continue
                seen[article.id] = str(file)
                report.add_article(article)
                yield article


def _read_one(path: Path, settings: Settings, report: IngestReport) -> list[Article]:
    try:
        article = read_article(path, settings=settings)
    except CagraphError as exc:
        report.add_skipped(str(path), _reason(exc))
        return []
    except Exception as exc:  # one broken file must not stop a batch
        report.add_skipped(str(path), f"unexpected {type(exc).__name__}: {exc}")
        return []
    report.files_read += 1
    report.bytes_read += path.stat().st_size
    return [article]


def _read_jsonl(path: Path, settings: Settings, report: IngestReport) -> Iterator[Article]:
    """One article per line; a bad line is reported with its number and the rest go on."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        report.add_unreadable(source, f"cannot read the file: {exc.strerror or exc}")
        return
    report.files_read += 1
    with handle:
        try:
            yield from _jsonl_lines(handle, source, settings, report)
        except OSError as exc:  # a read error part-way: the rest of the file is unknown
            report.add_unreadable(source, f"cannot read the file: {exc.strerror or exc}")


def _jsonl_lines(
    handle: BinaryIO, source: str, settings: Settings, report: IngestReport
) -> Iterator[Article]:
    """One article per line; a bad line is reported with its number and the rest go on."""
    ids: set[str] = set()
    for number, raw in enumerate(handle, start=1):
        report.bytes_read += len(raw)
        if not raw.strip():
            continue
        try:
            article = _jsonl_article(raw, number, source, settings)
        except CagraphError as exc:
            report.add_skipped(source, _reason(exc), line=number)
            continue
        except Exception as exc:
            report.add_skipped(source, f"unexpected {type(exc).__name__}: {exc}", line=number)
            continue
        if article.id in ids:
            report.add_skipped(source, f"duplicate article id {article.id!r}", line=number)
            continue
        ids.add(article.id)
        yield article


def _jsonl_article(raw: bytes, number: int, source: str, settings: Settings) -> Article:
    if len(raw) > settings.max_file_bytes:
        raise InputError(
            f"line is {len(raw):,} bytes, over the limit of {settings.max_file_bytes:,}",
            hint="raise CAGRAPH_MAX_FILE_BYTES",
        )
    try:
        data = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", hint="save the file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise InputError("not a JSON object", hint=_LINE_HINT)
    try:
        record = JsonlArticle.model_validate(_jsonl_fields(data))
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(f"field {field!r}: {first['msg']}") from exc
    return article_from_text(
        _line_id(record),
        record.text,
        url=record.url or None,
        title=record.title or None,
        published=record.published or None,
        source_path=source,
        content_hash=hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest(),
    )


def _walk(folder: Path, report: IngestReport) -> Iterator[Path]:
    """Files under ``folder`` in name order; hidden and symlinked folders are not entered, and
    one that cannot be listed is reported as unreadable."""

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        report.add_unreadable(str(where), f"cannot read the folder: {exc.strerror or exc}")

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            if _wanted(path, report):
                yield path


def _wanted(path: Path, report: IngestReport) -> bool:
    name = path.name.lower()
    if name.endswith(GOLD_SUFFIX):
        report.add_ignored("gold annotation")
        return False
    suffix = path.suffix.lower()
    if suffix in FILE_SUFFIXES or suffix == JSONL_SUFFIX:
        return True
    report.add_ignored(suffix or "no extension")
    return False


def _reason(exc: CagraphError) -> str:
    return f"{exc.message} ({exc.hint})" if exc.hint else exc.message
