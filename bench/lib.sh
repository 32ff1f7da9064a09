# Shared by the bench scripts (source it).

# stop_services: kills every process in the caller's PIDS array and waits for each to exit, so the
# ports are free for whatever the bench starts next.
stop_services() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}

# require_free_port PORT: a service left running on a bench port would silently answer in place of
# the one the bench starts (a stale model scoring the test set), so refuse to start.
require_free_port() {
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
    echo "port $1 is already in use; stop what runs there (or set the *_PORT variables)" >&2
    exit 2
  fi
}

# management_port PORT: where the actuator of a service the bench starts on API port PORT listens
# (PORT + 1000), given to it as MANAGEMENT_SERVER_PORT, so that it never meets a 'callcenter up' on 9000-9002.
management_port() { echo $(( $1 + 1000 )); }

# wait_ready MANAGEMENT_URL PID: until the service's readiness probe (on its management port) answers;
# fails if the process died.
wait_ready() {
  local tries=0
  until curl -sf "$1/actuator/health/readiness" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "service for $1 exited during start-up" >&2; return 1; }
    tries=$((tries + 1)); [ $tries -gt 600 ] && { echo "not ready: $1" >&2; return 1; }; sleep 1
  done
}

# The Vector API module for use-multilingual-v3 (a transformer's cross-lingual head) and where its files are.
VECTOR_API_OPTS="--add-modules jdk.incubator.vector"
# this checkout, whatever the sourcing script calls its own root
BENCH_LIB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ENCODERS_DIR="${ENCODERS_DIR:-$BENCH_LIB_ROOT/models/encoders}"

# tools COMMAND ARGS...: one of bin/callcenter's offline commands, from the tools jar under $JAR_ROOT
# (default: this checkout), with TOOLS_JAVA_OPTS (default -Xmx4g).
tools() {
  local jar="${JAR_ROOT:-$ROOT}/tools/target/callcenter-tools.jar"
  [ -f "$jar" ] || { echo "missing $jar: bin/callcenter build" >&2; exit 2; }
  # shellcheck disable=SC2086
  # a transformer trains its cross-lingual head over use-multilingual-v3 (fetched once; idempotent)
  [ "${1:-}" != train ] || "$BENCH_LIB_ROOT/scripts/encoders.sh" fetch use-multilingual-v3 >&2
  java ${TOOLS_JAVA_OPTS:--Xmx4g} $VECTOR_API_OPTS -jar "$jar" "$@"
}

# use_pii_models DIR: the PII name finders trained into DIR (once) from the shared presidio data, and
# exported so that the tools and the agent the bench starts scrub with them.
use_pii_models() {
  [ -f "$1/name-finder.bin" ] || tools pii-models --data "${SHARED_DATA:-$ROOT/../shared/data}/presidio-synth-pii/synth_dataset_v2.json" \
    --out "$1" > /dev/null
  export CALLCENTER_PII_NAME_MODEL_DIR="$1"
}
