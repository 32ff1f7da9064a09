#!/usr/bin/env bash
# Start-up time (launch to readiness), resident memory and jar size of each service, for one or more
# builds side by side: the builds take turns, ROUNDS times, so a host that changes speed during the
# run affects each about equally. Prints one JSON line per start and a summary per build and service.
#
#   bench/startup.sh MODELS_DIR PII_MODELS_DIR [JAR_ROOT ...]      (default JAR_ROOT: this checkout)
#
# MODELS_DIR holds tfidf/ and transformer/ model directories (e.g. var/bench/routing/banking77 after
# bench/agent/routing.sh, whose tfidf-all/transformer-all are used when present); PII_MODELS_DIR is
# a directory written by 'bin/callcenter pii-models'. Environment: ROUNDS (3), SERVICES (agent
# transformer tfidf), PORT (18100; the actuator on PORT + 1000), AGENT_JAVA_OPTS / TRANSFORMER_JAVA_OPTS / TFIDF_JAVA_OPTS (as bin/callcenter).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="$(cd "$1" && pwd)"; PII="$(cd "$2" && pwd)"; shift 2
ROOTS=("${@:-$ROOT}")
ROUNDS="${ROUNDS:-3}"; PORT="${PORT:-18100}"
SERVICES=(${SERVICES:-agent transformer tfidf})
PIDS=()
source "$ROOT/bench/lib.sh"
trap stop_services EXIT
SUFFIX=""; [ -f "$MODELS/tfidf-all/metadata.json" ] && [ -f "$MODELS/transformer-all/metadata.json" ] && SUFFIX="-all"

opts() {
  case "$1" in
    agent) echo "${AGENT_JAVA_OPTS:--Xms1536m -Xmx1536m -XX:+UseParallelGC -XX:+UseTransparentHugePages}" ;;
    transformer) echo "${TRANSFORMER_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseParallelGC}" ;;
    tfidf) echo "${TFIDF_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseParallelGC}" ;;
  esac
}

# start_once JAR_ROOT SERVICE: one JSON line with the seconds to readiness and the RSS then
start_once() {
  local jar="$1/$2-service/target/$2-service.jar" log started ready pid
  log="$(mktemp)"
  require_free_port "$PORT"; require_free_port "$(management_port "$PORT")"
  started=$(date +%s.%N)
  # shellcheck disable=SC2046
  PORT=$PORT MANAGEMENT_SERVER_PORT="$(management_port "$PORT")" MODEL_DIR="$MODELS/$2$SUFFIX" CALLCENTER_PII_NAME_MODEL_DIR="$PII" \
    java $(opts "$2") -jar "$jar" --server.port=$PORT > "$log" 2>&1 &
  pid=$!; PIDS=("$pid")
  wait_ready "http://127.0.0.1:$(management_port "$PORT")" "$pid" || { cat "$log" >&2; exit 1; }
  ready=$(date +%s.%N)
  # the classifiers load their model after the context: ready means the model answers
  python3 -c 'import json,sys; print(json.dumps({"build": sys.argv[1], "service": sys.argv[2], "jar_mb": round(int(sys.argv[3]) / 1e6, 1),
      "seconds_to_ready": round(float(sys.argv[5]) - float(sys.argv[4]), 2), "rss_mb": int(sys.argv[6]) // 1024,
      "libtorch_loaded": sys.argv[7] == "1"}))' \
    "$1" "$2" "$(stat -c %s "$jar")" "$started" "$ready" "$(awk '/VmRSS/ {print $2}' /proc/$pid/status)" \
    "$(grep -qs libtorch /proc/$pid/maps && echo 1 || echo 0)"
  stop_services; PIDS=(); rm -f "$log"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
results="$(mktemp)"
for round in $(seq "$ROUNDS"); do
  for service in "${SERVICES[@]}"; do
    for root in "${ROOTS[@]}"; do
      start_once "$root" "$service" | tee -a "$results"
    done
  done
done
python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
for key in sorted({(r["service"], r["build"]) for r in runs}):
    rs = [r for r in runs if (r["service"], r["build"]) == key]
    print(json.dumps({"service": key[0], "build": key[1], "jar_mb": rs[0]["jar_mb"], "starts": len(rs),
                      "seconds_to_ready_median": statistics.median(r["seconds_to_ready"] for r in rs),
                      "rss_mb_median": statistics.median(r["rss_mb"] for r in rs),
                      "libtorch_loaded": any(r["libtorch_loaded"] for r in rs)}))
PY
