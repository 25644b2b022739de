#!/usr/bin/env bash
# Set up this checkout, from nothing but python3 (≥ 3.11), idempotently:
#   bash scripts/setup.sh         what serving needs (scripts/run.sh): .venv with cagraph and its
#                                 runtime dependencies, the explorer's browser libraries (npm)
#   bash scripts/setup.sh --dev   also what the tests need (scripts/test.sh): the dev extra,
#                                 the Node packages the tests load, Debian's chromium,
#                                 chromium-driver and curl
# Python packages are pinned by scripts/constraints.txt (re-resolve: bash scripts/lock.sh).
# A missing system package (python3-venv, nodejs and npm, chromium…) is installed with apt-get
# when this runs as root or with password-less sudo; otherwise (or with CAGRAPH_NO_APT=1) the
# set-up stops at once with one line naming what is missing and the command that installs it.
# A step whose inputs did not change since it last ran is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=run
case "${1:-}" in
  "") ;;
  --dev) mode=dev ;;
  *)
    echo "setup: unknown option ${1} (use --dev for the test tools)" >&2
    exit 2
    ;;
esac
PY=${PYTHON:-python3}
CONSTRAINTS=scripts/constraints.txt

stop() { # one line on stderr, then exit 1
  echo "setup: $*" >&2
  exit 1
}

apt_install() { # Debian packages, installed now or named in the one line that stops the set-up
  local packages="$*" sudo=""
  local how="sudo apt-get install $packages"
  command -v apt-get >/dev/null 2>&1 || stop "missing $packages: install them with your system's package manager"
  [ "${CAGRAPH_NO_APT:-0}" = 1 ] && stop "missing $packages: install them with: $how"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      stop "missing $packages: install them with: $how"
    fi
  fi
  echo "setup: installing Debian packages: $packages" >&2
  # other set-ups may be installing at the same moment: one apt-get at a time
  # shellcheck disable=SC2086
  $sudo flock /tmp/apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $packages >/dev/null" ||
    stop "could not install $packages: run: $how"
}

# -- Python: an interpreter that can make a venv ---------------------------------------------------
if ! command -v "$PY" >/dev/null 2>&1; then
  [ -n "${PYTHON:-}" ] && stop "PYTHON=$PY is not a command: point PYTHON at a Python ≥ 3.11"
  apt_install python3 python3-venv
fi
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  stop "$("$PY" -V 2>&1) is too old: cagraph needs Python ≥ 3.11 (set PYTHON=python3.11 or newer)"
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    if [ "$(command -v "$PY")" = /usr/bin/python3 ]; then
      apt_install python3-venv
    else
      stop "$PY cannot create a venv (no ensurepip): install its venv module or set PYTHON"
    fi
  fi
  "$PY" -m venv .venv || stop "could not create .venv with $PY: remove .venv and run again"
fi

# -- Node and npm: the explorer's libraries (and, for the tests, the export loaders) --------------
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi
# -- the browser the explorer tests drive, and curl for the README's examples ---------------------
if [ "$mode" = dev ]; then
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
  [ -d /usr/share/fonts/truetype/dejavu ] || missing="$missing fonts-dejavu-core"
  command -v curl >/dev/null 2>&1 || missing="$missing curl"
  # shellcheck disable=SC2086
  [ -z "$missing" ] || apt_install $missing
fi

# -- Python packages: runtime only, or with the dev extra -----------------------------------------
stamp=.venv/.cagraph-setup
inputs=$(cat pyproject.toml "$CONSTRAINTS" | sha256sum | cut -c1-16)
done_before=$(cat "$stamp" 2>/dev/null || true)
if [ "$done_before" != "$inputs dev" ] && [ "$done_before" != "$inputs $mode" ]; then
  extra=""
  [ "$mode" = dev ] && extra="[dev]"
  echo "setup: installing Python packages ($mode) into .venv" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip ||
    stop "could not upgrade pip in .venv (is PyPI reachable?)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    -c "$CONSTRAINTS" -e ".$extra" ||
    stop "could not install cagraph's Python packages (is PyPI reachable? see pip's message above)"
  echo "$inputs $mode" >"$stamp"
fi

# -- npm packages into api/explorer/node_modules, from its lock --------------------------------
explorer=api/explorer
npm_stamp=$explorer/node_modules/.cagraph-setup
npm_inputs=$(sha256sum "$explorer/package-lock.json" | cut -c1-16)
npm_before=$(cat "$npm_stamp" 2>/dev/null || true)
if [ "$npm_before" != "$npm_inputs dev" ] && [ "$npm_before" != "$npm_inputs $mode" ]; then
  omit=""
  [ "$mode" = dev ] || omit="--omit=dev"
  echo "setup: installing the explorer's npm packages ($mode) into $explorer/node_modules" >&2
  # shellcheck disable=SC2086
  npm ci --prefix "$explorer" $omit --no-audit --no-fund --loglevel=error ||
    stop "npm ci failed in $explorer (is the npm registry reachable? see npm's message above)"
  echo "$npm_inputs $mode" >"$npm_stamp"
fi
# the files the pages serve, copied where the wheel's package data picks them up
.venv/bin/python "$explorer/assets.py" || exit 1
