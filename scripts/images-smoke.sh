#!/usr/bin/env bash
# Starts the built images as the cluster runs them, without a container runtime, and checks they serve
# (bin/callcenter images --smoke calls this; docs/deploy.md, "Images"):
#   - each image's root filesystem comes from its OCI layout through umoci (another reader than the builder);
#   - each runs in fresh mount and PID namespaces (unshare, /proc mounted for its own PID namespace) with chroot,
#     its root filesystem read-only, a tmpfs on /tmp, as the image's user with no capabilities and no_new_privs
#     (the deployments' securityContext), with the image's Env, WorkingDir, Entrypoint and Cmd;
#   - all run in one fresh network namespace, so they listen on their own ports (8000-8002, 9000-9002, 5000)
#     without meeting whatever runs on the host's;
#   - the models directory (CALLCENTER_MODELS, default models/, as bin/callcenter makes it) is bound read-only at
#     /models: tfidf and transformer serve its tfidf/ and transformer/, the agent its router.json and pii/.
# Passes when tfidf's, transformer's and the agent's /predict answer a ticket with a category and their
# /actuator/sbom/application the SBOM of their jar, MLflow's /health answers OK and it keeps an experiment, a run's
# metric, an artifact and a model version with an alias, and every process of every image runs as that image's
# user, not root.
#
#   scripts/images-smoke.sh [IMAGE...]    the images of scripts/images.sh build (default: all four)
#
# Environment: IMAGES_DIR (var/images), CALLCENTER_MODELS (models), SMOKE_TIMEOUT (seconds each image may take to
# become ready; 300, the transformer's startup probe allows 180 on a busy node), SMOKE_KEEP=1 keeps the unpacked
# root filesystems and logs in IMAGES_DIR/smoke. Needs root (namespaces, chroot) and umoci (installed with apt).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${IMAGES_DIR:-$ROOT/var/images}"
MODELS="$(cd "${CALLCENTER_MODELS:-$ROOT/models}" 2>/dev/null && pwd)" || MODELS="${CALLCENTER_MODELS:-$ROOT/models}"
TIMEOUT="${SMOKE_TIMEOUT:-300}"
WORK="$OUT/smoke"
TICKET='{"text": "I still have not received my new card", "ticket_id": "smoke-1"}'

log() { echo "images-smoke.sh: $*" >&2; }
die() { log "FAIL: $*"; exit 1; }
# shellcheck source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"

# --- outside: one network namespace for the whole test, then this script again inside it -------------------------
if [ "${1:-}" != --inside ]; then
  [ "$(id -u)" = 0 ] || die "needs root (namespaces, chroot)"
  command -v umoci >/dev/null || { log "installing umoci (apt)"; apt_install umoci; }
  exec unshare --net --fork --kill-child "$0" --inside "$@"
fi
shift
ip link set lo up

