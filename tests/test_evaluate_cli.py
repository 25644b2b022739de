import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cagraph.cli import evaluate as eval_cli
from cagraph.cli.main import app as main_app
from cagraph.errors import InputError
from cagraph.evaluate import ExtractFn, evaluate_dir, evaluate_dirs


@pytest.fixture()
def data(test_data: Path) -> Path:
    return test_data / "evaluate"


def _from_pred_files(pred_dir: Path) -> ExtractFn:
    def extract(text_path: Path) -> dict:
        return json.loads((pred_dir / f"{text_path.stem}.json").read_text(encoding="utf-8"))

    return extract


def _app(pred_dir: Path, models: list[str | None] | None = None) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test app."""

    def factory(model: str | None) -> ExtractFn:
        if models is not None:
            models.append(model)
        return _from_pred_files(pred_dir)

    eval_cli.register(app, extract_factory=factory)
    return app


def _invoke(data: Path, *args: str, models: list[str | None] | None = None):
    return CliRunner().invoke(_app(data / "pred", models), ["eval", *args])


def test_evaluate_dir_runs_extract_on_each_text_and_scores_it(data):
    seen: list[str] = []
    extract = _from_pred_files(data / "pred")

    def recording(path: Path) -> dict:
        seen.append(path.name)
        return extract(path)

    report = evaluate_dir(data / "set1", recording)
    assert seen == ["a01.txt"]
    [article] = report.articles
    s = article.scores
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (4, 2, 2)
    assert (s.person.tp, s.person.fp, s.person.fn) == (1, 1, 1)
    assert (s.place.tp, s.place.fn) == (1, 0)
    assert (s.agreements.tp, s.agreements.fp, s.agreements.fn) == (1, 1, 1)
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 0, 0)
    assert (s.ties.tp, s.ties.fp, s.ties.fn) == (1, 1, 0)


def test_several_gold_dirs_are_micro_averaged_together(data):
    report = evaluate_dirs([data / "set1", data / "set2"], _from_pred_files(data / "pred"))
    assert [a.id for a in report.articles] == ["a01", "a02"]
    t = report.totals
    assert (t.entities.tp, t.entities.fp, t.entities.fn) == (6, 2, 2)
    assert (t.place.tp, t.place.fn) == (1, 1)
    assert (t.agreements.tp, t.agreements.fp, t.agreements.fn) == (2, 1, 1)
    assert (t.events.tp, t.events.fp, t.events.fn) == (1, 0, 1)
    assert (t.ties.tp, t.ties.fp, t.ties.fn) == (2, 1, 0)


def test_eval_prints_a_table_with_scores_and_counts(data):
    result = _invoke(data, str(data / "set1"), str(data / "set2"))
    assert result.exit_code == 0, result.output
    rows = {line[:20].strip(): line[20:].split() for line in result.output.splitlines()}
    assert rows["entities (P+O+C)"] == ["0.750", "0.750", "0.750", "6", "2", "2"]
    assert rows["Place (recall only)"] == ["-", "0.500", "-", "1", "-", "1"]
    assert rows["ties"] == ["0.667", "1.000", "0.800", "2", "1", "0"]
    assert rows["events"][3:] == ["1", "0", "1"]
    assert "2 articles" in result.output


def test_eval_json_holds_totals_and_per_article_scores(data):
    result = _invoke(data, "--json", str(data / "set1"), str(data / "set2"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["totals"]["agreements"]["tp"] == 2
    assert report["totals"]["agreements"]["f1"] == pytest.approx(2 / 3)
    assert [a["id"] for a in report["articles"]] == ["a01", "a02"]
    assert report["articles"][1]["missed"]["events"] == [
        "Meeting: annual cooperation committee [European Union, Kyrgyzstan]"
    ]


def test_eval_verbose_lists_each_articles_misses_and_false_alarms(data):
    result = _invoke(data, "--verbose", str(data / "set1"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "== a01" in out
    assert "person       FN  Shavkat Mirziyoyev" in out
    assert "person       FP  Kassym\u2010Jomart  Tokayev" in out
    assert "organization FP  Astana Times" in out
    assert "ties         FP  KZ–RU" in out
    assert "Tashkent" not in out  # extra places are not false alarms


def test_eval_exits_1_naming_the_score_below_its_floor(data):
    result = _invoke(data, str(data / "set1"), "--min", "ties.f1=0.5", "--min", "entities.f1=0.9")
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("below floor")]
    assert failures == ["below floor: entities.f1 = 0.667 is below 0.9"]


def test_eval_exits_0_when_every_floor_is_met(data):
    result = _invoke(data, str(data / "set2"), "--min", "ties.f1=1", "--min", "place.recall=0")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("floor", ["ties=0.5", "ties.f2=0.5", "place.f1=0.1", "ties.f1=high"])
def test_eval_rejects_a_malformed_floor(data, floor):
    result = _invoke(data, str(data / "set1"), "--min", floor)
    assert isinstance(result.exception, InputError)
    assert "--min" in str(result.exception)


def test_eval_passes_the_model_name_to_the_extractor_factory(data):
    models: list[str | None] = []
    result = _invoke(data, "--model", "en_test", str(data / "set1"), models=models)
    assert result.exit_code == 0, result.output
    assert models == ["en_test"]


def test_eval_is_a_command_of_the_cagraph_app():
    result = CliRunner().invoke(main_app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "--min" in result.output


def _real_extractor_available() -> bool:
    try:
        from cagraph.ingest import read_article  # noqa: F401
        from cagraph.nlp import load_extractor  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.corpus
def test_gold_corpus_scored_against_itself_is_perfect(corpus_dir):
    from cagraph.evaluate import load_gold

    def gold_as_prediction(text_path: Path) -> dict:
        gold_path = text_path.with_name(f"{text_path.stem}.gold.json")
        return load_gold(gold_path).model_dump(mode="json")

    report = evaluate_dirs([corpus_dir / "seeds", corpus_dir / "dev"], gold_as_prediction)
    assert len(report.articles) == 20
    for category in ("entities", "agreements", "events", "ties"):
        assert report.totals.get(category).f1 == 1.0
    assert report.totals.place.recall == 1.0


@pytest.mark.corpus
def test_real_extractor_runs_on_the_shared_corpus(corpus_dir):
    if not _real_extractor_available():
        pytest.skip("cagraph.nlp.load_extractor / cagraph.ingest.read_article not written yet")
    result = CliRunner().invoke(
        main_app, ["eval", "--json", str(corpus_dir / "seeds"), str(corpus_dir / "dev")]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["articles"]) == 20
    assert report["totals"]["entities"]["tp"] > 0


def test_eval_no_model_asks_the_factory_for_the_rule_only_extractor(data):
    models: list[str | None] = []
    result = _invoke(data, "--no-model", str(data / "set1"), models=models)
    assert result.exit_code == 0, result.output
    assert models == ["none"]


def test_eval_compare_scores_both_modes_side_by_side(data):
    models: list[str | None] = []
    result = _invoke(data, "--compare", str(data / "set1"), models=models)
    assert result.exit_code == 0, result.output
    assert sorted(models, key=str) == sorted([None, "none"], key=str)
    assert "rules only" in result.output and "hybrid" in result.output
    assert "change" in result.output
    row = next(line for line in result.output.splitlines() if line.startswith("  Person"))
    assert row.count("|") == 3  # two runs and the change


def test_eval_compare_as_json_has_both_reports(data):
    result = _invoke(data, "--compare", "--json", str(data / "set1"))
    assert result.exit_code == 0, result.output
    both = json.loads(result.output)
    assert set(both) == {"rules", "hybrid"}
    assert both["rules"]["totals"]["entities"]["tp"] == 4


def test_eval_refuses_model_and_no_model_together(data):
    result = _invoke(data, "--no-model", "--model", "x", str(data / "set1"))
    assert result.exit_code != 0
