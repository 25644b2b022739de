"""The extractor finds agreements, events and the ties they imply — and not proposals."""

from __future__ import annotations

import pytest

from cagraph.nlp.components.dates import find_dates
from cagraph.records import ArticleExtraction


def _pairs(x: ArticleExtraction) -> set[tuple[str, str]]:
    return {t.pair for t in x.ties}


def _kinds(x: ArticleExtraction) -> list[str]:
    return sorted(a.kind for a in x.agreements)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Kyrgyzstan and Tajikistan signed a memorandum of understanding on water use.", "MOU"),
        ("Kyrgyzstan and Tajikistan inked an agreement on the state border.", "Agreement"),
        ("Kyrgyzstan and Tajikistan concluded a treaty on eternal friendship.", "Treaty"),
        (
            "Kyrgyzstan and Tajikistan adopted a joint statement on regional security.",
            "Declaration",
        ),
        ("Kyrgyzstan and Tajikistan launched a roadmap for trade until 2030.", "Program"),
        ("Kyrgyzstan and Tajikistan signed a letter of intent on tourism.", "MOU"),
        ("Kyrgyzstan and Tajikistan signed a protocol on customs procedures.", "Agreement"),
    ],
)
def test_each_agreement_kind_from_its_trigger(extract, sentence, kind):
    x = extract(sentence)
    assert _kinds(x) == [kind]
    assert set(x.agreements[0].countries) == {"KG", "TJ"}
    assert _pairs(x) == {("KG", "TJ")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan proposed an agreement on visa-free travel with Mongolia.",
        "Kazakhstan and Mongolia discussed a possible memorandum on tourism.",
        "Kazakhstan and Mongolia plan to sign a treaty next year.",
        "Kazakhstan and Mongolia will sign a roadmap on energy in the autumn.",
    ],
)
def test_proposals_plans_and_discussions_are_not_agreements(extract, sentence):
    x = extract(sentence)
    assert x.agreements == []
    assert x.ties == []


def test_between_gives_institutions_as_parties_and_their_countries(extract):
    x = extract(
        "A memorandum of cooperation was signed between the Ministry of Health of Kyrgyzstan "
        "and the Ministry of Health of Belarus."
    )
    [agr] = x.agreements
    assert "Ministry of Health of Kyrgyzstan" in agr.parties
    assert "Ministry of Health of Belarus" in agr.parties
    assert set(agr.countries) == {"KG", "BY"}
    assert _pairs(x) == {("BY", "KG")}


def test_with_gives_the_second_party(extract):
    x = extract("Turkmenistan signed a gas supply contract with China on Friday.")
    [agr] = x.agreements
    assert set(agr.countries) == {"TM", "CN"}


def test_the_two_countries_resolve_to_the_pair_in_the_headline(extract):
    x = extract(
        "Georgia and Uzbekistan deepen transport links\n\n"
        "The two countries signed an agreement on international road transport."
    )
    [agr] = x.agreements
    assert set(agr.countries) == {"GE", "UZ"}


def test_multiple_mous_including_a_list_give_one_per_topic(extract):
    x = extract(
        "Kyrgyzstan and Qatar signed several MoUs, including on tourism, health care, and "
        "sports development."
    )
    assert _kinds(x) == ["MOU", "MOU", "MOU"]
    assert all(set(a.countries) == {"KG", "QA"} for a in x.agreements)


def test_a_bulleted_list_of_signed_documents_gives_one_agreement_per_item(extract):
    x = extract(
        "Following the talks, the following documents were signed:\n"
        "- Agreement between Armenia and Kazakhstan on mutual protection of investments;\n"
        "- Memorandum of understanding between Armenia and Kazakhstan on culture;\n"
        "- Roadmap for trade between Armenia and Kazakhstan for 2025-2027."
    )
    assert _kinds(x) == ["Agreement", "MOU", "Program"]


def test_repeated_mentions_of_one_memorandum_are_one_agreement(extract):
    x = extract(
        "Kazakhstan and Hungary signed a memorandum on space research. "
        "The memorandum was signed in Budapest. The signing of the memorandum followed talks."
    )
    assert _kinds(x) == ["MOU"]


def test_count_of_agreements_is_one_item_with_its_count(extract):
    x = extract("Uzbekistan and Turkey signed 19 agreements worth $2 billion on Tuesday.")
    [agr] = x.agreements
    assert agr.count == 19
    assert _pairs(x) == {("TR", "UZ")}


