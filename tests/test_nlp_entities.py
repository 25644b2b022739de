"""The extractor finds persons with offices, institutions with their country, and countries."""

from __future__ import annotations

from cagraph.records import ArticleExtraction, Entity


def _entity(x: ArticleExtraction, etype: str, name: str) -> Entity:
    for e in x.entities:
        if e.type == etype and (e.name == name or name in e.aliases):
            return e
    found = [(e.type, e.name) for e in x.entities]
    raise AssertionError(f"no {etype} {name!r} in {found}")


def _names(x: ArticleExtraction, etype: str) -> set[str]:
    return {e.name for e in x.entities if e.type == etype}


def test_title_before_name_gives_person_with_office_and_country(extract):
    x = extract("President of Uzbekistan Shavkat Mirziyoyev received the delegation in Tashkent.")
    person = _entity(x, "Person", "Shavkat Mirziyoyev")
    assert any(r.title == "President" and r.of_iso == "UZ" for r in person.roles)
    assert person.country == "UZ"


def test_demonym_and_title_give_the_office_holders_country(extract):
    x = extract("Tajik Ambassador Davlatsho Gulmahmadzoda spoke at the opening of the exhibition.")
    person = _entity(x, "Person", "Davlatsho Gulmahmadzoda")
    assert person.country == "TJ"
    assert any(r.title == "Ambassador" for r in person.roles)


def test_apposition_with_lower_case_title_gives_office(extract):
    x = extract(
        "“We will open two more centres,” said Kim Soo-hyun, executive director of the "
        "council's secretariat, on Monday."
    )
    person = _entity(x, "Person", "Kim Soo-hyun")
    assert any(r.title.lower() == "executive director" for r in person.roles)


def test_later_surname_mention_is_the_same_person(extract):
    x = extract(
        "Professor Aigerim Zhunusova, Rector of the Eurasian Institute of Design, opened the "
        "session. Later, Zhunusova thanked the guests."
    )
    people = [e for e in x.entities if e.type == "Person"]
    assert len(people) == 1
    assert people[0].name == "Aigerim Zhunusova"
    assert "Zhunusova" in people[0].aliases


def test_known_leader_written_another_way_is_one_person(extract):
    x = extract("Qasym-Zhomart Toqaev met the delegation on Monday. Tokayev later flew to Almaty.")
    people = [e for e in x.entities if e.type == "Person"]
    assert len(people) == 1


def test_institution_with_of_country_belongs_to_that_country(extract):
    x = extract("The Ministry of Agriculture of Mongolia hosted the working group.")
    org = _entity(x, "Organization", "Ministry of Agriculture of Mongolia")
    assert org.country == "MN"


def test_institution_name_with_and_and_named_after_is_one_name(extract):
    x = extract(
        "Students of the National Conservatory of Music and Drama of Kyrgyzstan visited the "
        "Kazakh National Academy of Choreography named after Bulat Ayukhanov last week."
    )
    names = _names(x, "Organization")
    assert "National Conservatory of Music and Drama of Kyrgyzstan" in names
    assert "Kazakh National Academy of Choreography named after Bulat Ayukhanov" in names


def test_possessive_country_gives_institution_its_country(extract):
    x = extract("Turkmenistan’s Agency for Transport and Communications published the schedule.")
    org = _entity(x, "Organization", "Agency for Transport and Communications")
    assert org.country == "TM"


def test_two_institutions_joined_by_and_the_are_two(extract):
    x = extract(
        "The deal was reached by the Ministry of Finance of Kyrgyzstan and the State Bank of "
        "Pakistan on Tuesday."
    )
    names = _names(x, "Organization")
    assert "Ministry of Finance of Kyrgyzstan" in names
    assert "State Bank of Pakistan" in names


def test_countries_from_names_and_demonyms(extract):
    x = extract("Uzbek and Japanese engineers will work with experts from the Republic of Korea.")
    isos = {e.iso for e in x.entities if e.type == "Country"}
    assert {"UZ", "JP", "KR"} <= isos


