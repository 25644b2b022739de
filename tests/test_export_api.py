"""``GET /export/{graph}.{ext}`` and the explorer's endpoints on the running service (uvicorn,
the real app factory) over a copy of the seeds + dev store."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_api_support import LiveServer, problem, settings_for
from test_graph_support import conformance_dir, corpus_folder

from cagraph.graph.export import export_graph
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import FORMATS, ExportFormat
from cagraph.graph.validate import validate_xml
from cagraph.nlp import Extractor
from cagraph.store import open_store

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def folder(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Path:
    return corpus_folder(tmp_path_factory, corpus_dir, extractor)


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[httpx.Client]:
    with LiveServer(settings_for(folder)) as server, server.client() as client:
        yield client


def library_export(folder: Path, graph: str, ext: str, flt: ExportFilter | None = None) -> bytes:
    out = io.BytesIO()
    with open_store(folder, read_only=True) as store:
        export_graph(store, graph, ext, out, flt)
    return out.getvalue()


def test_the_service_lists_its_graphs_and_formats(client: httpx.Client) -> None:
    listing = client.get("/export").json()
    assert listing["graphs"] == ["ties", "full"]
    assert [f["ext"] for f in listing["formats"]] == [f.ext for f in FORMATS]


@pytest.mark.parametrize("graph", ["ties", "full"])
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.ext)
def test_every_graph_comes_in_every_format_with_its_media_type(
    client: httpx.Client, graph: str, fmt: ExportFormat
) -> None:
    ext = fmt.ext
    response = client.get(f"/export/{graph}.{ext}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type.split(";")[0]
    assert f'filename="cagraph-{graph}.{ext}"' in response.headers["content-disposition"]
    assert len(response.content) > 200
    if ext in ("gexf", "graphml"):
        verdict = validate_xml(response.content, conformance_dir=conformance_dir())
        assert verdict.valid, verdict.errors


def test_query_filters_give_what_the_library_gives_for_the_same_filter(
    client: httpx.Client, folder: Path
) -> None:
    params = {"since": "2022", "kind": ["agreement", "Summit"], "countries": "KZ,UZ"}
    response = client.get("/export/full.cyjs", params=params)
    assert response.status_code == 200
    flt = ExportFilter.parse(since="2022", kinds=["agreement", "Summit"], countries="KZ,UZ")
    assert response.content == library_export(folder, "full", "cyjs", flt)
    unfiltered = json.loads(client.get("/export/full.cyjs").content)
    kept = json.loads(response.content)
    assert 0 < len(kept["elements"]["nodes"]) < len(unfiltered["elements"]["nodes"])
    assert kept["data"]["filter"] == flt.describe()


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/export/ties.pdf", 404, "unknown export format"),
        ("/export/everything.gexf", 404, "no graph"),
        ("/export/ties", 404, "no format"),
        ("/export/ties.gexf?kind=pact", 400, "unknown kind 'pact'"),
        ("/export/ties.gexf?since=2025&until=2024", 400, "is after until"),
        ("/export/ties.gexf?countries=Kazakhstan", 400, "not ISO 3166-1 alpha-2"),
        ("/explorer/countries/XX", 404, "names no country XX"),
        ("/explorer/vendor/jquery.js", 404, "no explorer library"),
        ("/explorer/static/..%2Fpages.py", 404, ""),
    ],
)
def test_bad_requests_get_a_problem_document(
    client: httpx.Client, path: str, status: int, words: str
) -> None:
    body = problem(client.get(path), status)
    assert words in body["detail"]


def test_the_explorer_page_and_its_libraries_are_served_from_the_service(
    client: httpx.Client,
) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/explorer/vendor/cytoscape.min.js" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "")  # nothing from elsewhere
    for path in ("/explorer/vendor/cytoscape.min.js", "/explorer/static/explorer.js"):
        script = client.get(path)
        assert script.status_code == 200
        assert script.headers["content-type"].startswith("text/javascript")
    assert "cytoscape" in client.get("/explorer/vendor/cytoscape.min.js").text[:2000].lower()
    editor = client.get("/explorer/sparql")
    assert "/explorer/vendor/yasgui.min.js" in editor.text
    assert client.get("/explorer/vendor/yasgui.min.css").status_code == 200
    prefixes = client.get("/explorer/prefixes.json").json()
    assert prefixes["cag"] == "https://w3id.org/cagraph/ontology#"


def test_a_country_panel_lists_partners_and_acts_with_evidence_and_articles(
    client: httpx.Client,
) -> None:
    panel = client.get("/explorer/countries/kz").json()
    assert (panel["iso"], panel["label"], panel["region"]) == ("KZ", "Kazakhstan", "Central Asia")
    ties = json.loads(client.get("/export/ties.cyjs", params={"countries": "KZ"}).content)
    assert len(panel["partners"]) == len(ties["elements"]["edges"])
    weights = [p["agreements"] + p["events"] for p in panel["partners"]]
    assert weights == sorted(weights, reverse=True)
    assert panel["acts"] and all("KZ" in act["countries"] for act in panel["acts"])
    evidence = [e for act in panel["acts"] for e in act["evidence"]]
    assert evidence and all(e["article_id"] for e in evidence)
    assert any(e["sentence"] for e in evidence)
    windowed = client.get("/explorer/countries/KZ", params={"since": "2025"}).json()
    assert all(a["date"] and a["date"] >= "2025" for a in windowed["acts"])
    assert len(windowed["acts"]) < len(panel["acts"])
