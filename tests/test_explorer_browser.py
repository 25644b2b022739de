"""The explorer in headless Chromium (Debian's chromium and chromium-driver, driven by selenium)
against the running service over the seeds + dev store, with every host but the service's
unresolvable: the page loads offline, draws the ties network with the same layout on every load
and no node or label over another, opens a country's panel on a click (one row per act, a chart
of agreements and events per year) and a pair's on a click on their tie, narrows to a time window
(hidden when every act falls in one year), finds a country by any of its names.

``CAGRAPH_UPDATE_SCREENSHOT=1`` also writes the screenshots to docs/explorer.png and
docs/explorer-pair.png.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_api_support import LiveServer, settings_for
from test_browser_support import body_state, chromium, errors, resources, wait_for
from test_graph_support import REPO, corpus_folder

from cagraph.graph.export import export_graph
from cagraph.nlp import Extractor
from cagraph.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


@pytest.fixture(scope="module")
def folder(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Path:
    return corpus_folder(tmp_path_factory, corpus_dir, extractor)


@pytest.fixture(scope="module")
def ties(folder: Path) -> dict[str, Any]:
    """The ties graph the page should draw, as the library exports it."""
    out = io.BytesIO()
    with open_store(folder, read_only=True) as store:
        export_graph(store, "ties", "cyjs", out)
    payload: dict[str, Any] = json.loads(out.getvalue())
    return payload


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[LiveServer]:
    with LiveServer(settings_for(folder)) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def explorer(browser: Any, server: LiveServer) -> Any:
    browser.get("about:blank")  # a fresh page: nothing a test before left on it stays
    browser.get(server.url + "/")
    wait_for(browser, lambda d: body_state(d) != "loading", "the page to load")
    return browser


def click_country(driver: Any, iso: str) -> None:
    """A real mouse click on the node of this country, where Cytoscape drew it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    at = driver.execute_script(
        "const cy = window.cagraphExplorer.state.cy;"
        "const node = cy.nodes().filter(n => n.data('iso') === arguments[0])[0];"
        "cy.center(node); return node.renderedPosition();",
        iso,
    )
    # Cytoscape hit-tests against what it last drew: let it draw the centred view first
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
    )
    canvas = driver.find_element(By.ID, "cy")
    box = canvas.rect
    ActionChains(driver).move_to_element_with_offset(
        canvas, at["x"] - box["width"] / 2, at["y"] - box["height"] / 2
    ).click().perform()


def panel_ready_for(driver: Any, iso: str, partner: str = "") -> None:
    wait_for(
        driver,
        lambda d: d.execute_script(
            "const p = document.getElementById('panel');"
            "return !p.hidden && p.dataset.state === 'ready' && p.dataset.country === arguments[0]"
            " && p.dataset.partner === arguments[1]",
            iso,
            partner,
        ),
        f"the panel of {iso} {partner}",
    )


def test_the_page_loads_offline_and_draws_every_country_of_the_ties_graph(
    explorer: Any, server: LiveServer, ties: dict[str, Any]
) -> None:
    assert body_state(explorer) == "ready", explorer.find_element("id", "status").text
    drawn = explorer.execute_script(
        "const cy = window.cagraphExplorer.state.cy;"
        "return [cy.nodes().length, cy.edges().length, cy.nodes().map(n => n.data('iso')).sort()]"
    )
    expected = sorted(n["data"]["iso"] for n in ties["elements"]["nodes"])
    assert drawn == [len(expected), len(ties["elements"]["edges"]), expected]
    assert len(expected) > 10
    assert explorer.execute_script("return document.querySelectorAll('#cy canvas').length"), (
        "Cytoscape drew no canvas"
    )
    assert all(url.startswith(server.url) for url in resources(explorer)), resources(explorer)
    assert errors(explorer) == []


