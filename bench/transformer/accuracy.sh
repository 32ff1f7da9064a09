#!/usr/bin/env bash
# Banking77 (official train/test) and IT tickets (80/20 stratified, seed 42) through the shared CLI.
# Prints one summary line per run; full JSON in var/bench/. Embeddings are cached in
# var/embedding-cache, so a second run only pays for the test-set encoding and the head search.
# ENCODER_NAME / ENCODER_DIR pick the encoder as for the service (default: application.yaml).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${CALLCENTER_SHARED_DATA:-$root/../shared/data}"
out="$root/var/bench"
mkdir -p "$out"
cd "$root"

summary() {
  python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print(sys.argv[2], {k: r[k] for k in ("model_version","accuracy","macro_f1","ece","n_train","n_test","train_seconds")})' "$1" "$2"
}

bin/callcenter train --model transformer --data "$data/banking77/train.csv" --test "$data/banking77/test.csv" \
  --text-col text --label-col category --out "$out/model-banking77" > "$out/banking77.json"
summary "$out/banking77.json" banking77

bin/callcenter train --model transformer --data "$data/it-service-tickets/all_tickets.csv" --test-split 0.2 --seed 42 \
  --text-col Document --label-col Topic_group --out "$out/model-it-tickets" > "$out/it-tickets.json"
summary "$out/it-tickets.json" it-tickets
