#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a new cluster in a folder, on a free port of 127.0.0.1.
#
#   scripts/postgres.sh start <folder>   installs Debian's postgresql if missing, starts the server and prints
#                                       its connection string (the tests read it from BRANCHBOT_TEST_POSTGRES)
#   scripts/postgres.sh stop <folder>    stops that server and removes the folder
#
# By hand:  dir=$(mktemp -d); export BRANCHBOT_TEST_POSTGRES=$(scripts/postgres.sh start "$dir")
#           dotnet test ...; scripts/postgres.sh stop "$dir"
# The server refuses to run as root, so as root it runs as the system user branchbot-pg (created if missing).
# Durability is off (fsync, synchronous_commit): the data lives only as long as the test run.
set -euo pipefail

user=branchbot-pg

bin_dir() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb" ] && dirname "$initdb"
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local dir=$1
  if [ -z "$(bin_dir)" ]; then
    echo "Installing PostgreSQL (Debian's postgresql package)..." >&2
    if [ "$(id -u)" -ne 0 ]; then echo "postgres.sh: PostgreSQL is not installed and installing it needs root (apt-get install -y postgresql)." >&2; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  fi
  local bin
  bin=$(bin_dir) || { echo "postgres.sh: no initdb under /usr/lib/postgresql/*/bin after installing." >&2; exit 1; }
  if [ "$(id -u)" -eq 0 ] && ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$user" "$dir"; fi
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-locale --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  local port
  port=$(free_port)
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$bin" >"$dir/bin"
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
  local dir=$1
  if [ -f "$dir/bin" ] && [ -d "$dir/data" ]; then
    as_server_user "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?usage: postgres.sh start <folder>}" ;;
  stop) stop "${2:?usage: postgres.sh stop <folder>}" ;;
  *) echo "usage: scripts/postgres.sh start|stop <folder>" >&2; exit 2 ;;
esac
