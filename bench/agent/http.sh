#!/usr/bin/env bash
# End-to-end HTTP latency of the agent's /predict at a fixed request rate (open loop, latency from
# the scheduled send time), grouped by route (model_used). Uses the models and router config that
# bench/agent/routing.sh trained and fitted for the dataset; the answer cache is switched off so
# every request is routed.
#
#   bench/agent/http.sh [banking77|it] [rate=300] [seconds=20]
#
# Environment: JAR_ROOT, OUT (as routing.sh), AGENT_PORT/TFIDF_PORT/TRANSFORMER_PORT (18000/18001/18002),
# WARMUP_SECONDS (default 20: cold JVMs time out at first, which opens the circuit breakers for 10 s;
# the warm-up must outlast that).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR_ROOT="${JAR_ROOT:-$ROOT}"
OUT="${OUT:-$ROOT/var/bench/routing}"
NAME="${1:-banking77}"; RATE="${2:-300}"; SECONDS_="${3:-20}"
DIR="$OUT/$NAME"
AGENT_PORT="${AGENT_PORT:-18000}"; TFIDF_PORT="${TFIDF_PORT:-18001}"; TRANSFORMER_PORT="${TRANSFORMER_PORT:-18002}"
[ -f "$DIR/router.json" ] || { echo "run bench/agent/routing.sh $NAME first (no $DIR/router.json)" >&2; exit 2; }
# The models routing.sh tested the router with: refit on train + validation when it made them.
SUFFIX=""; [ -f "$DIR/tfidf-all/metadata.json" ] && [ -f "$DIR/transformer-all/metadata.json" ] && SUFFIX="-all"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_ready() {
  local tries=0
  until curl -sf "$1/actuator/health/readiness" >/dev/null; do
    tries=$((tries + 1)); [ $tries -gt 600 ] && { echo "not ready: $1" >&2; exit 1; }; sleep 1
  done
}
PORT=$TFIDF_PORT MODEL_DIR="$DIR/tfidf$SUFFIX" java -Xmx1g -XX:+UseParallelGC -jar "$JAR_ROOT/tfidf-service/target/tfidf-service.jar" \
  > "$DIR/http-tfidf.log" 2>&1 & PIDS+=($!)
PORT=$TRANSFORMER_PORT MODEL_DIR="$DIR/transformer$SUFFIX" EMBEDDING_CACHE_DIR="$OUT/embedding-cache-serving" \
  java -Xmx1536m -XX:+UseParallelGC -jar "$JAR_ROOT/transformer-service/target/transformer-service.jar" \
  > "$DIR/http-transformer.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$TFIDF_PORT"; wait_ready "http://127.0.0.1:$TRANSFORMER_PORT"
ROUTER_CONFIG="$DIR/router.json" TFIDF_URL="http://127.0.0.1:$TFIDF_PORT" TRANSFORMER_URL="http://127.0.0.1:$TRANSFORMER_PORT" \
  java -Xms1536m -Xmx1536m -XX:+UseParallelGC -jar "$JAR_ROOT/agent-service/target/agent-service.jar" --server.port=$AGENT_PORT \
  --callcenter.answer-cache.backend=none --callcenter.feedback.backend=memory > "$DIR/http-agent.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$AGENT_PORT"
java -jar "$JAR_ROOT/agent-service/target/agent-service.jar" http-load --url "http://127.0.0.1:$AGENT_PORT" --data "$DIR/test.csv" \
  --rate "$RATE" --seconds "$SECONDS_" --warmup-seconds "${WARMUP_SECONDS:-20}" > "$DIR/http.out" 2> "$DIR/http.err"
tail -n 1 "$DIR/http.out" | tee "$DIR/http-$RATE.json"
