#!/usr/bin/env bash
# Measures the tfidf-service figures (docs/tfidf.md) and prints one line per figure (JSON detail in
# var/bench/tfidf/). Loopback only; every loop is bounded in time.
#
#   bench/tfidf/run.sh [accuracy] [latency] [http]      (default: all three)
#
# Needs: java, the built jars (bin/callcenter builds them), wrk and hey (go install
# github.com/rakyll/hey@v0.1.4) for the HTTP part.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${CALLCENTER_SHARED_DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/var/bench/tfidf}"
PORT="${PORT:-18001}"
HEY="${HEY:-$(command -v hey || echo "$(go env GOPATH 2>/dev/null)/bin/hey")}"
mkdir -p "$OUT"
source "$ROOT/bench/lib.sh"
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(accuracy latency http)
echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

field() { python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print(d$2)" "$1"; }

accuracy() {
  "$ROOT/bin/callcenter" train --model tfidf --data "$DATA/it-service-tickets/all_tickets.csv" --test-split 0.2 --seed 42 \
    --text-col Document --label-col Topic_group --out "$OUT/it" > "$OUT/it.json" 2> "$OUT/it.err"
  "$ROOT/bin/callcenter" train --model tfidf --data "$DATA/banking77/train.csv" --test "$DATA/banking77/test.csv" \
    --text-col text --label-col category --out "$OUT/banking77" > "$OUT/banking77.json" 2> "$OUT/banking77.err"
  for name in it banking77; do
    echo "$name: accuracy $(field "$OUT/$name.json" "['accuracy']")  macro-F1 $(field "$OUT/$name.json" "['macro_f1']")" \
      " ECE $(field "$OUT/$name.json" "['ece']")  n_train $(field "$OUT/$name.json" "['n_train']")  train_seconds $(field "$OUT/$name.json" "['train_seconds']")" \
      " model_on_disk $(du -sm "$OUT/$name" | cut -f1) MB"
    echo "$name coverage at 0.9: $(field "$OUT/$name.json" "['coverage_curve'][8]")"
  done
}

latency() {
  [ -d "$OUT/it" ] || accuracy
  for name in it banking77; do
    local data col label
    if [ "$name" = it ]; then data="$DATA/it-service-tickets/all_tickets.csv"; col=Document; label=Topic_group;
    else data="$DATA/banking77/test.csv"; col=text; label=category; fi
    echo "$name in-process single prediction: $(tools bench tfidf-latency --model-dir "$OUT/$name" --data "$data" \
      --text-col "$col" --label-col "$label" | tail -n 1)"
  done
}

http() {
  [ -d "$OUT/it" ] || accuracy
  local body pid
  body='{"text":"unable to connect to vpn from home laptop since password change yesterday","ticket_id":"bench-1"}'
  for backend in none memory; do
    MODEL_DIR="$OUT/it" PORT="$PORT" MANAGEMENT_SERVER_PORT="$(management_port "$PORT")" CALLCENTER_CACHE_BACKEND="$backend" \
      java -Xms128m -Xmx512m -XX:+UseParallelGC -jar "$ROOT/tfidf-service/target/tfidf-service.jar" > "$OUT/service-$backend.log" 2>&1 &
    pid=$!
    for _ in $(seq 240); do curl -sf "http://127.0.0.1:$(management_port "$PORT")/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
    if [ "$backend" = none ]; then
      # Uncached: every request runs the model. 4 workers x 50 req/s = 200 req/s for 30 s.
      "$HEY" -z 5s -c 4 -q 50 -m POST -T application/json -d "$body" "http://127.0.0.1:$PORT/predict" > /dev/null
      "$HEY" -z 30s -c 4 -q 50 -m POST -T application/json -d "$body" "http://127.0.0.1:$PORT/predict" > "$OUT/hey-uncached.txt"
      echo "HTTP /predict uncached at 200 req/s: $(grep -E 'Requests/sec' "$OUT/hey-uncached.txt" | xargs)," \
        "p50 $(awk '/50%/ {print $3*1000 " ms"}' "$OUT/hey-uncached.txt"), p99 $(awk '/99%/ {print $3*1000 " ms"}' "$OUT/hey-uncached.txt")," \
        "status: $(grep -A3 'Status code distribution' "$OUT/hey-uncached.txt" | tail -n +2 | xargs)"
    else
      cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
LUA
      wrk -t2 -c32 -d5s -s "$OUT/post.lua" "http://127.0.0.1:$PORT/predict" > /dev/null
      wrk -t2 -c32 -d30s --latency -s "$OUT/post.lua" "http://127.0.0.1:$PORT/predict" > "$OUT/wrk-cached.txt"
      echo "HTTP /predict cached (wrk, 32 connections): $(grep 'Requests/sec' "$OUT/wrk-cached.txt" | xargs)," \
        "p50 $(awk '$1=="50%" {print $2}' "$OUT/wrk-cached.txt"), p99 $(awk '$1=="99%" {print $2}' "$OUT/wrk-cached.txt")"
    fi
    echo "service RSS after load ($backend cache): peak $(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status) MB, now $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
}

for part in "${parts[@]}"; do "$part"; done
