#!/usr/bin/env bash
# Two builds side by side in one run: bench/agent/http.sh on the same dataset and rate with each build's jars,
# alternating (A B A B ... ROUNDS times), so both see the host's speed of the moment. One JSON line per run,
# labelled with the build, then the mean CPU ms per request of each build per process.
#
#   bench/agent/compare.sh BUILD_A BUILD_B [banking77|it] [rate=300] [seconds=60] [rounds=1]
#
# BUILD_A, BUILD_B: directories with */target/*.jar as `bin/callcenter build` leaves them (a checkout, or a copy
# of a release's jars). Everything else as http.sh (router and models from bench/agent/routing.sh); PROFILE_DIR: an
# async-profiler profile of every run there (http.sh's PROFILE), named after the build's directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
A="$1"; B="$2"; NAME="${3:-it}"; RATE="${4:-300}"; SECONDS_="${5:-60}"; ROUNDS="${6:-1}"
OUT_DIR="${OUT:-$ROOT/var/bench/routing}/$NAME"
results="$OUT_DIR/compare-$RATE.jsonl"; : > "$results"
for round in $(seq "$ROUNDS"); do
  for build in "$A" "$B"; do
    profile=""; [ -n "${PROFILE_DIR:-}" ] && mkdir -p "$PROFILE_DIR" && profile="$PROFILE_DIR/$(basename "$build")-$RATE-$round"
    PROFILE="$profile" JAR_ROOT="$build" "$ROOT/bench/agent/http.sh" "$NAME" "$RATE" "$SECONDS_" | tail -n 1 \
      | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); r["build"]=sys.argv[1]; print(json.dumps(r))' "$build" \
      | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import json, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line); runs[r["build"]].append(r)
for build, rs in runs.items():
    cpu = {k: round(sum(r["cpu_ms_per_request"][k] for r in rs) / len(rs), 2) for k in rs[0]["cpu_ms_per_request"]}
    p99 = [r["all"].get("p99_ms") for r in rs]
    print(json.dumps({"build": build, "runs": len(rs), "cpu_ms_per_request": cpu, "p99_ms": p99,
                      "errors": [r.get("errors", {}) for r in rs], "rss_peak_mib": [r.get("rss_peak_mib") for r in rs]}))
PY
