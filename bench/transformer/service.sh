#!/usr/bin/env bash
# Latency, throughput and memory of the transformer service, with micro-batching on and off.
# Usage: bench/transformer/service.sh MODEL_DIR [CSV] [TEXT_COL]
# Starts the jar on 127.0.0.1 (port 18002 unless PORT is set, the actuator on PORT + 1000), drives it with load.py, stops it.
# --add-modules jdk.incubator.vector and ENCODERS_DIR as bin/callcenter sets them (use-multilingual-v3, decision 0011).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
model_dir="$(cd "$1" && pwd)"
data="${2:-$root/../shared/data/banking77/test.csv}"
text_col="${3:-text}"
port="${PORT:-18002}"
jar="$root/transformer-service/target/transformer-service.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -pl transformer-service -am package -DskipTests)

source "$root/bench/lib.sh"

run() {  # $1 = label, $2 = batching enabled
  local log pid
  require_free_port "$port"; require_free_port "$(management_port "$port")"
  log="$(mktemp)"
  MODEL_DIR="$model_dir" PORT="$port" MANAGEMENT_SERVER_PORT="$(management_port "$port")" CALLCENTER_CACHE_BACKEND=none \
    CALLCENTER_TRANSFORMER_BATCHING_ENABLED="$2" ENCODERS_DIR="${ENCODERS_DIR:-$root/models/encoders}" \
    java -Xmx768m --add-modules jdk.incubator.vector -jar "$jar" >"$log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  wait_ready "http://127.0.0.1:$(management_port "$port")" "$pid" || { cat "$log" >&2; exit 1; }
  local result rss
  result="$(python3 "$root/bench/transformer/load.py" --url "http://127.0.0.1:$port" --data "$data" --text-col "$text_col" \
    ${LOAD_ARGS:-})"
  rss="$(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
  batches="$(curl -fs "http://127.0.0.1:$(management_port "$port")/actuator/prometheus" | grep -E '^transformer_encoder_batch_size_texts_(count|sum|max)' | tr '\n' ' ')"
  kill $pid; wait $pid 2>/dev/null || true  # the port must be free for the next run
  trap - EXIT
  echo "{\"run\":\"$1\",\"peak_rss_mb\":$((rss / 1024)),\"result\":$result,\"encoder_batches\":\"$batches\"}"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run micro-batching-on true
run micro-batching-off false
