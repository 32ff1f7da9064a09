#!/usr/bin/env bash
# PII at rest (bench/drills/pii-at-rest.py): 200 tickets with known names, emails, phones, IBANs and card numbers
# through the running stack, then every log, Redis key and value, MLflow run and artifact, and Prometheus label
# value and TSDB file searched for each: 0 hits. The last stdout line is a JSON summary.
#
#   bench/drills/pii-at-rest.sh [--tickets N] [--seed S]
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"
require_stack
exec python3 "$DRILLS/pii-at-rest.py" --root "$ROOT" --stack-dir "$STACK_DIR" "$@"
