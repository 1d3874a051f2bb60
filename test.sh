#!/usr/bin/env bash
# Runs every test of BranchBot: unit, SDK-pipeline, persistence, manifest, cards and end-to-end in the
# Microsoft 365 Agents Playground under headless Chromium. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-tools.sh

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# A throwaway PostgreSQL server for the persistence and reminder tests (scripts/postgres.sh), stopped and
# removed on every exit. Without it those tests would be skipped, so a server that does not start fails the run.
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/branchbot-postgres.XXXXXX")
trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
BRANCHBOT_TEST_POSTGRES=$(scripts/postgres.sh start "$postgres_dir") || { echo "test.sh: PostgreSQL could not be started." >&2; exit 1; }
export BRANCHBOT_TEST_POSTGRES

status=0
dotnet build BranchBot.sln -c Release -nologo -clp:ErrorsOnly || exit 1
dotnet test BranchBot.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TreatNoTestsAsError=true 2>&1 | tee "$results/dotnet-test.log" || status=$?

# One closing line that any reader understands, summed over the test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$results/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$results/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$results/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
if [ "$passed" -eq 0 ]; then status=1; fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