def test_the_european_union_is_an_organization_with_iso_eu(extract):
    x = extract("The European Union (EU) opened a new office in Bishkek.")
    eu = _entity(x, "Organization", "European Union")
    assert eu.iso == "EU"
    assert "EU" in eu.aliases


def test_capitals_standing_for_governments_are_countries(extract):
    x = extract("Astana and Tashkent agreed to simplify border crossings.")
    isos = {e.iso for e in x.entities if e.type == "Country"}
    assert {"KZ", "UZ"} <= isos


def test_news_agency_credit_is_an_organization_but_not_a_party(extract):
    x = extract("Kazakhstan and Azerbaijan signed a memorandum on logistics, Kazinform reports.")
    assert "Kazinform" in _names(x, "Organization") | {a for e in x.entities for a in e.aliases}
    assert x.agreements and all("Kazinform" not in a.parties for a in x.agreements)


def test_every_entity_has_evidence_with_offsets_into_the_text(extract_article):
    article, x = extract_article(
        "Kyrgyz President Sadyr Japarov met Chinese leader Xi Jinping in Beijing."
    )
    for e in x.entities:
        assert e.evidence, e.name
        ev = e.evidence[0]
        assert article.text[ev.start : ev.end] == ev.sentence
        assert ev.component.startswith("cagraph.")
        assert 0.0 < ev.confidence <= 1.0


def test_acronym_in_brackets_is_the_same_organisation(extract):
    x = extract("Kazakhstan's National Space Agency (KazSpace) signed a memorandum with Hungary.")
    orgs = [e for e in x.entities if e.type == "Organization"]
    assert [(o.name, o.aliases) for o in orgs] == [("National Space Agency", ["KazSpace"])]


def test_capitalised_heading_with_a_head_word_first_is_not_an_organisation(extract):
    x = extract("The chapter Government Priorities and Reforms lists the new laws of Tajikistan.")
    assert _names(x, "Organization") == set()


def test_short_form_of_a_body_is_an_alias_of_its_full_name(extract):
    x = extract(
        "The Cabinet of Ministers of Kyrgyzstan approved the plan on Monday. "
        "The Cabinet of Ministers will report on it in May."
    )
    orgs = [e for e in x.entities if e.type == "Organization"]
    assert [o.name for o in orgs] == ["Cabinet of Ministers of Kyrgyzstan"]
    assert "Cabinet of Ministers" in orgs[0].aliases


def test_quoted_project_title_is_not_an_organisation(extract):
    x = extract(
        "Kyrgyzstan and China exchanged letters on the project “Construction of the Water "
        "Supply Service Unit of Naryn Region”."
    )
    assert not any("Unit" in n for n in _names(x, "Organization"))


def test_acronym_and_a_name_are_two_organisations(extract):
    x = extract(
        "The University of Bremen (UoB) signed a memorandum with Osh State University. "
        "UoB and Osh State University will exchange students."
    )
    assert "UoB and Osh State University" not in _names(x, "Organization")
    assert {"University of Bremen", "Osh State University"} <= _names(x, "Organization")


def test_first_name_and_patronymic_address_is_the_same_person(extract):
    x = extract(
        "President of Kyrgyzstan Sadyr Japarov arrived in Astana. “I thank Sadyr "
        "Nurgozhoyevich for his visit,” Tokayev said."
    )
    names = {e.name for e in x.entities if e.type == "Person"}
    assert "Sadyr Nurgozhoyevich" not in names
    japarov = _entity(x, "Person", "Sadyr Japarov")
    assert "Sadyr Nurgozhoyevich" in japarov.aliases


def test_an_occupation_before_a_name_marks_a_person(extract):
    x = extract("Uzbek painter Akmal Nuridinov opened an exhibition in Bukhara.")
    person = _entity(x, "Person", "Akmal Nuridinov")
    assert person.country == "UZ"


def test_an_office_after_the_name_in_the_same_run_is_that_persons_office(extract):
    x = extract(
        "The memorandum was signed by Dr Kanybek Asanaliev Vice-Rector of the Kyrgyz National "
        "Agrarian University."
    )
    person = _entity(x, "Person", "Kanybek Asanaliev")
    assert any(r.of == "Kyrgyz National Agrarian University" for r in person.roles)


