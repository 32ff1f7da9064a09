#!/usr/bin/env bash
# Installs (apt) and starts a local Redis on 127.0.0.1:6379 with persistence off.
#   scripts/redis.sh start | stop | status | install
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${REDIS_PORT:-6379}"
# shellcheck source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"

install() {
  command -v redis-server >/dev/null 2>&1 && return
  apt_install redis-server
}

case "${1:-start}" in
  install) install ;;
  start)
    install
    if redis-cli -p "$PORT" ping >/dev/null 2>&1; then echo "redis already running on $PORT"; exit 0; fi
    redis-server --daemonize yes --bind 127.0.0.1 --port "$PORT" --save "" --appendonly no
    for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && { echo "redis started on $PORT"; exit 0; }; sleep 0.1; done
    echo "redis did not start" >&2; exit 1 ;;
  stop) redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true ;;
  status) redis-cli -p "$PORT" ping ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
