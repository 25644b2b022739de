#!/usr/bin/env bash
# Set up, extract the sample articles in data/samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/cagraph --help
