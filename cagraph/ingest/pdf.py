"""PDF files → text with pypdf: paragraphs rebuilt from line layout, hyphenation undone."""

from __future__ import annotations

import io
import logging
import re
import statistics

from pypdf import PdfReader

from cagraph.errors import InputError

_HINT = "give a PDF with a text layer, or the article as .txt"
_TERMINAL = tuple('.!?:;"”’)]')
_HYPHENATED = re.compile(r"(?<=[a-z])-$")


def extract_pdf(data: bytes, *, source: str | None = None) -> str:
    """The text of every page; InputError when broken, encrypted or without a text layer."""
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header)", hint=_HINT, source=source)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise InputError(
                "PDF is encrypted", hint="give a copy saved without a password", source=source
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"broken PDF: {exc}", hint=_HINT, source=source) from exc
    text = "\n\n".join(_paragraphs(page) for page in pages if page.strip())
    if not text.strip():
        hint = _HINT + "; scanned pages need OCR first"
        raise InputError("PDF has no extractable text", hint=hint, source=source)
    return text


def _opens_without_password(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _paragraphs(page: str) -> str:
    """Join layout lines: a short line ending a sentence closes a paragraph."""
    lines = [line.strip() for line in page.splitlines()]
    lengths = [len(line) for line in lines if line]
    if not lengths:
        return ""
    full = statistics.median(lengths) * 0.8
    out: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if current and _HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current}\n{line}" if current else line
        if len(line) < full and line.endswith(_TERMINAL):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n\n".join(out)
