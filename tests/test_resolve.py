"""Entity resolution: one key for one thing, however it is named."""

from __future__ import annotations

import pytest
from test_rdf_support import reference

from cagraph.errors import ValidationError
from cagraph.records import Entity
from cagraph.resolve.resolver import Resolver
from cagraph.resolve.text import fold, phonetic, slug


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(reference())


@pytest.mark.parametrize(
    ("hint", "names"),
    [
        ("Person", ["Kassym-Jomart Tokayev", "Qasym-Zhomart Toqaev", "Tokaev", "K. Tokayev"]),
        ("Person", ["Shavkat Mirziyoyev", "Shavkat Mirziyoev", "Mirziyoyev"]),
        ("Person", ["Sadyr Zhaparov", "Sadyr Japarov", "Sadyr Dzhaparov"]),
        (
            "Organization",
            [
                "Ministry of Energy of Uzbekistan",
                "Uzbekistan's Ministry of Energy",
                "Uzbek Energy Ministry",
                "the Ministry of Energy of the Republic of Uzbekistan",
            ],
        ),
        ("Organization", ["Ministry of Foreign Affairs of Kazakhstan", "Kazakh Foreign Ministry"]),
        ("Organization", ["National University of Uzbekistan", "Uzbek National University"]),
        ("Organization", ["SCO", "Shanghai Cooperation Organization"]),
        ("Country", ["Kazakhstan", "Republic of Kazakhstan", "Kazakh", "Kazakstan"]),
        ("Place", ["Samarkand", "Samarqand"]),
        ("Place", ["Astana", "Nur-Sultan"]),
    ],
)
def test_name_variants_resolve_to_one_key(resolver: Resolver, hint: str, names: list[str]) -> None:
    refs = [resolver.resolve(n, hint) for n in names]  # type: ignore[arg-type]
    assert len({(r.kind, r.key) for r in refs}) == 1, refs


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ministry of Energy of Uzbekistan", "Ministry of Energy of Kazakhstan"),
        ("Kazakh National University", "Uzbek National University"),
        ("Gurbanguly Berdimuhamedov", "Serdar Berdimuhamedov"),
    ],
)
def test_different_things_keep_different_keys(resolver: Resolver, a: str, b: str) -> None:
    assert resolver.resolve(a).key != resolver.resolve(b).key


def test_countries_resolve_to_iso_codes(resolver: Resolver) -> None:
    ref = resolver.resolve("the Kyrgyz Republic", "Country")
    assert (ref.kind, ref.key, ref.label, ref.qid) == ("country", "KG", "Kyrgyzstan", "Q813")


def test_country_outside_reference_data_keeps_its_code(resolver: Resolver) -> None:
    assert resolver.country("FR").label == "France"
    with pytest.raises(ValidationError, match="alpha-2"):
        resolver.country("fr")


def test_known_leader_gets_canonical_label_and_terms(resolver: Resolver) -> None:
    ref = resolver.resolve("Toqaev", "Person")
    assert ref.label == "Kassym-Jomart Tokayev"
    assert ref.known
    assert [t.office for t in resolver.terms(ref)] == ["President"]


def test_surname_shared_by_two_leaders_names_neither(resolver: Resolver) -> None:
    ref = resolver.resolve("Berdimuhamedov", "Person")
    assert not ref.known


def test_ministry_gets_a_canonical_label_with_its_country(resolver: Resolver) -> None:
    ref = resolver.resolve("Uzbek Energy Ministry", "Organization")
    assert (ref.label, ref.country, ref.key) == (
        "Ministry of Energy of Uzbekistan",
        "UZ",
        "uz-ministry-of-energy",
    )


def test_ministry_without_country_is_keyed_within_its_article(resolver: Resolver) -> None:
    one = resolver.resolve("Ministry of Energy", "Organization", scope="a1")
    other = resolver.resolve("Ministry of Energy", "Organization", scope="a2")
    assert one.key != other.key
    placed = resolver.resolve("Ministry of Energy", "Organization", country="UZ", scope="a1")
    assert placed.key == "uz-ministry-of-energy"


def test_company_key_ignores_a_country_the_name_does_not_give(resolver: Resolver) -> None:
    with_country = resolver.resolve("ACWA Power", "Organization", country="SA")
    without = resolver.resolve("ACWA Power", "Organization")
    assert with_country.key == without.key == "acwa-power"
    assert with_country.country == "SA"


def test_entity_resolves_through_its_aliases(resolver: Resolver) -> None:
    entity = Entity(type="Organization", name="Shanghai Cooperation Org.", aliases=["SCO"])
    assert resolver.resolve_entity(entity).key == "sco"


def test_organisation_named_as_a_state_level_actor_is_that_country(resolver: Resolver) -> None:
    entity = Entity(type="Organization", name="European Union", aliases=["EU"])
    ref = resolver.resolve_entity(entity)
    assert (ref.kind, ref.key) == ("country", "EU")


def test_untyped_names_are_guessed_from_reference_data_and_words(resolver: Resolver) -> None:
    assert resolver.resolve("Uzbekistan").kind == "country"
    assert resolver.resolve("Tokayev").kind == "person"
    assert resolver.resolve("Samarqand").kind == "place"
    assert resolver.resolve("Tashkent State Technical University").kind == "organization"
    assert resolver.resolve("C5").label == "Central Asia"
    assert resolver.resolve("the sides").kind == "agent"


def test_name_without_letters_is_refused(resolver: Resolver) -> None:
    with pytest.raises(ValidationError, match="letters"):
        resolver.resolve(" – ")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Foreign Minister", "Minister of Foreign Affairs"),
        ("FM", "Minister of Foreign Affairs"),
        ("Energy Minister", "Minister of Energy"),
        ("Deputy Foreign Minister", "Deputy Minister of Foreign Affairs"),
        ("prime minister", "Prime Minister"),
    ],
)
def test_titles_are_canonical(resolver: Resolver, written: str, canonical: str) -> None:
    assert resolver.title(written).label == canonical


def test_agreement_names_keep_only_distinctive_words(resolver: Resolver) -> None:
    one = resolver.name_key("Kazakh-Uzbek Treaty on allied relations", drop=["kz", "uz"])
    other = resolver.name_key("Treaty on Allied Relations", drop=["kz", "uz"])
    assert one == other == "allied relations"
    assert resolver.name_key("Memorandum of Cooperation") == ""


def test_text_folding() -> None:
    assert fold("  Peoples’ Assembly – of  Kazakhstan ") == "peoples assembly of kazakhstan"
    assert fold("Organization Center") == "organisation centre"
    assert phonetic("Berdymukhammedov") == phonetic("Berdimuhamedow")
    assert slug("Ministry of Energy") == "ministry-of-energy"
