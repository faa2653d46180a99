#!/usr/bin/env bash
# A throwaway PostgreSQL server for the ledger tests.
#
#   scripts/pg_test_server.sh start DIR [PORT]   initdb + start in DIR; prints the postgresql:// URL
#   scripts/pg_test_server.sh stop DIR           stop the server and delete DIR
#
# Binaries: $PG_BIN, else `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin, else PATH.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
# (created when missing). It listens on 127.0.0.1:PORT (a free port when not given) and on a
# unix socket inside DIR, with fsync off: the data is disposable. $PYTHON (default python3)
# picks the free port.
set -euo pipefail

die() { echo "pg_test_server: $*" >&2; exit 1; }

find_bin() {
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/initdb" ]]; then echo "$PG_BIN"; return; fi
  if command -v pg_config >/dev/null 2>&1; then
    local b; b="$(pg_config --bindir)"
    if [[ -x "$b/initdb" && -x "$b/pg_ctl" ]]; then echo "$b"; return; fi
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return
  fi
  return 1
}

as_owner() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  "${PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cmd="${1:-}"; dir="${2:-}"
[[ -n "$cmd" && -n "$dir" ]] || die "usage: $0 start|stop DIR [PORT]"
bin="$(find_bin)" || die "PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql"

case "$cmd" in
  start)
    port="${3:-$(free_port)}"
    if [[ "$(id -u)" == "0" ]] && ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    mkdir -p "$dir/sock"
    if [[ "$(id -u)" == "0" ]]; then chown -R postgres "$dir"; chmod 0700 "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" \
      start >/dev/null || { cat "$dir/server.log" >&2; die "server did not start"; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) die "unknown command $cmd (start|stop)";;
esac
