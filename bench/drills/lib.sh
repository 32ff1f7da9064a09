# Sourced by the drills: the local stack's contract (scripts/stack.sh) and what the drills measure with.
# Needs DRILLS (this directory).
ROOT="$(cd "$DRILLS/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/var/stack}"
INGRESS=https://127.0.0.1:8443
CACERT="$STACK_DIR/tls/ingress.crt"
PROMETHEUS=http://127.0.0.1:9090
ALERTMANAGER=http://127.0.0.1:9093
export CALLCENTER_SHARED_DATA="${CALLCENTER_SHARED_DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/var/drills}"
mkdir -p "$OUT"
VEGETA="${VEGETA:-$(command -v vegeta || echo "$(go env GOPATH 2>/dev/null)/bin/vegeta")}"

say() { echo "drill: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

require_stack() {
  "$ROOT/scripts/stack.sh" status >/dev/null || { "$ROOT/scripts/stack.sh" status >&2; fail "the stack is not healthy; start it with 'bin/callcenter up --stack'"; }
}

install_vegeta() {
  [ -x "$VEGETA" ] && return
  say "installing vegeta (go install)"
  go install github.com/tsenart/vegeta/v12@v12.13.0 >&2
  VEGETA="$(go env GOPATH)/bin/vegeta"
}

# api_key NAME TIER: a drill's own key (a new one each run), printed
api_key() { "$ROOT/scripts/stack.sh" add-key "$1-$(date +%s%N | tail -c 7)" "$2"; }

# alert_state NAME [LABEL_MATCH]: pending, firing or nothing, from Prometheus (LABEL_MATCH e.g. job=transformer)
alert_state() {
  curl -s "$PROMETHEUS/api/v1/alerts" | python3 -c '
import json, sys
name, match = sys.argv[1], (sys.argv[2].split("=", 1) if len(sys.argv) > 2 and sys.argv[2] else None)
states = [a["state"] for a in json.load(sys.stdin)["data"]["alerts"]
          if a["labels"].get("alertname") == name and (not match or a["labels"].get(match[0]) == match[1])]
print("firing" if "firing" in states else "pending" if states else "")' "$1" "${2:-}"
}

# wait_alert NAME [LABEL_MATCH] [SECONDS=90]: until the alert is pending or firing; prints the state and seconds
wait_alert() {
  local start=$SECONDS state
  while [ $((SECONDS - start)) -lt "${3:-90}" ]; do
    state="$(alert_state "$1" "${2:-}")"
    [ -n "$state" ] && { echo "$state $((SECONDS - start))"; return 0; }
    sleep 1
  done
  echo "none ${3:-90}"; return 1
}

# component_pids NAME: every process of a component of the stack (JVMs, nginx, Redis, PostgreSQL, MLflow, ...)
component_pids() {
  local pid
  case "$1" in
    redis) redis-cli info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p' ;;
    postgresql) pid="$(head -1 "$ROOT/var/mlflow/pgdata/postmaster.pid" 2>/dev/null)" && { echo "$pid"; pgrep -P "$pid"; } ;;
    mlflow) pid="$(cat "$ROOT/var/mlflow/run/mlflow.pid" 2>/dev/null)" && pgrep -g "$pid" ;;
    nginx) pid="$(cat "$STACK_DIR/run/nginx.pid" 2>/dev/null)" && { echo "$pid"; pgrep -P "$pid"; } ;;
    *) cat "$STACK_DIR/run/$1.pid" 2>/dev/null ;;
  esac
}

stack_components() {
  echo "agent tfidf $(cd "$STACK_DIR/run" && ls transformer-*.pid | sed 's/\.pid$//' | tr '\n' ' ')nginx redis postgresql mlflow prometheus alertmanager"
}

# usage_snapshot: one JSON object {component: {"rss_mb": .., "cpu_ticks": ..}} over all of each component's processes
usage_snapshot() {
  local name pid rss ticks first=1
  printf '{'
  for name in $(stack_components); do
    rss=0; ticks=0
    for pid in $(component_pids "$name"); do
      [ -r "/proc/$pid/stat" ] || continue
      rss=$((rss + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
      # utime + stime (fields 14, 15; the command name in field 2 has no spaces for these processes)
      ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    [ $first = 1 ] || printf ','
    first=0
    printf '"%s":{"rss_mb":%d,"cpu_ticks":%d}' "$name" $((rss / 1024)) "$ticks"
  done
  printf '}\n'
}
