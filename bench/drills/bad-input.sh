#!/usr/bin/env bash
# Bad input at volume (bench/drills/bad-input.py): 2,000 or more generated malformed requests (broken and truncated
# JSON, 50 MB bodies, binary garbage, wrong types, deep nesting, invalid UTF-8, NUL bytes, wrong Content-Type and
# methods, huge batches, unknown paths, bad framing, ...) through the ingress, paced under the key's rate limit.
# Every answer must be a 4xx application/problem+json (nginx's own stock error pages are counted apart); then a
# valid /predict must still answer as before. The last stdout line is a JSON summary; exit 0 only when it is ok.
#
#   bench/drills/bad-input.sh [--count N] [--seed S] [--rate R] [--url URL] [--key-file F] [--health-url URL] ...
#   bench/drills/bad-input.sh --plain-http-url http://127.0.0.1:18200 --no-key     (an agent alone, no TLS)
#
# Defaults: --url https://127.0.0.1:8443 --key-file var/stack/api-key, the stack's CA when it has one, failing
# requests and their reproductions in var/drills/bad-input-failures; bad-input.py --help lists every option.
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"

DEFAULTS=(--url "$INGRESS" --key-file "$STACK_DIR/api-key" --failures-dir "$OUT/bad-input-failures")
plain=0
for arg in "$@"; do
  case "$arg" in --plain-http-url|--plain-http-url=*|-h|--help) plain=1 ;; esac
done
if [ $plain = 0 ]; then
  require_stack
  [ ! -f "$CACERT" ] || DEFAULTS+=(--cacert "$CACERT")
fi
exec python3 "$DRILLS/bad-input.py" "${DEFAULTS[@]}" "$@"