def test_talks_give_a_meeting_with_participants_and_place(extract):
    x = extract(
        "President of Kyrgyzstan Sadyr Japarov and President of Azerbaijan Ilham Aliyev held "
        "talks in Baku on Tuesday."
    )
    [evt] = x.events
    assert evt.kind == "Meeting"
    assert {"KG", "AZ"} <= set(evt.countries)
    assert evt.location == "Baku"
    assert _pairs(x) == {("AZ", "KG")}


def test_region_to_partner_summit_expands_to_member_states(extract):
    x = extract("The leaders met at the Central Asia – Japan summit in Tokyo.")
    [evt] = x.events
    assert evt.kind == "Summit"
    assert {"KZ", "KG", "TJ", "TM", "UZ", "JP"} <= set(evt.countries)
    assert _pairs(x) == {tuple(sorted((c, "JP"))) for c in ("KZ", "KG", "TJ", "TM", "UZ")}


def test_c5_plus_one_gives_ties_across_the_two_sides_only(extract):
    x = extract(
        "The C5+1 ministerial meeting with Germany was held online. "
        "Germany pledged support for water projects."
    )
    assert _pairs(x) == {tuple(sorted((c, "DE"))) for c in ("KZ", "KG", "TJ", "TM", "UZ")}


def test_summit_of_an_international_organisation_makes_no_ties(extract):
    x = extract(
        "The summit of the Shanghai Cooperation Organisation was held in Tianjin with the "
        "leaders of China, Russia, India and Kazakhstan."
    )
    assert x.ties == []


def test_country_named_only_as_a_location_is_not_a_participant(extract):
    x = extract(
        "Kyrgyz President Sadyr Japarov met Chinese President Xi Jinping in Kazakhstan’s Astana."
    )
    assert _pairs(x) == {("CN", "KG")}


def test_forum_with_a_name_is_an_event(extract):
    x = extract("The Kyrgyz-Turkish Business Forum took place in Bishkek on Monday.")
    assert [e.kind for e in x.events] == ["Forum"]


def test_event_and_agreement_dates_are_normalised_against_the_article_date(extract):
    x = extract(
        "Kazakhstan and Qatar signed a treaty on investment protection on April 4.",
        published="2025-06-10",
    )
    assert x.agreements[0].date == "2025-04-04"


def test_dates_in_many_forms_are_normalised():
    text = "on Friday, April 4, in September 2024, earlier this month, in 2015, 12.05.2023"
    values = [v for _, _, v in find_dates(text, "2025-04-09")]
    assert values == ["2025-04-04", "2025-04-04", "2024-09", "2025-04", "2015", "2023-05-12"]


def test_day_and_month_without_any_year_give_no_date():
    assert find_dates("on April 4", None) == []


def test_every_act_and_tie_carries_evidence(extract_article):
    article, x = extract_article("Kazakhstan and Oman signed an agreement on air services.")
    assert x.agreements and x.ties
    ev = x.agreements[0].evidence
    assert ev is not None and ev.component == "cagraph.agreements.v1"
    assert article.text[ev.start : ev.end] == ev.sentence
    assert x.ties[0].evidence[0].component == "cagraph.ties.v1"


def test_an_event_still_to_come_is_not_reported(extract):
    x = extract("Japarov invited the Uzbek delegation to the Issyk-Kul Forum next spring.")
    assert x.events == []


def test_two_documents_in_one_sentence_keep_their_own_parties(extract):
    x = extract(
        "Kyrgyzstan and Uzbekistan signed an intergovernmental agreement on a hydropower plant "
        "and a memorandum between the Ministry of Energy of Kyrgyzstan and the Ministry of "
        "Energy of Uzbekistan on grid connections."
    )
    kinds = {a.kind: a for a in x.agreements}
    assert set(kinds) == {"Agreement", "MOU"}
    assert "Ministry of Energy of Kyrgyzstan" not in kinds["Agreement"].parties
    assert "Ministry of Energy of Kyrgyzstan" in kinds["MOU"].parties


def test_the_two_leaders_are_the_countries_that_met(extract):
    x = extract(
        "President of Armenia Vahagn Khachaturyan held talks with President of Kazakhstan "
        "Kassym-Jomart Tokayev. Following the negotiations, the two leaders signed a joint "
        "declaration on allied relations."
    )
    [agr] = x.agreements
    assert agr.kind == "Declaration"
    assert set(agr.countries) == {"AM", "KZ"}


