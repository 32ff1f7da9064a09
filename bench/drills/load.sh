#!/usr/bin/env bash
# Load through the ingress, open loop (vegeta: requests leave on schedule whatever the answers' latency), with
# realistic mixed tickets (bench/drills/tickets.py) and a bulk-tier API key of its own.
#
#   bench/drills/load.sh --rate R          hold R requests/s for LOAD_SECONDS (300)
#   bench/drills/load.sh --find            the highest rate held for LOAD_SECONDS with 0 errors and p99 <= 100 ms:
#                                          60-second probes from FIND_FROM (20) up by FIND_STEP (10) until one
#                                          fails, then the best probe's rate held for the full time (stepping
#                                          down when that fails)
#
# Each hold reports p50/p95/p99, errors, and for every component of the stack its RSS at the start and the end
# and its CPU milliseconds per request (from /proc). A warm-up of WARMUP_SECONDS (120) at WARMUP_RATE (20/s)
# comes first, not measured (JIT compilation costs the first minutes several times the CPU per request of a warm
# service). The last stdout line is a JSON summary.
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"
require_stack
install_vegeta

LOAD_SECONDS="${LOAD_SECONDS:-300}"
P99_LIMIT_MS="${P99_LIMIT_MS:-100}"
MODE="" RATE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) MODE=hold; RATE="$2"; shift ;;
    --find) MODE=find ;;
    *) fail "unknown option $1" ;;
  esac
  shift
done
[ -n "$MODE" ] || fail "--rate R or --find"
WORK="$OUT/load"
mkdir -p "$WORK"

key="$(api_key load bulk)"
printf '%s' "$key" > "$WORK/key"
# enough unique tickets that none repeats within a hold (the answer cache would serve repeats)
"$DRILLS/tickets.py" --url "$INGRESS" --key-file "$WORK/key" --count 200000 --seed "$(date +%s)" > "$WORK/targets.jsonl"
rm -f "$WORK/key"
CLK_TCK="$(getconf CLK_TCK)"

# hold RATE SECONDS NAME: one measured run; prints its JSON
hold() {
  local rate="$1" seconds="$2" name="$3" before after summary
  before="$(usage_snapshot)"
  "$VEGETA" attack -rate "$rate" -duration "${seconds}s" -timeout 10s -root-certs "$CACERT" -format json \
    -targets "$WORK/targets.jsonl" -output "$WORK/$name.bin"
  after="$(usage_snapshot)"
  summary="$("$VEGETA" encode --to json < "$WORK/$name.bin" | python3 "$ROOT/bench/agent/vegeta_load.py" summary --rate "$rate")"
  python3 - "$rate" "$seconds" "$before" "$after" "$summary" "$CLK_TCK" "$P99_LIMIT_MS" <<'PY'
import json, sys
rate, seconds, before, after, summary, tck, limit = sys.argv[1:]
before, after, s = json.loads(before), json.loads(after), json.loads(summary)
errors = sum(s.get("errors", {}).values())
answered = s["all"].get("n", 0)
components = {}
for name, end in after.items():
    start = before.get(name, {"rss_mb": 0, "cpu_ticks": end["cpu_ticks"]})
    ticks = end["cpu_ticks"] - start["cpu_ticks"]
    components[name] = {"rss_start_mb": start["rss_mb"], "rss_end_mb": end["rss_mb"],
                        "cpu_ms_per_request": round(ticks * 1000 / int(tck) / max(answered, 1), 3)}
out = {"rate": float(rate), "seconds": int(seconds), "requests": s["sent"], "errors": errors,
       "error_kinds": s.get("errors", {}), "p50_ms": s["all"].get("p50_ms"), "p95_ms": s["all"].get("p95_ms"),
       "p99_ms": s["all"].get("p99_ms"), "by_model_used": {k: v["n"] for k, v in s["by_model_used"].items()},
       "cpu_ms_per_request_total": round(sum(c["cpu_ms_per_request"] for c in components.values()), 3),
       "components": components}
out["held"] = errors == 0 and answered > 0 and s["all"]["p99_ms"] <= float(limit)
print(json.dumps(out))
PY
}

held() { python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["held"] else 1)' "$1"; }

say "warm-up: ${WARMUP_SECONDS:-120}s at ${WARMUP_RATE:-20}/s"
"$VEGETA" attack -rate "${WARMUP_RATE:-20}" -duration "${WARMUP_SECONDS:-120}s" -timeout 10s -root-certs "$CACERT" \
  -format json -targets <(tail -n 5000 "$WORK/targets.jsonl") > /dev/null

if [ "$MODE" = hold ]; then
  result="$(hold "$RATE" "$LOAD_SECONDS" "hold-$RATE")"
  echo "$result" >&2
  printf '{"drill":"load","mode":"hold","result":%s,"ok":%s}\n' "$result" "$(held "$result" && echo true || echo false)"
  held "$result"
  exit
fi

: > "$WORK/probes.jsonl"
rate="${FIND_FROM:-20}" best=""
while :; do
  probe="$(hold "$rate" 60 "probe-$rate")"
  echo "$probe" | tee -a "$WORK/probes.jsonl" >&2
  held "$probe" || break
  best="$rate"
  rate=$((rate + ${FIND_STEP:-10}))
done
[ -n "$best" ] || fail "not even ${FIND_FROM:-20}/s held for 60 s"
final=""
while [ "$best" -gt 0 ]; do
  say "holding $best/s for ${LOAD_SECONDS}s"
  final="$(hold "$best" "$LOAD_SECONDS" "hold-$best")"
  echo "$final" >&2
  held "$final" && break
  best=$((best - ${FIND_STEP:-10}))
done
printf '{"drill":"load","mode":"find","highest_rate_held":%s,"hold":%s,"probes":[%s],"ok":%s}\n' \
  "$best" "$final" "$(paste -sd, "$WORK/probes.jsonl")" "$(held "$final" && echo true || echo false)"
