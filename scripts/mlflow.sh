#!/usr/bin/env bash
# The MLflow tracking server on its own PostgreSQL, on loopback, for developers, tests and CI.
#
#   scripts/mlflow.sh install   the venv (mlflow pinned, psycopg, prometheus-flask-exporter) and Debian's PostgreSQL if missing
#   scripts/mlflow.sh start     initialise the cluster and database on first use, start both, wait for /health
#   scripts/mlflow.sh stop      stop exactly what start started (PIDs in $MLFLOW_HOME/run)
#   scripts/mlflow.sh status    exit 0 when the server answers /health
#
# Everything lives under MLFLOW_HOME (default var/mlflow): venv/, pgdata/, artifacts/, secrets/, run/, logs/.
# The database password is generated once into secrets/ (mode 0600) and reaches PostgreSQL through stdin and
# MLflow through a libpq password file (PGPASSFILE): it is never on a command line that ps shows.
# Environment: MLFLOW_HOME, MLFLOW_PORT (5000), MLFLOW_PG_PORT (5433), MLFLOW_VERSION (3.17.2; 3.18.0 does not
# install here: its mlflow-tracing 3.18.0 is not served).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${MLFLOW_HOME:-$ROOT/var/mlflow}"
PORT="${MLFLOW_PORT:-5000}"
PG_PORT="${MLFLOW_PG_PORT:-5433}"
VERSION="${MLFLOW_VERSION:-3.17.2}"
# for --expose-prometheus (/metrics), as in the cluster's image (infrastructure/docker/mlflow)
EXPORTER_VERSION=0.23.2
VENV="$HOME_DIR/venv"
PGDATA="$HOME_DIR/pgdata"
SOCKETS="$HOME_DIR/run/pg"
SECRETS="$HOME_DIR/secrets"
DB=mlflow
DB_USER=mlflow
URL="http://127.0.0.1:$PORT"

log() { echo "mlflow.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# shellcheck source=lib/postgres.sh
. "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"

install() {
  if ! pg_bin >/dev/null; then
    log "installing PostgreSQL (apt)"
    apt_install postgresql
  fi
  if [ ! -x "$VENV/bin/mlflow" ] || ! "$VENV/bin/python" -c "import mlflow, psycopg, prometheus_flask_exporter, sys; sys.exit(mlflow.__version__ != '$VERSION')" 2>/dev/null; then
    log "installing mlflow==$VERSION into $VENV"
    mkdir -p "$HOME_DIR"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "mlflow==$VERSION" "psycopg[binary]" \
      "prometheus-flask-exporter==$EXPORTER_VERSION" >&2
  fi
}

password() {
  mkdir -p "$SECRETS"; chmod 700 "$SECRETS"
  if [ ! -s "$SECRETS/postgres-password" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$SECRETS/postgres-password")
  fi
  (umask 077; printf '127.0.0.1:%s:%s:%s:%s\n' "$PG_PORT" "$DB" "$DB_USER" "$(cat "$SECRETS/postgres-password")" > "$SECRETS/pgpass")
}

start_postgres() {
  local bin; bin="$(pg_bin)" || die "no PostgreSQL server binaries; run '$0 install'"
  mkdir -p "$SOCKETS" "$HOME_DIR/logs"
  if [ "$(id -u)" = 0 ]; then chown postgres "$SOCKETS" "$HOME_DIR/logs"; fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initialising the PostgreSQL cluster in $PGDATA"
    mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
    as_pg "$bin/initdb" -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >/dev/null
  fi
  if ! as_pg "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$PGDATA" -w -l "$HOME_DIR/logs/postgres.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $SOCKETS" start >/dev/null
  fi
  # The role and database, once; the password goes through stdin, never argv.
  if ! as_pg "$bin/psql" -h "$SOCKETS" -p "$PG_PORT" -U postgres -tAc "select 1 from pg_roles where rolname = '$DB_USER'" postgres | grep -q 1; then
    log "creating the $DB database"
    { printf "CREATE ROLE %s LOGIN PASSWORD '%s';\n" "$DB_USER" "$(cat "$SECRETS/postgres-password")"
      printf "CREATE DATABASE %s OWNER %s;\n" "$DB" "$DB_USER"; } \
      | as_pg "$bin/psql" -q -h "$SOCKETS" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 postgres >/dev/null
  fi
}

running() { curl -sf -m 2 "$URL/health" >/dev/null 2>&1; }

start() {
  install
  password
  start_postgres
  if running; then
    # ours only when our recorded process is alive: another checkout's server would hold another database
    if [ -f "$HOME_DIR/run/mlflow.pid" ] && kill -0 "$(cat "$HOME_DIR/run/mlflow.pid")" 2>/dev/null; then
      log "already running at $URL"; return
    fi
    die "$URL answers but is not the server this checkout started (no live $HOME_DIR/run/mlflow.pid): stop it, or set MLFLOW_PORT"
  fi
  # /metrics (Prometheus' format) for the local stack's scrape, as in the cluster; its files are per start.
  rm -rf "$HOME_DIR/run/metrics"
  mkdir -p "$HOME_DIR/artifacts" "$HOME_DIR/run/metrics" "$HOME_DIR/logs"
  log "starting the MLflow server at $URL"
  # setsid: the server and its workers form one process group, stopped together by its id.
  # No job execution: MLflow 3's job runner adds eight Python processes (~1.3 GB) for features we do not use.
  PGPASSFILE="$SECRETS/pgpass" MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$VENV/bin/mlflow" server \
    --backend-store-uri "postgresql://$DB_USER@127.0.0.1:$PG_PORT/$DB" \
    --serve-artifacts --artifacts-destination "$HOME_DIR/artifacts" \
    --host 127.0.0.1 --port "$PORT" --workers 2 --expose-prometheus "$HOME_DIR/run/metrics" \
    > "$HOME_DIR/logs/mlflow.log" 2>&1 < /dev/null &
  echo $! > "$HOME_DIR/run/mlflow.pid"
  for _ in $(seq 240); do
    running && { log "ready at $URL"; return; }
    kill -0 "$(cat "$HOME_DIR/run/mlflow.pid")" 2>/dev/null || { tail -20 "$HOME_DIR/logs/mlflow.log" >&2; die "the server exited"; }
    sleep 0.5
  done
  die "no answer from $URL/health; see $HOME_DIR/logs/mlflow.log"
}

stop() {
  local pid bin
  if [ -f "$HOME_DIR/run/mlflow.pid" ]; then
    pid="$(cat "$HOME_DIR/run/mlflow.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$HOME_DIR/run/mlflow.pid"
  fi
  if bin="$(pg_bin)" && [ -f "$PGDATA/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  log "stopped"
}

case "${1:-status}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running at $URL"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
