#!/usr/bin/env bash
# Load benchmark of the bot host: builds Release, then posts message activities from 8 and 32 concurrent
# loopback clients for ~10 s each, with the cached connector path and the SDK's stock one.
# Extra arguments go to LoadBench (e.g. --clients 8 --duration 5 --modes cached).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Bot/Bot.csproj -c Release -nologo -v q
dotnet build benchmarks/LoadBench/LoadBench.csproj -c Release -nologo -v q
exec dotnet benchmarks/LoadBench/bin/Release/net10.0/LoadBench.dll --bot Bot/bin/Release/net10.0/BranchBot.Bot.dll "$@"
