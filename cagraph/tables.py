"""Nested records as flat rows for spreadsheets and pandas: one row per item, one named column per
leaf field (``location.name``, ``parties.name``…).

- a nested object gives dotted columns (``country.code``);
- a list of values is one cell, its values joined by `` | `` (``topics``);
- a list of objects gives one column per leaf field, each cell joining that field of every
  object in list order (``parties.name`` = ``Kazakhstan | Uzbekistan``, ``parties.iri`` in the
  same order), an absent value kept as an empty place so that the columns stay aligned;
- any other mapping is one cell of ``key=value`` pairs (``counts.by_kind`` = ``MOU=2 | Summit=1``).

Columns come from a pydantic model's fields (:func:`model_columns`), so a page with no item still
has its header, or from the data itself (:func:`data_columns`).
"""

from __future__ import annotations

import csv
import io
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

SEPARATOR = " | "
"""Joins the values of a list in one cell."""


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Optional[X]`` -> ``X``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


def _model(annotation: Any) -> type[BaseModel] | None:
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def list_item_model(annotation: Any) -> type[BaseModel] | None:
    """The model of ``list[Model]`` (or ``list[Model] | None``), else None."""
    inner = _unwrap(annotation)
    if get_origin(inner) in (list, tuple, Sequence) and get_args(inner):
        return _model(get_args(inner)[0])
    return None


def model_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """The flat columns of a model, in field order."""
    out: list[str] = []
    for name, field in model.model_fields.items():
        key = field.serialization_alias or field.alias or name
        column = f"{prefix}{key}"
        nested = _model(field.annotation) or list_item_model(field.annotation)
        if nested is not None:
            out += model_columns(nested, column + ".")
        else:
            out.append(column)
    return out


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return SEPARATOR.join(f"{k}={_scalar(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return SEPARATOR.join(_scalar(v) for v in value)
    return str(value)


class _Flattener:
    """Walks one item; with known columns, a mapping is descended into only where the columns
    name fields inside it (a free mapping such as counts per kind stays one cell)."""

    def __init__(self, columns: Sequence[str] | None) -> None:
        self.leaves = set(columns) if columns is not None else None
        self.inner: set[str] = set()
        for column in columns or ():
            parts = column.split(".")
            self.inner.update(".".join(parts[:i]) for i in range(1, len(parts)))

    def descend(self, prefix: str) -> bool:
        if self.leaves is None:
            return True
        return prefix not in self.leaves and prefix in self.inner

    def walk(self, value: Any, prefix: str, out: dict[str, list[str]]) -> None:
        if isinstance(value, Mapping) and self.descend(prefix):
            for key, item in value.items():
                self.walk(item, f"{prefix}.{key}", out)
            return
        if (
            isinstance(value, (list, tuple))
            and any(isinstance(v, Mapping) for v in value)
            and self.descend(prefix)
        ):
            for item in value:
                self.walk(item, prefix, out)
            return
        out.setdefault(prefix, []).append(_scalar(value))


def flat_row(item: Mapping[str, Any], columns: Sequence[str] | None = None) -> dict[str, str]:
    """One item as ``{column: cell}``. With ``columns`` (from :func:`model_columns`), exactly
    those columns, an empty cell for each the item lacks; without, every leaf of the item."""
    flattener = _Flattener(columns)
    cells: dict[str, list[str]] = {}
    for key, value in item.items():
        flattener.walk(value, str(key), cells)
    if columns is None:
        return {column: SEPARATOR.join(values) for column, values in cells.items()}
    return {column: SEPARATOR.join(cells.get(column, ())) for column in columns}


def data_columns(rows: Iterable[Mapping[str, str]], first: Sequence[str] = ()) -> list[str]:
    """``first``, then every other column of the rows in the order they appear."""
    seen = dict.fromkeys(first)
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def csv_writer(out: Any, columns: Sequence[str]) -> csv.DictWriter[str]:
    """A CSV writer on ``out`` whose header row is already written."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    return writer


def write_csv(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> str:
    """RFC 4180 CSV with a header row (``\\r\\n`` line ends, fields quoted when needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# -- the extractor's output (``cagraph extract --format csv``) -----------------------------------

EXTRACTION_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_published",
    "article_url",
    "item",
    "kind",
    "name",
    "date",
    "countries",
    "parties",
    "participants",
    "signatories",
    "location",
    "topics",
    "documents",
    "aliases",
    "iso",
    "qid",
    "country",
    "roles",
    "confidence",
    "sentence",
    "start",
    "end",
    "component",
)
"""One row per entity, agreement, event and tie of an article; the first evidence's sentence."""


def _first_evidence(evidence: Any) -> Mapping[str, Any]:
    if isinstance(evidence, list):
        return evidence[0] if evidence else {}
    return evidence if isinstance(evidence, Mapping) else {}


def _role(role: Mapping[str, Any]) -> str:
    title = str(role.get("title") or "")
    of = role.get("of")
    return f"{title} of {of}" if of else title


def extraction_rows(article: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rows of one article's extraction (the ``cagraph extract`` JSON shape)."""
    about = {
        "article_id": _scalar(article.get("id")),
        "article_title": _scalar(article.get("title")),
        "article_published": _scalar(article.get("published")),
        "article_url": _scalar(article.get("url")),
    }
    items: list[tuple[str, Mapping[str, Any]]] = []
    items += [("entity", e) for e in article.get("entities", [])]
    items += [("agreement", a) for a in article.get("agreements", [])]
    items += [("event", e) for e in article.get("events", [])]
    items += [("tie", t) for t in article.get("tie_evidence", [])]
    rows = []
    for item, record in items:
        evidence = _first_evidence(record.get("evidence"))
        row = dict.fromkeys(EXTRACTION_COLUMNS, "")
        row.update(about)
        row["item"] = item
        if item == "entity":
            row["kind"] = _scalar(record.get("type"))
            row["roles"] = SEPARATOR.join(_role(r) for r in record.get("roles", []))
        elif item == "tie":
            row["kind"] = _scalar(record.get("basis"))
            row["name"] = f"{record.get('a')}–{record.get('b')}"
            row["countries"] = _scalar([record.get("a"), record.get("b")])
        else:
            row["kind"] = _scalar(record.get("kind"))
            row["documents"] = _scalar(record.get("count"))
        for key in ("name", "date", "countries", "parties", "participants", "signatories"):
            if key in record and not row[key]:
                row[key] = _scalar(record[key])
        for key in ("location", "topics", "aliases", "iso", "qid", "country"):
            if key in record:
                row[key] = _scalar(record[key])
        confidence = record.get("confidence")
        row["confidence"] = f"{confidence:.3f}" if isinstance(confidence, float) else ""
        for key in ("sentence", "start", "end", "component"):
            row[key] = _scalar(evidence.get(key))
        rows.append(row)
    return rows
