#!/usr/bin/env bash
# xSID per-language accuracy for tfidf and transformer: train on every language's validation
# split pooled (16 intents), test on each language's test split. Prints a Markdown table.
# Usage: bench/transformer/multilingual.sh [tfidf] [transformer]   (default: both)
# ENCODER_NAME / ENCODER_DIR select the transformer's encoder as for the service.
# TABLE_ONLY=1 prints the table from earlier results without training.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${CALLCENTER_SHARED_DATA:-$root/../shared/data}/xsid/xsid-0.7_valid_test.jsonl"
# a non-default encoder gets its own directory, so its results do not replace the default's
work="$root/var/bench/xsid${ENCODER_NAME:+-$ENCODER_NAME}"
# the fetched encoders (use-multilingual-v3) and the Vector API its kernel needs (docs/decisions/0011)
export ENCODERS_DIR="${ENCODERS_DIR:-$root/models/encoders}"
case "${ENCODER_NAME:-}" in *use-multilingual-v3*) "$root/scripts/encoders.sh" fetch >&2 ;; esac
models=("${@:-tfidf transformer}")
models=(${models[*]})
mkdir -p "$work"

python3 "$(dirname "$0")/xsid_split.py" "$data" "$work"

# A private copy of the tools jar: a rebuild during the run must not pull classes from under the JVM.
if [ -z "${TABLE_ONLY:-}" ]; then
  [ -f "$root/tools/target/callcenter-tools.jar" ] || "$root/bin/callcenter" build
  cp "$root/tools/target/callcenter-tools.jar" "$work/callcenter-tools.jar"
fi

for model in "${models[@]}"; do
  [ -n "${TABLE_ONLY:-}" ] && break
  out="$work/model-$model"
  jar="$work/callcenter-tools.jar"
  # The "all" row is computed from the per-language runs, so the test texts are encoded once;
  # the training run's own test set is just the English one.
  java -Xmx4g --add-modules jdk.incubator.vector -jar "$jar" train --model "$model" --data "$work/train.csv" --test "$work/test-en.csv" \
    --text-col text --label-col intent --out "$out" | tail -1 > "$work/train-$model.json"
  while read -r lang; do
    java -Xmx4g --add-modules jdk.incubator.vector -jar "$jar" evaluate --model-dir "$out" --data "$work/test-$lang.csv" \
      --text-col text --label-col intent 2>>"$work/evaluate-$model.log" | tail -1 > "$work/result-$model-$lang.json" \
      || echo "evaluate $model $lang failed, see $work/evaluate-$model.log" >&2
  done < "$work/langs.txt"
done

python3 - "$work" "${models[@]}" <<'PY'
import json, sys
work, models = sys.argv[1], sys.argv[2:]
langs = open(f"{work}/langs.txt").read().split()
def acc(model, lang):
    if lang == "all":
        results = [acc(model, l) for l in langs]
        if any(a is None for a, _ in results):
            return None, None
        n = sum(k for _, k in results)
        return sum(a * k for a, k in results) / n, n
    try:
        r = json.load(open(f"{work}/result-{model}-{lang}.json"))
        return r["accuracy"], r["n_test"]
    except (OSError, ValueError):
        return None, None
print("| language | n test | " + " | ".join(f"{m} accuracy" for m in models) + " |")
print("|---|---:|" + "---:|" * len(models))
for lang in langs + ["all"]:
    cells, n = [], None
    for m in models:
        a, n_ = acc(m, lang)
        n = n or n_
        cells.append("pending" if a is None else f"{a:.3f}")
    print(f"| {lang} | {n or ''} | " + " | ".join(cells) + " |")
PY
