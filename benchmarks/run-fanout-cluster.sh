#!/usr/bin/env bash
# Fan-out benchmark with several instances: builds Release, starts a throwaway PostgreSQL server
# (scripts/postgres.sh; or uses BRANCHBOT_BENCH_POSTGRES if set) and fans the monthly reminder out to 10,000 people
# with 1 and 3 bot processes on that one database, then 3 again with one killed (SIGKILL) a third of the way in.
# Prints sends/s, CPU per send (bot processes and the fake connector), 429s, duplicates, losses and what a rerun
# sent. Extra arguments go to FanOutBench cluster (e.g. --people 2000 --ceiling 1000 --runs 3k).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/FanOutBench/FanOutBench.csproj -c Release -nologo -v q -clp:ErrorsOnly
server=${BRANCHBOT_BENCH_POSTGRES:-}
if [ -z "$server" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/branchbot-bench-postgres.XXXXXX")
  trap 'scripts/postgres.sh stop "$dir"' EXIT
  server=$(scripts/postgres.sh start "$dir")
fi
dotnet benchmarks/FanOutBench/bin/Release/net10.0/FanOutBench.dll cluster "$server" "$@"
