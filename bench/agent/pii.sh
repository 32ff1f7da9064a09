#!/usr/bin/env bash
# Prints the PII token-level P/R/F1 tables (held-out TEST templates, TRAIN templates, whole file).
# Usage: bench/agent/pii.sh [shared-data-dir] [--errors N]   (error listings: TRAIN split only)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/bench/lib.sh"
data="${1:-$ROOT/../shared/data}"; shift || true
tools bench pii --shared-data "$data" "$@"
