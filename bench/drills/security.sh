#!/usr/bin/env bash
# Security checks of the local ingress (bin/callcenter up --stack): no key -> 401, wrong key -> 401, over the
# key's limit -> 429 with Retry-After, another key keeps its own budget, admin hosts without credentials -> 401
# and with them -> 2xx/3xx, /actuator/* and anything else on the API host -> 404, plain HTTP on the TLS port
# -> 400. Every error answer of the API host is application/problem+json. The last stdout line is a JSON summary.
#
#   bench/drills/security.sh
set -euo pipefail
DRILLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DRILLS/lib.sh"
require_stack

KEY="$(cat "$STACK_DIR/api-key")"
ADMIN="admin:$(cat "$STACK_DIR/admin-password")"
BODY='{"text": "WiFi not working", "ticket_id": "T123"}'
checks=0 failures=0 results=""

# expect NAME WANT_STATUS CURL_ARGS...: one check (also: an API-host error must be problem+json)
expect() {
  local name="$1" want="$2"; shift 2
  local got type
  read -r got type < <(curl -s -o /dev/null -w '%{http_code} %{content_type}\n' --max-time 10 --cacert "$CACERT" "$@" || echo "000 -")
  checks=$((checks + 1))
  if [[ ! "$got" =~ ^($want)$ ]]; then
    failures=$((failures + 1)); say "FAIL $name: $got (want $want)"
  elif [[ "$got" =~ ^[45] ]] && [[ "$name" != admin* ]] && [[ "$type" != application/problem+json* ]]; then
    failures=$((failures + 1)); say "FAIL $name: $got with Content-Type $type (want application/problem+json)"
  else
    say "ok   $name: $got"
  fi
  results="$results${results:+,}\"$name\":$got"
}

json=(-H 'Content-Type: application/json' -d "$BODY")
expect seed_example 200 -H "X-API-Key: $KEY" "${json[@]}" "$INGRESS/predict"
for path in /predict /predict/batch /feedback; do
  expect "no_key$path" 401 "${json[@]}" "$INGRESS$path"
  expect "wrong_key$path" 401 -H "X-API-Key: ${KEY%?}x" "${json[@]}" "$INGRESS$path"
  expect "empty_key$path" 401 -H "X-API-Key;" "${json[@]}" "$INGRESS$path"
done
for path in /actuator /actuator/health /actuator/prometheus /actuator/env /actuator/heapdump /swagger-ui/index.html /admin /; do
  expect "api_host$path" 404 -H "X-API-Key: $KEY" "$INGRESS$path"
done
expect plain_http_on_tls_port 400 "http://127.0.0.1:8443/predict"
for host in mlflow prometheus alertmanager; do
  expect "admin_${host}_no_auth" 401 --resolve "$host.localhost:8443:127.0.0.1" "https://$host.localhost:8443/"
  expect "admin_${host}_wrong_auth" 401 -u admin:wrong --resolve "$host.localhost:8443:127.0.0.1" "https://$host.localhost:8443/"
  expect "admin_${host}_auth" '2..|3..' -u "$ADMIN" --resolve "$host.localhost:8443:127.0.0.1" "https://$host.localhost:8443/"
done

# The per-key limit: a burst well past the standard tier's budget from one key, all from this one address.
burst_key="$(api_key security-burst standard)"
sleep 1
answers="$OUT/security-burst.txt"
seq 300 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code} %header{retry-after}\n' --cacert "$CACERT" \
  -H "X-API-Key: $burst_key" -H 'Content-Type: application/json' -d '{"text": "my card has not arrived"}' \
  "$INGRESS/predict" > "$answers"
burst="$(cut -d' ' -f1 "$answers" | sort | uniq -c | awk '{printf "%s\"%s\":%s", (NR > 1 ? "," : ""), $2, $1}')"
say "300 requests at once from one key: {$burst}"
checks=$((checks + 1))
[[ "$burst" == *'"429":'* ]] || { failures=$((failures + 1)); say "FAIL no 429 over the limit"; }
retry_after="$(awk '$1 == 429 {print $2; exit}' "$answers")"
checks=$((checks + 1))
[ -n "$retry_after" ] || { failures=$((failures + 1)); say "FAIL no Retry-After on the 429"; }
# The other key, from the same address, still has its budget.
expect other_key_unaffected 200 -H "X-API-Key: $KEY" "${json[@]}" "$INGRESS/predict"

printf '{"drill":"security","checks":%d,"failures":%d,"burst_status_counts":{%s},"retry_after":"%s","results":{%s},"ok":%s}\n' \
  "$checks" "$failures" "$burst" "$retry_after" "$results" "$([ $failures = 0 ] && echo true || echo false)"
[ $failures = 0 ]