def test_capitalised_acronym_before_a_head_word_is_part_of_the_name(extract):
    x = extract(
        "Graduates of Bishkek IT College joined the ICT Development Fund, and IT Hub "
        "residents doubled their exports. It Park was not mentioned."
    )
    names = _names(x, "Organization")
    assert "Bishkek IT College" in names
    assert "ICT Development Fund" in names
    assert "IT Hub" in names
    assert not any(n.startswith("It ") for n in names)


def test_acronym_without_a_head_word_after_it_stays_out_of_names(extract):
    x = extract("Kazakhstan expanded IT education and AI Research in Almaty.")
    names = _names(x, "Organization")
    assert not any("IT" in n.split() or "AI" in n.split() for n in names)


def test_kind_of_organisation_before_an_unknown_name_marks_an_organisation(extract):
    x = extract(
        "The contract went to Korean construction firm Dongsan, while the newspaper "
        "Vecherny Osh and the publishing house “Kitob Dunyosi” covered the ceremony."
    )
    names = _names(x, "Organization")
    assert {"Dongsan", "Vecherny Osh", "Kitob Dunyosi"} <= names
    assert _entity(x, "Organization", "Dongsan").country == "KR"


def test_upper_case_descriptor_or_person_cue_is_not_an_organisation_cue(extract):
    x = extract("Company founder Aibek Sultanov said the firm would expand.")
    assert "Aibek Sultanov" not in _names(x, "Organization")


def test_domain_list_in_a_ministry_name_ends_before_the_next_institution(extract):
    x = extract(
        "Officials of the Ministry of Culture, Sport and Tourism and Department of Archives "
        "of Kyrgyzstan met in Osh."
    )
    names = _names(x, "Organization")
    assert "Ministry of Culture, Sport and Tourism" in names
    assert not any(
        n.startswith("Ministry of Culture, Sport") and n.endswith("Kyrgyzstan") for n in names
    )


def test_company_suffixes_with_or_without_full_stop_make_organisations(extract):
    x = extract(
        "Aral Salt Corp. will supply Tengri Logistics LLP, and Karaganda Cement OJSC "
        "signed a contract with Steppe Foods Inc. yesterday."
    )
    names = _names(x, "Organization")
    assert {
        "Aral Salt Corp.",
        "Tengri Logistics LLP",
        "Karaganda Cement OJSC",
        "Steppe Foods Inc.",
    } <= names


def test_a_verb_or_an_occupation_before_a_name_is_not_an_organisation_cue(extract):
    x = extract(
        "The city is holding Nauryz celebrations in Almaty. Software developer Aibek "
        "Nurlanov and the firm's lawyer Dana Sultanova joined the delegation."
    )
    names = _names(x, "Organization")
    assert not {"Nauryz", "Aibek Nurlanov", "Dana Sultanova"} & names
    assert "Aibek Nurlanov" in _names(x, "Person")


def test_two_people_with_offices_joined_by_and_are_two_people(extract):
    x = extract(
        "Talks were held in the capital.\n\n"
        "The memorandum was signed by Turkmen Deputy Prime Minister Batyr Amanov and "
        "Azerbaijani Energy Minister Parviz Shahbazov. Deputy Minister Aliya Serikova and "
        "Trade Minister Omar Faizi attended."
    )
    people = _names(x, "Person")
    assert {"Batyr Amanov", "Parviz Shahbazov", "Aliya Serikova", "Omar Faizi"} <= people
    assert any(r.of == "Azerbaijan" for r in _entity(x, "Person", "Parviz Shahbazov").roles)
    assert any(r.of == "Turkmenistan" for r in _entity(x, "Person", "Batyr Amanov").roles)


def test_a_known_organisation_and_the_next_one_are_two_organisations(extract):
    x = extract(
        "Talks were held in the capital.\n\n"
        "Representatives of the Asian Development Bank and the Kazakh Railway Institute met."
    )
    names = _names(x, "Organization")
    assert "Kazakh Railway Institute" in names
    assert not any(" and the " in n for n in names)


