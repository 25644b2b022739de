"""Reading single files: decoding, size limits and the errors bad files give."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cagraph.errors import InputError
from cagraph.ingest import read_article
from cagraph.settings import Settings

PROSE = "Kazakhstan and Uzbekistan signed an agreement on rail transport in Tashkent on Monday.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path, settings: Settings | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read_article(path, settings=settings)
    assert caught.value.source == str(path)
    return caught.value


def test_reads_utf8_text_with_id_hash_and_source_path(tmp_path: Path) -> None:
    data = PROSE.encode()
    path = _write(tmp_path, "kz-uz-rail.txt", data)
    article = read_article(path)
    assert article.id == "kz-uz-rail"
    assert article.text == PROSE.strip()
    assert article.content_hash == hashlib.sha256(data).hexdigest()
    assert article.source_path == str(path)


def test_accepts_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + PROSE.encode()))
    assert article.text.startswith("Kazakhstan")


def test_reads_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "wide.txt", PROSE.encode("utf-16")))
    assert article.text == PROSE.strip()


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, "empty.txt", b"")).message


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    assert "whitespace" in _error(_write(tmp_path, "blank.txt", b" \n\t\r\n  \n")).message


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    assert "binary" in _error(_write(tmp_path, "image.txt", png)).message


def test_text_full_of_control_bytes_is_refused(tmp_path: Path) -> None:
    data = b"abc\x01\x02\x03\x04\x05def\x06\x07\x08ghi" * 10
    assert "binary" in _error(_write(tmp_path, "controls.txt", data)).message


def test_undecodable_bytes_are_refused_as_not_utf8(tmp_path: Path) -> None:
    # 0x98 has no cp1251 character; 0x81 and 0x9d are C1 controls in latin-1.
    data = b"Trade talks \x98\x81\x9d in Tashkent \x81\x8d\x9d ended.\n"
    error = _error(_write(tmp_path, "mojibake.txt", data))
    assert "not UTF-8 text" in error.message
    assert error.hint and "UTF-8" in error.hint


def test_falls_back_to_cp1251_for_clean_cyrillic_text(tmp_path: Path) -> None:
    english = "Uzbekistan and Kazakhstan agreed to build a new bridge across the river this year."
    data = (english + "\n\nКазахстан и Узбекистан подписали соглашение.\n").encode("cp1251")
    article = read_article(_write(tmp_path, "cyrillic.txt", data))
    assert article.text == english
    assert article.set_aside[0].text == "Казахстан и Узбекистан подписали соглашение."


def test_falls_back_to_latin1_for_clean_western_text(tmp_path: Path) -> None:
    text = "The café in Almaty hosted a résumé workshop for the two ministries of trade."
    article = read_article(_write(tmp_path, "latin.txt", text.encode("latin-1")))
    assert article.text == text


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", PROSE.encode() * 10)
    error = _error(path, Settings(max_file_bytes=100))
    assert "over the limit of 100" in error.message
    assert error.hint and "CAGRAPH_MAX_FILE_BYTES" in error.hint


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    assert "unsupported file type" in _error(_write(tmp_path, "a.docx", PROSE.encode())).message


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "absent.txt").message


def test_text_with_only_page_junk_is_refused_as_having_no_prose(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "junk.txt", b"Share:\n\nAdvertisement\n\n1 245\n"))
    assert "no article prose" in error.message


def test_file_name_that_is_not_a_slug_becomes_one(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "Саммит 2024 (1).txt", PROSE.encode()))
    assert article.id == "Sammit-2024-1"
