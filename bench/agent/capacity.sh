#!/usr/bin/env bash
# Sustained rate through the agent: bench/agent/http.sh at each given rate for SECONDS, then the highest rate that
# held p99 <= P99_LIMIT_MS (default 50) with no errors, with each run's percentiles, CPU per request and resident
# memory. One JSON line per rate, then a summary line (also in OUT/DATASET/capacity-SECONDS-BUILD.jsonl).
#
#   bench/agent/capacity.sh [banking77|it] SECONDS RATE [RATE...]
#
# Everything else as http.sh (JAR_ROOT for another build, OUT, AGENT_JAVA_OPTS, SETTLE_SECONDS...). The services
# start fresh for each rate, warmed up as http.sh does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NAME="$1"; SECONDS_="$2"; shift 2
[ $# -gt 0 ] || { echo "usage: $0 DATASET SECONDS RATE [RATE...]" >&2; exit 2; }
OUT_DIR="${OUT:-$ROOT/var/bench/routing}/$NAME"
results="$OUT_DIR/capacity-$SECONDS_-$(basename "${JAR_ROOT:-$ROOT}").jsonl"; : > "$results"
for rate in "$@"; do
  "$ROOT/bench/agent/http.sh" "$NAME" "$rate" "$SECONDS_" | tail -n 1 | tee -a "$results"
done
python3 - "$results" "${P99_LIMIT_MS:-50}" <<'PY'
import json, sys
limit = float(sys.argv[2])
runs = [json.loads(line) for line in open(sys.argv[1])]
held = [r["target_rate"] for r in runs if not r.get("errors") and r["all"].get("p99_ms", float("inf")) <= limit]
print(json.dumps({"p99_limit_ms": limit, "rates": [{"rate": r["target_rate"], "p99_ms": r["all"].get("p99_ms"),
                  "errors": sum(r.get("errors", {}).values()), "cpu_ms_per_request": r["cpu_ms_per_request"],
                  "rss_peak_mib": r.get("rss_peak_mib")} for r in runs],
                  "highest_rate_held": max(held) if held else None}))
PY
