"""Attribute values as the file formats can hold them.

networkx graphs carry any Python value; the formats do not. Here every attribute column gets one
declared type from all its values, and every value one text form:

- ``None`` means "no value": the element simply has no value for that attribute;
- ``bool`` → boolean, ``int`` → long, ``float`` → double (``NaN``, ``INF``, ``-INF`` as XML
  Schema writes them), ints and floats mixed → double;
- lists, tuples and sets → a list (GEXF ``liststring``; a JSON array in text formats);
- dicts and anything else → a string (dicts as JSON with sorted keys);
- columns holding values of different kinds → string.

Strings lose the characters XML 1.0 cannot carry (control characters, lone surrogates), so a
stray byte in an article can never make an unparseable file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ValueType = Literal["boolean", "long", "double", "string", "list"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Column:
    name: str
    type: ValueType


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", text)


def _kind(value: Any) -> ValueType:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple | set | frozenset):
        return "list"
    return "string"


def _merge(a: ValueType | None, b: ValueType) -> ValueType:
    if a is None or a == b:
        return b
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


def columns(records: Iterable[Mapping[str, Any]], skip: Iterable[str] = ()) -> list[Column]:
    """One typed column per attribute name found in the records, sorted by name."""
    skipped = set(skip)
    found: dict[str, ValueType | None] = {}
    for record in records:
        for name, value in record.items():
            if name in skipped:
                continue
            current = found.get(name)
            if value is None:
                found.setdefault(name, None)
                continue
            found[name] = _merge(current, _kind(value))
    return [Column(name, kind or "string") for name, kind in sorted(found.items())]


def _double(value: Any) -> str:
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    return repr(number)


def _json_default(value: Any) -> Any:
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def json_value(value: Any) -> Any:
    """A value JSON can hold: lists stay lists, non-finite floats become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, set | frozenset):
        return [json_value(v) for v in sorted(value, key=str)]
    return xml_safe(str(value))


def list_items(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [xml_safe(str(v)) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(xml_safe(str(v)) for v in value)
    return [xml_safe(str(value))]


def text(value: Any, kind: ValueType) -> str:
    """The text form of a (non-None) value in a column of this type."""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "long":
        return str(int(value))
    if kind == "double":
        return _double(value)
    if kind == "list":
        return json.dumps(list_items(value), ensure_ascii=False)
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, Mapping | list | tuple | set | frozenset):
        return xml_safe(
            json.dumps(json_value(value), ensure_ascii=False, sort_keys=True, default=_json_default)
        )
    if isinstance(value, float):
        return _double(value)
    return xml_safe(str(value))