def test_clicking_a_country_opens_its_partners_and_agreements_with_evidence(
    explorer: Any, ties: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    hub = max(ties["elements"]["nodes"], key=lambda n: n["data"]["weighted_degree"])["data"]
    click_country(explorer, hub["iso"])
    panel_ready_for(explorer, hub["iso"])
    assert explorer.find_element(By.ID, "panel-title").text == hub["label"]
    partners = explorer.find_elements(By.CSS_SELECTOR, "#partners tbody tr[data-iso]")
    assert len(partners) == hub["degree"]
    acts = explorer.find_elements(By.CSS_SELECTOR, "#acts li.act")
    assert acts
    quotes = explorer.find_elements(By.CSS_SELECTOR, "#acts li.act blockquote")
    links = explorer.find_elements(By.CSS_SELECTOR, "#acts li.act a.article")
    assert quotes and all(q.text for q in quotes)
    assert links and all(link.get_attribute("href") for link in links)
    selected = explorer.execute_script(
        "return window.cagraphExplorer.state.cy.$('node:selected').map(n => n.data('iso'))"
    )
    assert selected == [hub["iso"]]
    screenshot = Path(tempfile.gettempdir()) / "cagraph-explorer.png"
    explorer.save_screenshot(str(screenshot))
    if os.environ.get("CAGRAPH_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(screenshot, REPO / "docs" / "explorer.png")


def test_the_time_window_narrows_the_network_and_the_full_range_restores_it(
    explorer: Any, ties: dict[str, Any]
) -> None:
    total = len(ties["elements"]["edges"])

    def move(slider: str, value: str) -> None:
        explorer.execute_script(
            "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
            "s.dispatchEvent(new Event('change'));",
            slider,
            value,
        )

    low, high = explorer.execute_script(
        "const s = document.getElementById('from-year'); return [s.min, s.max]"
    )
    assert int(low) < int(high)
    move("from-year", str(int(high) - 1))
    wait_for(
        explorer,
        lambda d: d.execute_script("return document.body.dataset.edges") != str(total),
        "the network to narrow",
    )
    narrowed = int(explorer.execute_script("return document.body.dataset.edges"))
    assert 0 < narrowed < total
    assert "undated ties hidden" in explorer.find_element("id", "status").text
    move("from-year", low)
    wait_for(
        explorer,
        lambda d: d.execute_script("return document.body.dataset.edges") == str(total),
        "the whole network to come back",
    )


def test_the_search_box_finds_a_country_by_part_of_its_name(explorer: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = explorer.find_element(By.ID, "search-box")
    box.clear()
    box.send_keys("kazakh", Keys.ENTER)
    panel_ready_for(explorer, "KZ")
    assert explorer.find_element(By.ID, "panel-title").text == "Kazakhstan"


def test_the_sparql_editor_runs_a_query_against_the_service(
    browser: Any, server: LiveServer
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/explorer/sparql")
    wait_for(browser, lambda d: body_state(d) != "loading", "the editor to load")
    assert body_state(browser) == "ready"
    browser.execute_script("window.cagraphYasgui.getTab().getYasqe().query()")
    wait_for(
        browser,
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")) > 0,
        "query results",
    )
    assert "Kazakhstan" in browser.find_element(By.CSS_SELECTOR, ".yasr table").text
    assert all(url.startswith(server.url) for url in resources(browser)), resources(browser)


POSITIONS = "return window.cagraphExplorer.state.cy.nodes().map(n => [n.id(), n.position()])"
OVERLAPS = """
const cy = window.cagraphExplorer.state.cy;
const boxes = cy.nodes().map(n => [n.data('label'), n.boundingBox({includeLabels: true})]);
const out = [];
for (let i = 0; i < boxes.length; i++) {
  for (let k = i + 1; k < boxes.length; k++) {
    const a = boxes[i][1], b = boxes[k][1];
    if (Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1))
      out.push([boxes[i][0], boxes[k][0]]);
  }
}
return out;
"""


def test_the_layout_is_the_same_on_every_load_and_no_label_sits_on_another_node(
    browser: Any, server: LiveServer
) -> None:
    layouts = []
    for _ in range(2):
        browser.get(server.url + "/")
        wait_for(browser, lambda d: body_state(d) != "loading", "the page to load")
        assert body_state(browser) == "ready"
        layouts.append(browser.execute_script(POSITIONS))
        assert browser.execute_script(OVERLAPS) == []
    assert layouts[0] == layouts[1]
    assert len({(round(p["x"]), round(p["y"])) for _, p in layouts[0]}) == len(layouts[0])


def test_the_search_finds_a_country_by_any_of_its_names_and_codes(explorer: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    for text, iso in (("Kazakstan", "KZ"), ("Qazaqstan", "KZ"), ("uzbek", "UZ"), ("KGZ", "KG")):
        box = explorer.find_element(By.ID, "search-box")
        box.clear()
        box.send_keys(text, Keys.ENTER)
        panel_ready_for(explorer, iso)
    box = explorer.find_element(By.ID, "search-box")
    box.clear()
    box.send_keys("Kazakhztan", Keys.ENTER)  # a typo: the service suggests what it knows
    wait_for(
        explorer,
        lambda d: "Did you mean" in d.find_element(By.ID, "status").text,
        "a suggestion",
    )
    assert "KZ (Kazakhstan)" in explorer.find_element(By.ID, "status").text


def panel_data(server: LiveServer, iso: str) -> dict[str, Any]:
    import httpx

    data: dict[str, Any] = httpx.get(f"{server.url}/explorer/countries/{iso}", timeout=30).json()
    return data


def chart(driver: Any) -> dict[tuple[int, str], int]:
    bars = driver.execute_script(
        "return [...document.querySelectorAll('#timeline rect.bar')]"
        ".map(r => [r.dataset.year, r.dataset.category, r.dataset.count])"
    )
    return {(int(y), c): int(n) for y, c, n in bars}


def per_year(acts: list[dict[str, Any]]) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = {}
    for act in acts:
        if act["date"]:
            key = (int(act["date"][:4]), act["category"])
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_a_country_panel_has_one_row_per_act_and_a_chart_of_its_acts_per_year(
    explorer: Any, server: LiveServer, ties: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    hub = max(ties["elements"]["nodes"], key=lambda n: n["data"]["weighted_degree"])["data"]
    click_country(explorer, hub["iso"])
    panel_ready_for(explorer, hub["iso"])
    rows = explorer.find_elements(By.CSS_SELECTOR, "#acts li.act")
    iris = [row.get_attribute("data-iri") for row in rows]
    acts = panel_data(server, hub["iso"])["acts"]
    assert len(iris) == len(set(iris)) == len({a["iri"] for a in acts})
    shown = [
        (r.find_element(By.CSS_SELECTOR, ".kind").text, r.find_element(By.TAG_NAME, "strong").text)
        for r in rows
    ]
    dates = [
        (r.find_element(By.CSS_SELECTOR, ".date").text, r.find_elements(By.CSS_SELECTOR, ".with"))
        for r in rows
    ]
    dates = [(d, w[0].text if w else "") for d, w in dates]
    assert len(set(zip(shown, dates, strict=True))) == len(rows), "an act is listed twice"
    expected = per_year(acts)
    assert expected, "the hub has dated acts"
    assert chart(explorer) == expected
    undated = sum(1 for a in acts if not a["date"])
    assert explorer.execute_script(
        "return document.getElementById('timeline').dataset.undated"
    ) == (str(undated))


EDGE_TO_CLICK = """
const cy = window.cagraphExplorer.state.cy;
const hub = cy.nodes().filter(n => n.data('iso') === arguments[0])[0];
cy.fit(hub.closedNeighborhood(), 60);
const near = (p, a, b) => {
  const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
};
for (const edge of hub.connectedEdges().sort((a, b) => b.data('width') - a.data('width'))) {
  const a = edge.source().renderedPosition(), b = edge.target().renderedPosition();
  const mid = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
  const clearOfNodes = cy.nodes().every(n => Math.hypot(n.renderedPosition().x - mid.x,
    n.renderedPosition().y - mid.y) > n.renderedOuterWidth() / 2 + 12);
  const clearOfEdges = cy.edges().every(e => e === edge || near(mid,
    e.source().renderedPosition(), e.target().renderedPosition()) > 8);
  if (clearOfNodes && clearOfEdges) {
    const other = edge.source().same(hub) ? edge.target() : edge.source();
    return [mid, other.data('iso'), edge.source().data('iso')];
  }
}
return null;
"""


def test_clicking_a_tie_opens_the_pair_with_its_acts_and_their_chart(
    explorer: Any, server: LiveServer, ties: dict[str, Any]
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    explorer.execute_script("window.cagraphExplorer.clearSelection()")
    hub = max(ties["elements"]["nodes"], key=lambda n: n["data"]["weighted_degree"])["data"]
    found = explorer.execute_script(EDGE_TO_CLICK, hub["iso"])
    assert found, "no tie of the hub can be clicked alone"
    mid, other, source = found
    canvas = explorer.find_element(By.ID, "cy")
    box = canvas.rect
    ActionChains(explorer).move_to_element_with_offset(
        canvas, mid["x"] - box["width"] / 2, mid["y"] - box["height"] / 2
    ).click().perform()
    first = source
    second = other if source == hub["iso"] else hub["iso"]
    panel_ready_for(explorer, first, second)
    title = explorer.find_element(By.ID, "panel-title").text
    assert " – " in title
    acts = [a for a in panel_data(server, first)["acts"] if second in a["countries"]]
    rows = explorer.find_elements(By.CSS_SELECTOR, "#acts li.act")
    assert [r.get_attribute("data-iri") for r in rows] == [a["iri"] for a in acts]
    assert chart(explorer) == per_year(acts)
    partners = explorer.find_elements(By.CSS_SELECTOR, "#partners tbody tr[data-iso]")
    assert [p.get_attribute("data-iso") for p in partners] == [second]
    screenshot = Path(tempfile.gettempdir()) / "cagraph-explorer-pair.png"
    explorer.save_screenshot(str(screenshot))
    if os.environ.get("CAGRAPH_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(screenshot, REPO / "docs" / "explorer-pair.png")


def test_the_time_window_shows_while_the_acts_span_years(explorer: Any) -> None:
    explorer.get(explorer.current_url)
    wait_for(explorer, lambda d: body_state(d) != "loading", "the page to load")
    assert (
        explorer.execute_script("return getComputedStyle(document.getElementById('time')).display")
        != "none"
    )


@pytest.fixture(scope="module")
def one_year_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from test_api_support import build_store

    folder = build_store(tmp_path_factory.mktemp("one-year") / "store", ["arts"])
    with LiveServer(settings_for(folder)) as live:
        yield live


def test_the_time_window_is_hidden_when_every_act_falls_in_one_year(
    browser: Any, one_year_server: LiveServer
) -> None:
    browser.get(one_year_server.url + "/")
    wait_for(browser, lambda d: body_state(d) != "loading", "the page to load")
    assert body_state(browser) == "ready"
    years = browser.execute_script("return window.cagraphExplorer.state.years")
    assert years is not None and years[0] == years[1]
    shown = browser.execute_script(
        "const t = document.getElementById('time');"
        "return [t.hidden, getComputedStyle(t).display, t.getBoundingClientRect().width]"
    )
    assert shown == [True, "none", 0]
