#!/usr/bin/env bash
# Scale benchmark: builds Release, writes a university-sized branch (20,000 people in 400 groups, 12 months of
# history) into a SQLite file in a temp folder through the real EF model and migrations, then, in a fresh process,
# times one group's overdue summary (p50/p99 over 200 groups), the whole branch's due-reminder sweep, and prints
# the peak memory (after the group summaries, after the job's sweep, after the whole run). The sweep is first measured as the reminder jobs load it (BranchSnapshot: FactReader.JobWindowAsync,
# then only the facts of what may still be open), with the peak memory printed after it; then with the fixed windows
# (tracking start, half-year start, current periods) for comparison, and the whole run's peak.
# Extra arguments go to ScaleBench (--groups-measured <n>, --keep to leave the database behind).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/ScaleBench/ScaleBench.csproj -c Release -nologo -v q
exec dotnet benchmarks/ScaleBench/bin/Release/net10.0/ScaleBench.dll "$@"