images=("${@}")
[ ${#images[@]} -gt 0 ] || images=(tfidf-service transformer-service agent-service mlflow)
started="$(date +%s)"
rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() {
  local pid
  # the image's first process (PID 1 of its namespace) first: unshare itself outlives a SIGTERM while it waits
  for pid in "${PIDS[@]}"; do kill $(ps -o pid= --ppid "$pid") "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "${SMOKE_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# image_config NAME: the image's config (the blob the layout's only manifest names)
image_config() {
  local layout="$OUT/$1" manifest config
  manifest="$(jq -r '.manifests[0].digest' "$layout/index.json")"
  config="$(jq -r '.config.digest' "$layout/blobs/sha256/${manifest#sha256:}")"
  cat "$layout/blobs/sha256/${config#sha256:}"
}

# start NAME EXTRA_ENV...: unpacks NAME and starts it in the background; sets STARTED_PID (the unshare process)
start() {
  local name="$1"; shift
  local rootfs="$WORK/$name/rootfs" config tag user cwd
  [ -f "$OUT/$name/index.json" ] || die "no image $OUT/$name; run scripts/images.sh build $name"
  tag="$(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$OUT/$name/index.json")"
  mkdir -p "$WORK/$name"
  umoci raw unpack --image "$OUT/$name:$tag" "$rootfs" >/dev/null
  config="$(image_config "$name")"
  user="$(jq -r '.config.User' <<< "$config")"
  cwd="$(jq -r '.config.WorkingDir // "/"' <<< "$config")"
  mapfile -t env < <(jq -r '.config.Env[]' <<< "$config")
  mapfile -t argv < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' <<< "$config")
  env+=("$@")
  printf '%s\n' "${env[@]}" > "$WORK/$name/env"
  printf '%s\n' "${argv[@]}" > "$WORK/$name/argv"
  # mount points the deployments provide (volumes); created in the unpacked copy, never in the image
  mkdir -p "$rootfs/models" "$rootfs/tmp" "$rootfs/proc" "$rootfs/dev" "$rootfs/var/cache/models" "$rootfs/encoder-cache"
  # The script below runs in the new namespaces: every mount it makes ends with them.
  # shellcheck disable=SC2016
  unshare --mount --pid --fork --kill-child --propagation private bash -euc '
    r="$1"; models="$2"; uid="${3%%:*}"; gid="${3##*:}"; cwd="$4"
    mapfile -t env < "$5"; mapfile -t argv < "$6"
    mount --bind "$r" "$r"
    mount -t proc proc "$r/proc"
    mount -t tmpfs -o mode=1777,size=256m tmpfs "$r/tmp"
    # the agent'"'"'s routing cache and the transformer'"'"'s encoder cache: emptyDir and PVC volumes in the cluster
    for v in var/cache/models encoder-cache; do
      mount -t tmpfs -o mode=0755,size=64m tmpfs "$r/$v"; chown "$uid:$gid" "$r/$v"
    done
    mount -t tmpfs -o mode=0755,size=1m tmpfs "$r/dev"
    for d in null zero full random urandom tty; do touch "$r/dev/$d"; mount --bind "/dev/$d" "$r/dev/$d"; done
    ln -s /proc/self/fd "$r/dev/fd"
    [ ! -d "$models" ] || mount --bind -o ro "$models" "$r/models"
    mount -o remount,bind,ro "$r"
    exec chroot "$r" /usr/bin/setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs \
      --inh-caps=-all --bounding-set=-all /usr/bin/env -i -C "$cwd" "${env[@]}" "${argv[@]}"
  ' bash "$rootfs" "$MODELS" "$user" "$cwd" "$WORK/$name/env" "$WORK/$name/argv" > "$WORK/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

# wait_http NAME URL PID: until URL answers 2xx; the image's log when it exits or time runs out
wait_http() {
  local name="$1" url="$2" pid="$3" t0 i
  t0="$(date +%s)"
  for ((i = 0; i < TIMEOUT * 2; i++)); do
    if curl -sf --max-time 2 "$url" >/dev/null 2>&1; then
      log "$name ready after $(( $(date +%s) - t0 ))s ($url)"; return
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/$name.log" >&2; die "$name exited"; }
    sleep 0.5
  done
  tail -n 40 "$WORK/$name.log" >&2
  die "$name not ready after ${TIMEOUT}s"
}

# check_user NAME PID: every process under PID (the image's processes) runs as the image's user, with no
# capabilities, no_new_privs and a read-only root
check_user() {
  local name="$1" pid="$2" want procs p uids
  want="$(image_config "$name" | jq -r '.config.User' | cut -d: -f1)"
  [ "$want" != 0 ] && [ "$want" != root ] || die "$name: the image's user is root"
  procs="$(descendants "$pid")"
  [ -n "$procs" ] || die "$name: no process"
  for p in $procs; do
    uids="$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$p/status")"
    [ "$uids" = "$want $want $want $want" ] || die "$name: process $p ($(cat "/proc/$p/comm")) runs as uid $uids, not $want"
    grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$p/status" || die "$name: process $p may gain privileges"
    grep -q '^CapEff:[[:space:]]*0*$' "/proc/$p/status" || die "$name: process $p has capabilities"
  done
  awk '$5 == "/" {print $6}' "/proc/${procs%% *}/mountinfo" | grep -q '^ro' || die "$name: root filesystem is writable"
  log "$name: $(wc -w <<< "$procs") process(es), uid $want, no capabilities, read-only root"
}

# descendants PID: the processes below PID (unshare's child is the image's first process)
descendants() {
  local p
  for p in $(ps -o pid= --ppid "$1"); do
    echo "$p"; descendants "$p"
  done | xargs
}

# predict NAME PORT: POST a ticket to /predict; it must answer with a category
predict() {
  local answer
  answer="$(curl -sf --max-time 30 -H 'Content-Type: application/json' -d "$TICKET" "http://127.0.0.1:$2/predict")" \
    || die "$1: /predict did not answer 2xx"
  jq -e '.category | strings' <<< "$answer" >/dev/null || die "$1: /predict answered without a category: $answer"
  log "$1: /predict -> $(jq -c '{category, confidence} + (if .model_used then {model_used} else {} end)' <<< "$answer")"
}

# sbom NAME MANAGEMENT_PORT: the service serves the SBOM its jar carries (the Java part of the image's SBOM)
sbom() {
  local answer
  answer="$(curl -sf --max-time 30 "http://127.0.0.1:$2/actuator/sbom/application")" \
    || die "$1: /actuator/sbom/application did not answer 2xx"
  jq -e '.bomFormat == "CycloneDX" and (.components | length > 0)' <<< "$answer" >/dev/null \
    || die "$1: /actuator/sbom/application is not a CycloneDX SBOM with components"
  log "$1: /actuator/sbom/application lists $(jq '.components | length' <<< "$answer") components"
}

# mlflow_roundtrip: what the services and tools ask of MLflow, once: an experiment, a run with a metric, the metric
# read back, an artifact through the server's proxy and back, a registered model with a version and an alias
mlflow_roundtrip() {
  local api=http://127.0.0.1:5000/api/2.0/mlflow experiment run version
  call() { curl -sf --max-time 30 -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$api/$2"; }
  [ "$(curl -sf http://127.0.0.1:5000/health)" = OK ] || die "mlflow: /health is not OK"
  experiment="$(call POST experiments/create '{"name": "smoke"}' | jq -r .experiment_id)" || die "mlflow: experiments/create"
  run="$(call POST runs/create "{\"experiment_id\": \"$experiment\"}" | jq -r .run.info.run_id)" || die "mlflow: runs/create"
  call POST runs/log-metric "{\"run_id\": \"$run\", \"key\": \"accuracy\", \"value\": 0.75, \"timestamp\": 1, \"step\": 0}" >/dev/null \
    || die "mlflow: runs/log-metric"
  [ "$(call GET "runs/get?run_id=$run" | jq -r '.run.data.metrics[0].value')" = 0.75 ] || die "mlflow: the metric did not come back"
  echo smoke > "$WORK/artifact.txt"
  curl -sf --max-time 30 -X PUT --data-binary "@$WORK/artifact.txt" \
    "http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/smoke/artifact.txt" >/dev/null || die "mlflow: artifact upload"
  [ "$(curl -sf --max-time 30 http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/smoke/artifact.txt)" = smoke ] \
    || die "mlflow: the artifact did not come back"
  call POST registered-models/create '{"name": "smoke-model"}' >/dev/null || die "mlflow: registered-models/create"
  version="$(call POST model-versions/create "{\"name\": \"smoke-model\", \"source\": \"runs:/$run/model\", \"run_id\": \"$run\"}" \
    | jq -r .model_version.version)" || die "mlflow: model-versions/create"
  call POST registered-models/alias "{\"name\": \"smoke-model\", \"alias\": \"champion\", \"version\": \"$version\"}" >/dev/null \
    || die "mlflow: registered-models/alias"
  [ "$(call GET "registered-models/alias?name=smoke-model&alias=champion" | jq -r .model_version.run_id)" = "$run" ] \
    || die "mlflow: the alias does not name the version"
  log "mlflow: /health OK; experiment, run, metric, artifact, model version and alias round-tripped"
}

declare -A PID_OF
for name in "${images[@]}"; do
  case "$name" in
    tfidf-service) start "$name" MODEL_DIR=/models/tfidf MODEL_URI= CALLCENTER_CACHE_BACKEND=memory ;;
    transformer-service)
      start "$name" MODEL_DIR=/models/transformer MODEL_URI= ENCODERS_DIR=/models/encoders \
        DJL_CACHE_DIR=/encoder-cache/djl CALLCENTER_CACHE_BACKEND=memory ;;
    agent-service)
      start "$name" ROUTER_CONFIG=/models/router.json ROUTER_URI= CALLCENTER_PII_NAME_MODEL_DIR=/models/pii \
        TFIDF_URL=http://127.0.0.1:8001 TRANSFORMER_URL=http://127.0.0.1:8002 CALLCENTER_CACHE_BACKEND=memory \
        MODEL_CACHE_DIR=/var/cache/models ;;
    # the deployment's flags but a SQLite store and artifacts in /tmp: no PostgreSQL here
    mlflow)
      start "$name" MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false \
        MLFLOW_BACKEND_STORE_URI=sqlite:////tmp/mlflow.db ;;
    *) die "unknown image '$name'" ;;
  esac
  PID_OF[$name]="$STARTED_PID"
done
for name in "${images[@]}"; do
  case "$name" in
    agent-service) wait_http "$name" http://127.0.0.1:9000/actuator/health/readiness "${PID_OF[$name]}" ;;
    tfidf-service) wait_http "$name" http://127.0.0.1:9001/actuator/health/readiness "${PID_OF[$name]}" ;;
    transformer-service) wait_http "$name" http://127.0.0.1:9002/actuator/health/readiness "${PID_OF[$name]}" ;;
    mlflow) wait_http "$name" http://127.0.0.1:5000/health "${PID_OF[$name]}" ;;
  esac
done
for name in "${images[@]}"; do
  case "$name" in
    tfidf-service) predict "$name" 8001; sbom "$name" 9001 ;;
    transformer-service) predict "$name" 8002; sbom "$name" 9002 ;;
    agent-service) predict "$name" 8000; sbom "$name" 9000 ;;
    mlflow) mlflow_roundtrip ;;
  esac
  check_user "$name" "${PID_OF[$name]}"
done
log "passed: ${images[*]} in $(( $(date +%s) - started ))s"
