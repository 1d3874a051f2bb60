#!/usr/bin/env bash
# Runs every test with the machine's clock moved to a chosen instant (libfaketime, Debian's `faketime`), to show that
# no test depends on the day it runs:  scripts/test-on-date.sh 2027-01-01T00:05+08:00 [more instants ...]
# It builds on the real clock first (a build under a moved clock leaves future timestamps that fool incremental
# builds), then runs the built tests under the moved clock. The offset is relative, so every process started by the
# tests (the bot, the CLI, the playground) shares the same moved clock.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/test-on-date.sh <instant> [<instant> ...]   e.g. 2027-01-01T00:05+08:00" >&2
  exit 2
fi
command -v faketime >/dev/null || { apt-get update -qq && apt-get install -y -qq faketime >/dev/null; }
scripts/install-test-tools.sh
dotnet build BranchBot.sln -c Release -nologo -clp:ErrorsOnly
status=0
for instant in "$@"; do
  target=$(date -d "$instant" +%s)
  offset=$(( target - $(date +%s) ))
  log="artifacts/test-results/on-$(date -u -d "@$target" +%Y%m%dT%H%M%SZ).log"
  mkdir -p artifacts/test-results
  echo "== tests with the clock at $(date -u -d "@$target" '+%Y-%m-%d %H:%M:%S UTC') (offset ${offset}s) -> $log"
  if faketime -f "+${offset}" dotnet test BranchBot.sln -c Release --no-build -nologo > "$log" 2>&1; then
    grep -E '^(Passed|Failed)!' "$log" || true
  else
    status=1
    grep -E '^(Passed|Failed)!|\[FAIL\]' "$log" || true
  fi
done
exit $status
