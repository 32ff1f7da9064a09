#!/usr/bin/env bash
# Restore drill for the MLflow database: proves that a dump taken by scripts/postgres-backup.sh brings back the
# tracking data after the PostgreSQL cluster is lost.
#
#   bench/drills/restore.sh
#
# Self-contained: its own MLFLOW_HOME in a temporary directory and its own ports (MLflow 5100, PostgreSQL 5534),
# so it never meets a `callcenter up` or a developer's scripts/mlflow.sh. It starts MLflow with scripts/mlflow.sh,
# creates an experiment and a run with a parameter and a metric through the REST API, dumps the database, stops
# everything, deletes the cluster (pgdata), starts MLflow on a fresh, empty cluster (and checks that the run is
# gone), stops it, restores the dump, starts MLflow again and checks through /api/2.0/mlflow/runs/search that the
# run is back with its parameter and metric. Exits non-zero on any failure; the last line is a JSON summary.
#
# The MLflow venv of this checkout (var/mlflow/venv, made by scripts/mlflow.sh install) is reused when it exists
# (RESTORE_DRILL_VENV names another one); without one, scripts/mlflow.sh installs MLflow into the temporary
# directory first. KEEP=1 keeps the temporary directory (logs, dump) for a look afterwards.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export MLFLOW_PORT=5100 MLFLOW_PG_PORT=5534
MLFLOW_HOME="$(mktemp -d "${TMPDIR:-/tmp}/restore-drill.XXXXXX")"
export MLFLOW_HOME
# As root, PostgreSQL runs as the postgres user, who must reach pgdata/ and run/pg below this directory.
chmod 755 "$MLFLOW_HOME"
URL="http://127.0.0.1:$MLFLOW_PORT"
DUMP="$MLFLOW_HOME/backups/mlflow.dump"
STEP=setup
STARTED=$(date +%s.%N)
DUMP_SECONDS=0; RESTORE_SECONDS=0; RUN_ID=""; EXPERIMENT_ID=""

log() { echo "restore-drill: $*" >&2; }
since() { python3 -c 'import sys, time; print(round(time.time() - float(sys.argv[1]), 2))' "$1"; }
fail() { log "FAILED at $STEP: $*"; exit 1; }

