#!/usr/bin/env bash
# Create .venv and install cagraph with its dev extras (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# The explorer's browser libraries (cytoscape, yasgui) and the Node loaders of the export tests
# (d3-force), from the npm registry into api/explorer/node_modules; again only when the lock changed.
explorer=api/explorer
if [ ! -f "$explorer/node_modules/.package-lock.json" ] ||
  [ "$explorer/package-lock.json" -nt "$explorer/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$explorer" --no-audit --no-fund --loglevel=error
fi
