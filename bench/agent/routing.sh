#!/usr/bin/env bash
# Routing benchmark: trains tfidf and transformer on the training split minus a stratified 10 %
# validation hold-out, serves both, fits the router on the hold-out (fit-router) and measures it on
# the untouched test set (evaluate-router). Results: $OUT/<dataset>/{router.json,fit.json,test.json}.
# Every file is PII-scrubbed (scrub-data) before training, as the agent scrubs before classifying, with
# the PII name finders trained once into $OUT/pii-models (pii-models).
#
#   bench/agent/routing.sh [banking77|it|all]
#
# Environment: JAR_ROOT (where */target/*.jar and tools/target/callcenter-tools.jar are; default: the repo), OUT (default var/bench/routing),
# SHARED_DATA (default ../shared/data), TFIDF_PORT/TRANSFORMER_PORT (default 18001/18002; actuators on the port + 1000),
# TARGET_ACCURACY (optional, passed to fit-router), TOLERANCE (default 0.002),
# EMBEDDING_CACHE_DIR (default $OUT/embedding-cache; point it at another run's cache to skip encoding).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR_ROOT="${JAR_ROOT:-$ROOT}"
OUT="${OUT:-$ROOT/var/bench/routing}"
DATA="${SHARED_DATA:-$ROOT/../shared/data}"
TFIDF_PORT="${TFIDF_PORT:-18001}"
TRANSFORMER_PORT="${TRANSFORMER_PORT:-18002}"
TOLERANCE="${TOLERANCE:-0.002}"
CACHE="${EMBEDDING_CACHE_DIR:-$OUT/embedding-cache}"
TOOLS_JAVA_OPTS="${TOOLS_JAVA_OPTS:-${TRAIN_JAVA_OPTS:--Xmx4g}}"
TFIDF="$JAR_ROOT/tfidf-service/target/tfidf-service.jar"
TRANSFORMER="$JAR_ROOT/transformer-service/target/transformer-service.jar"
for jar in "$TFIDF" "$TRANSFORMER" "$JAR_ROOT/tools/target/callcenter-tools.jar"; do
  [ -f "$jar" ] || { echo "missing $jar: bin/callcenter build" >&2; exit 2; }
done
PIDS=()
source "$ROOT/bench/lib.sh"
trap stop_services EXIT
SHARED_DATA="$DATA" use_pii_models "$OUT/pii-models"

last_line() { tail -n 1 "$1"; }

split() {  # split-data wrapper: split IN FRACTION OUT_REST OUT_PART [textcol labelcol]
  tools split-data --data "$1" --text-col "${5:-text}" --label-col "${6:-label}" --fraction "$2" --seed 42 \
    --out-train "$3" --out-val "$4" > /dev/null
}

scrub() {  # scrub DIR: train/val/test.csv from raw-train/raw-val/raw-test.csv, PII scrubbed as the agent does
  for part in train val test; do
    tools scrub-data --data "$1/raw-$part.csv" --out "$1/$part.csv" > "$1/scrub-$part.json" 2> /dev/null
  done
}

# train_models DIR SUFFIX TRAIN.csv: tfidf$SUFFIX and transformer$SUFFIX in DIR (kept if already there)
train_models() {
  local dir="$1" suffix="$2" data="$3" test="$1/test.csv"
  [ -f "$dir/tfidf$suffix/metadata.json" ] || tools train --model tfidf --data "$data" --test "$test" \
      --text-col text --label-col label --out "$dir/tfidf$suffix" > "$dir/train-tfidf$suffix.json" 2> "$dir/train-tfidf$suffix.err" \
    || { echo "tfidf training failed (columns of $test must be text,label)" >&2; exit 1; }
  [ -f "$dir/transformer$suffix/metadata.json" ] || EMBEDDING_CACHE_DIR="$CACHE" tools train \
      --model transformer --data "$data" --test "$test" --text-col text --label-col label --out "$dir/transformer$suffix" \
      > "$dir/train-transformer$suffix.json" 2> "$dir/train-transformer$suffix.err"
}