finish() {
  local rc=$?
  "$ROOT/scripts/mlflow.sh" stop >/dev/null 2>&1 || true
  if [ "$rc" != 0 ] && [ -d "$MLFLOW_HOME/logs" ]; then
    tail -n 20 "$MLFLOW_HOME/logs/mlflow.log" "$MLFLOW_HOME/logs/postgres.log" >&2 2>/dev/null || true
  fi
  local size=0; [ -f "$DUMP" ] && size=$(stat -c %s "$DUMP")
  if [ "${KEEP:-0}" = 1 ]; then log "kept $MLFLOW_HOME"; else rm -rf "$MLFLOW_HOME"; fi
  python3 -c 'import json, sys
a = sys.argv
print(json.dumps({"drill": "postgres-restore", "ok": a[1] == "0", "failed_step": None if a[1] == "0" else a[2],
    "run_id": a[3] or None, "experiment_id": a[4] or None, "dump_bytes": int(a[5]),
    "dump_seconds": round(float(a[6]), 2), "restore_seconds": round(float(a[7]), 2),
    "total_seconds": round(float(a[8]) - float(a[9]), 1)}))' \
    "$rc" "$STEP" "$RUN_ID" "$EXPERIMENT_ID" "$size" "$DUMP_SECONDS" "$RESTORE_SECONDS" "$(date +%s.%N)" "$STARTED"
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

# A port something else listens on would make the drill talk to (or fail on) someone else's server.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$MLFLOW_PORT" || fail "port $MLFLOW_PORT is in use"
port_free "$MLFLOW_PG_PORT" || fail "port $MLFLOW_PG_PORT is in use"

VENV="${RESTORE_DRILL_VENV:-$ROOT/var/mlflow/venv}"
if [ -x "$VENV/bin/mlflow" ]; then
  ln -s "$(cd "$VENV" && pwd)" "$MLFLOW_HOME/venv"
else
  log "no MLflow venv at $VENV: scripts/mlflow.sh installs one into $MLFLOW_HOME (a few minutes)"
fi

# api METHOD PATH [JSON]: the REST API's answer on stdout; fails on an HTTP error.
api() {
  local out
  if [ "$1" = GET ]; then
    out=$(curl -sS -f -m 30 "$URL$2") || fail "GET $2"
  else
    out=$(curl -sS -f -m 30 -X "$1" -H 'Content-Type: application/json' -d "$3" "$URL$2") || fail "$1 $2 $3"
  fi
  printf '%s' "$out"
}
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

# search: the runs of the drill's experiment, as "run_id param_value metric_value" lines (empty: none).
search() {
  api POST /api/2.0/mlflow/runs/search "{\"experiment_ids\": [\"$EXPERIMENT_ID\"], \"max_results\": 10}" \
    | python3 -c 'import json, sys
for r in json.load(sys.stdin).get("runs", []):
    params = {p["key"]: p["value"] for p in r["data"].get("params", [])}
    metrics = {m["key"]: m["value"] for m in r["data"].get("metrics", [])}
    print(r["info"]["run_id"], params.get("drill_param", "-"), metrics.get("drill_metric", "-"))'
}

STEP=start; "$ROOT/scripts/mlflow.sh" start

STEP=record
PARAM="p-$RANDOM$RANDOM"; METRIC=0.8125; NOW=$(date +%s%3N)
EXPERIMENT_ID=$(api POST /api/2.0/mlflow/experiments/create "{\"name\": \"restore-drill-$NOW\"}" | json 'd["experiment_id"]')
RUN_ID=$(api POST /api/2.0/mlflow/runs/create \
  "{\"experiment_id\": \"$EXPERIMENT_ID\", \"start_time\": $NOW, \"run_name\": \"restore-drill\"}" | json 'd["run"]["info"]["run_id"]')
api POST /api/2.0/mlflow/runs/log-parameter "{\"run_id\": \"$RUN_ID\", \"key\": \"drill_param\", \"value\": \"$PARAM\"}" >/dev/null
api POST /api/2.0/mlflow/runs/log-metric \
  "{\"run_id\": \"$RUN_ID\", \"key\": \"drill_metric\", \"value\": $METRIC, \"timestamp\": $NOW, \"step\": 0}" >/dev/null
EXPECTED="$RUN_ID $PARAM $METRIC"
[ "$(search)" = "$EXPECTED" ] || fail "the run as recorded: '$(search)', expected '$EXPECTED'"
log "recorded run $RUN_ID (experiment $EXPERIMENT_ID, drill_param=$PARAM, drill_metric=$METRIC)"

STEP=dump
t=$(date +%s.%N); "$ROOT/scripts/postgres-backup.sh" dump "$DUMP"; DUMP_SECONDS=$(since "$t")

STEP=wipe
"$ROOT/scripts/mlflow.sh" stop
rm -rf "$MLFLOW_HOME/pgdata"
# A fresh cluster: mlflow.sh initialises it, creates the role and the database, and MLflow an empty schema.
"$ROOT/scripts/mlflow.sh" start
[ -z "$(search)" ] || fail "the run survived the wipe: '$(search)'"
"$ROOT/scripts/mlflow.sh" stop

STEP=restore
t=$(date +%s.%N); "$ROOT/scripts/postgres-backup.sh" restore "$DUMP"; RESTORE_SECONDS=$(since "$t")

STEP=verify
"$ROOT/scripts/mlflow.sh" start
GOT="$(search)"
[ "$GOT" = "$EXPECTED" ] || fail "after the restore runs/search lists '$GOT', expected '$EXPECTED'"
log "run $RUN_ID is back with drill_param=$PARAM and drill_metric=$METRIC"
STEP=done
