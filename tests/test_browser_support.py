"""Helpers of the browser tests (no tests here): headless Chromium (Debian's chromium and
chromium-driver, driven by selenium) with every host but 127.0.0.1 unresolvable, so a page that
fetched anything from the internet would show a failed request; waiting; the requests a page
made and the ones that failed (from Chromium's network log)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_S = 30


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[Any]:
    """A headless Chromium that can reach 127.0.0.1 only, with its network log on."""
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        pytest.fail(
            "chromium and chromium-driver are not installed: bash scripts/setup.sh --dev "
            "installs them (or deselect these tests with -m 'not browser')"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cagraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        # offline: only the test server's loopback address resolves
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_S)
    driver.get("about:blank")
    driver.get_log("performance")  # the browser's own start-up requests are not the pages'
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, condition: Any, what: str, timeout: float = WAIT_S) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        logs = [e["message"] for e in driver.get_log("browser")]
        raise AssertionError(f"timed out waiting for {what}; browser log: {logs}") from None


def body_state(driver: Any) -> str:
    return str(driver.execute_script("return document.body.dataset.state"))


def resources(driver: Any) -> list[str]:
    """Every resource the current page loaded (the Resource Timing entries)."""
    return list(
        driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    )


def errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def network_log(driver: Any) -> tuple[list[str], list[str]]:
    """(requests made, requests that failed or got a 4xx/5xx) since the log was last read."""
    made: dict[str, str] = {}
    failed: list[str] = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            if params.get("documentURL", "").startswith("chrome://"):
                continue  # the browser's own pages
            made[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFailed" and params["requestId"] in made:
            failed.append(f"{made[params['requestId']]}: {params.get('errorText')}")
        elif method == "Network.responseReceived":
            response = params["response"]
            if response["status"] >= 400:
                failed.append(f"{response['url']}: HTTP {response['status']}")
    return sorted(set(made.values())), failed
