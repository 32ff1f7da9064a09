#!/usr/bin/env bash
# Out of scope through the whole agent (docs/out-of-scope.md, "In the agent"): the Banking77-OOS protocol of
# run.sh (19 of 77 classes held out, seed 42), with 10 % of the in-scope training rows kept back to fit the router.
# tfidf and transformer are trained on the rest and served; fit-router fits the cascade on the kept-back rows; the
# agent answers every test.csv ticket (760 of 3,080 from held-out classes) over HTTP, once with the scope check and
# once without (ROUTING_SCOPE_CHECK=false), on the same served models. Prints one line per run; JSON in $OUT.
#
#   bench/oos/agent.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${CALLCENTER_SHARED_DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/var/bench/oos-agent}"
JAR_ROOT="${JAR_ROOT:-$ROOT}"
AGENT_PORT="${AGENT_PORT:-18000}"; TFIDF_PORT="${TFIDF_PORT:-18001}"; TRANSFORMER_PORT="${TRANSFORMER_PORT:-18002}"
PIDS=()
source "$ROOT/bench/lib.sh"
trap stop_services EXIT
mkdir -p "$OUT"
use_pii_models "$ROOT/var/bench/routing/pii-models"
echo "# $(date -u +%FT%TZ) on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

tools oos-split --data "$DATA/banking77/train.csv" --test "$DATA/banking77/test.csv" --text-col text --label-col category \
  --holdout-fraction 0.25 --seed 42 --out-train "$OUT/in-scope.csv" --out-test "$OUT/test.csv" > "$OUT/split.json" 2> /dev/null
tools split-data --data "$OUT/in-scope.csv" --text-col text --label-col label --fraction 0.1 --seed 42 \
  --out-train "$OUT/train.csv" --out-val "$OUT/val.csv" > /dev/null
for model in tfidf transformer; do
  [ -f "$OUT/$model/metadata.json" ] || tools train --model "$model" --data "$OUT/train.csv" --test "$OUT/val.csv" \
    --text-col text --label-col label --out "$OUT/$model" > "$OUT/train-$model.json" 2> "$OUT/train-$model.err"
done

for port in $TFIDF_PORT $TRANSFORMER_PORT $AGENT_PORT; do require_free_port $port; require_free_port "$(management_port $port)"; done
PORT=$TFIDF_PORT MANAGEMENT_SERVER_PORT="$(management_port $TFIDF_PORT)" MODEL_DIR="$OUT/tfidf" CALLCENTER_CACHE_BACKEND=none \
  java -Xmx1g -jar "$JAR_ROOT/tfidf-service/target/tfidf-service.jar" > "$OUT/tfidf.log" 2>&1 & PIDS+=($!)
PORT=$TRANSFORMER_PORT MANAGEMENT_SERVER_PORT="$(management_port $TRANSFORMER_PORT)" MODEL_DIR="$OUT/transformer" CALLCENTER_CACHE_BACKEND=none \
  java -Xmx1536m $VECTOR_API_OPTS -jar "$JAR_ROOT/transformer-service/target/transformer-service.jar" > "$OUT/transformer.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$(management_port $TFIDF_PORT)" "${PIDS[0]}"
wait_ready "http://127.0.0.1:$(management_port $TRANSFORMER_PORT)" "${PIDS[1]}"
tools fit-router --data "$OUT/val.csv" --first-url "http://127.0.0.1:$TFIDF_PORT" --second-url "http://127.0.0.1:$TRANSFORMER_PORT" \
  --out "$OUT/router.json" > "$OUT/fit.json" 2> "$OUT/fit.err"

for scope_check in true false; do
  ROUTING_SCOPE_CHECK=$scope_check MANAGEMENT_SERVER_PORT="$(management_port $AGENT_PORT)" ROUTER_CONFIG="$OUT/router.json" \
    TFIDF_URL="http://127.0.0.1:$TFIDF_PORT" TRANSFORMER_URL="http://127.0.0.1:$TRANSFORMER_PORT" \
    java -Xmx1536m -jar "$JAR_ROOT/agent-service/target/agent-service.jar" --server.port=$AGENT_PORT \
    --callcenter.answer-cache.backend=none --callcenter.feedback.backend=memory > "$OUT/agent-$scope_check.log" 2>&1 & PIDS+=($!)
  wait_ready "http://127.0.0.1:$(management_port $AGENT_PORT)" "${PIDS[-1]}"
  python3 - "$OUT" "http://127.0.0.1:$AGENT_PORT" "$scope_check" <<'PY'
import csv, json, sys, urllib.request
out, url, scope_check = sys.argv[1:]
rows = list(csv.DictReader(open(f"{out}/test.csv", encoding="utf-8")))
answers = []
for i in range(0, len(rows), 100):
    body = json.dumps({"items": [{"text": r["text"]} for r in rows[i:i + 100]]}).encode()
    req = urllib.request.Request(f"{url}/predict/batch", body, {"Content-Type": "application/json"})
    answers += json.load(urllib.request.urlopen(req, timeout=300))["items"]
oos = [r["label"] == "oos" for r in rows]
flag = [a["out_of_scope"] for a in answers]
n_oos, n_in = sum(oos), len(rows) - sum(oos)
caught = sum(f and o for f, o in zip(flag, oos))
in_flagged = sum(f and not o for f, o in zip(flag, oos))
in_right = sum((not f) and a["category"] == r["label"] for f, a, r, o in zip(flag, answers, rows, oos) if not o)
checked = sum("out-of-scope verdict" in a["route_reason"] for a in answers)
sent = sum("transformer" in a["model_used"] for a in answers)
result = {"scope_check": scope_check == "true", "n": len(rows), "n_oos": n_oos, "oos_recall": round(caught / n_oos, 4),
          "oos_precision": round(caught / max(1, caught + in_flagged), 4), "in_scope_flagged": round(in_flagged / n_in, 4),
          "in_scope_accuracy": round(in_right / n_in, 4), "transformer_answered_share": round(sent / len(rows), 4),
          "scope_check_share": round(checked / len(rows), 4),
          "review_share": round(sum(a["needs_review"] for a in answers) / len(rows), 4)}
json.dump(result, open(f"{out}/agent-{scope_check}.json", "w"))
print(f"scope check {scope_check:5}: OOS caught {result['oos_recall']:.3f} (precision {result['oos_precision']:.3f}); in scope: "
      f"accuracy {result['in_scope_accuracy']:.4f} (flagged ones wrong), flagged {result['in_scope_flagged']:.3f}; "
      f"transformer answered {result['transformer_answered_share']:.3f}, verdict only {result['scope_check_share']:.3f}")
PY
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
done
