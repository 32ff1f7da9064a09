#!/usr/bin/env bash
# Prints heap used by the preloaded lingua languages (application.yaml list) and the xSID accuracy table.
# Usage: bench/agent/language.sh [shared-data-dir] [test|valid|all] [LANG,LANG,...]
#   (default: test split and the application.yaml language list; a third argument measures another list)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/data}"
split="${2:-test}"
cd "$root"
# The last module built (agent-service) writes the classpath file; common resolves to common/target/classes.
mvn -q -pl agent-service -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/agent-service/target/bench.cp" -Dmdep.includeScope=runtime
java -Xmx2g -cp "agent-service/target/classes:$(cat agent-service/target/bench.cp)" \
  ai.callcenter.agent.bench.LanguageBench "$data" "$split" ${3:+"$3"}
