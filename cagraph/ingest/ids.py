"""Article ids: safe slugs that can name a file, a URL segment and a named graph."""

from __future__ import annotations

import re
from pathlib import Path

from unidecode import unidecode

from cagraph.errors import InputError

MAX_ID_LENGTH = 128
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
_ID_HINT = "use at most 128 letters, digits, '.', '_' or '-'; no path separators"


def validate_article_id(value: object, *, source: str | None = None) -> str:
    """Return ``value`` if it is a safe article id, else raise :class:`InputError`."""
    if not isinstance(value, str) or not value:
        raise InputError("article id is missing or empty", hint=_ID_HINT, source=source)
    shown = value[:60].encode("unicode_escape").decode("ascii")
    if len(value) > MAX_ID_LENGTH:
        raise InputError(
            f"article id is too long ({len(value)} characters)", hint=_ID_HINT, source=source
        )
    if ".." in value or not _SAFE_ID.match(value):
        raise InputError(f"article id {shown!r} is not a safe slug", hint=_ID_HINT, source=source)
    return value


def article_id_from_path(path: Path) -> str:
    """The file name without its extension, turned into a safe slug when it is not one."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    if _SAFE_ID.match(stem) and ".." not in stem and len(stem) <= MAX_ID_LENGTH:
        return stem
    slug = _UNSAFE_RUN.sub("-", unidecode(stem))
    slug = re.sub(r"\.{2,}", ".", slug).strip("-._")[:MAX_ID_LENGTH].rstrip("-._")
    if not slug:
        raise InputError(
            f"file name {path.name!r} gives no usable article id",
            hint="rename the file so its name holds letters or digits",
            source=str(path),
        )
    return validate_article_id(slug, source=str(path))
