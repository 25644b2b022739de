"""ExportFilter: partial dates as spans, windows, kinds, topics, countries, user errors."""

from __future__ import annotations

from datetime import date

import pytest

from cagraph.errors import InputError
from cagraph.graph.filters import ExportFilter, date_span


def test_a_partial_date_stands_for_every_day_it_covers() -> None:
    assert date_span("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2023-02") == (date(2023, 2, 1), date(2023, 2, 28))
    assert date_span("2025-04-04") == (date(2025, 4, 4), date(2025, 4, 4))
    with pytest.raises(ValueError):
        date_span("04/04/2025")


def test_an_act_is_in_the_window_when_its_dates_overlap_it() -> None:
    window = ExportFilter.parse(since="2024-06", until="2025")
    assert window.in_window("2024")  # a year overlapping the window's start
    assert window.in_window("2025-12-31")
    assert not window.in_window("2024-05-31")
    assert not window.in_window("2026")
    assert not window.in_window(None)  # undated acts fall out of every window
    assert ExportFilter().in_window(None)  # …but stay when there is no window


def test_kinds_accept_codes_in_any_case_and_the_two_categories() -> None:
    flt = ExportFilter.parse(kinds=["mou", "event"])
    assert flt.kinds == ("Forum", "MOU", "Meeting", "Summit")
    assert ExportFilter.parse(kinds="agreement,Treaty").kinds == (
        "Agreement",
        "Declaration",
        "MOU",
        "Program",
        "Treaty",
    )
    assert flt.keeps_act("Summit", "2024", ())
    assert not flt.keeps_act("Treaty", "2024", ())


def test_topics_and_countries_are_normalised_and_matched() -> None:
    flt = ExportFilter.parse(topics=" Energy ,water", countries="kz, uz")
    assert flt.topics == ("energy", "water")
    assert flt.countries == ("KZ", "UZ")
    assert flt.keeps_act("MOU", None, ["water", "trade"])
    assert not flt.keeps_act("MOU", None, ["trade"])
    assert flt.touches(["UZ", "CN"]) and not flt.touches(["CN", "RU"])


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"kinds": "pact"}, "kind", "unknown kind 'pact'"),
        ({"topics": "weather"}, "topic", "unknown topic weather"),
        ({"countries": "KAZ"}, "countries", "not ISO 3166-1 alpha-2"),
        ({"since": "last year"}, "since", "not an ISO date"),
        ({"since": "2025", "until": "2024-12"}, "filter", "is after until"),
    ],
)
def test_bad_filter_input_is_an_input_error_naming_the_field(
    arguments: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        ExportFilter.parse(**arguments)
    assert caught.value.source == field
    assert words in caught.value.message


def test_an_empty_filter_is_inactive_and_says_it_keeps_everything() -> None:
    assert not ExportFilter.parse(since="", kinds=[], countries=None).active
    assert ExportFilter().describe() == "all acts"
    described = ExportFilter.parse(since="2023", countries="KZ").describe()
    assert described == "2023 to …; countries KZ"
