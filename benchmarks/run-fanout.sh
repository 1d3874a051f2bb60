#!/usr/bin/env bash
# Reminder fan-out benchmark: builds Release, then fans the monthly reminder out to 10,000 people against a local
# connector enforcing Teams' limits (50 requests/s per tenant, 7/s per conversation; 429 + Retry-After beyond them),
# first at the default ceiling of 40 messages/s (~4 min), then at 1,000/s to find where the bot itself is the limit.
# Extra arguments go to FanOutBench (e.g. --people 2000 --ceilings 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/FanOutBench/FanOutBench.csproj -c Release -nologo -v q
exec dotnet benchmarks/FanOutBench/bin/Release/net10.0/FanOutBench.dll "$@"