def test_a_company_country_the_text_never_names_gives_no_tie(extract):
    x = extract("Uzbekistan's Ministry of Energy signed a wind farm deal with ACWA Power.")
    [agr] = x.agreements
    assert agr.countries == ["UZ"]
    assert x.ties == []


def test_a_general_word_for_a_named_treaty_is_the_same_document(extract):
    x = extract(
        "Kazakhstan and Kyrgyzstan signed the Treaty on Deepening of Allied Relations. "
        "“An agreement was signed on deepening our allied relations,” the president said."
    )
    assert [a.kind for a in x.agreements] == ["Treaty"]


def test_a_declaration_adopted_by_an_international_organisation_stands_alone(extract):
    x = extract("The Shanghai Cooperation Organisation adopted the Tianjin Declaration on Monday.")
    [agr] = x.agreements
    assert agr.kind == "Declaration"
    assert x.ties == []


def test_a_festival_abroad_makes_no_tie(extract):
    x = extract("A Kyrgyz film won an award at the British Film Festival held in London.")
    assert [e.kind for e in x.events] == ["Forum"]
    assert x.ties == []


def test_several_documents_including_named_ones_count_only_the_named(extract):
    x = extract(
        "The presidents of Uzbekistan and Kazakhstan signed several documents, including a "
        "joint statement and a roadmap for trade."
    )
    assert _kinds(x) == ["Declaration", "Program"]


def test_a_press_conference_is_not_an_event_but_a_coordinated_meeting_is(extract):
    x = extract(
        "Tokayev spoke at a press conference following bilateral negotiations with Kyrgyzstan "
        "and a meeting of the Supreme Interstate Council of Kazakhstan and Kyrgyzstan."
    )
    assert sorted(e.kind for e in x.events) == ["Meeting", "Meeting"]


def test_acts_of_a_c5_plus_one_summit_tie_across_the_sides(extract):
    x = extract(
        "The first C5+1 summit with Japan was held in Tokyo. The leaders of Kazakhstan, "
        "Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan adopted a joint declaration."
    )
    assert _pairs(x) == {tuple(sorted((c, "JP"))) for c in ("KZ", "KG", "TJ", "TM", "UZ")}


def test_the_dated_first_edition_of_a_series_is_an_event_of_its_own(extract):
    x = extract(
        "Turkmenistan hosted the annual Caspian Economic Forum in Avaza, where the ministers of "
        "Turkmenistan and Azerbaijan held talks. The first Caspian Economic Forum, with Iran and "
        "Turkmenistan, took place in August 2019."
    )
    forums = [e for e in x.events if e.kind == "Forum"]
    assert [e.name for e in forums] == ["Caspian Economic Forum", "first Caspian Economic Forum"]
    assert forums[1].date == "2019-08"


def test_a_first_edition_named_before_its_restatement_stays_one_event(extract):
    x = extract(
        "Tajikistan hosted the first Dushanbe Water Forum in June 2018 with Kyrgyzstan. "
        "The Dushanbe Water Forum gathered ministers from Kyrgyzstan and Tajikistan."
    )
    assert [e.name for e in x.events] == ["first Dushanbe Water Forum"]


def test_two_names_sharing_one_plural_forum_noun_are_two_events(extract):
    x = extract("Last year Kyrgyzstan hosted the Silk Road Media and Bishkek Startup forums.")
    assert sorted(e.name for e in x.events) == ["Bishkek Startup forums", "Silk Road Media"]


def test_a_demonym_before_a_plural_forum_noun_is_no_second_event(extract):
    x = extract("Last year Kyrgyzstan hosted the Kazakh and Uzbek Business forums.")
    assert [e.name for e in x.events] == ["Uzbek Business forums"]


def test_the_day_it_was_signed_is_not_part_of_the_agreements_name(extract):
    x = extract(
        "Mongolia and Kazakhstan signed a memorandum of understanding on cooperation in "
        "geology on Thursday. A treaty on the border was signed on 3 March."
    )
    names = sorted(a.name for a in x.agreements)
    assert "memorandum of understanding on cooperation in geology" in names
    assert not any("Thursday" in n or "March" in n for n in names)


