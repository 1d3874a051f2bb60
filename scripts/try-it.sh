#!/usr/bin/env bash
# Try BranchBot in Microsoft 365 Agents Playground (the local Teams emulator) with the demo branch.
#   scripts/try-it.sh [leader|student|mentor|secretary]     (whom you chat as; default: leader)
# The bot listens on 127.0.0.1:3978 and the Playground on 56150 when those ports are free, else on free ports it
# prints (choose with BOT_PORT=... PLAYGROUND_PORT=...). It only ever talks to the two processes it starts, and
# Ctrl+C (or any failure) stops both. Data: artifacts/try-it (BRANCHBOT_DATA); delete it to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
as="${1:-leader}"
case "$as" in
  leader|student|mentor|secretary) ;;
  *) echo "usage: scripts/try-it.sh [leader|student|mentor|secretary]" >&2; exit 2 ;;
esac
export BRANCHBOT_DATA="${BRANCHBOT_DATA:-$PWD/artifacts/try-it}"
mkdir -p "$BRANCHBOT_DATA"

[ -d tests/node/node_modules ] || (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
dotnet build Bot -c Release -nologo -clp:ErrorsOnly
bot=(dotnet Bot/bin/Release/net10.0/BranchBot.Bot.dll)
[ -f "$BRANCHBOT_DATA/branchbot.db" ] || "${bot[@]}" demo
config="$BRANCHBOT_DATA/playground-$as.yml"
echo "People (* = you):"
"${bot[@]}" demo playground "$as" "$config"

# The wanted port if nothing listens on it, else one the system says is free.
free_port() {
  node -e '
    const net = require("net"), wanted = Number(process.argv[1]);
    const any = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); }); };
    const s = net.createServer();
    s.once("error", any);
    s.listen(wanted, "127.0.0.1", () => { console.log(wanted); s.close(); });' "$1"
}
bot_port=$(free_port "${BOT_PORT:-3978}")
[ "$bot_port" = "${BOT_PORT:-3978}" ] || echo "Port ${BOT_PORT:-3978} is in use by another program; the bot uses $bot_port instead."
playground_port=$(free_port "${PLAYGROUND_PORT:-56150}")
[ "$playground_port" = "${PLAYGROUND_PORT:-56150}" ] || echo "Port ${PLAYGROUND_PORT:-56150} is in use by another program; the Playground uses $playground_port instead."
[ "$bot_port" != "$playground_port" ] || { echo "The bot and the Playground cannot share port $bot_port." >&2; exit 2; }

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

# Ready means: our process is alive, its own log says it listens on the port, and the URL answers.
wait_ready() { # pid log "listening text" url name
  for _ in $(seq 1 240); do
    if ! kill -0 "$1" 2>/dev/null; then
      echo "$5 stopped before it was ready; the end of $2:" >&2; tail -n 20 "$2" >&2; exit 1
    fi
    if grep -qF "$3" "$2" && curl -sf -o /dev/null "$4"; then return 0; fi
    sleep 0.5
  done
  echo "$5 was not ready after 120 s; see $2" >&2; exit 1
}

bot_log="$BRANCHBOT_DATA/bot-$bot_port.log"
"${bot[@]}" --urls "http://127.0.0.1:$bot_port" >"$bot_log" 2>&1 & pids+=($!)
wait_ready "${pids[-1]}" "$bot_log" "Now listening on: http://127.0.0.1:$bot_port" "http://127.0.0.1:$bot_port/healthz" "The bot"

playground_log="$BRANCHBOT_DATA/playground-$playground_port.out"
TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$config" M365_AGENTS_PLAYGROUND_LOGFILE="$BRANCHBOT_DATA/playground-$playground_port.log" \
  node tests/node/node_modules/@microsoft/m365agentsplayground/cli.js -e "http://127.0.0.1:$bot_port/api/messages" -c msteams --dt -p "$playground_port" \
  >"$playground_log" 2>&1 & pids+=($!)
wait_ready "${pids[-1]}" "$playground_log" "Listening on $playground_port" "http://127.0.0.1:$playground_port/_debug/ping" "The Playground"

echo "Bot: http://127.0.0.1:$bot_port (log: $bot_log)"
echo "Open http://127.0.0.1:$playground_port and type: help   (Ctrl+C stops the bot and the Playground)"
wait -n "${pids[@]}" || true
echo "One of the two processes stopped; stopping the other." >&2
