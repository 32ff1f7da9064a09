#!/usr/bin/env bash
# The kNN out-of-scope scan per ticket, in-process, for the Banking77 and IT models' sizes (10,003 and 30,616 kept
# 768-dim vectors), on the scalar loop (no Vector API module) and on the Vector API, one JSON line each.
#   bench/transformer/knn.sh      (after bin/callcenter build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$(ls "$ROOT"/ml-core/target/ml-core-*.jar | grep -v -- -tests | head -n 1)"
for modules in "" "--add-modules jdk.incubator.vector"; do
  kernel=scalar; [ -n "$modules" ] && kernel=vector
  for rows in 10003 30616; do
    # shellcheck disable=SC2086
    java -Xmx2g $modules -cp "$JAR" "$ROOT/bench/transformer/KnnBench.java" "$rows" 768 2>/dev/null \
      | sed "s/^{/{\"kernel\":\"$kernel\",/"
  done
done
