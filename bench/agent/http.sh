#!/usr/bin/env bash
# End-to-end HTTP latency of the agent's /predict at a fixed request rate (open loop, latency from
# the scheduled send time), grouped by route (model_used). Uses the models and router config that
# bench/agent/routing.sh trained and fitted for the dataset; the agent's answer cache and the
# classifiers' caches are switched off, so every request is routed and classified (the load repeats
# the test set, which caches would otherwise answer).
#
#   bench/agent/http.sh [banking77|it] [rate=300] [seconds=20]
#
# Environment: JAR_ROOT, OUT (as routing.sh), PROFILE (see below), AGENT_PORT/TFIDF_PORT/TRANSFORMER_PORT (18000/18001/18002; each
# actuator on the port + 1000),
# AGENT_JAVA_OPTS (the agent's JVM flags; default as bin/callcenter: 1.5 GiB heap, ParallelGC, THP),
# WARMUP_SECONDS (default 40: cold JVMs time out at first, which opens the circuit breakers for 10 s;
# the warm-up must outlast that), WARMUP_RATE (default 50 req/s: a cold agent at full rate falls behind
# and never catches up), then SETTLE_SECONDS (default 150) at half the measured rate and FULL_RATE_SECONDS
# (default 30) at the measured rate, not measured: after the first
# phase alone the JIT compiler threads still cost 1-2 ms of CPU per request (measured), which a service
# that runs for days does not pay; the output reports what they still cost (jit_ms_per_request), LOADGEN (vegeta when it is installed, else java: the
# tools' http-load command; vegeta, a Go binary, costs the shared cores far less CPU per request).
# Besides the latencies, the output gives each service's CPU milliseconds per request and its resident memory
# (from /proc).
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
source "$ROOT/bench/lib.sh"
trap stop_services EXIT
use_pii_models "$OUT/pii-models"
for port in $TFIDF_PORT $TRANSFORMER_PORT $AGENT_PORT; do require_free_port $port; require_free_port "$(management_port $port)"; done
PORT=$TFIDF_PORT MANAGEMENT_SERVER_PORT="$(management_port $TFIDF_PORT)" MODEL_DIR="$DIR/tfidf$SUFFIX" CALLCENTER_CACHE_BACKEND=none java -Xmx1g -XX:+UseParallelGC -jar "$JAR_ROOT/tfidf-service/target/tfidf-service.jar" \
  > "$DIR/http-tfidf.log" 2>&1 & PIDS+=($!)
PORT=$TRANSFORMER_PORT MANAGEMENT_SERVER_PORT="$(management_port $TRANSFORMER_PORT)" MODEL_DIR="$DIR/transformer$SUFFIX" CALLCENTER_CACHE_BACKEND=none EMBEDDING_CACHE_DIR="$OUT/embedding-cache-serving" \
  java -Xmx1536m -XX:+UseParallelGC $VECTOR_API_OPTS -jar "$JAR_ROOT/transformer-service/target/transformer-service.jar" \
  > "$DIR/http-transformer.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$(management_port $TFIDF_PORT)" "${PIDS[0]}"
wait_ready "http://127.0.0.1:$(management_port $TRANSFORMER_PORT)" "${PIDS[1]}"
MANAGEMENT_SERVER_PORT="$(management_port $AGENT_PORT)" ROUTER_CONFIG="$DIR/router.json" TFIDF_URL="http://127.0.0.1:$TFIDF_PORT" TRANSFORMER_URL="http://127.0.0.1:$TRANSFORMER_PORT" \
  java ${AGENT_JAVA_OPTS:--Xms1536m -Xmx1536m -XX:+UseParallelGC -XX:+UseTransparentHugePages} -jar "$JAR_ROOT/agent-service/target/agent-service.jar" --server.port=$AGENT_PORT \
  --callcenter.answer-cache.backend=none --callcenter.feedback.backend=memory > "$DIR/http-agent.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$(management_port $AGENT_PORT)" "${PIDS[2]}"
