"""What is kept as the article's prose and what is set aside, and why."""

from __future__ import annotations

from pathlib import Path

from cagraph.ingest import article_from_text, read_article
from cagraph.records import Article

DATA = Path(__file__).parent / "data" / "ingest"


def _reasons(article: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for segment in article.set_aside:
        out.setdefault(segment.reason, []).append(segment.text)
    return out


def test_source_line_is_the_url_not_text() -> None:
    article = read_article(DATA / "credits_and_menus.txt")
    assert article.url == "https://news.example.org/2024/kz-kg-water"
    assert "source:" not in article.text.lower()


def test_credit_lines_go_to_attribution_and_out_of_text() -> None:
    article = read_article(DATA / "credits_and_menus.txt")
    assert article.attribution == [
        "Photo: Press service of the Government",
        "Source: Example News Agency",
    ]
    assert "Example News Agency" not in article.text
    assert len(_reasons(article)["credit"]) == 2


def test_menus_counters_and_ui_lines_are_set_aside() -> None:
    article = read_article(DATA / "credits_and_menus.txt")
    menus = "\n".join(_reasons(article)["menu"])
    for junk in ("View settings", "Font size:", "Site colours:", "Home / News / Region", "1 254"):
        assert junk in menus
        assert junk not in article.text
    assert "Share:" in menus and "Advertisement" in menus


def test_also_read_and_email_lines_are_set_aside() -> None:
    article = read_article(DATA / "credits_and_menus.txt")
    reasons = _reasons(article)
    assert reasons["also-read"] == ["Also Read: Ten facts about mountain glaciers"]
    assert reasons["email"] == ["contact: editor@news.example.org"]


def test_kept_prose_is_paragraphs_joined_by_blank_lines_with_headline_first() -> None:
    article = read_article(DATA / "credits_and_menus.txt")
    assert article.title == "Kazakhstan and Kyrgyzstan agree on water sharing"
    assert article.published == "2024-03-15"
    assert article.text.split("\n\n") == [
        "Kazakhstan and Kyrgyzstan agree on water sharing",
        "BISHKEK, Kyrgyzstan, March 15. The governments of Kazakhstan and Kyrgyzstan signed an "
        "agreement on the joint use of the Chu and Talas rivers on Friday.",
        "The agreement sets out how water from the shared reservoirs will be released during the "
        "irrigation season.",
        "Both ministries of agriculture will meet twice a year to review the schedule.",
    ]


def test_markup_dumps_are_set_aside() -> None:
    article = read_article(DATA / "markup_dumps.txt")
    markup = "\n".join(_reasons(article)["markup"])
    for dump in (
        "[SRC] => /images/upload/summit.jpg",
        '"views": 120',
        "share-buttons",
        "<https://",
    ):
        assert dump in markup
    assert article.text.split("\n\n")[0] == "Uzbekistan and Tajikistan open a new border crossing"
    assert len(article.text.split("\n\n")) == 3


def test_reference_list_and_what_follows_are_set_aside() -> None:
    article = read_article(DATA / "references.txt")
    (references,) = _reasons(article)["reference-list"]
    assert references.startswith("References\n[1] Smith, J. (2020).")
    assert "Asian Development Bank" not in article.text
    assert article.text.endswith("published between 2015 and 2023 [2].")


def test_numbered_citation_lines_are_set_aside_anywhere() -> None:
    raw = (
        "Kazakhstan and China agreed to expand rail freight through Khorgos this year.\n\n"
        "[3] Li, W. (2021). Dry ports of Eurasia. Beijing: Example Press."
    )
    article = article_from_text("a", raw)
    assert "Li, W." not in article.text
    assert _reasons(article)["reference-list"]


def test_soft_heading_word_alone_does_not_cut_the_article() -> None:
    raw = (
        "Uzbekistan hosted a festival of Central Asian writers.\n\nLiterature\n\n"
        "Writers from Kyrgyzstan and Tajikistan read from their new novels in Samarkand."
    )
    assert article_from_text("a", raw).text.endswith("new novels in Samarkand.")


def test_non_english_paragraphs_are_skipped_and_counted() -> None:
    article = read_article(DATA / "mixed_language.txt")
    assert article.skipped_non_english == 2
    assert "Министры" not in article.text and "Außenminister" not in article.text
    assert "joint working group" in article.text
    assert sum(len(s.text.split("\n")) for s in article.set_aside if s.reason == "non-english") == 2


def test_short_english_lines_with_names_are_kept() -> None:
    raw = (
        "Presidents Sadyr Japarov, Emomali Rahmon, Shavkat Mirziyoyev, Serdar Berdimuhamedov.\n\n"
        "Keywords: Central Asia, diplomacy, IT Park, digital generation, Coursera, foresight"
    )
    article = article_from_text("a", raw)
    assert article.skipped_non_english == 0
    assert "Keywords:" in article.text


def test_duplicate_lead_is_dropped() -> None:
    article = read_article(DATA / "duplicate_lead.txt")
    assert article.text.count("The civil aviation authorities") == 1
    assert article.text.count("expand flights between Bishkek") == 1
    assert len(_reasons(article)["duplicate"]) == 2


def test_headline_on_first_line_of_a_block_becomes_its_own_paragraph() -> None:
    article = read_article(DATA / "duplicate_lead.txt")
    first, second = article.text.split("\n\n")[:2]
    assert (
        first
        == article.title
        == ("Kyrgyzstan and Mongolia expand flights between Bishkek and Ulaanbaatar")
    )
    assert second.startswith("The civil aviation authorities")


def test_no_title_from_a_dateline_or_a_sentence() -> None:
    assert article_from_text("a", "ASTANA, Kazakhstan, May 3 — Talks began").title is None
    assert article_from_text("b", "Talks between the two presidents began.").title is None


def test_metadata_title_is_kept_as_first_paragraph_once() -> None:
    title = "Tajikistan and China open a road tunnel"
    raw = f"{title}\n\nThe tunnel on the Dushanbe–Chanak road was opened by the two ministers."
    article = article_from_text("a", raw, title=title)
    assert article.text.split("\n\n")[0] == title
    assert article.text.count(title) == 1


def test_paragraph_broken_mid_sentence_is_joined() -> None:
    raw = "The two ministries signed nearly ten\n\nprotocols on customs and transit in Almaty."
    article = article_from_text("a", raw)
    assert article.text == raw.replace("\n\n", "\n")


def test_trailing_run_of_short_menu_lines_is_set_aside() -> None:
    raw = (
        "Kyrgyzstan and Kazakhstan opened a new checkpoint on the border on Friday.\n\n"
        "Culture\n\nSport\n\nCity life\n\nOpinion"
    )
    article = article_from_text("a", raw)
    assert article.text == raw.split("\n\n")[0]
    assert _reasons(article)["menu"] == ["Culture\nSport\nCity life\nOpinion"]


def test_prose_mentioning_sources_and_photos_is_kept() -> None:
    raw = (
        "Photo exhibitions opened in Astana and Tashkent, sources in both ministries said.\n\n"
        "Source documents show the treaty was prepared over three years of talks."
    )
    article = article_from_text("a", raw)
    assert article.set_aside == []
    assert article.attribution == []


def test_short_lines_after_a_colon_are_a_list_not_a_menu() -> None:
    raw = "The summit was attended by the leaders of:\n\nKazakhstan\n\nKyrgyzstan\n\nTajikistan"
    assert article_from_text("a", raw).text.endswith("Kazakhstan\n\nKyrgyzstan\n\nTajikistan")


def test_numbered_list_item_naming_countries_is_not_a_citation() -> None:
    raw = "1. Kazakhstan, U.S. and China agreed to extend the transit corridor until 2030."
    assert article_from_text("a", raw).text == raw


def test_agency_reporting_credit_goes_to_attribution() -> None:
    raw = (
        "Kyrgyzstan and Uzbekistan agreed on the final section of their border on Thursday.\n\n"
        "(Reporting by A. Example; Editing by B. Example)"
    )
    article = article_from_text("a", raw)
    assert article.attribution == ["(Reporting by A. Example; Editing by B. Example)"]
    assert "Reporting" not in article.text