def test_a_known_leader_after_a_bare_title_gets_the_country_of_the_reference_data(extract):
    x = extract("Talks were held.\n\nPresident Kassym-Jomart Tokayev chaired the meeting.")
    tokayev = _entity(x, "Person", "Kassym-Jomart Tokayev")
    assert tokayev.country == "KZ"
    assert [(r.title, r.of) for r in tokayev.roles] == [("President", "Kazakhstan")]


def test_a_prose_sentence_full_of_names_is_not_read_as_a_title_case_headline(extract):
    x = extract(
        "Talks were held.\n\n"
        "Taalaibek Ibraev, Minister of Energy of Kyrgyzstan, met Uzbek Deputy Minister "
        "Jurabek Mirzamahmudov."
    )
    people = _names(x, "Person")
    assert {"Taalaibek Ibraev", "Jurabek Mirzamahmudov"} <= people
    assert _entity(x, "Person", "Jurabek Mirzamahmudov").country == "UZ"


def test_a_counterpart_holds_the_same_office_in_the_country_the_demonym_names(extract):
    x = extract(
        "Talks were held.\n\n"
        "Kyrgyz Energy Minister Taalaibek Ibraev and his Uzbek counterpart Jurabek "
        "Mirzamahmudov signed the agreement. The minister later met his Tajik counterpart "
        "Daler Juma."
    )
    uzbek = _entity(x, "Person", "Jurabek Mirzamahmudov")
    assert uzbek.country == "UZ"
    assert [(r.title, r.of) for r in uzbek.roles] == [("Minister of Energy", "Uzbekistan")]
    assert _entity(x, "Person", "Daler Juma").country == "TJ"


def test_a_domain_list_with_several_commas_stays_in_the_ministry_name(extract):
    x = extract(
        "The Ministry of Water, Forests, Hunting and Fisheries of Mongolia met the delegation."
    )
    assert "Ministry of Water, Forests, Hunting and Fisheries of Mongolia" in _names(
        x, "Organization"
    )


def test_a_serial_comma_before_the_last_domain_stays_in_the_name(extract):
    x = extract("The Ministry of Roads, Bridges, and Tunnels of Armenia opened a tender.")
    assert "Ministry of Roads, Bridges, and Tunnels of Armenia" in _names(x, "Organization")


def test_a_legal_form_after_a_comma_is_part_of_the_company_name(extract):
    x = extract("The deal went to Hokuto Seimitsu Co., Ltd. and Danube Pumps GmbH last week.")
    names = _names(x, "Organization")
    assert "Hokuto Seimitsu Co., Ltd." in names
    assert "Danube Pumps GmbH" in names
    assert "Hokuto Seimitsu Co." not in names


def test_a_body_a_name_says_it_belongs_to_is_an_organisation_too(extract):
    x = extract(
        "The Laboratory of Soil Studies of the Institute of Botany of the Academy of "
        "Sciences of Armenia hosted the seminar."
    )
    names = _names(x, "Organization")
    assert {
        "Laboratory of Soil Studies of the Institute of Botany of the Academy of Sciences of "
        "Armenia",
        "Institute of Botany of the Academy of Sciences of Armenia",
        "Academy of Sciences of Armenia",
    } <= names


def test_a_body_under_the_government_belongs_to_the_state_not_to_a_listed_government(extract):
    x = extract("The Water Agency under the Government of Georgia signed a memorandum.")
    names = _names(x, "Organization")
    assert "Water Agency under the Government of Georgia" in names
    assert "Government of Georgia" not in names


def test_a_domain_after_of_is_no_parent_body(extract):
    x = extract("The Academy of Public Administration of Georgia trained the staff.")
    assert _names(x, "Organization") == {"Academy of Public Administration of Georgia"}


def test_a_media_holding_before_an_unknown_name_marks_an_organisation(extract):
    x = extract("The regional media holding Dala Aqparat signed a deal with the agency.")
    assert "Dala Aqparat" in _names(x, "Organization")
    assert "Dala Aqparat" not in _names(x, "Person")