stages() { curl -s "http://127.0.0.1:$(management_port $AGENT_PORT)/actuator/prometheus" | grep -E '^agent_stage_latency_seconds_(sum|count)' > "$1"; }
cpu_ms() { awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$1/stat"; }
# CPU of the JIT compiler threads only (C1/C2), to show whether the warm-up was long enough.
jit_ms() { for t in /proc/$1/task/*; do if grep -q '^C[12] CompilerThre' "$t/comm" 2>/dev/null; then awk '{print $14 + $15}' "$t/stat"; fi; done \
  | awk '{s += $1} END {print s * 1000 / '"$(getconf CLK_TCK)"'}'; }
VEGETA="$(command -v vegeta || echo "$HOME/go/bin/vegeta")"
LOADGEN="${LOADGEN:-$([ -x "$VEGETA" ] && echo vegeta || echo java)}"
# The warm-up is a separate run, so the CPU and stage snapshots below cover only the measured requests.
if [ "$LOADGEN" = vegeta ]; then
  python3 "$ROOT/bench/agent/vegeta_load.py" targets --url "http://127.0.0.1:$AGENT_PORT" --data "$DIR/test.csv" > "$DIR/http-targets.jsonl"
  load() { "$VEGETA" attack -format=json -targets="$DIR/http-targets.jsonl" -rate="$1" -duration="$2s" -timeout=5s; }
else
  load() { TOOLS_JAVA_OPTS=-Xmx512m tools http-load --url "http://127.0.0.1:$AGENT_PORT" \
    --data "$DIR/test.csv" --rate "$1" --seconds "$2" --warmup-seconds 0 2>> "$DIR/http.err"; }
fi
load "${WARMUP_RATE:-50}" "${WARMUP_SECONDS:-40}" > /dev/null
# Settling at full rate would overload the still-compiling JVMs and starve the compiler threads.
[ "${SETTLE_SECONDS:-150}" -gt 0 ] && load "$(( RATE / 2 > ${WARMUP_RATE:-50} ? RATE / 2 : ${WARMUP_RATE:-50} ))" "${SETTLE_SECONDS:-150}" > /dev/null
# Then a short run at the measured rate itself: the jump to full rate opens more connections and threads
# and reaches code the half rate never ran, and the JIT throws away and recompiles hundreds of methods
# right then (-XX:+PrintCompilation: about 900 compilations and 200 deoptimisations in the first 10 s at
# 300 req/s, against 20-30 per 10 s before); a service that has run at that rate for a while is past it.
[ "${FULL_RATE_SECONDS:-30}" -gt 0 ] && load "$RATE" "${FULL_RATE_SECONDS:-30}" > /dev/null
# PROFILE=PREFIX: an async-profiler CPU profile of the three services over the measured run (bench/profiler),
# PREFIX-<pid>.txt per service (the agent, tfidf, the transformer, in that order in the log line below).
[ -n "${PROFILE:-}" ] && "$ROOT/bench/profiler/profile.sh" start "${PIDS[2]}" "${PIDS[0]}" "${PIDS[1]}"
before=("$(cpu_ms "${PIDS[2]}")" "$(cpu_ms "${PIDS[0]}")" "$(cpu_ms "${PIDS[1]}")"); stages "$DIR/stages-before.txt"
jit_before=("$(jit_ms "${PIDS[2]}")" "$(jit_ms "${PIDS[0]}")" "$(jit_ms "${PIDS[1]}")")
if [ "$LOADGEN" = vegeta ]; then
  load "$RATE" "$SECONDS_" | "$VEGETA" encode --to=json | python3 "$ROOT/bench/agent/vegeta_load.py" summary --rate "$RATE" > "$DIR/http.out"
else
  load "$RATE" "$SECONDS_" > "$DIR/http.out"
fi
after=("$(cpu_ms "${PIDS[2]}")" "$(cpu_ms "${PIDS[0]}")" "$(cpu_ms "${PIDS[1]}")"); stages "$DIR/stages-after.txt"
if [ -n "${PROFILE:-}" ]; then
  "$ROOT/bench/profiler/profile.sh" stop "$PROFILE" "${PIDS[2]}" "${PIDS[0]}" "${PIDS[1]}"
  echo "profiles: agent $PROFILE-${PIDS[2]}.txt, tfidf $PROFILE-${PIDS[0]}.txt, transformer $PROFILE-${PIDS[1]}.txt" >&2
fi
jit_after=("$(jit_ms "${PIDS[2]}")" "$(jit_ms "${PIDS[0]}")" "$(jit_ms "${PIDS[1]}")")
# Resident memory at the end of the measured run and its peak since start, MiB (/proc/<pid>/status).
rss_mib() { awk -v key="$2:" '$1 == key {printf "%d", $2 / 1024}' "/proc/$1/status"; }
rss=("$(rss_mib "${PIDS[2]}" VmRSS)" "$(rss_mib "${PIDS[0]}" VmRSS)" "$(rss_mib "${PIDS[1]}" VmRSS)")
rss_peak=("$(rss_mib "${PIDS[2]}" VmHWM)" "$(rss_mib "${PIDS[0]}" VmHWM)" "$(rss_mib "${PIDS[1]}" VmHWM)")
tail -n 1 "$DIR/http.out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
before, after = [float(x) for x in sys.argv[1].split()], [float(x) for x in sys.argv[2].split()]
sent = max(1, r["sent"])
r["cpu_ms_per_request"] = {name: round((a - b) / sent, 2) for name, b, a in zip(["agent", "tfidf", "transformer"], before, after)}
jb, ja = [float(x) for x in sys.argv[5].split()], [float(x) for x in sys.argv[6].split()]
r["jit_ms_per_request"] = {name: round((a - b) / sent, 2) for name, b, a in zip(["agent", "tfidf", "transformer"], jb, ja)}
r["rss_mib"] = dict(zip(["agent", "tfidf", "transformer"], map(int, sys.argv[7].split())))
r["rss_peak_mib"] = dict(zip(["agent", "tfidf", "transformer"], map(int, sys.argv[8].split())))
def scrape(path):
    out = {}
    for line in open(path):
        name, value = line.rsplit(" ", 1)
        stage = name.split("stage=\"")[1].split("\"")[0]
        out[(stage, name.split("{")[0].rsplit("_", 1)[1])] = float(value)
    return out
b, a = scrape(sys.argv[3]), scrape(sys.argv[4])
# wall time per stage call in the measured window (includes waiting for a core when they are busy)
r["agent_stage_mean_ms"] = {stage: round(1000 * (a[(stage, "sum")] - b.get((stage, "sum"), 0)) / n, 2)
                            for (stage, kind) in sorted(a) if kind == "count"
                            for n in [a[(stage, "count")] - b.get((stage, "count"), 0)] if n > 0}
print(json.dumps(r))' "${before[*]}" "${after[*]}" "$DIR/stages-before.txt" "$DIR/stages-after.txt" "${jit_before[*]}" "${jit_after[*]}" "${rss[*]}" "${rss_peak[*]}" | tee "$DIR/http-$RATE.json"
