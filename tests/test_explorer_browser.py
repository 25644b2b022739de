"""The explorer in headless Chromium (Debian's chromium and chromium-driver, driven by selenium)
against the running service over the seeds + dev store, with every host but the service's
unresolvable: the page loads offline, draws the ties network, opens a country's panel on a
click, narrows to a time window, finds a country by name; the SPARQL editor runs a query.

``CAGRAPH_UPDATE_SCREENSHOT=1`` also writes the screenshot to docs/explorer.png.
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
    canvas = driver.find_element(By.ID, "cy")
    box = canvas.rect
    ActionChains(driver).move_to_element_with_offset(
        canvas, at["x"] - box["width"] / 2, at["y"] - box["height"] / 2
    ).click().perform()


def panel_ready_for(driver: Any, iso: str) -> None:
    wait_for(
        driver,
        lambda d: d.execute_script(
            "const p = document.getElementById('panel');"
            "return !p.hidden && p.dataset.state === 'ready' && p.dataset.country === arguments[0]",
            iso,
        ),
        f"the panel of {iso}",
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
