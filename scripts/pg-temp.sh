#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster as a non-root user on a free local port.
#   source scripts/pg-temp.sh start   → exports DATABASE_URL and PG_TEMP_DIR
#   bash scripts/pg-temp.sh stop DIR  → stops that cluster and removes it
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] || { echo "pg-temp: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  echo "$dir"
}

as_pg_user() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/sadiq-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
  port=$(free_port)
  as_pg_user "$bin/initdb" -D "$dir/data" -U sadiq --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # Throwaway cluster: durability off is fine for tests; benchmarks set their own.
  as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  as_pg_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U sadiq sadiq
  export PG_TEMP_DIR="$dir"
  export DATABASE_URL="postgres://sadiq@127.0.0.1:$port/sadiq"
  echo "pg-temp: PostgreSQL running at $DATABASE_URL (data in $dir)"
}

stop() {
  local dir="$1" bin
  bin=$(pg_bin)
  [ -d "$dir/data" ] && as_pg_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?usage: pg-temp.sh stop DIR}" ;;
  *) echo "usage: source scripts/pg-temp.sh start | bash scripts/pg-temp.sh stop DIR" >&2; return 2 2>/dev/null || exit 2 ;;
esac
