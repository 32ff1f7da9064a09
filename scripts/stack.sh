#!/usr/bin/env bash
# The whole system on one machine, as processes (bin/callcenter up --stack / down / status call this):
#
#   scripts/stack.sh start                 start every component in dependency order, each with a health wait
#   scripts/stack.sh stop                  stop exactly what start started (PIDs and markers in var/stack/run)
#   scripts/stack.sh status                each component with its URL and health; exit 0 only when all are healthy
#   scripts/stack.sh add-key NAME [TIER]   a new API key (printed once; only its SHA-256 is kept), TIER standard|bulk
#   scripts/stack.sh install               the Debian packages (nginx with njs, Prometheus, Alertmanager, Redis, PostgreSQL)
#
# Order: Redis (scripts/redis.sh), PostgreSQL and the MLflow server (scripts/mlflow.sh), tfidf, the transformer
# replicas, the agent (answer cache and feedback in Redis, statistics to MLflow), Prometheus and Alertmanager with
# the project's rules, nginx as the ingress on https://127.0.0.1:8443. The models must exist (bin/callcenter makes
# the default ones). Everything of the stack lives in var/stack: run/ (PIDs), logs/, tls/, nginx/, prometheus/,
# alertmanager/, api-keys (name, tier, SHA-256 of each key), api-key (the first key, mode 0600), admin-password.
#
# Environment: STACK_DIR, CALLCENTER_MODELS, STACK_TRANSFORMER_REPLICAS (2), STACK_STANDARD_RATE (20r/s) and
# STACK_STANDARD_BURST (100), STACK_BULK_RATE (2000r/s) and STACK_BULK_BURST (4000), STACK_SCRAPE_INTERVAL (5s),
# and the services' own variables (GROQ_BASE_URL, GROQ_API_KEY, AGENT_JAVA_OPTS, ...), passed through.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/services.sh
. "$ROOT/scripts/lib/services.sh"
# shellcheck source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"

STACK_DIR="${STACK_DIR:-$ROOT/var/stack}"
RUN="$STACK_DIR/run"
LOGS="$STACK_DIR/logs"
MODELS="${CALLCENTER_MODELS:-$ROOT/models}"
export ENCODERS_DIR="${ENCODERS_DIR:-$MODELS/encoders}"
# the replicas of a running stack, unless told otherwise
TRANSFORMER_REPLICAS="${STACK_TRANSFORMER_REPLICAS:-$(cat "$RUN/transformer-replicas" 2>/dev/null || echo 2)}"

# The local contract (docs/operations.md): ports of the components.
INGRESS_PORT=8443
AGENT_PORT=8000
TFIDF_PORT=8001
TRANSFORMER_FIRST_PORT=8002
TRANSFORMER_POOL_PORT=8012
MANAGEMENT_OFFSET=1000
REDIS_PORT=6379
MLFLOW_PORT=5000
POSTGRES_PORT=5433
PROMETHEUS_PORT=9090
ALERTMANAGER_PORT=9093
# Seconds a component may take to become healthy (a cold transformer loads its encoders).
START_TIMEOUT=300

log() { echo "stack: $*" >&2; }
die() { log "$*"; exit 1; }

install() {
  local missing=""
  [ -f /usr/lib/nginx/modules/ngx_http_js_module.so ] || missing="$missing nginx-light libnginx-mod-http-js"
  command -v prometheus >/dev/null 2>&1 || missing="$missing prometheus"
  command -v prometheus-alertmanager >/dev/null 2>&1 || missing="$missing prometheus-alertmanager"
  [ -z "$missing" ] && return
  log "installing$missing (apt)"
  # shellcheck disable=SC2086
  apt_install $missing
  # Debian starts the packaged daemons where it can; the stack runs its own.
  pkill -x nginx 2>/dev/null || true
}

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# wait_for NAME COMMAND...: until COMMAND succeeds; fails early when NAME's recorded process is gone
wait_for() {
  local name="$1"; shift
  for _ in $(seq $((START_TIMEOUT * 2))); do
    "$@" >/dev/null 2>&1 && return
    if [ -f "$RUN/$name.pid" ] && ! alive "$name"; then tail -20 "$LOGS/$name.log" >&2 2>/dev/null; die "$name exited; see $LOGS/$name.log"; fi
    sleep 0.5
  done
  die "$name not healthy after ${START_TIMEOUT}s; see $LOGS/$name.log"
}

