#!/usr/bin/env bash
# Set up what serving needs (scripts/setup.sh: .venv with the runtime dependencies, the explorer's
# libraries), build the graph of the sample articles in data/samples into var/store, then serve
# it on http://127.0.0.1:8000 (the explorer at /, the SPARQL editor at /explorer/sparql, SPARQL
# at /sparql, the REST API at /docs). Safe to run again: a rebuild with no changed article writes
# nothing. CAGRAPH_PORT / CAGRAPH_HOST choose another address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
store=var/store
.venv/bin/cagraph build data/samples --store "$store"
exec .venv/bin/cagraph serve --store "$store"
