#!/usr/bin/env bash
# The peer benchmark (../shared/bench/compare.sh: pouchdb-server vs SamenOp on
# SQLite and PostgreSQL vs the raw SQLite ceiling, one run) against this
# checkout's release server, from a copy of the shared bench with two edits
# (peer_sync_load.patch) its samenop target needs since issues 16 and 18:
#  - a session is bound to the device of its first push, so each account
#    pushes with one batch-level device id (the events keep their own);
#  - a shift lead's pull holds only the cases the lead opened, so the count
#    pulls as the two authors instead.
# The shared files are not changed. Knobs as compare.sh's (RUNS, WIDE_RUNS,
# OUTDIR, ANCHOR); PG_URL defaults to the cluster of .ci/postgres.sh.
#   bash scripts/bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$BENCH"/*.sh "$BENCH"/*.py "$work"/
patch -s -d "$work" -p1 < scripts/bench/peer_sync_load.patch
cargo build --release -p samenop-server
PG_URL=${PG_URL:-$(bash .ci/postgres.sh | tail -n 1)}
PROJECT=$PWD RUNS=${RUNS:-3} WIDE_RUNS=${WIDE_RUNS:-1} PG_URL=$PG_URL bash "$work/compare.sh"
