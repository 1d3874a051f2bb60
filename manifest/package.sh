#!/usr/bin/env bash
# Builds the Teams app package: manifest.json with the ids and URLs filled in, its localization files and
# the two icons, zipped at the root of <output-dir>/branchbot.zip (default: artifacts/branchbot.zip).
#
#   MicrosoftAppId=<bot app id> manifest/package.sh [output-dir]
#
# Settings (environment variables):
#   MicrosoftAppId           required  the bot's Microsoft App ID (GUID), the same value the bot runs with
#   TEAMS_APP_ID             optional  the Teams app id (GUID); default: MicrosoftAppId
#   TEAMS_APP_VERSION        optional  the app version, major.minor.patch; raise it for every upload; default 1.0.0
#   BRANCHBOT_SITE_URL       optional  https base of the developer pages; default https://branchbot.example.org
#   BRANCHBOT_WEBSITE_URL    optional  default: BRANCHBOT_SITE_URL
#   BRANCHBOT_PRIVACY_URL    optional  default: BRANCHBOT_SITE_URL/privacy
#   BRANCHBOT_TERMS_URL      optional  default: BRANCHBOT_SITE_URL/terms
#   BRANCHBOT_BOT_URL        optional  https base where the bot itself answers (its /api/messages and the tab at /tab);
#                                      default: BRANCHBOT_SITE_URL. Its host names the SSO resource api://<host>/<bot id>
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out_dir=${1:-"$here/../artifacts"}

fail() {
  echo "manifest/package.sh: $*" >&2
  exit 2
}

guid='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'
https_url='^https://[^[:space:]"\\]+$'

bot_id=${MicrosoftAppId:-}
[[ -n $bot_id ]] || fail "MicrosoftAppId is not set: export the bot's Microsoft App ID (a GUID from its Azure Bot registration)."
[[ $bot_id =~ $guid ]] || fail "MicrosoftAppId '$bot_id' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."

app_id=${TEAMS_APP_ID:-$bot_id}
[[ $app_id =~ $guid ]] || fail "TEAMS_APP_ID '$app_id' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."

version=${TEAMS_APP_VERSION:-1.0.0}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "TEAMS_APP_VERSION '$version' is not major.minor.patch (e.g. 1.0.3)."

site=${BRANCHBOT_SITE_URL:-https://branchbot.example.org}
site=${site%/}
website=${BRANCHBOT_WEBSITE_URL:-$site}
privacy=${BRANCHBOT_PRIVACY_URL:-$site/privacy}
terms=${BRANCHBOT_TERMS_URL:-$site/terms}
bot_url=${BRANCHBOT_BOT_URL:-$site}
bot_url=${bot_url%/}
for setting in BRANCHBOT_BOT_URL:$bot_url BRANCHBOT_SITE_URL:$site BRANCHBOT_WEBSITE_URL:$website BRANCHBOT_PRIVACY_URL:$privacy BRANCHBOT_TERMS_URL:$terms; do
  value=${setting#*:}
  [[ $value =~ $https_url ]] || fail "${setting%%:*} '$value' is not an https:// URL without spaces or quotes."
done

bot_domain=${bot_url#https://}
bot_domain=${bot_domain%%/*}
bot_domain=${bot_domain%%\?*}

# sed replacement text: escape the delimiter, '&' and backslash.
escape() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

sed -e "s|\${{TEAMS_APP_ID}}|$app_id|g" \
    -e "s|\${{BOT_ID}}|$bot_id|g" \
    -e "s|\${{APP_VERSION}}|$version|g" \
    -e "s|\${{WEBSITE_URL}}|$(escape "$website")|g" \
    -e "s|\${{PRIVACY_URL}}|$(escape "$privacy")|g" \
    -e "s|\${{TERMS_URL}}|$(escape "$terms")|g" \
    -e "s|\${{BOT_URL}}|$(escape "$bot_url")|g" \
    -e "s|\${{BOT_DOMAIN}}|$(escape "$bot_domain")|g" \
    "$here/manifest.json" > "$stage/manifest.json"
if grep -q '\${{' "$stage/manifest.json"; then
  fail "manifest.json still has a placeholder after substitution: $(grep -o '\${{[A-Z_]*}}' "$stage/manifest.json" | sort -u | tr '\n' ' ')"
fi

files=(manifest.json en.json zh-tw.json color.png outline.png)
for file in "${files[@]:1}"; do
  cp "$here/$file" "$stage/$file"
done

mkdir -p "$out_dir"
zip_path="$(cd "$out_dir" && pwd)/branchbot.zip"
rm -f "$zip_path"
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && zip -q -X "$zip_path" "${files[@]}")
elif command -v python3 >/dev/null 2>&1; then
  (cd "$stage" && python3 -m zipfile -c "$zip_path" "${files[@]}")
else
  fail "neither zip nor python3 is installed: install one (apt-get install zip)."
fi

echo "wrote $zip_path (app id $app_id, bot id $bot_id, version $version)"
