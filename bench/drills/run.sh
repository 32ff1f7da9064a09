#!/usr/bin/env bash
# The drills of the local stack, in order, with the stack started for them (docs/operations.md, "Drills"):
#
#   bench/drills/run.sh [--short] [--keep] [DRILL...]
#
# DRILL: security, bad-input, pii, load, faults, restore (all by default). The stack is (re)started with the
# drills' local chat-completions stub as its LLM and 5-second statistics windows, and stopped at the end unless
# --keep. --short is the CI version: models trained on a seeded Banking77 sample (var/drills/models, unless
# CALLCENTER_MODELS is set), 2,000 bad requests, 45 seconds of load at 15 requests/s (errors gated, latency
# reported), 15-second faults (60 for the LLM's).
# Each drill writes its JSON summary to var/drills/<drill>.json; the last stdout line sums them up.
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"

SHORT=0 KEEP=0 SELECTED=()
for arg in "$@"; do
  case "$arg" in
    --short) SHORT=1 ;;
    --keep) KEEP=1 ;;
    security|bad-input|pii|load|faults|restore) SELECTED+=("$arg") ;;
    *) fail "unknown argument $arg" ;;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=(security bad-input pii load faults restore)
LLM_PORT=8099

if [ $SHORT = 1 ] && [ -z "${CALLCENTER_MODELS:-}" ]; then
  export CALLCENTER_MODELS="$ROOT/var/drills/models"
  # the encoders fetched once for the checkout, not again for these models
  export ENCODERS_DIR="${ENCODERS_DIR:-$ROOT/models/encoders}"
  # 40 Banking77 categories, 60 messages each: enough for both routes, quick to train.
  mkdir -p "$CALLCENTER_MODELS"
  python3 - "$CALLCENTER_SHARED_DATA/banking77/train.csv" "$ROOT/var/drills/sample.csv" <<'PY'
import csv, random, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
by = {}
for r in rows:
    by.setdefault(r["category"], []).append(r["text"])
rng = random.Random(42)
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["text", "label"])
    for category in sorted(by)[:40]:
        for text in rng.sample(by[category], min(60, len(by[category]))):
            w.writerow([text, category])
PY
  DATA_ARGS=(--data "$ROOT/var/drills/sample.csv")
  # the models the sample makes come with PII name finders from the shared presidio data
else
  DATA_ARGS=()
fi

stub_pid=""
cleanup() {
  if [ $KEEP = 0 ]; then
    [ -z "$stub_pid" ] || kill "$stub_pid" 2>/dev/null || true
    "$ROOT/bin/callcenter" down >&2 || true
  fi
}
trap cleanup EXIT

say "starting the LLM stub on $LLM_PORT and the stack"
"$ROOT/bin/callcenter" down >&2 2>/dev/null || true
# a stub kept by an earlier --keep run
[ ! -f "$OUT/llm-stub.pid" ] || kill "$(cat "$OUT/llm-stub.pid")" 2>/dev/null || true
python3 "$DRILLS/llm-stub.py" --port $LLM_PORT > "$OUT/llm-stub.log" 2>&1 &
stub_pid=$!
echo "$stub_pid" > "$OUT/llm-stub.pid"
export GROQ_BASE_URL="http://127.0.0.1:$LLM_PORT/v1" GROQ_API_KEY=drill-stub STATISTICS_WINDOW=5s
"$ROOT/bin/callcenter" up --stack "${DATA_ARGS[@]}" >&2

declare -A RESULT
for drill in "${SELECTED[@]}"; do
  say "=== $drill"
  set +e
  case "$drill" in
    security) "$DRILLS/security.sh" ;;
    # a bulk-tier key of its own: 2,000 requests at 50/s instead of the standard tier's 20/s
    bad-input) api_key bad-input bulk > "$OUT/bad-input.key"
               "$DRILLS/bad-input.sh" --count 2000 --seed 42 --rate 50 --key-file "$OUT/bad-input.key" ;;
    pii) "$DRILLS/pii-at-rest.sh" ;;
    # CI: no errors at a modest rate; its latency is reported, not gated (a shared runner's timing is no target)
    load) if [ $SHORT = 1 ]; then WARMUP_SECONDS=30 LOAD_SECONDS=45 P99_LIMIT_MS=60000 "$DRILLS/load.sh" --rate 15
          else "$DRILLS/load.sh" --find; fi ;;
    faults) if [ $SHORT = 1 ]; then FAULT_SECONDS=15 LLM_FAULT_SECONDS=60 "$DRILLS/faults.sh"; else "$DRILLS/faults.sh"; fi ;;
    restore) "$DRILLS/restore.sh" ;;
  esac > "$OUT/$drill.out"
  status=$?
  set -e
  tail -1 "$OUT/$drill.out" > "$OUT/$drill.json"
  RESULT[$drill]=$status
  say "$drill: $([ $status = 0 ] && echo passed || echo FAILED) ($(cut -c1-300 "$OUT/$drill.json"))"
done

failed=0
summary=""
for drill in "${SELECTED[@]}"; do
  summary="$summary${summary:+,}\"$drill\":$([ "${RESULT[$drill]}" = 0 ] && echo true || echo false)"
  [ "${RESULT[$drill]}" = 0 ] || failed=1
done
echo "{\"drills\":{$summary},\"short\":$([ $SHORT = 1 ] && echo true || echo false),\"ok\":$([ $failed = 0 ] && echo true || echo false)}"
exit $failed
