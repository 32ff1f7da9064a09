# Sourced by scripts/mlflow.sh, scripts/postgres-backup.sh and the fault drill: where Debian's PostgreSQL server
# binaries are, and how to run them.

# pg_bin: the directory of the PostgreSQL server binaries (initdb, pg_ctl, ...)
pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  return 1
}

# as_pg CMD...: PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