# serve DIR SUFFIX: both classifiers on their bench ports
serve() {
  local port
  for port in $TFIDF_PORT $TRANSFORMER_PORT; do require_free_port $port; require_free_port "$(management_port $port)"; done
  PORT=$TFIDF_PORT MANAGEMENT_SERVER_PORT="$(management_port $TFIDF_PORT)" MODEL_DIR="$1/tfidf$2" java -Xmx1g -jar "$TFIDF" \
    > "$1/tfidf$2.log" 2>&1 & PIDS+=($!)
  PORT=$TRANSFORMER_PORT MANAGEMENT_SERVER_PORT="$(management_port $TRANSFORMER_PORT)" MODEL_DIR="$1/transformer$2" \
    java -Xmx1536m $VECTOR_API_OPTS -jar "$TRANSFORMER" > "$1/transformer$2.log" 2>&1 & PIDS+=($!)
  wait_ready "http://127.0.0.1:$(management_port $TFIDF_PORT)" "${PIDS[-2]}"
  wait_ready "http://127.0.0.1:$(management_port $TRANSFORMER_PORT)" "${PIDS[-1]}"
}

# run_dataset NAME: expects $OUT/NAME/{train,val,test}.csv with text,label columns.
# The router is fitted on validation with models that never saw it. Then, unless REFIT=0, both
# models are retrained on train + validation with the same recipe (as a model's own search refits
# on all its data once settings are chosen) and the fitted router is tested with those.
run_dataset() {
  local name="$1"
  local dir="$OUT/$name"
  local urls=(--first-url "http://127.0.0.1:$TFIDF_PORT" --second-url "http://127.0.0.1:$TRANSFORMER_PORT")
  local target=(); [ -n "${TARGET_ACCURACY:-}" ] && target=(--target-accuracy "$TARGET_ACCURACY")
  train_models "$dir" "" "$dir/train.csv"
  serve "$dir" ""
  tools fit-router --data "$dir/val.csv" "${urls[@]}" --out "$dir/router.json" --tolerance "$TOLERANCE" \
    "${target[@]}" > "$dir/fit.out" 2> "$dir/fit.err"
  last_line "$dir/fit.out" > "$dir/fit.json"
  local served=""
  if [ "${REFIT:-1}" = 1 ]; then
    stop_services; PIDS=()
    { cat "$dir/train.csv"; tail -n +2 "$dir/val.csv"; } > "$dir/train-all.csv"
    train_models "$dir" "-all" "$dir/train-all.csv"
    served="-all"
    serve "$dir" "$served"
  fi
  tools evaluate-router --data "$dir/test.csv" --config "$dir/router.json" "${urls[@]}" \
    > "$dir/test.out" 2> "$dir/test.err"
  last_line "$dir/test.out" > "$dir/test.json"
  echo "== $name (test set; models tfidf$served, transformer$served)"; cat "$dir/test.json"; echo
  stop_services; PIDS=()
}

what="${1:-all}"
if [ "$what" = banking77 ] || [ "$what" = all ]; then
  # Banking77's CSVs have text,category: rewrite the headers to text,label for the shared commands.
  d="$OUT/banking77"; mkdir -p "$d"
  if [ ! -f "$d/test.csv" ]; then
    sed '1s/.*/text,label/' "$DATA/banking77/train.csv" > "$d/all.csv"
    sed '1s/.*/text,label/' "$DATA/banking77/test.csv" > "$d/raw-test.csv"
    split "$d/all.csv" 0.1 "$d/raw-train.csv" "$d/raw-val.csv"
    scrub "$d"
  fi
  run_dataset banking77
fi
if [ "$what" = it ] || [ "$what" = all ]; then
  # No official test split: 20 % stratified test (seed 42, the split `callcenter train --test-split 0.2`
  # uses). IT_SUBSAMPLE of the rest is used for training + validation and IT_TEST_SUBSAMPLE of the test
  # split is scored (default 1 = all; encoding all 47k tickets with both encoders takes about 10 min on
  # 2 idle cores). With a subsample, tfidf is trained on the same one, so the comparison stays fair.
  d="$OUT/it"; mkdir -p "$d"
  if [ ! -f "$d/test.csv" ]; then
    split "$DATA/it-service-tickets/all_tickets.csv" 0.2 "$d/trainval-full.csv" "$d/test-full.csv" Document Topic_group
    if [ "${IT_TEST_SUBSAMPLE:-1}" = 1 ]; then cp "$d/test-full.csv" "$d/raw-test.csv"
    else split "$d/test-full.csv" "${IT_TEST_SUBSAMPLE:-1}" "$d/test-unused.csv" "$d/raw-test.csv"; fi
    if [ "${IT_SUBSAMPLE:-1}" = 1 ]; then cp "$d/trainval-full.csv" "$d/trainval.csv"
    else split "$d/trainval-full.csv" "${IT_SUBSAMPLE:-1}" "$d/trainval-unused.csv" "$d/trainval.csv"; fi
    split "$d/trainval.csv" 0.2 "$d/raw-train.csv" "$d/raw-val.csv"
    scrub "$d"
  fi
  run_dataset it
fi
