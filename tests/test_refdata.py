"""Reference data: completeness of data/, validation errors of the loader, and the lookups."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pycountry
import pytest

from cagraph.errors import ReferenceDataError
from cagraph.refdata import (
    ReferenceData,
    build_index,
    clear_cache,
    get_index,
    load_reference,
    lookup_country,
    lookup_leader,
    lookup_organization,
    lookup_place,
    lookup_region,
    lookup_title,
    normalize,
    read_reference,
)
from cagraph.refdata.load import FILES

BAD = Path(__file__).parent / "data" / "refdata"


@pytest.fixture(scope="module")
def data_dir(repo_root: Path) -> Path:
    return repo_root / "data"


@pytest.fixture(scope="module")
def ref(data_dir: Path) -> ReferenceData:
    return load_reference(data_dir)


@pytest.fixture
def copy_of_data(data_dir: Path, tmp_path: Path) -> Path:
    """A private copy of data/ a test may break."""
    for name in FILES.values():
        shutil.copy(data_dir / name, tmp_path / name)
    return tmp_path


# --- completeness and consistency of data/ ------------------------------------------------------


def test_every_iso_3166_country_is_present_with_iso3_from_pycountry(ref: ReferenceData) -> None:
    by_iso = {c.iso2: c for c in ref.countries}
    for pc in pycountry.countries:
        assert pc.alpha_2 in by_iso, pc.name
        assert by_iso[pc.alpha_2].iso3 == pc.alpha_3
    assert len(ref.countries) == len(pycountry.countries) + 1  # + the European Union


def test_european_union_is_a_state_level_actor_without_iso3(ref: ReferenceData) -> None:
    eu = ref.country("EU")
    assert (eu.name, eu.iso3, eu.qid, eu.state_level) == ("European Union", None, "Q458", True)
    assert "European" in eu.demonyms


def test_lookups_by_iso2_iso3_and_name_agree_for_every_country(data_dir: Path) -> None:
    for pc in pycountry.countries:
        by_alpha2 = lookup_country(pc.alpha_2, data_dir)
        assert by_alpha2 is not None and by_alpha2.iso2 == pc.alpha_2
        assert lookup_country(pc.alpha_3, data_dir) is by_alpha2
        assert lookup_country(pc.name, data_dir) is by_alpha2
        assert lookup_country(by_alpha2.name, data_dir) is by_alpha2


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("kz", "KZ"),
        ("KAZ", "KZ"),
        ("kazakhstan", "KZ"),
        ("Kazakh", "KZ"),
        ("Kazakstan", "KZ"),
        ("Kyrgyz Republic", "KG"),
        ("Kirghiz", "KG"),
        ("Turkiye", "TR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("U.S.", "US"),
        ("the United States", "US"),
        ("Republic of Korea", "KR"),
        ("Korean", "KR"),
        ("North Korean", "KP"),
        ("Russian Federation", "RU"),
        ("The Gambia", "GM"),
        ("Côte d’Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("eu", "EU"),
    ],
)
def test_country_lookup_ignores_case_accents_dots_and_the(
    data_dir: Path, text: str, iso2: str
) -> None:
    found = lookup_country(text, data_dir)
    assert found is not None and found.iso2 == iso2


def test_unknown_country_name_finds_nothing(data_dir: Path) -> None:
    assert lookup_country("Atlantis", data_dir) is None


def test_no_name_or_demonym_names_two_countries(ref: ReferenceData) -> None:
    owner: dict[str, str] = {}
    for c in ref.countries:
        forms = [c.iso2, c.iso3, c.name, c.official_name, *c.names, *c.demonyms]
        for form in filter(None, forms):
            assert owner.setdefault(normalize(form), c.iso2) == c.iso2, (form, c.iso2)


def test_no_organisation_name_is_also_a_country_name(ref: ReferenceData) -> None:
    country_names = {
        normalize(f)
        for c in ref.countries
        for f in (c.name, c.official_name, *c.names, *c.demonyms)
        if f
    }
    for org in ref.organizations:
        for form in (org.name, *org.acronyms, *org.aliases):
            assert normalize(form) not in country_names, (org.id, form)


def test_state_level_countries_have_a_wikidata_id_region_and_name(ref: ReferenceData) -> None:
    for c in ref.countries:
        if c.state_level:
            assert c.qid and c.region and c.name, c.iso2


def test_every_file_holds_one_sorted_json_record_per_line(data_dir: Path) -> None:
    sort_keys = {
        "countries": lambda r: r["iso2"],
        "organizations": lambda r: r["id"],
        "places": lambda r: (r.get("country", ""), r.get("kind", "city"), r["name"].casefold()),
        "titles": lambda r: r["title"].casefold(),
        "leaders": lambda r: r["name"].casefold(),
        "regions": lambda r: r["name"].casefold(),
    }
    for kind, name in FILES.items():
        lines = (data_dir / name).read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        assert all(isinstance(r, dict) for r in records), name
        keys = [sort_keys[kind](r) for r in records]
        assert keys == sorted(keys), f"{name} is not sorted"


def test_leader_terms_are_chronological_with_the_current_office_last(ref: ReferenceData) -> None:
    for leader in ref.leaders:
        starts = [t.start or "" for t in leader.terms]
        assert starts == sorted(starts), leader.name
    last = lookup_leader("Tokayev")[0].terms[-1]
    assert (last.office, last.country, last.start) == ("President", "KZ", "2019-03-20")
    assert last.end is None


def test_offices_held_in_an_organisation_name_it_instead_of_a_country(ref: ReferenceData) -> None:
    guterres = next(p for p in ref.leaders if p.name == "António Guterres")
    last = guterres.terms[-1]
    assert (last.office, last.country, last.organization) == ("Secretary-General", "", "un")


# --- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tokaev", "Kassym-Jomart Tokayev"),
        ("Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev"),
        ("Mirziyoev", "Shavkat Mirziyoyev"),
        ("Rakhmon", "Emomali Rahmon"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Antonio Guterres", "António Guterres"),
        ("Khurelsukh", "Ukhnaagiin Khürelsükh"),
    ],
)
def test_leader_lookup_finds_transliteration_variants(data_dir: Path, text: str, name: str) -> None:
    assert [p.name for p in lookup_leader(text, data_dir)] == [name]


def test_shared_surnames_return_every_leader_who_bears_them(data_dir: Path) -> None:
    names = {p.name for p in lookup_leader("Berdymukhamedov", data_dir)}
    assert names == {"Gurbanguly Berdimuhamedov", "Serdar Berdimuhamedov"}
    assert {p.name for p in lookup_leader("Zhaparov", data_dir)} == {
        "Sadyr Japarov",
        "Akylbek Japarov",
    }


@pytest.mark.parametrize(
    ("text", "org_id"),
    [
        ("SCO", "sco"),
        ("Shanghai Cooperation Organization", "sco"),
        ("EAEU", "eaeu"),
        ("EEU", "eaeu"),
        ("Organisation of Turkic States", "ots"),
        ("UNRCCA", "unrcca"),
        ("Qazinform", "kazinform"),
        ("24.kg", "24-kg"),
        ("Samruk-Kazyna", "samruk-kazyna"),
    ],
)
def test_organisation_lookup_by_name_acronym_and_alias(
    data_dir: Path, text: str, org_id: str
) -> None:
    found = lookup_organization(text, data_dir)
    assert found is not None and found.id == org_id


def test_media_and_companies_carry_their_country(data_dir: Path) -> None:
    for text, iso2, kind in [
        ("Kazinform", "KZ", "media"),
        ("Xinhua", "CN", "media"),
        ("Trend", "AZ", "media"),
        ("KazMunayGas", "KZ", "company"),
        ("ACWA Power", "SA", "company"),
    ]:
        org = lookup_organization(text, data_dir)
        assert org is not None and (org.country, org.kind) == (iso2, kind), text


def test_place_lookup_covers_capitals_and_their_former_names(data_dir: Path) -> None:
    (astana,) = lookup_place("Nur-Sultan", data_dir)
    assert (astana.name, astana.country) == ("Astana", "KZ")
    (samarkand,) = lookup_place("Samarqand", data_dir)
    assert (samarkand.name, samarkand.country, samarkand.kind) == ("Samarkand", "UZ", "city")
    assert lookup_place("the Kremlin", data_dir)[0].kind == "venue"


def test_titles_and_regional_formats_resolve_their_variants(data_dir: Path) -> None:
    title = lookup_title("Foreign Minister", data_dir)
    assert title is not None and title.title == "Minister of Foreign Affairs"
    region = lookup_region("C5 countries", data_dir)
    assert region is not None and set(region.members) == {"KZ", "KG", "TJ", "TM", "UZ"}


# --- loader errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "target", "line", "expected"),
    [
        ("organizations_bad_json.jsonl", "organizations.jsonl", 2, "not valid JSON"),
        ("organizations_duplicate_acronym.jsonl", "organizations.jsonl", 2, "field 'acronyms'"),
        ("places_missing_name.jsonl", "places.jsonl", 3, "field 'name': missing"),
        ("places_unknown_country.jsonl", "places.jsonl", 2, "field 'country'"),
        ("titles_rank_not_integer.jsonl", "titles.jsonl", 1, "field 'rank'"),
        ("titles_unknown_field.jsonl", "titles.jsonl", 2, "field 'varients': unknown field"),
        ("leaders_unknown_office.jsonl", "leaders.jsonl", 1, "field 'office'"),
        ("leaders_end_before_start.jsonl", "leaders.jsonl", 1, "field 'end'"),
        ("leaders_bad_date.jsonl", "leaders.jsonl", 1, "field 'start'"),
        ("regions_duplicate_name.jsonl", "regions.jsonl", 2, "field 'name'"),
    ],
)
def test_bad_line_is_reported_with_file_line_and_field(
    copy_of_data: Path, fixture: str, target: str, line: int, expected: str
) -> None:
    shutil.copy(BAD / fixture, copy_of_data / target)
    with pytest.raises(ReferenceDataError) as err:
        read_reference(copy_of_data)
    assert f"{copy_of_data / target}:{line}" in str(err.value)
    assert expected in str(err.value)
    assert err.value.hint


def test_a_demonym_claimed_by_two_countries_is_refused(copy_of_data: Path) -> None:
    path = copy_of_data / "countries.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = {json.loads(raw)["iso2"]: i for i, raw in enumerate(lines, 1)}
    record = json.loads(lines[number["KG"] - 1])
    record["demonyms"].append("Kazakh")
    lines[number["KG"] - 1] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="field 'demonyms': 'Kazakh' already names") as err:
        read_reference(copy_of_data)
    first, second = sorted((number["KG"], number["KZ"]))
    assert str(err.value).startswith(f"{path}:{second}:")
    assert f"{path}:{first}" in str(err.value)


@pytest.mark.parametrize("code", ["kz", "XX", "KAZ"])
def test_a_country_line_with_a_code_outside_iso_3166_is_refused(
    copy_of_data: Path, code: str
) -> None:
    path = copy_of_data / "countries.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, raw in enumerate(lines, 1) if json.loads(raw)["iso2"] == "KZ")
    lines[number - 1] = lines[number - 1].replace('"iso2": "KZ"', f'"iso2": "{code}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="field 'iso2'") as err:
        read_reference(copy_of_data)
    assert str(err.value).startswith(f"{path}:{number}:")


def test_a_missing_iso_country_is_reported(copy_of_data: Path) -> None:
    path = copy_of_data / "countries.jsonl"
    kept = [r for r in path.read_text(encoding="utf-8").splitlines() if '"iso2": "TJ"' not in r]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="missing: TJ"):
        read_reference(copy_of_data)


def test_a_missing_file_is_named(copy_of_data: Path) -> None:
    (copy_of_data / "titles.jsonl").unlink()
    with pytest.raises(ReferenceDataError) as err:
        read_reference(copy_of_data)
    expected = f"{copy_of_data / 'titles.jsonl'}: reference data file is missing"
    assert str(err.value).startswith(expected)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="folder does not exist"):
        load_reference(tmp_path / "nowhere")


# --- caching and speed ---------------------------------------------------------------------------


def test_loading_is_cached_per_folder(data_dir: Path, copy_of_data: Path) -> None:
    first = load_reference(data_dir)
    assert load_reference(data_dir) is first
    assert get_index(data_dir) is get_index(data_dir)
    other = load_reference(copy_of_data)
    assert other is not first and other == first


def test_loading_and_indexing_everything_takes_under_0_3_seconds(data_dir: Path) -> None:
    timings = []
    for _ in range(3):
        clear_cache()
        start = time.perf_counter()
        build_index(load_reference(data_dir))
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.3, timings