def test_a_headline_verb_is_not_part_of_the_agreements_name(extract):
    x = extract(
        "Georgian and Uzbek colleges launch joint programme\n\n"
        "Tbilisi State Medical College and Samarkand Medical College launched a joint "
        "programme in nursing."
    )
    assert all("launch" not in a.name.lower() for a in x.agreements)


def test_an_agreement_named_after_a_generic_mention_keeps_its_name_and_stands(extract):
    x = extract(
        "Armenian and Kazakh colleges launch joint programme\n\n"
        "Yerevan, 4 June 2025 - Yerevan State Medical College and Astana Medical College "
        "launched a joint programme in nursing. The agreement was concluded during a visit by "
        "Armenian Foreign Minister Ararat Mirzoyan to Astana, where he held talks with his "
        "Kazakh counterpart.\n\n"
        "Earlier this year, the two countries also signed an agreement on the mutual "
        "recognition of diplomas."
    )
    diplomas = [a for a in x.agreements if "diplomas" in a.name]
    assert len(diplomas) == 1
    assert diplomas[0].name.startswith("agreement on the mutual recognition of diplomas")
    assert "diplomas" in diplomas[0].evidence.sentence


def test_a_headline_event_and_its_dated_report_are_one_event_with_the_date(extract):
    x = extract(
        "Turkmenistan and Korea hold first business summit\n\n"
        "ASHGABAT, Turkmenistan, October 3, 2025 - Turkmenistan and the Republic of Korea held "
        "the first Turkmen-Korean business summit in Ashgabat on Friday."
    )
    summits = [e for e in x.events if e.kind == "Summit"]
    assert len(summits) == 1
    assert "hold" not in summits[0].name.lower().split()
    assert summits[0].date == "2025-10-03"


def test_a_launched_initiative_is_a_programme_and_a_welcomed_one_is_not(extract):
    launched = extract("Mongolia and Kyrgyzstan launched a digital skills initiative for schools.")
    assert [a.kind for a in launched.agreements] == ["Program"]
    for sentence in (
        "Mongolia and Kyrgyzstan welcomed the initiative of the Mongolian president.",
        "Mongolia put forward an initiative to create a regional council with Kyrgyzstan.",
        "The forum was held on the initiative of the Kyrgyz side.",
    ):
        assert extract(sentence).agreements == [], sentence


def test_a_numbered_list_after_documents_signed_gives_one_agreement_per_item(extract):
    x = extract(
        "Mongolia and Japan sign documents\n\n"
        "Mongolian President Ukhnaagiin Khurelsukh and Japanese Prime Minister Fumio Kishida "
        "held talks, after which the sides signed three documents.\n\n"
        "Among them:\n"
        "1. An agreement on mutual visa exemption for holders of official passports;\n"
        "2. A memorandum of understanding on renewable energy;\n"
        "3. A protocol on the export of cashmere from Mongolia to Japan.\n\n"
        "The Mongolian Academy of Sciences and the Japan Society for the Promotion of Science "
        "agreed to hold a joint seminar."
    )
    items = [a for a in x.agreements if a.kind in ("Agreement", "MOU")]
    assert len(items) == 3
    for a in items:
        assert {"Mongolia", "Japan"} <= set(a.parties)
        assert not any("Academy" in p or "Society" in p for p in a.parties)


def test_a_minister_receiving_an_ambassador_is_a_meeting_of_the_two(extract):
    x = extract(
        "Minister of Foreign Affairs of Armenia Aram Sargsyan received Ambassador of Georgia "
        "Levan Kvernadze in Yerevan."
    )
    [meeting] = x.events
    assert meeting.kind == "Meeting"
    assert {"Aram Sargsyan", "Levan Kvernadze"} <= set(meeting.participants)


def test_a_country_receiving_money_is_no_meeting(extract):
    x = extract("Armenia received investments of $2 billion from Georgia last year.")
    assert x.events == []


def test_a_single_meeting_gathers_the_principals_named_in_other_sentences(extract):
    x = extract(
        "Armenia and Georgia held talks in Yerevan on Monday. "
        "Minister of Economy of Armenia Aram Sargsyan stressed the role of transit. "
        "Minister of Economy of Georgia Levan Kvernadze agreed."
    )
    [meeting] = x.events
    assert {"Aram Sargsyan", "Levan Kvernadze"} <= set(meeting.participants)