# spawn NAME COMMAND...: in the background, in its own process group, PID recorded
spawn() {
  local name="$1"; shift
  if alive "$name"; then log "$name already running"; return 1; fi
  setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

ready() { curl -sf --max-time 2 "$1" 2>/dev/null | grep -q '"status":"UP"'; }

transformer_port() { echo $((TRANSFORMER_FIRST_PORT + $1 - 1)); }

start_redis() {
  if REDIS_PORT=$REDIS_PORT "$ROOT/scripts/redis.sh" status >/dev/null 2>&1; then
    log "redis already running on $REDIS_PORT (not started by the stack: stop leaves it)"
  else
    REDIS_PORT=$REDIS_PORT "$ROOT/scripts/redis.sh" start >&2
    touch "$RUN/redis.started"
  fi
}

start_mlflow() {
  if MLFLOW_PORT=$MLFLOW_PORT MLFLOW_PG_PORT=$POSTGRES_PORT "$ROOT/scripts/mlflow.sh" status >/dev/null 2>&1; then
    log "MLflow already running on $MLFLOW_PORT (not started by the stack: stop leaves it)"
  else
    touch "$RUN/mlflow.started"
    MLFLOW_PORT=$MLFLOW_PORT MLFLOW_PG_PORT=$POSTGRES_PORT "$ROOT/scripts/mlflow.sh" start
  fi
}

start_service() {
  local name="$1" module="$2" port="$3"; shift 3
  # shellcheck disable=SC2046
  spawn "$name" env PORT="$port" MANAGEMENT_SERVER_PORT=$((port + MANAGEMENT_OFFSET)) "$@" \
    java $(java_opts_for "$module") ${CALLCENTER_JAVA_OPTS:-} -jar "$(jar_of "$module")" || true
}

start_services() {
  local i
  for module in tfidf-service transformer-service agent-service; do
    [ -f "$(jar_of "$module")" ] || die "no $(jar_of "$module"); run 'bin/callcenter build'"
  done
  [ -f "$MODELS/tfidf/metadata.json" ] && [ -f "$MODELS/transformer/metadata.json" ] && [ -f "$MODELS/router.json" ] \
    || die "no models in $MODELS (tfidf/, transformer/, router.json); 'bin/callcenter up --stack' makes the default ones"
  if grep -q use-multilingual-v3 "$MODELS/transformer/encoder.json" "$MODELS/transformer/cross-lingual/encoder.json" 2>/dev/null; then
    "$ROOT/scripts/encoders.sh" fetch use-multilingual-v3 >&2
  fi
  start_service tfidf tfidf-service $TFIDF_PORT MODEL_DIR="$MODELS/tfidf" MODEL_URI=
  for i in $(seq "$TRANSFORMER_REPLICAS"); do
    start_service "transformer-$i" transformer-service "$(transformer_port "$i")" MODEL_DIR="$MODELS/transformer" MODEL_URI=
  done
  wait_for tfidf ready "http://127.0.0.1:$((TFIDF_PORT + MANAGEMENT_OFFSET))/actuator/health/readiness"
  for i in $(seq "$TRANSFORMER_REPLICAS"); do
    wait_for "transformer-$i" ready "http://127.0.0.1:$(($(transformer_port "$i") + MANAGEMENT_OFFSET))/actuator/health/readiness"
  done
  # The agent reaches the transformer replicas through the ingress's internal pool (started before the agent).
  start_service agent agent-service $AGENT_PORT \
    TFIDF_URL="http://127.0.0.1:$TFIDF_PORT" TRANSFORMER_URL="http://127.0.0.1:$TRANSFORMER_POOL_PORT" \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT \
    MLFLOW_TRACKING_URI="http://127.0.0.1:$MLFLOW_PORT" \
    ROUTER_CONFIG="$MODELS/router.json" ROUTER_URI= \
    CALLCENTER_PII_NAME_MODEL_DIR="${CALLCENTER_PII_NAME_MODEL_DIR:-$MODELS/pii}"
  wait_for agent ready "http://127.0.0.1:$((AGENT_PORT + MANAGEMENT_OFFSET))/actuator/health/readiness"
}

# --- API keys and the admin password --------------------------------------------------------------------------
new_secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

render_key_map() {
  local map="$STACK_DIR/nginx/api-keys.map" name tier digest
  {
    echo "# Generated by scripts/stack.sh from $STACK_DIR/api-keys; do not edit."
    echo 'map $api_key_digest $api_client {'; echo '    default "";'
    while read -r name tier digest; do echo "    \"$digest\" \"$name\";"; done < <(grep -v '^#' "$STACK_DIR/api-keys")
    echo '}'
    echo 'map $api_key_digest $api_client_tier {'; echo '    default "";'
    while read -r name tier digest; do echo "    \"$digest\" \"$tier\";"; done < <(grep -v '^#' "$STACK_DIR/api-keys")
    echo '}'
  } > "$map.new"
  install_file "$map.new" "$map" || true
}

# add_key NAME TIER: prints the new key; keeps only its digest
add_key() {
  local name="$1" tier="${2:-standard}" key
  [[ "$name" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "key name: lower-case letters, digits and '-', up to 63"
  [[ "$tier" =~ ^(standard|bulk)$ ]] || die "tier: standard or bulk"
  mkdir -p "$STACK_DIR/nginx"
  [ -f "$STACK_DIR/api-keys" ] || echo "# name tier sha256(key); the keys themselves are not kept" > "$STACK_DIR/api-keys"
  ! grep -q "^$name " "$STACK_DIR/api-keys" || die "a key named $name exists"
  key="cc_$(new_secret)"
  echo "$name $tier $(printf '%s' "$key" | sha256sum | cut -d' ' -f1)" >> "$STACK_DIR/api-keys"
  render_key_map
  if alive nginx; then nginx -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" -s reload 2>/dev/null; fi
  echo "$key"
}

ensure_credentials() {
  mkdir -p "$STACK_DIR/tls" "$STACK_DIR/nginx"
  # nginx's workers (nobody, when started as root) read the htpasswd file: traversable, not listable
  chmod 711 "$STACK_DIR"
  if [ ! -s "$STACK_DIR/api-key" ]; then
    (umask 077; add_key "default-$(new_secret | head -c 8)" standard > "$STACK_DIR/api-key")
    log "first API key written to $STACK_DIR/api-key"
  fi
  render_key_map
  if [ ! -s "$STACK_DIR/admin-password" ]; then
    (umask 077; new_secret | head -c 24 > "$STACK_DIR/admin-password")
  fi
  printf 'admin:%s\n' "$(openssl passwd -6 -stdin < "$STACK_DIR/admin-password")" > "$STACK_DIR/nginx/admin.htpasswd"
  chmod 644 "$STACK_DIR/nginx/admin.htpasswd"
  if [ ! -s "$STACK_DIR/tls/ingress.crt" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
      -subj "/CN=callcenter-ai local ingress" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:api.localhost,DNS:mlflow.localhost,DNS:prometheus.localhost,DNS:alertmanager.localhost" \
      -keyout "$STACK_DIR/tls/ingress.key" -out "$STACK_DIR/tls/ingress.crt" 2>/dev/null
    chmod 600 "$STACK_DIR/tls/ingress.key"
  fi
}

# --- monitoring and ingress ----------------------------------------------------------------------------------
# render TEMPLATE OUT: substitutes only the STACK_* variables (nginx's own $variables stay)
render() {
  local names
  names="$(grep -o '\${STACK_[A-Z_]*}' "$1" | sort -u | tr '\n' ' ')"
  envsubst "$names" < "$1" > "$2"
}

monitoring_env() {
  local i targets="" servers=""
  for i in $(seq "$TRANSFORMER_REPLICAS"); do
    targets="$targets${targets:+, }\"127.0.0.1:$(($(transformer_port "$i") + MANAGEMENT_OFFSET))\""
    servers="$servers        server 127.0.0.1:$(transformer_port "$i") max_fails=1 fail_timeout=5s;"$'\n'
  done
  export STACK_DIR STACK_TRANSFORMER_TARGETS="$targets" STACK_TRANSFORMER_SERVERS="${servers%$'\n'}"
  export STACK_SCRAPE_INTERVAL="${STACK_SCRAPE_INTERVAL:-5s}" STACK_RULES_DIR="$ROOT/infrastructure/monitoring/prometheus/rules"
  export STACK_MLFLOW_PORT=$MLFLOW_PORT STACK_PROMETHEUS_PORT=$PROMETHEUS_PORT STACK_ALERTMANAGER_PORT=$ALERTMANAGER_PORT
  export STACK_AGENT_PORT=$AGENT_PORT STACK_INGRESS_PORT=$INGRESS_PORT STACK_TRANSFORMER_POOL_PORT=$TRANSFORMER_POOL_PORT
  export STACK_STANDARD_RATE="${STACK_STANDARD_RATE:-20r/s}" STACK_STANDARD_BURST="${STACK_STANDARD_BURST:-100}"
  export STACK_BULK_RATE="${STACK_BULK_RATE:-2000r/s}" STACK_BULK_BURST="${STACK_BULK_BURST:-4000}"
  # The agent's largest accepted request (a full batch) fits; more is refused by the ingress with 413.
  export STACK_MAX_BODY="${STACK_MAX_BODY:-2m}"
}

# install_file SOURCE TARGET: replaces TARGET when it differs; true when it did
install_file() {
  if cmp -s "$1" "$2"; then rm -f "$1"; return 1; fi
  mv "$1" "$2"
}

start_ingress() {
  local changed=0 file
  mkdir -p "$STACK_DIR/nginx/tmp"
  # the key check is the Kubernetes API gateway's own (decision 0014)
  for file in k8s/base/api-gateway/api-key.js local/problem-pages.conf; do
    cp "$ROOT/infrastructure/$file" "$STACK_DIR/nginx/$(basename "$file").new"
    install_file "$STACK_DIR/nginx/$(basename "$file").new" "$STACK_DIR/nginx/$(basename "$file")" && changed=1
  done
  render "$ROOT/infrastructure/local/nginx.conf.template" "$STACK_DIR/nginx/nginx.conf.new"
  install_file "$STACK_DIR/nginx/nginx.conf.new" "$STACK_DIR/nginx/nginx.conf" && changed=1
  nginx -t -q -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" 2>&1 | grep -v 'the "user" directive' >&2 || true
  if alive nginx; then
    # A reload closes idle keep-alive connections, which races with clients sending on them: only on a change.
    [ $changed = 0 ] || nginx -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" -s reload 2>/dev/null
  else
    # nginx daemonizes and writes run/nginx.pid itself
    nginx -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" 2> "$LOGS/nginx.log" || { cat "$LOGS/nginx.log" >&2; die "nginx did not start"; }
  fi
}

start_prometheus() {
  mkdir -p "$STACK_DIR/prometheus/tsdb"
  render "$ROOT/infrastructure/local/prometheus.yml.template" "$STACK_DIR/prometheus/prometheus.yml"
  spawn prometheus prometheus --config.file="$STACK_DIR/prometheus/prometheus.yml" \
    --storage.tsdb.path="$STACK_DIR/prometheus/tsdb" --storage.tsdb.retention.time=7d \
    --web.listen-address=127.0.0.1:$PROMETHEUS_PORT --web.external-url="https://prometheus.localhost:$INGRESS_PORT/" \
    --web.route-prefix=/ || true
  wait_for prometheus curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
}

start_alertmanager() {
  mkdir -p "$STACK_DIR/alertmanager/data"
  cp "$ROOT/infrastructure/local/alertmanager.yml" "$STACK_DIR/alertmanager/alertmanager.yml"
  spawn alertmanager prometheus-alertmanager --config.file="$STACK_DIR/alertmanager/alertmanager.yml" \
    --storage.path="$STACK_DIR/alertmanager/data" --web.listen-address=127.0.0.1:$ALERTMANAGER_PORT \
    --cluster.listen-address= --web.external-url="https://alertmanager.localhost:$INGRESS_PORT/" \
    --web.route-prefix=/ || true
  wait_for alertmanager curl -sf "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready"
}

start() {
  # A start that fails half-way stops what it started.
  trap 'status=$?; if [ $status != 0 ]; then log "start failed; stopping what it started"; stop; fi' EXIT
  install
  mkdir -p "$RUN" "$LOGS"
  echo "$TRANSFORMER_REPLICAS" > "$RUN/transformer-replicas"
  monitoring_env
  ensure_credentials
  start_redis
  start_mlflow
  # The ingress first: it also carries the agent's pool of transformer replicas.
  start_ingress
  start_services
  start_alertmanager
  start_prometheus
  wait_for nginx curl -sf --cacert "$STACK_DIR/tls/ingress.crt" "https://127.0.0.1:$INGRESS_PORT/v3/api-docs"
  log "up: https://127.0.0.1:$INGRESS_PORT (API key in $STACK_DIR/api-key, CA certificate $STACK_DIR/tls/ingress.crt);"
  log "    admin hosts https://{mlflow,prometheus,alertmanager}.localhost:$INGRESS_PORT (user admin, password in $STACK_DIR/admin-password)"
  trap - EXIT
}

# stop_pid NAME: TERM to its process group, KILL after 20 s
stop_pid() {
  local name="$1" pid
  [ -f "$RUN/$name.pid" ] || return 0
  pid="$(cat "$RUN/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; }
    log "stopped $name"
  fi
  rm -f "$RUN/$name.pid"
}

stop() {
  local name
  [ -d "$RUN" ] || { log "nothing to stop (no $RUN)"; return; }
  if alive nginx; then nginx -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" -s quit 2>/dev/null || stop_pid nginx; fi
  for _ in $(seq 50); do alive nginx || break; sleep 0.2; done
  rm -f "$RUN/nginx.pid"
  for name in prometheus alertmanager agent $(cd "$RUN" && ls transformer-*.pid 2>/dev/null | sed 's/\.pid$//') tfidf; do
    stop_pid "$name"
  done
  if [ -f "$RUN/mlflow.started" ]; then
    MLFLOW_PORT=$MLFLOW_PORT MLFLOW_PG_PORT=$POSTGRES_PORT "$ROOT/scripts/mlflow.sh" stop; rm -f "$RUN/mlflow.started"
  fi
  rm -f "$RUN/transformer-replicas"
  if [ -f "$RUN/redis.started" ]; then
    REDIS_PORT=$REDIS_PORT "$ROOT/scripts/redis.sh" stop; rm -f "$RUN/redis.started"; log "stopped redis"
  fi
}

# --- status -----------------------------------------------------------------------------------------------------
status() {
  local healthy=0 i
  line() { printf '%-14s %-10s %s\n' "$1" "$2" "$3"; [ "$2" = UP ] || healthy=1; }
  check() { if "$@" >/dev/null 2>&1; then echo UP; else echo DOWN; fi; }
  line redis "$(check redis-cli -p $REDIS_PORT ping)" "redis://127.0.0.1:$REDIS_PORT"
  line postgresql "$(check pg_isready -q -h 127.0.0.1 -p $POSTGRES_PORT)" "postgresql://127.0.0.1:$POSTGRES_PORT/mlflow"
  line mlflow "$(check curl -sf --max-time 2 "http://127.0.0.1:$MLFLOW_PORT/health")" \
    "https://mlflow.localhost:$INGRESS_PORT (http://127.0.0.1:$MLFLOW_PORT)"
  line tfidf "$(check ready "http://127.0.0.1:$((TFIDF_PORT + MANAGEMENT_OFFSET))/actuator/health/readiness")" \
    "http://127.0.0.1:$TFIDF_PORT (actuator :$((TFIDF_PORT + MANAGEMENT_OFFSET)))"
  for i in $(seq "$TRANSFORMER_REPLICAS"); do
    local port; port="$(transformer_port "$i")"
    line "transformer-$i" "$(check ready "http://127.0.0.1:$((port + MANAGEMENT_OFFSET))/actuator/health/readiness")" \
      "http://127.0.0.1:$port (actuator :$((port + MANAGEMENT_OFFSET)))"
  done
  line agent "$(check ready "http://127.0.0.1:$((AGENT_PORT + MANAGEMENT_OFFSET))/actuator/health/readiness")" \
    "http://127.0.0.1:$AGENT_PORT (actuator :$((AGENT_PORT + MANAGEMENT_OFFSET)))"
  line prometheus "$(check curl -sf --max-time 2 "http://127.0.0.1:$PROMETHEUS_PORT/-/ready")" \
    "https://prometheus.localhost:$INGRESS_PORT (http://127.0.0.1:$PROMETHEUS_PORT)"
  line alertmanager "$(check curl -sf --max-time 2 "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready")" \
    "https://alertmanager.localhost:$INGRESS_PORT (http://127.0.0.1:$ALERTMANAGER_PORT)"
  # The ingress is healthy when TLS, the API host and the key check all answer as they should.
  local ingress=DOWN
  if [ -f "$STACK_DIR/tls/ingress.crt" ] \
    && curl -sf --max-time 2 --cacert "$STACK_DIR/tls/ingress.crt" "https://127.0.0.1:$INGRESS_PORT/v3/api-docs" >/dev/null 2>&1 \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$STACK_DIR/tls/ingress.crt" -X POST "https://127.0.0.1:$INGRESS_PORT/predict")" = 401 ]; then
    ingress=UP
  fi
  line ingress "$ingress" "https://127.0.0.1:$INGRESS_PORT (API key: $STACK_DIR/api-key)"
  return $healthy
}

case "${1:-status}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  add-key) shift; [ $# -ge 1 ] || die "add-key NAME [standard|bulk]"; add_key "$@" ;;
  *) echo "usage: $0 start|stop|status|add-key NAME [TIER]|install" >&2; exit 2 ;;
esac
