"""The article's date from its header lines, in the forms news pages write it."""

from __future__ import annotations

import pytest

from cagraph.errors import InputError
from cagraph.ingest import article_from_text

BODY = "The foreign ministers of Kazakhstan and Turkmenistan held talks in Astana on trade."


@pytest.mark.parametrize(
    ("header", "published"),
    [
        (" date 2025-04-04", "2025-04-04"),
        ("31.05.2025", "2025-05-31"),
        ("Published: 02.03.26", "2026-03-02"),
        ("Published on March 2, 2026 at 10:15", "2026-03-02"),
        ("2 March 2026", "2026-03-02"),
        ("Monday, March 2, 2026", "2026-03-02"),
        ("2026-03-02 14:05", "2026-03-02"),
    ],
)
def test_header_date_line_gives_published_and_leaves_the_prose(header: str, published: str) -> None:
    article = article_from_text("a", f"{header}\n\n{BODY}")
    assert article.published == published
    assert article.text == BODY


def test_date_token_is_cut_and_the_rest_of_its_line_stays_prose() -> None:
    raw = " date 2025-04-04 ASTANA, Kazakhstan, April 4. President Tokayev met EU leaders."
    article = article_from_text("a", raw)
    assert article.published == "2025-04-04"
    assert article.text == "ASTANA, Kazakhstan, April 4. President Tokayev met EU leaders."
    assert [(s.reason, s.text) for s in article.set_aside] == [("date", "date 2025-04-04")]


def test_dateline_with_place_gives_date_and_stays_in_text() -> None:
    raw = f"Russia–Turkmenistan talks\n\nJune 10, 2022, The Kremlin, Moscow\n\n{BODY}"
    article = article_from_text("a", raw)
    assert article.published == "2022-06-10"
    assert article.text.split("\n\n")[1] == "June 10, 2022, The Kremlin, Moscow"
    assert article.title == "Russia–Turkmenistan talks"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Bishkek, 4 June 2025 – Kyrgyz and Hungarian rectors met in Bishkek.", "2025-06-04"),
        ("ASTANA, Kazakhstan, June 4, 2025 — The two ministers met.", "2025-06-04"),
        ("TASHKENT, 12.03.2025 (UzA) — The two ministers met.", "2025-03-12"),
    ],
)
def test_place_and_full_date_opening_the_first_paragraph_give_the_date(
    line: str, published: str
) -> None:
    article = article_from_text("a", f"Ministers meet\n\n{line}\n\n{BODY}")
    assert article.published == published
    assert line in article.text  # the dateline stays in the prose


def test_a_sentence_naming_places_and_a_date_is_not_a_dateline() -> None:
    raw = f"Ministers meet\n\nKazakhstan, Uzbekistan and Kyrgyzstan met on 4 June 2025.\n\n{BODY}"
    assert article_from_text("a", raw).published is None


def test_dateline_without_year_gives_no_date() -> None:
    raw = "DUSHANBE, Tajikistan, July 24. The presidents of Tajikistan and Mongolia met."
    article = article_from_text("a", raw)
    assert article.published is None
    assert article.text == raw


def test_received_and_accepted_lines_do_not_set_the_date() -> None:
    raw = f"Received: 26.02.26\nAccepted: 28.02.26\nPublished: 02.03.26\n\n{BODY}"
    article = article_from_text("a", raw)
    assert article.published == "2026-03-02"
    assert {s.reason for s in article.set_aside} == {"metadata", "date"}


def test_labelled_date_wins_over_a_bare_date() -> None:
    raw = f"01.01.2020\n\nPublished: 05.06.2021\n\n{BODY}"
    assert article_from_text("a", raw).published == "2021-06-05"


def test_date_below_the_header_lines_is_ignored() -> None:
    filler = "\n\n".join(f"Paragraph {n} tells of trade between the two states." for n in range(20))
    article = article_from_text("a", f"{filler}\n\n31.05.2025")
    assert article.published is None


def test_ambiguous_or_impossible_dates_are_not_guessed() -> None:
    assert article_from_text("a", f"03/04/2025\n\n{BODY}").published is None
    assert article_from_text("b", f"31.02.2025\n\n{BODY}").published is None


def test_metadata_date_wins_over_header_date() -> None:
    article = article_from_text("a", f"31.05.2025\n\n{BODY}", published="2025-06-01T08:00:00Z")
    assert article.published == "2025-06-01"


def test_bad_metadata_date_is_refused_naming_the_field() -> None:
    with pytest.raises(InputError, match="field 'published'"):
        article_from_text("a", BODY, published="yesterday")


def test_wire_agency_credit_in_brackets_after_the_place_gives_the_date() -> None:
    line = "Astana, (Wire Agency - Some News - 3rd Mar, 2024) The two ministers met in Astana."
    article = article_from_text("a", f"Ministers meet\n\n{line}\n\n{BODY}")
    assert article.published == "2024-03-03"
    assert line in article.text  # the dateline stays in the prose


def test_a_bracket_in_prose_without_a_date_is_no_dateline() -> None:
    line = "Astana, (the capital) hosted the two ministers in March."
    assert article_from_text("a", f"Ministers meet\n\n{line}\n\n{BODY}").published is None


def test_time_stamp_then_date_on_its_own_line_gives_the_date() -> None:
    article = article_from_text("a", f"Ministers meet\n09:15 / 2023-11-20\n\n{BODY}")
    assert article.published == "2023-11-20"
    assert article.text.endswith(BODY)
    assert "09:15" not in article.text


def test_a_language_menu_above_the_headline_does_not_push_the_date_out_of_the_header() -> None:
    menu = "\n".join(["English", "Deutsch", "Français", "Español", "Русский"] * 4)
    article = article_from_text("a", f"{menu}\nMinisters meet\n09:15 / 2023-11-20\n\n{BODY}")
    assert article.published == "2023-11-20"
