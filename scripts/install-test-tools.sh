#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Debian's Chromium (for the end-to-end tests) and the
# pinned npm tools in tests/node (Agents Playground, Adaptive Cards renderer, manifest validator).
set -euo pipefail
cd "$(dirname "$0")/.."

# A CJK font too, or the end-to-end screenshots show boxes instead of Chinese.
if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  echo "Installing Debian's chromium and a CJK font for the end-to-end tests..."
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi

if [ ! -d tests/node/node_modules ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# The tab's browser libraries (Chart.js, teams-js) from the same pinned tools, into Bot/wwwroot/lib/ where the build embeds them.
scripts/vendor-tab-libs.sh
