#!/usr/bin/env bash
# Set up with the test tools (scripts/setup.sh --dev: the dev extra, Debian's chromium and
# chromium-driver, curl), lint, type-check, run the tests and score the extractor against the
# shared corpus (../shared/corpus). Arguments go to pytest: bash scripts/test.sh -k csv -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
echo "== ruff"
.venv/bin/ruff check cagraph api tests bench
.venv/bin/ruff format --check cagraph api tests bench
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
corpus=../shared/corpus
if [ -d "$corpus/seeds" ] && [ -d "$corpus/dev" ]; then
  echo "== extractor against the gold corpus (floors only ever go up: scripts/eval-floors.txt)"
  while read -r mode sets floors; do
    case "$mode" in ''|'#'*) continue ;; esac
    args=()
    for s in ${sets//,/ }; do args+=("$corpus/$s"); done
    [ -d "${args[0]}" ] || { echo "-- $corpus/$sets not found: skipped"; continue; }
    for f in ${floors//,/ }; do args+=("--min=$f"); done
    [ "$mode" = rules ] && args+=(--no-model)
    echo "-- $mode on $sets"
    .venv/bin/cagraph eval "${args[@]}"
  done < scripts/eval-floors.txt
else
  echo "== ../shared/corpus not found: corpus evaluation skipped"
fi
