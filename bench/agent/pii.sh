#!/usr/bin/env bash
# Prints the PII token-level P/R/F1 tables (held-out TEST templates, TRAIN templates, whole file).
# Usage: bench/agent/pii.sh [shared-data-dir] [--errors N]   (error listings: TRAIN split only)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/data}"; shift || true
cd "$root"
# The last module built (agent-service) writes the classpath file; common resolves to common/target/classes.
mvn -q -pl agent-service -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/agent-service/target/bench.cp" -Dmdep.includeScope=runtime
java -cp "agent-service/target/classes:$(cat agent-service/target/bench.cp)" \
  ai.callcenter.agent.bench.PiiBench "$data" "$@"
