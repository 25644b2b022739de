"""The browser libraries the pages use (explorer, SPARQL editor, /docs): which file of which npm
package is served as ``/explorer/vendor/{name}``, and the step that copies them from
``api/explorer/node_modules`` (``npm ci``) into ``api/explorer/vendor/``, package data of the
wheel, together with each package's licence::

    python api/explorer/assets.py     # run by scripts/setup.sh after npm ci

Only the files named here are served, so no request path reaches anything else on disk, and
nothing is fetched from the internet at run time.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
VENDOR = HERE / "vendor"
LICENSES = VENDOR / "licenses"

JS = "text/javascript"
CSS = "text/css"
VENDOR_FILES: dict[str, tuple[str, str]] = {
    "cytoscape.min.js": ("cytoscape/dist/cytoscape.min.js", JS),
    "layout-base.js": ("layout-base/layout-base.js", JS),
    "cose-base.js": ("cose-base/cose-base.js", JS),
    "cytoscape-fcose.js": ("cytoscape-fcose/cytoscape-fcose.js", JS),
    "yasgui.min.js": ("@triply/yasgui/build/yasgui.min.js", JS),
    "yasgui.min.css": ("@triply/yasgui/build/yasgui.min.css", CSS),
    "swagger-ui-bundle.js": ("swagger-ui-dist/swagger-ui-bundle.js", JS),
    "swagger-ui.css": ("swagger-ui-dist/swagger-ui.css", CSS),
    "swagger-favicon.png": ("swagger-ui-dist/favicon-32x32.png", "image/png"),
}
"""Served name -> (path under node_modules, media type)."""

_LICENSE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "NOTICE")


def package_of(relative: str) -> str:
    """The npm package a node_modules path belongs to (``@scope/name`` or ``name``)."""
    parts = relative.split("/")
    return "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]


def copy_vendor_files(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[Path]:
    """Copy every served file and its package's licence files into ``vendor``; return them.

    Raises FileNotFoundError naming the first file npm did not install."""
    copied: list[Path] = []
    licenses = vendor / "licenses"
    licenses.mkdir(parents=True, exist_ok=True)
    packages: set[str] = set()
    for name, (relative, _) in VENDOR_FILES.items():
        source = node_modules / relative
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run npm ci in {node_modules.parent}")
        target = vendor / name
        shutil.copyfile(source, target)
        copied.append(target)
        packages.add(package_of(relative))
    for package in sorted(packages):
        for license_name in _LICENSE_NAMES:
            source = node_modules / package / license_name
            if source.is_file():
                target = licenses / f"{package.replace('/', '__')}.{license_name}"
                shutil.copyfile(source, target)
                copied.append(target)
    return copied


def main() -> int:
    try:
        copy_vendor_files()
    except OSError as exc:
        print(f"setup: cannot copy the explorer's libraries: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
