"""HTML pages through trafilatura and PDF files through pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from cagraph.errors import InputError
from cagraph.ingest import article_from_text, read_article

DATA = Path(__file__).parent / "data" / "ingest"


def _pdf(*lines: str, password: str | None = None) -> bytes:
    """A one-page PDF whose page draws ``lines`` in Helvetica (no text at all when empty)."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if lines:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 720 Td {ops} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_html_page_gives_main_text_title_date_and_url() -> None:
    article = read_article(DATA / "page.html")
    assert article.id == "page"
    assert article.title == "Kazakhstan and Uzbekistan sign a memorandum on green energy"
    assert article.published == "2024-11-05"
    assert article.url == "https://news.example.org/energy/kz-uz-green"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert paragraphs[1].startswith("TASHKENT, Uzbekistan, November 5.")
    assert "Sport" not in article.text and "All rights reserved" not in article.text
    assert article.attribution == ["Source: Example News Agency"]


def test_html_with_no_text_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_article(DATA / "empty_body.html")


def test_article_from_html_string_prefers_given_metadata() -> None:
    page = (DATA / "page.html").read_text()
    article = article_from_text("green", page, fmt="html", url="https://mirror.example.org/x")
    assert article.url == "https://mirror.example.org/x"
    assert article.published == "2024-11-05"


def test_pdf_text_is_read_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    path.write_bytes(_pdf("Kyrgyzstan and Tajikistan signed a border treaty in Bishkek."))
    article = read_article(path)
    assert article.text == "Kyrgyzstan and Tajikistan signed a border treaty in Bishkek."


def test_broken_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="broken PDF"):
        read_article(DATA / "broken.pdf")


def test_file_without_pdf_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("just some text pretending to be a PDF")
    with pytest.raises(InputError, match="not a PDF"):
        read_article(path)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_pdf("Secret talks between the two ministries.", password="s3cret"))
    with pytest.raises(InputError, match="encrypted") as caught:
        read_article(path)
    assert caught.value.source == str(path)


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(_pdf("Uzbekistan and Turkmenistan held talks on gas.", password=""))
    assert read_article(path).text.startswith("Uzbekistan and Turkmenistan")


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf())
    with pytest.raises(InputError, match="PDF has no extractable text"):
        read_article(path)
