"""Packaging: the pins that the README's commands and CI install, and the wheel as a user gets
it — built from this checkout, installed into a fresh venv away from the checkout, building a
graph and serving it, its pages loaded in headless Chromium with the network blocked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_support import free_socket
from test_browser_support import body_state, chromium, network_log, wait_for

from api.explorer.assets import VENDOR_FILES

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
CONSTRAINTS = REPO / "scripts" / "constraints.txt"


def _name(requirement: str) -> str:
    """The normalised project name of a requirement string ('uvicorn[standard]>=0.29')."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def test_the_licence_is_an_spdx_expression_not_a_deprecated_table() -> None:
    assert isinstance(PYPROJECT["project"]["license"], str)
    assert PYPROJECT["project"]["license"] == "Apache-2.0"


def test_every_dependency_is_pinned_by_the_constraints_file() -> None:
    pinned = {}
    for line in CONSTRAINTS.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not a pin: {line!r} (regenerate with bash scripts/lock.sh)"
            pinned[_name(name)] = version
    project = PYPROJECT["project"]
    wanted = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        wanted += extra
    missing = sorted({_name(r) for r in wanted} - set(pinned))
    assert not missing, f"not in {CONSTRAINTS.name}: {missing}; run bash scripts/lock.sh"


# -- the wheel ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built without a network (no build isolation) from a copy of
    it (so that no stale build/ folder of an earlier build can add or hide a file)."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    top = {".git", ".venv", "build", "dist", "var", "out"}

    def skip(folder: str, names: list[str]) -> set[str]:
        here = {n for n in names if n in ("node_modules", "__pycache__") or n.endswith("_cache")}
        here |= {n for n in names if n.endswith(".egg-info")}
        return here | (top & set(names) if Path(folder) == REPO else set())

    shutil.copytree(REPO, source, symlinks=True, ignore=skip)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("cagraph-*.whl")
    return built


def test_the_wheel_holds_every_file_the_library_and_the_pages_read(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"api/explorer/vendor/{name}" for name in VENDOR_FILES}
    expected |= {f"api/explorer/static/{p.name}" for p in (REPO / "api/explorer/static").iterdir()}
    for folder, patterns in (("data", ("*.jsonl", "lexicon/*.json")), ("ontology", ("*.ttl",))):
        for pattern in patterns:
            files = list((REPO / folder).glob(pattern))
            assert files, pattern
            expected |= {f"cagraph/bundled/{folder}/{p.relative_to(REPO / folder)}" for p in files}
    expected |= {f"api/queries/{p.name}" for p in (REPO / "api/queries").glob("*.rq")}
    assert sorted(expected - names) == []
    assert not [n for n in names if "node_modules" in n or "/samples/" in n]
    assert any(n.startswith("api/explorer/vendor/licenses/") for n in names)


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed. Its dependencies come from the test venv through
    a .pth line (no network needed); cagraph and api come from the wheel alone."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--disable-pip-version-check", "-q", str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "cagraph_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return root


def _run(
    venv: Path, cwd: Path, *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAGRAPH_", "PYTHON"))}
    return subprocess.run(
        [str(venv / "bin" / args[0]), *args[1:]],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def served(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wheel's `cagraph` builds data/samples and serves the store, run away from the
    checkout; yields the service's URL."""
    cwd = tmp_path_factory.mktemp("elsewhere")
    where = _run(
        venv, cwd, "python", "-c", "import api, cagraph; print(cagraph.__file__, api.__file__)"
    )
    assert where.returncode == 0, where.stderr
    assert all(path.startswith(str(venv)) for path in where.stdout.split()), where.stdout
    built = _run(
        venv, cwd, "cagraph", "build", str(REPO / "data" / "samples"), "--store", "store", "-q"
    )
    assert built.returncode == 0, built.stdout + built.stderr
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAGRAPH_", "PYTHON"))}
    process = subprocess.Popen(
        [str(venv / "bin" / "cagraph"), "serve", "--store", "store", "--port", str(port)],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode() if process.stderr else "")
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the wheel's cagraph serve did not answer"
            time.sleep(0.2)
        yield url
    finally:
        process.kill()
        process.wait(10)


@pytest.mark.server
@pytest.mark.browser
def test_the_installed_wheel_serves_every_page_with_the_network_blocked(served: str) -> None:
    from selenium.webdriver.common.by import By

    def ready(driver: Any) -> bool:
        return body_state(driver) in ("ready", "error")

    with chromium() as driver:
        checks: dict[str, Any] = {
            "/": ready,
            "/explorer/sparql": ready,
            "/docs": lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"),
        }
        for path, loaded in checks.items():
            driver.get(served + path)
            wait_for(driver, loaded, f"{path} to load")
            if path != "/docs":
                assert body_state(driver) == "ready", (
                    path,
                    driver.find_element("id", "status").text,
                )
            made, failed = network_log(driver)
            assert failed == [], (path, failed)
            assert made and all(u.startswith(served) or u.startswith("data:") for u in made), made
        operations = driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
        assert "/agreements" in {o.text.strip() for o in operations}
