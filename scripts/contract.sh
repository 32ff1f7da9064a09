#!/usr/bin/env bash
# The API contract, fuzzed by a tool we did not write: Schemathesis (pinned, in a venv under var/contract/)
# runs every check against each service's own /v3/api-docs. The three services run from the built jars on
# their own ports with small models trained here; any failure exits non-zero. scripts/test.sh runs it after
# the Maven build; developers run it the same way (the jars must exist: ./mvnw package or bin/callcenter build).
#
#   scripts/contract.sh [EXAMPLES]     (default 100 generated examples per operation and phase)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCHEMATHESIS_VERSION=4.32.5
EXAMPLES="${1:-100}"
SEED="${CONTRACT_SEED:-42}"
WORK="$ROOT/var/contract"
DATA="${CALLCENTER_SHARED_DATA:-$ROOT/../shared/data}"
AGENT_PORT=18100; TFIDF_PORT=18101; TRANSFORMER_PORT=18102
PIDS=()
source "$ROOT/bench/lib.sh"
trap stop_services EXIT
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/st" ] || [ "$("$WORK/venv/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

# Small models: the contract is about the HTTP layer, not accuracy. 8 Banking77 categories, 30 tickets each.
if [ ! -f "$WORK/models/transformer/metadata.json" ]; then
  python3 - "$DATA/banking77/train.csv" "$WORK" <<'PY'
import csv, sys
rows, per = {}, 30
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    texts = rows.setdefault(r["category"], [])
    if len(rows) <= 8 and len(texts) < per + 10:
        texts.append(r["text"])
for name, part in (("train", slice(0, per)), ("test", slice(per, per + 10))):
    with open(f"{sys.argv[2]}/{name}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        for label, texts in list(rows.items())[:8]:
            w.writerows([t, label] for t in texts[part])
PY
  for model in tfidf transformer; do
    MLFLOW_TRACKING_URI= tools train --model "$model" --data "$WORK/train.csv" --test "$WORK/test.csv" --languages en \
      --out "$WORK/models/$model" > /dev/null 2> "$WORK/train-$model.err"
  done
fi

for port in $AGENT_PORT $TFIDF_PORT $TRANSFORMER_PORT; do require_free_port $port; require_free_port "$(management_port $port)"; done
PORT=$TFIDF_PORT MANAGEMENT_SERVER_PORT="$(management_port $TFIDF_PORT)" MODEL_DIR="$WORK/models/tfidf" MODEL_URI= \
  java -Xmx512m -jar tfidf-service/target/tfidf-service.jar > "$WORK/tfidf.log" 2>&1 & PIDS+=($!)
PORT=$TRANSFORMER_PORT MANAGEMENT_SERVER_PORT="$(management_port $TRANSFORMER_PORT)" MODEL_DIR="$WORK/models/transformer" MODEL_URI= \
  java -Xmx768m $VECTOR_API_OPTS -jar transformer-service/target/transformer-service.jar > "$WORK/transformer.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$(management_port $TFIDF_PORT)" "${PIDS[0]}"
wait_ready "http://127.0.0.1:$(management_port $TRANSFORMER_PORT)" "${PIDS[1]}"
# The agent with rule-based PII scrubbing (no name-finder models needed) and the documented routing defaults.
PORT=$AGENT_PORT MANAGEMENT_SERVER_PORT="$(management_port $AGENT_PORT)" TFIDF_URL="http://127.0.0.1:$TFIDF_PORT" \
  TRANSFORMER_URL="http://127.0.0.1:$TRANSFORMER_PORT" ROUTER_CONFIG= ROUTER_URI= MLFLOW_TRACKING_URI= \
  CALLCENTER_PII_RULESONLY=true CALLCENTER_LANGUAGE_LANGUAGES=ENGLISH,GERMAN,SPANISH \
  java -Xmx1g -jar agent-service/target/agent-service.jar > "$WORK/agent.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$(management_port $AGENT_PORT)" "${PIDS[2]}"

failed=0
for service in tfidf:$TFIDF_PORT transformer:$TRANSFORMER_PORT agent:$AGENT_PORT; do
  name="${service%%:*}"; port="${service##*:}"
  if "$WORK/venv/bin/st" --config-file "$ROOT/scripts/schemathesis.toml" run "http://127.0.0.1:$port/v3/api-docs" \
      --checks all --max-examples "$EXAMPLES" --seed "$SEED" > "$WORK/st-$name.log" 2>&1; then
    echo "contract: $name $(grep -E '^ +[0-9]+ generated' "$WORK/st-$name.log" | tr -s ' ')"
  else
    failed=1
    echo "contract: $name FAILED (full report: $WORK/st-$name.log)" >&2
    sed -n '/FAILURES/,$p' "$WORK/st-$name.log" | cut -c1-300 >&2
  fi
done
exit $failed
