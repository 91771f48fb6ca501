#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the archive's tests and benchmarks (Debian's postgresql).
#
#   eval "$(bash scripts/pg_throwaway.sh start [DIR])"   # prints: export CONGVAN_TEST_PG=postgresql://...
#   bash scripts/pg_throwaway.sh stop [DIR]              # stops it and removes DIR
#
# DIR (default /tmp/congvan-pg) holds the data folder and the socket; the server listens on
# that socket and on 127.0.0.1:$CONGVAN_PG_PORT (default: a free port), nowhere else. initdb refuses
# root: as root the cluster belongs to the `postgres` user (made by Debian's package) or, without
# it, to a `congvan-pg` user made here. Authentication is `trust` for local connections only.
# CONGVAN_PG_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous_commit; what the
# benchmark uses); otherwise fsync is off, as suits a cluster that is deleted after the tests.
set -euo pipefail
cmd="${1:?usage: pg_throwaway.sh start|stop [DIR]}"
dir="${2:-/tmp/congvan-pg}"
port="${CONGVAN_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bindir/initdb" ] || { echo "pg_throwaway: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

owner="$(id -un)"
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || { owner=congvan-pg; id -u "$owner" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$owner"; }
  as_owner() { runuser -u "$owner" -- "$@"; }
fi

case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      chown "$owner" "$dir"
      as_owner "$bindir/initdb" -D "$dir/data" -U congvan --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    opts="-c listen_addresses=127.0.0.1 -c port=$port -k $dir -c max_connections=50"
    [ "${CONGVAN_PG_DURABLE:-0}" = 1 ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export CONGVAN_TEST_PG=postgresql://congvan@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_throwaway.sh start|stop [DIR]" >&2; exit 2 ;;
esac
