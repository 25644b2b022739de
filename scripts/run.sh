#!/usr/bin/env bash
# Set up, build the graph of the sample articles in data/samples into var/store, then serve it
# (or, until `cagraph serve` exists, print what the store holds). Safe to run again: a rebuild
# with no changed article writes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
store=var/store
.venv/bin/cagraph build data/samples --store "$store"
if .venv/bin/cagraph serve --help >/dev/null 2>&1; then
  exec .venv/bin/cagraph serve --store "$store"
fi
echo "(cagraph serve is not available in this checkout; the store holds:)"
.venv/bin/cagraph stats --store "$store"
