"""Raw bytes in, Python text out: size limit, binary check, UTF-8 with careful fallbacks."""

from __future__ import annotations

import re
from pathlib import Path

from cagraph.errors import InputError

SIZE_HINT = "raise CAGRAPH_MAX_FILE_BYTES or split the input"
_UTF8_HINT = "save the file as UTF-8 text"
# Bytes that never appear in text: C0 controls other than \t \n \v \f \r, plus DEL.
_CONTROL = bytes([*range(0, 9), *range(14, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_CONTROL_RATIO = 0.01
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_MIXED_WORD = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")
_LATIN1_SYMBOLS = frozenset("«»°±·×÷§©®¶¿¡£¥¢¦¨¬¯´¸¹²³¼½¾ªº")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing it before reading when it is larger than ``max_bytes``."""
    source = str(path)
    try:
        if not path.is_file():
            reason = "is a folder, not a file" if path.is_dir() else "no such file"
            raise InputError(reason, source=source)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                hint=SIZE_HINT,
                source=source,
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from exc
    if len(data) > max_bytes:
        raise InputError(
            f"file is over the limit of {max_bytes:,} bytes", hint=SIZE_HINT, source=source
        )
    return data


def check_not_binary(data: bytes, *, source: str | None = None) -> None:
    """Raise when the bytes hold NULs or many control characters (an image, archive, ...)."""
    if not data:
        raise InputError("file is empty", hint="give a file with article text", source=source)
    if b"\x00" in data:
        raise InputError(
            "file looks binary (it holds NUL bytes)", hint="give .txt, .html or .pdf", source=source
        )
    controls = len(data.translate(None, _NOT_CONTROL))
    if controls > 2 and controls / len(data) > _CONTROL_RATIO:
        raise InputError(
            f"file looks binary ({controls} control bytes)",
            hint="give .txt, .html or .pdf",
            source=source,
        )


def decode_text(data: bytes, *, source: str | None = None) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with a BOM; cp1251 or latin-1 only when they read cleanly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("broken UTF-16 text", hint=_UTF8_HINT, source=source) from exc
    else:
        check_not_binary(data, source=source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fallback = _fallback_decode(data)
            if fallback is None:
                bad = data[exc.start]
                raise InputError(
                    f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start})",
                    hint=_UTF8_HINT,
                    source=source,
                ) from exc
            text = fallback
    if not text.strip():
        raise InputError(
            "file holds only whitespace", hint="give a file with article text", source=source
        )
    return text


def _fallback_decode(data: bytes) -> str | None:
    """cp1251 when it reads as Cyrillic words, latin-1 when it reads as Western text, else None."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_cyrillic(text):
            return text
    text = data.decode("latin-1")
    return text if _looks_like_latin1(text) else None


def _looks_like_cyrillic(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    cyrillic = len(_CYRILLIC.findall(text))
    words = max(1, len(text.split()))
    return cyrillic / len(non_ascii) >= 0.9 and len(_MIXED_WORD.findall(text)) / words < 0.02


def _looks_like_latin1(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii or any(0x80 <= ord(c) <= 0x9F for c in non_ascii):
        return False
    letters = sum(1 for c in text if c.isalpha())
    textual = sum(1 for c in non_ascii if c.isalpha() or c in _LATIN1_SYMBOLS or c == "\xa0")
    return textual / len(non_ascii) >= 0.9 and len(non_ascii) <= 0.3 * max(1, letters)
