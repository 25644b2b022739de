import sys
import unicodedata

from cagraph.evaluate.normalise import normalise_code, normalise_name


def test_normalise_applies_nfkc_and_case_folding():
    assert normalise_name("ＫＡＺＡＫＨＳＴＡＮ") == "kazakhstan"
    assert normalise_name("Straße") == normalise_name("STRASSE")
    assert normalise_name("ﬁnance") == "finance"


def test_normalise_collapses_every_kind_of_whitespace():
    assert normalise_name("  European\u00a0Union \t\n Council ") == "european union council"


def test_normalise_treats_every_unicode_dash_as_the_same_dash():
    dashes = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"]
    dashes += ["\u2212", "\u2043"]  # minus sign, hyphen bullet
    assert len(dashes) > 20
    for dash in dashes:
        assert normalise_name(f"Kassym{dash}Jomart") == "kassym-jomart", hex(ord(dash))


def test_normalise_collapses_dash_runs_and_the_spaces_around_them():
    expected = "central asia-european union"
    assert normalise_name("Central Asia – European Union") == expected
    assert normalise_name("Central Asia—European Union") == expected
    assert normalise_name("Central Asia -- European Union") == expected


def test_normalise_keeps_a_dash_distinct_from_a_space():
    assert normalise_name("Kassym-Jomart") != normalise_name("Kassym Jomart")


def test_normalise_drops_invisible_soft_hyphens_and_zero_width_spaces():
    assert normalise_name("Kaz\u00adakh\u200bstan") == "kazakhstan"


def test_normalise_code_upper_cases_and_strips():
    assert normalise_code(" kz ") == "KZ"
