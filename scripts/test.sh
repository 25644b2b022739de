#!/usr/bin/env bash
# Set up, lint, type-check, run the tests and evaluate the extractor against the shared corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ruff"; .venv/bin/ruff check cagraph api tests bench
.venv/bin/ruff format --check cagraph api tests bench
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest "$@"
