#!/usr/bin/env bash
# Starts (or finds) a throwaway PostgreSQL cluster for the server's API
# tests and prints its URL as the last line of stdout. Safe to call twice.
# Installs Debian's postgresql if missing. Trust auth, 127.0.0.1 only.
#   export SAMENOP_TEST_DATABASE_URL=$(bash .ci/postgres.sh | tail -1)
set -euo pipefail

PORT=${SAMENOP_PG_PORT:-54329}
DIR=${SAMENOP_PG_DIR:-/tmp/samenop-pg-$PORT}
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

BIN=$(pg_bin || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "installing postgresql" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  BIN=$(pg_bin)
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

if as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "$URL"
  exit 0
fi

# Not running: start from an empty cluster. The tests' databases are
# throwaway, and an old directory left by a machine that stopped without
# shutting PostgreSQL down first (thousands of test databases) makes crash
# recovery fsync every file before it accepts a connection: CI once waited
# more than 60 s for that and failed (stop 21). A running server from a
# cut-off earlier attempt on this directory is stopped first.
if [ -f "$DIR/postmaster.pid" ]; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -m immediate -w -t 30 stop >&2 2>/dev/null || true
  pid=$(head -n 1 "$DIR/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && grep -q postgres "/proc/$pid/cmdline"; then
    kill -9 "$pid" 2>/dev/null || true
    sleep 1
  fi
fi
rm -rf "$DIR"
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
chmod 700 "$DIR"
as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 >/dev/null

as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=300" >&2 || {
  tail -n 20 "$DIR/server.log" >&2 || true
}

for _ in $(seq 1 60); do
  if as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    echo "$URL"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL did not become ready; see $DIR/server.log" >&2
exit 1
