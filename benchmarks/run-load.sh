#!/usr/bin/env bash
# Load benchmark of the bot host: builds Release, seeds a 2,000-activist roster into a temporary data folder,
# links 512 users by first contact, then posts "我的状态" and report submissions from 8 and 32 concurrent
# loopback clients for 10 s each, and checks every submission was stored. Exits 1 if any turn failed.
# Extra arguments go to LoadBench (e.g. --clients 8 --duration 5 --scenarios submit --modes cached,stock).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Bot/Bot.csproj -c Release -nologo -v q
dotnet build benchmarks/LoadBench/LoadBench.csproj -c Release -nologo -v q
exec dotnet benchmarks/LoadBench/bin/Release/net10.0/LoadBench.dll --bot Bot/bin/Release/net10.0/BranchBot.Bot.dll "$@"
