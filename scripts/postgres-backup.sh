#!/usr/bin/env bash
# Dump and restore the MLflow database of the local PostgreSQL that scripts/mlflow.sh runs.
#
#   scripts/postgres-backup.sh dump FILE      pg_dump --format=custom of the mlflow database into FILE
#   scripts/postgres-backup.sh restore FILE   replace the mlflow database with the content of FILE
#
# dump writes FILE.partial, checks it with pg_restore --list and only then renames it to FILE. restore needs MLflow
# stopped (scripts/mlflow.sh stop): it restores into a new database mlflow_restoring, then renames the current
# database to mlflow_before_restore (dropping an older one) and mlflow_restoring to mlflow, so a failed restore
# leaves the database as it was. Both start PostgreSQL for their work when it is not running and stop it again.
#
# The cluster and the conventions are scripts/mlflow.sh's: MLFLOW_HOME (default var/mlflow) holds pgdata/,
# the sockets in run/pg and the password file secrets/pgpass; MLFLOW_PG_PORT (5433); database and owner mlflow.
# As root, PostgreSQL's own tools run as the postgres user (runuser), as in mlflow.sh; the password never appears
# on a command line. The cluster backup (CronJob postgres-backup) and its restore: docs/operations.md,
# "Backups and restore".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${MLFLOW_HOME:-$ROOT/var/mlflow}"
PG_PORT="${MLFLOW_PG_PORT:-5433}"
PGDATA="$HOME_DIR/pgdata"
SOCKETS="$HOME_DIR/run/pg"
SECRETS="$HOME_DIR/secrets"
DB=mlflow
DB_USER=mlflow

log() { echo "postgres-backup.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# shellcheck source=lib/postgres.sh
. "$ROOT/scripts/lib/postgres.sh"

BIN="$(pg_bin)" || die "no PostgreSQL binaries; run 'scripts/mlflow.sh install'"
STARTED_HERE=""

# superuser SQL...: each statement on its own (DROP/CREATE/ALTER DATABASE refuse a transaction block).
superuser() {
  local sql
  for sql in "$@"; do
    printf '%s\n' "$sql" | as_pg env PGOPTIONS="-c client_min_messages=warning" "$BIN/psql" -q -X -h "$SOCKETS" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 postgres >/dev/null
  done
}

ensure_postgres() {
  [ -f "$PGDATA/PG_VERSION" ] || die "no cluster in $PGDATA: run 'scripts/mlflow.sh start' once to create it"
  if ! as_pg "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "starting PostgreSQL for the $1 (stopped again afterwards)"
    mkdir -p "$SOCKETS" "$HOME_DIR/logs"
    if [ "$(id -u)" = 0 ]; then chown postgres "$SOCKETS" "$HOME_DIR/logs"; fi
    as_pg "$BIN/pg_ctl" -D "$PGDATA" -w -l "$HOME_DIR/logs/postgres.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $SOCKETS" start >/dev/null
    STARTED_HERE=1
  fi
}

stop_if_started() {
  if [ -n "$STARTED_HERE" ]; then
    as_pg "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
    STARTED_HERE=""
  fi
}
trap stop_if_started EXIT

mlflow_running() {
  [ -f "$HOME_DIR/run/mlflow.pid" ] && kill -0 "$(cat "$HOME_DIR/run/mlflow.pid")" 2>/dev/null
}

dump() {
  local file="$1" partial="$1.partial"
  [ -s "$SECRETS/pgpass" ] || die "no $SECRETS/pgpass: run 'scripts/mlflow.sh start' once"
  mkdir -p "$(dirname "$file")"
  ensure_postgres dump
  rm -f "$partial"
  # As the database owner over TCP, its password from mlflow.sh's libpq password file; written to a regular file
  # (seekable), so the archive carries its table of contents with data offsets.
  if ! PGPASSFILE="$SECRETS/pgpass" "$BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB" \
      --format=custom --compress=6 --file="$partial"; then
    rm -f "$partial"; die "pg_dump failed"
  fi
  "$BIN/pg_restore" --list "$partial" >/dev/null || { rm -f "$partial"; die "the dump is not a readable archive"; }
  mv "$partial" "$file"
  log "dumped database $DB to $file ($(stat -c %s "$file") bytes)"
}

restore() {
  local file="$1"
  [ -s "$file" ] || die "no dump at $file"
  mlflow_running && die "MLflow is running on this database: stop it first (scripts/mlflow.sh stop)"
  "$BIN/pg_restore" --list "$file" >/dev/null || die "$file is not a pg_dump custom-format archive"
  ensure_postgres restore
  as_pg "$BIN/psql" -X -h "$SOCKETS" -p "$PG_PORT" -U postgres -tAc "select 1 from pg_roles where rolname = '$DB_USER'" postgres \
    | grep -q 1 || die "no role $DB_USER in $PGDATA: run 'scripts/mlflow.sh start' once"
  superuser "DROP DATABASE IF EXISTS ${DB}_restoring;" "CREATE DATABASE ${DB}_restoring OWNER $DB_USER;"
  # Objects owned by mlflow whoever owned them where the dump was taken (--no-owner, --role); all or nothing.
  # The archive comes through stdin: as root, pg_restore runs as the postgres user, who may not read FILE.
  if ! as_pg "$BIN/pg_restore" -h "$SOCKETS" -p "$PG_PORT" -U postgres -d "${DB}_restoring" --role="$DB_USER" \
      --no-owner --no-privileges --exit-on-error --single-transaction < "$file"; then
    superuser "DROP DATABASE IF EXISTS ${DB}_restoring;"
    die "pg_restore failed; database $DB is unchanged"
  fi
  superuser "DROP DATABASE IF EXISTS ${DB}_before_restore;" \
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid();"
  if as_pg "$BIN/psql" -X -h "$SOCKETS" -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname = '$DB'" postgres | grep -q 1; then
    superuser "ALTER DATABASE $DB RENAME TO ${DB}_before_restore;"
  fi
  superuser "ALTER DATABASE ${DB}_restoring RENAME TO $DB;"
  log "restored $file into database $DB (the previous one is ${DB}_before_restore until the next restore)"
}

case "${1:-}" in
  dump) [ $# -eq 2 ] || die "usage: $0 dump FILE"; dump "$2" ;;
  restore) [ $# -eq 2 ] || die "usage: $0 restore FILE"; restore "$2" ;;
  *) echo "usage: $0 dump FILE | restore FILE" >&2; exit 2 ;;
esac
