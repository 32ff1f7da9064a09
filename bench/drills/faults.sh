#!/usr/bin/env bash
# Faults under load, each scripted: open-loop load through the ingress (vegeta, a bulk-tier key of its own) while
# one component fails, then is restored. For each fault: the failed client requests (target 0; answers that used
# a fallback say degraded), the alert that went pending/firing in the local Prometheus (and whether Alertmanager
# got it), and the seconds from the restore until the system is back to normal (target <= 30).
#
#   bench/drills/faults.sh [FAULT...]      all by default: transformer postgresql llm-error redis mlflow llm-hang
#
# The stack must run with the drill's LLM stub as its LLM (bench/drills/run.sh starts both). Environment:
# FAULT_RATE (requests/s, 20), FAULT_SECONDS (how long each fault lasts, 30; LLM_FAULT_SECONDS, 75, for the LLM's),
# RECOVERY_LIMIT (seconds, 30). Besides the alert, each fault's own signal must move during it (a counter or a
# target's up), so an alert still pending from an earlier fault does not pass for this one's.
# The last stdout line is a JSON summary; the exit status is non-zero when a target is missed.
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"
require_stack
install_vegeta

RATE="${FAULT_RATE:-20}"
FAULT_SECONDS="${FAULT_SECONDS:-30}"
RECOVERY_LIMIT="${RECOVERY_LIMIT:-30}"
LLM_CONTROL="${LLM_CONTROL:-http://127.0.0.1:8099/control}"
FAULTS=("$@")
# An order that keeps faults raising the same alert apart (their windows would carry one into the next).
[ ${#FAULTS[@]} -gt 0 ] || FAULTS=(transformer postgresql llm-error redis mlflow llm-hang)
# The LLM alert is a share of close calls over 1 minute: an outage outweighs what went well before it after ~30 s.
LLM_FAULT_SECONDS="${LLM_FAULT_SECONDS:-75}"
WORK="$OUT/faults"
mkdir -p "$WORK"

key="$(api_key faults bulk)"
printf '%s' "$key" > "$WORK/key"
# Tickets of their own for each fault: a ticket answered before would come from the answer cache, and never
# reach the classifiers or the LLM.
seed=100
for fault in "${FAULTS[@]}"; do
  seed=$((seed + 1))
  "$DRILLS/tickets.py" --url "$INGRESS" --key-file "$WORK/key" --count 8000 --seed "$seed$(date +%s)" > "$WORK/$fault.targets"
done
rm -f "$WORK/key"

metric() { # metric PROMQL: the first value of an instant query, or empty
  curl -s "$PROMETHEUS/api/v1/query" --data-urlencode "query=$1" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
agent_counter() { # agent_counter NAME{LABELS}: straight from the agent's actuator, not waiting for a scrape
  curl -s http://127.0.0.1:9000/actuator/prometheus | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {print s + 0}'
}
am_has() { # am_has ALERTNAME: Alertmanager holds the alert (it receives firing alerts only)
  curl -s "$ALERTMANAGER/api/v2/alerts" | python3 -c 'import json,sys; print(any(a["labels"].get("alertname")==sys.argv[1] for a in json.load(sys.stdin)))' "$1"
}
# shellcheck source=../../scripts/lib/postgres.sh
. "$ROOT/scripts/lib/postgres.sh"

# wait_until SECONDS COMMAND...: the seconds it took for COMMAND to succeed, or fails
wait_until() {
  local limit="$1" start=$SECONDS; shift
  while [ $((SECONDS - start)) -le "$limit" ]; do
    "$@" >/dev/null 2>&1 && { echo $((SECONDS - start)); return 0; }
    sleep 1
  done
  echo "-1"; return 1
}

# --- each fault: break, what to expect, restore, what "recovered" means ----------------------------------------
break_transformer() { kill -9 "$(cat "$STACK_DIR/run/transformer-1.pid")"; }
restore_transformer() { "$ROOT/scripts/stack.sh" start >/dev/null 2>&1; }
recovered_transformer() { [ "$(metric 'min(up{job="transformer"})')" = 1 ]; }
ALERT_transformer="CallcenterTargetDown job=transformer"
signal_transformer() { [ "$(metric 'min(up{job="transformer"})')" = 0 ]; }

break_redis() { "$ROOT/scripts/redis.sh" stop; }
restore_redis() { "$ROOT/scripts/redis.sh" start >/dev/null; }
# answers are written to Redis again
recovered_redis() { [ "$(redis-cli dbsize)" -gt "$REDIS_KEYS_AT_RESTORE" ]; }
ALERT_redis="CallcenterCacheErrors"
signal_redis() { [ "$(agent_counter callcenter_cache_errors_total)" != "$SIGNAL_AT_FAULT" ]; }
signal_value_redis() { agent_counter callcenter_cache_errors_total; }

break_mlflow() { kill -- "-$(cat "$ROOT/var/mlflow/run/mlflow.pid")"; rm -f "$ROOT/var/mlflow/run/mlflow.pid"; }
restore_mlflow() { "$ROOT/scripts/mlflow.sh" start 2>/dev/null; }
# the agent logs a statistics window again
recovered_mlflow() { [ "$(agent_counter agent_statistics_windows_logged_total)" != "$LOGGED_AT_RESTORE" ]; }
ALERT_mlflow="CallcenterTargetDown job=mlflow"
signal_mlflow() { [ "$(metric 'up{job="mlflow"}')" = 0 ]; }

break_postgresql() { as_pg "$(pg_bin)/pg_ctl" -D "$ROOT/var/mlflow/pgdata" -m fast -w stop >/dev/null; }
restore_postgresql() { "$ROOT/scripts/mlflow.sh" start 2>/dev/null; }
recovered_postgresql() { recovered_mlflow; }
ALERT_postgresql="CallcenterStatisticsExportFailing"
signal_postgresql() { [ "$(agent_counter agent_statistics_mlflow_failures_total)" != "$SIGNAL_AT_FAULT" ]; }
signal_value_postgresql() { agent_counter agent_statistics_mlflow_failures_total; }

break_llm-error() { curl -sf -X POST "$LLM_CONTROL" -d error >/dev/null; }
restore_llm-error() { curl -sf -X POST "$LLM_CONTROL" -d ok >/dev/null; }
# the LLM chooses again (after its breaker's open time)
recovered_llm-error() { [ "$(agent_counter 'agent_llm_calls_total{application="agent-service",outcome="chosen"}')" != "$CHOSEN_AT_RESTORE" ]; }
ALERT_llm_error="CallcenterLlmArbitrationFailing"
signal_llm-error() { [ "$(agent_counter 'agent_llm_calls_total{application="agent-service",outcome="error"}')" != "$SIGNAL_AT_FAULT" ]; }
signal_value_llm-error() { agent_counter 'agent_llm_calls_total{application="agent-service",outcome="error"}'; }

break_llm-hang() { curl -sf -X POST "$LLM_CONTROL" -d hang >/dev/null; }
restore_llm-hang() { restore_llm-error; }
recovered_llm-hang() { recovered_llm-error; }
ALERT_llm_hang="CallcenterLlmArbitrationFailing"
signal_llm-hang() { signal_llm-error; }
signal_value_llm-hang() { signal_value_llm-error; }

run_fault() {
  local fault="$1" alert_var="ALERT_${1//-/_}" results="$WORK/$1.bin" load_pid alert alert_seconds restore_seconds recovery
  local alert_name alert_match am before signal=false duration="$FAULT_SECONDS" summary
  [[ "$fault" != llm-* ]] || duration="$LLM_FAULT_SECONDS"
  alert_name="${!alert_var%% *}"; alert_match="${!alert_var#"$alert_name"}"; alert_match="${alert_match# }"
  say "$fault: load at $RATE/s, then the fault for ${duration}s"
  "$VEGETA" attack -rate "$RATE" -duration 0 -timeout 30s -root-certs "$CACERT" -format json \
    -targets "$WORK/$fault.targets" -output "$results" &
  load_pid=$!
  sleep 10
  before="$(alert_state "$alert_name" "$alert_match")"
  SIGNAL_AT_FAULT="$(! declare -F "signal_value_$fault" >/dev/null || "signal_value_$fault")"
  local fault_start=$SECONDS
  "break_$fault"
  read -r alert alert_seconds < <(wait_alert "$alert_name" "$alert_match" "$duration" || true)
  say "$fault: $alert_name $alert ${alert_seconds}s after the fault${before:+ (already $before before it)}"
  while [ $((SECONDS - fault_start)) -lt "$duration" ]; do
    "signal_$fault" 2>/dev/null && signal=true
    sleep 1
  done
  "signal_$fault" 2>/dev/null && signal=true
  am="$(am_has "$alert_name")"
  REDIS_KEYS_AT_RESTORE=0
  LOGGED_AT_RESTORE="$(agent_counter agent_statistics_windows_logged_total)"
  CHOSEN_AT_RESTORE="$(agent_counter 'agent_llm_calls_total{application="agent-service",outcome="chosen"}')"
  local restore_start=$SECONDS
  "restore_$fault"
  restore_seconds=$((SECONDS - restore_start))
  REDIS_KEYS_AT_RESTORE="$(redis-cli dbsize 2>/dev/null || echo 0)"
  recovery="$(wait_until 120 "recovered_$fault" || true)"
  say "$fault: restored in ${restore_seconds}s, recovered ${recovery}s after"
  sleep 5
  kill -INT "$load_pid"; wait "$load_pid" 2>/dev/null || true
  summary="$("$VEGETA" encode --to json < "$results" | python3 "$ROOT/bench/agent/vegeta_load.py" summary --rate "$RATE")"
  python3 - "$fault" "$alert_name" "$alert" "$alert_seconds" "$am" "$restore_seconds" "$recovery" "$RECOVERY_LIMIT" \
    "$summary" "$before" "$signal" "$duration" <<'PY'
import json, sys
fault, alert, state, alert_s, am, restore_s, recovery, limit, summary, before, signal, duration = sys.argv[1:]
s = json.loads(summary)
failed = sum(s.get("errors", {}).values())
degraded = sum(v["n"] for k, v in s["by_model_used"].items() if "degraded" in k)
out = {"fault": fault, "fault_s": int(duration), "requests": s["sent"], "failed": failed, "errors": s.get("errors", {}),
       "degraded_answers": degraded, "p50_ms": s["all"].get("p50_ms"), "p99_ms": s["all"].get("p99_ms"),
       "signal_moved": signal == "true", "alert": alert, "alert_state": state, "alert_after_s": int(alert_s),
       "alert_active_before": before or None, "in_alertmanager": am == "True",
       "restore_s": int(restore_s), "recovered_after_restore_s": int(recovery)}
out["ok"] = (failed == 0 and out["signal_moved"] and state in ("pending", "firing")
             and 0 <= int(recovery) <= int(limit))
print(json.dumps(out))
PY
}

: > "$WORK/results.jsonl"
for fault in "${FAULTS[@]}"; do
  declare -F "break_$fault" >/dev/null || fail "unknown fault $fault"
  run_fault "$fault" | tee -a "$WORK/results.jsonl" >&2
  sleep 5
done
python3 - "$WORK/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(json.dumps({"drill": "faults", "faults": rows, "failed_requests": sum(r["failed"] for r in rows),
                  "ok": all(r["ok"] for r in rows)}))
sys.exit(0 if all(r["ok"] for r in rows) else 1)
PY
