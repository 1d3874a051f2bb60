#!/usr/bin/env bash
# Scale benchmark: builds Release, writes a university-sized branch (20,000 people in 400 groups, 12 months of
# history) into a SQLite file in a temp folder through the real EF model and migrations, then, in a fresh process,
# times one group's overdue summary (p50/p99 over 200 groups) as the bot's overdue list reads it (ScheduleLoading.StillOpenAsync:
# what may still be open today for the group) and, for comparison, with the fixed windows (tracking start, half-year
# start, current periods), all interleaved group by group after a warm-up; then the whole branch's due-reminder sweep,
# and prints the peak memory and the resident set (anonymous, file-backed) after the group summaries, after the job's
# sweep and after the whole run. The sweep is first measured as the reminder jobs load it (BranchSnapshot:
# FactReader.StillOpenWindowAsync, then only the facts of what may still be open), then with the fixed windows.
# Extra arguments go to ScaleBench (--groups-measured <n>, --keep to leave the database behind).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/ScaleBench/ScaleBench.csproj -c Release -nologo -v q
exec dotnet benchmarks/ScaleBench/bin/Release/net10.0/ScaleBench.dll "$@"
