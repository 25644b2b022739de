"""Who an agreement binds: bodies, cities and regions as parties; signers as signatories."""

from __future__ import annotations

from cagraph.records import ArticleExtraction, Entity


def _places(x: ArticleExtraction) -> set[str]:
    return {e.name for e in x.entities if e.type == "Place"}


def _entity(x: ArticleExtraction, name: str) -> Entity:
    return next(e for e in x.entities if e.name == name)


def test_a_known_place_with_a_region_noun_is_one_place(extract):
    x = extract("The forum was held in the Samarkand region of Uzbekistan last week.")
    assert "Samarkand region" in _places(x)


def test_an_unknown_name_with_a_region_noun_is_a_place(extract):
    x = extract("Farmers from the Lori Province of Armenia came to the fair in Tbilisi.")
    assert "Lori Province" in _places(x)


def test_a_sentence_opening_word_before_a_region_noun_is_not_a_place(extract):
    x = extract("Regional officials met. Whole region will get new roads, they said.")
    assert "Whole region" not in _places(x)


def test_cities_and_regions_that_sign_are_the_parties(extract):
    x = extract(
        "Gyumri and the Shirak region of Armenia signed a roadmap of cooperation with the "
        "city of Batumi in Georgia."
    )
    [roadmap] = x.agreements
    assert {"Gyumri", "Shirak region"} <= set(roadmap.parties)
    assert {"AM", "GE"} <= set(roadmap.countries) or "Batumi" in roadmap.parties


def test_a_place_where_the_signing_happened_is_no_party(extract):
    x = extract("Armenia and Georgia signed an agreement on transit in Gyumri on Monday.")
    [agreement] = x.agreements
    assert "Gyumri" not in agreement.parties


def test_persons_who_sign_are_signatories_not_parties(extract):
    x = extract(
        "Foreign Minister of Armenia Aram Sargsyan and Foreign Minister of Georgia Levan "
        "Kvernadze signed a memorandum on consular cooperation."
    )
    [mou] = x.agreements
    assert set(mou.signatories) == {"Aram Sargsyan", "Levan Kvernadze"}
    assert not set(mou.signatories) & set(mou.parties)
    assert {"Armenia", "Georgia"} <= set(mou.parties)


def test_a_signers_office_of_a_body_makes_that_body_a_party(extract):
    x = extract(
        "Rector of Yerevan State Medical Academy Anna Petrosyan signed a memorandum on student "
        "exchange with the Tbilisi Dental Institute."
    )
    [mou] = x.agreements
    assert {"Yerevan State Medical Academy", "Tbilisi Dental Institute"} <= set(mou.parties)
    assert mou.signatories == ["Anna Petrosyan"]


def test_governors_sign_for_their_regions(extract):
    x = extract(
        "Governor of the Shirak region Aram Sargsyan and the Imereti Region Governor Levan "
        "Kvernadze signed a protocol on tourism."
    )
    [protocol] = x.agreements
    assert set(protocol.parties) == {"Shirak region", "Imereti Region"}
    assert set(protocol.signatories) == {"Aram Sargsyan", "Levan Kvernadze"}
    governor = _entity(x, "Levan Kvernadze")
    assert [(r.title, r.of) for r in governor.roles] == [("Governor", "Imereti Region")]


def test_two_agreements_signed_in_one_sentence_are_two(extract):
    x = extract(
        "An agreement was signed on joint production of buses, and an agreement was also "
        "signed between the Transport Agency of Armenia and the Road Fund of Georgia."
    )
    assert len(x.agreements) == 2
    second = next(a for a in x.agreements if "Road Fund of Georgia" in a.parties)
    assert "Transport Agency of Armenia" in second.parties


def test_a_bracketed_short_form_is_the_same_document(extract):
    x = extract(
        "Armenia and Georgia signed a Memorandum of Understanding (MoU) on tourism in Tbilisi."
    )
    assert len(x.agreements) == 1
