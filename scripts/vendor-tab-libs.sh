#!/usr/bin/env bash
# Copies the tab's browser libraries, at the versions pinned in tests/node/package.json, into Bot/wwwroot/lib/, where
# the build embeds them (Bot/Tab/TabAssets.cs serves them). The copies are committed, so `dotnet run` works offline;
# run this after changing a pinned version. With --check it only fails when a committed copy differs.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[[ ${1:-} == --check ]] && check=true

if [ ! -d tests/node/node_modules/chart.js ] || [ ! -d tests/node/node_modules/@microsoft/teams-js ]; then
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

pinned() { node -e 'const p=require("./tests/node/package.json");process.stdout.write(p.dependencies[process.argv[1]])' "$1"; }
installed() { node -e 'process.stdout.write(require("./tests/node/node_modules/"+process.argv[1]+"/package.json").version)' "$1"; }

status=0
copy() { # package, file in the package, destination under Bot/wwwroot/lib
  local package=$1 file=$2 destination=Bot/wwwroot/lib/$3
  local want; want=$(pinned "$package")
  local have; have=$(installed "$package")
  [[ $want == "$have" ]] || { echo "vendor-tab-libs: $package is $have in tests/node/node_modules but $want is pinned: run npm ci in tests/node" >&2; exit 2; }
  # The source map is not shipped: drop the comment that would ask for it.
  local content; content=$(sed -e '/^\/\/# sourceMappingURL=/d' "tests/node/node_modules/$package/$file")
  if $check; then
    if [[ ! -f $destination ]] || [[ $(cat "$destination") != "$content" ]]; then
      echo "vendor-tab-libs: $destination is not $package $want's $file: run scripts/vendor-tab-libs.sh and commit the result" >&2
      status=1
    fi
  else
    mkdir -p "$(dirname "$destination")"
    printf '%s\n' "$content" > "$destination"
  fi
}

copy chart.js dist/chart.umd.min.js chart.js/chart.umd.min.js
copy chart.js LICENSE.md chart.js/LICENSE.md
copy @microsoft/teams-js dist/umd/MicrosoftTeams.min.js teams-js/MicrosoftTeams.min.js
copy @microsoft/teams-js LICENSE teams-js/LICENSE
exit $status
