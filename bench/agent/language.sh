#!/usr/bin/env bash
# Prints heap used by the preloaded lingua languages (the agent's list) and the xSID accuracy table.
# Usage: bench/agent/language.sh [shared-data-dir] [test|valid|all] [LANG,LANG,...]
#   (default: test split and the agent's language list; a third argument measures another list)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/bench/lib.sh"
data="${1:-$ROOT/../shared/data}"
TOOLS_JAVA_OPTS="${TOOLS_JAVA_OPTS:--Xmx2g}" tools bench language --shared-data "$data" --split "${2:-test}" ${3:+--languages "$3"}
