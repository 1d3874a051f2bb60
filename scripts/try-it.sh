#!/usr/bin/env bash
# Try BranchBot in Microsoft 365 Agents Playground (the local Teams emulator) with the demo branch.
#   scripts/try-it.sh [leader|student|mentor|secretary]     (whom you chat as; default: leader)
# Then open http://127.0.0.1:56150 and type "help" (or 帮助). Ctrl+C stops both processes.
set -euo pipefail
cd "$(dirname "$0")/.."
as="${1:-leader}"
export BRANCHBOT_DATA="${BRANCHBOT_DATA:-$PWD/artifacts/try-it}"
mkdir -p "$BRANCHBOT_DATA"

[ -d tests/node/node_modules ] || (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
dotnet build Bot -c Release -nologo -clp:ErrorsOnly
bot="dotnet Bot/bin/Release/net10.0/BranchBot.Bot.dll"
[ -f "$BRANCHBOT_DATA/branchbot.db" ] || $bot demo
$bot roster export "$BRANCHBOT_DATA/roster.csv" >/dev/null

# Pick people from the demo roster (学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务).
row() { tr -d '\r' < "$BRANCHBOT_DATA/roster.csv" | sed '1s/^\xEF\xBB\xBF//' | tail -n +2 | awk -F, "$@" | head -1; }
leader=$(row '$8 ~ /组长/')
group=$(echo "$leader" | cut -d, -f4)
student=$(row -v g="$group" '$4 == g && $5 == "积极分子" && $7 != ""')
mentor_no=$(echo "$student" | cut -d, -f7 | cut -d';' -f1)
mentor=$(row -v n="$mentor_no" '$1 == n')
secretary=$(row '$8 ~ /书记/')
other1=$(row -v g="$group" '$4 == g && $5 == "积极分子" && $7 != ""' )
other2=$(row -v g="$group" '$4 == g && $5 == "预备党员"')

user() { # $1 = csv row, $2 = index
  local name email; name=$(echo "$1" | cut -d, -f2); email=$(echo "$1" | cut -d, -f3)
  printf '%sid: "user-%s"\n%sname: "%s"\n%suserPrincipleName: "%s"\n%saadObjectId: "00000000-0000-0000-0000-00000000000%s"\n%sgivenName: "%s"\n%ssurname: "%s"\n%semail: "%s"\n' \
    "$3" "$2" "$4" "$name" "$4" "$email" "$4" "$2" "$4" "${name:1}" "$4" "${name:0:1}" "$4" "$email"
}
declare -A people=([leader]="$leader" [student]="$student" [mentor]="$mentor" [secretary]="$secretary")
current="${people[$as]:?choose leader, student, mentor or secretary}"
config="$BRANCHBOT_DATA/playground.yml"
{
  echo 'version: "0.1.1"'
  echo 'tenantId: "00000000-0000-0000-0000-0000000000aa"'
  echo 'bot:'; echo '  id: "00000000-0000-0000-0000-0000000000bb"'; echo '  name: "BranchBot"'
  echo 'currentUser:'; user "$current" 1 "  " "  "
  echo 'users:'
  i=2
  for who in leader student mentor secretary; do
    [ "$who" = "$as" ] && continue
    user "${people[$who]}" $i "  - " "    "; i=$((i+1))
  done
  user "$other2" $i "  - " "    "; i=$((i+1))
  [ $i -le 6 ] && user "$other1" $i "  - " "    "
  echo 'personalChat:'; echo '  id: "personal-chat"'
  echo 'groupChat:'; echo '  id: "group-chat"'; echo '  name: "党小组"'
  echo 'team:'; echo '  id: "team"'; echo '  name: "学生党支部"'; echo '  aadGroupId: "00000000-0000-0000-0000-0000000000cc"'; echo '  channels: []'
} > "$config"

echo "You are $(echo "$current" | cut -d, -f2) ($as). Data: $BRANCHBOT_DATA"
$bot --urls http://127.0.0.1:3978 & botpid=$!
trap 'kill $botpid $pgpid 2>/dev/null' EXIT
until curl -sf http://127.0.0.1:3978/healthz >/dev/null; do sleep 0.5; done
TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$config" M365_AGENTS_PLAYGROUND_LOGFILE="$BRANCHBOT_DATA/playground.log" \
  node tests/node/node_modules/@microsoft/m365agentsplayground/cli.js -e http://127.0.0.1:3978/api/messages -c msteams --dt -p 56150 & pgpid=$!
echo "Open http://127.0.0.1:56150 and type: help"
wait $pgpid
