#!/usr/bin/env bash
# The out-of-scope protocol (docs/out-of-scope.md): Banking77 with a seeded 25 % of its classes (19 of
# 77) held out of training and their test rows relabelled "oos"; both models trained on the other
# classes' train.csv rows (their own validation split fits the detectors), scored on the whole test.csv.
# Prints one line per model and detector; JSON detail in var/bench/oos/.
#
#   bench/oos/run.sh [dev|test] [tfidf] [transformer]     (default: test tfidf transformer)
#
# dev: the same protocol inside the in-scope training rows only (another 25 % of those classes held
# out, 20 % of the rest as its test part): where detectors and settings are chosen. test.csv is never
# read by it. test: the figures to report, read once the choices are made.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${CALLCENTER_SHARED_DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/var/bench/oos}"
SEED="${SEED:-42}"
DEV_SEED="${DEV_SEED:-7}"
HOLDOUT="${HOLDOUT:-0.25}"
BAR="${BAR:-0.95}"
source "$ROOT/bench/lib.sh"
protocol=test; models=()
for a in "$@"; do case "$a" in dev|test) protocol=$a ;; *) models+=("$a") ;; esac; done
[ ${#models[@]} -eq 0 ] && models=(tfidf transformer)
mkdir -p "$OUT/test" "$OUT/dev"
echo "# $(date -u +%FT%TZ) protocol $protocol on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The in-scope classes' train.csv rows and the relabelled test.csv (the dev protocol starts from the former).
tools oos-split --data "$DATA/banking77/train.csv" --test "$DATA/banking77/test.csv" --text-col text --label-col category \
  --holdout-fraction "$HOLDOUT" --seed "$SEED" --out-train "$OUT/test/train.csv" --out-test "$OUT/test/test.csv" \
  > "$OUT/test/split.json" 2> "$OUT/test/split.err"
if [ "$protocol" = dev ]; then
  tools oos-split --data "$OUT/test/train.csv" --test-fraction 0.2 --text-col text --label-col label \
    --holdout-fraction "$HOLDOUT" --seed "$DEV_SEED" --out-train "$OUT/dev/train.csv" --out-test "$OUT/dev/test.csv" \
    > "$OUT/dev/split.json" 2> "$OUT/dev/split.err"
fi
dir="$OUT/$protocol"
python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print('# split:', d['n_train'], 'train rows,', d['n_test'], 'test rows of which', d['n_test_oos'], 'out of scope;', len(d['held_out_classes']), 'classes held out')" "$dir/split.json"

for model in "${models[@]}"; do
  # EVALUATE_ONLY=1 re-scores the model directories already trained (after a change to evaluate).
  [ -n "${EVALUATE_ONLY:-}" ] || tools train --model "$model" --data "$dir/train.csv" --test "$dir/test.csv" --text-col text --label-col label \
    --seed "$SEED" --out "$dir/$model" > "$dir/$model-train.json" 2> "$dir/$model-train.err"
  tools evaluate --model-dir "$dir/$model" --data "$dir/test.csv" --text-col text --label-col label \
    --oos-label oos --oos-accuracy-bar "$BAR" > "$dir/$model-evaluate.json" 2> "$dir/$model-evaluate.err"
  python3 - "$dir/$model-evaluate.json" "$model" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print(f"{sys.argv[2]}: served {d['oos_method']}: AUROC {d['oos_auroc']:.4f}  recall {d['oos_recall']:.4f}  "
      f"precision {d['oos_precision']}  in-scope accuracy {d['in_scope_accuracy']:.4f}  (n_oos {d['n_oos']})")
for m, f in d['oos_methods'].items():
    print(f"  {sys.argv[2]:<11} {m:<22} AUROC {f['oos_auroc']:.4f}  recall {f['oos_recall']:.4f}  in-scope acc {f['in_scope_accuracy']:.4f}"
          f"  in-scope flagged {f['in_scope_flagged']:.4f}  kept acc {f['in_scope_kept_accuracy']:.4f}"
          f"  recall@acc>={d['in_scope_accuracy_bar']} {f['recall_at_in_scope_accuracy_bar']:.4f}")
PY
done
