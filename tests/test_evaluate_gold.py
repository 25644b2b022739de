import json
from pathlib import Path

import pytest

from cagraph.errors import InputError
from cagraph.evaluate import evaluate_dir, gold_pairs, load_gold


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _valid() -> dict:
    return {
        "id": "x1",
        "published": None,
        "entities": [{"type": "Country", "name": "Kazakhstan", "iso": "KZ", "aliases": []}],
        "agreements": [],
        "events": [],
        "ties": [],
    }


def test_load_gold_reads_a_valid_file(test_data):
    gold = load_gold(test_data / "evaluate" / "set1" / "a01.gold.json")
    assert gold.id == "a01"
    assert [e.name for e in gold.entities if e.type == "Person"] == [
        "Kassym-Jomart Tokayev",
        "Shavkat Mirziyoyev",
    ]
    assert gold.ties == [("KZ", "UZ")]


def test_gold_that_is_not_json_is_an_input_error_naming_the_file(tmp_path):
    path = _write(tmp_path, "x1.gold.json", "{not json")
    with pytest.raises(InputError, match="not valid JSON") as info:
        load_gold(path)
    assert str(path) in str(info.value)


def test_gold_with_unknown_entity_type_names_the_field(tmp_path):
    data = _valid()
    data["entities"][0]["type"] = "Nation"
    path = _write(tmp_path, "x1.gold.json", data)
    with pytest.raises(InputError, match=r"entities\.0\.type") as info:
        load_gold(path)
    assert str(path) in str(info.value)
    assert "FORMAT.md" in str(info.value)


def test_gold_agreement_without_parties_field_is_rejected(tmp_path):
    data = _valid()
    data["agreements"] = [{"kind": "MOU", "name": "memo", "countries": []}]
    with pytest.raises(InputError, match=r"agreements\.0\.parties"):
        load_gold(_write(tmp_path, "x1.gold.json", data))


def test_gold_with_misspelt_field_is_rejected(tmp_path):
    data = _valid()
    data["tie"] = []
    with pytest.raises(InputError, match="tie"):
        load_gold(_write(tmp_path, "x1.gold.json", data))


def test_gold_tie_must_be_a_pair(tmp_path):
    data = _valid()
    data["ties"] = [["KZ", "UZ", "KG"]]
    with pytest.raises(InputError, match=r"ties\.0"):
        load_gold(_write(tmp_path, "x1.gold.json", data))


def test_gold_id_must_match_its_file_name(tmp_path):
    with pytest.raises(InputError, match="does not match the file name"):
        load_gold(_write(tmp_path, "other.gold.json", _valid()))


def test_gold_file_without_text_beside_it_is_reported(tmp_path):
    _write(tmp_path, "x1.gold.json", _valid())
    with pytest.raises(InputError, match=r"no article text x1\.txt"):
        gold_pairs(tmp_path)


def test_folder_without_gold_files_is_reported(tmp_path):
    _write(tmp_path, "x1.txt", "Some text.")
    with pytest.raises(InputError, match=r"no \*\.gold\.json files"):
        gold_pairs(tmp_path)


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        gold_pairs(tmp_path / "absent")


def test_malformed_gold_stops_the_run_before_any_extraction(tmp_path):
    _write(tmp_path, "x1.txt", "Kazakhstan.")
    _write(tmp_path, "x1.gold.json", _valid())
    _write(tmp_path, "x2.txt", "Kazakhstan.")
    _write(tmp_path, "x2.gold.json", "[]")
    calls: list[Path] = []

    def extract(path: Path) -> dict:
        calls.append(path)
        return {}

    with pytest.raises(InputError, match=r"x2\.gold\.json"):
        evaluate_dir(tmp_path, extract)
    assert calls == []
