#!/usr/bin/env bash
# Installs what infrastructure/validation needs, offline from package registries only:
#   - kustomize renderer: kubectl if present, else kustomize v5 (go install)
#   - helm v3.22.0 (go install), linked to /usr/local/bin/helm
#   - promtool and amtool (Debian packages prometheus, prometheus-alertmanager)
#   - nginx with njs (Debian packages nginx-light, libnginx-mod-http-js)
#   - the CRD schema validator's npm packages (npm ci in infrastructure/validation/crd-validator)
#   - the Grafana dashboard schema validator's npm packages (npm ci in infrastructure/validation/dashboard-schema)
# Idempotent and non-interactive; a no-op (a few seconds) when everything is already there.
set -euo pipefail

HELM_VERSION="v3.22.0"
KUSTOMIZE_VERSION="v5.5.0"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
infra="$(dirname "$here")"
log() { echo "[ci-setup] $*"; }
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

gobin() { echo "$(go env GOPATH)/bin"; }

# --- helm -------------------------------------------------------------------------------
if command -v helm >/dev/null 2>&1 && helm version --template '{{.Version}}' 2>/dev/null | grep -q "^${HELM_VERSION%.0}"; then
  log "helm present: $(helm version --template '{{.Version}}')"
else
  command -v go >/dev/null 2>&1 || { echo "[ci-setup] go is required to install helm" >&2; exit 1; }
  if [ ! -x "$(gobin)/helm" ] || ! "$(gobin)/helm" version --template '{{.Version}}' | grep -q "^${HELM_VERSION%.0}"; then
    log "installing helm ${HELM_VERSION} with go install (first time takes a few minutes)"
    go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
  fi
  $SUDO ln -sf "$(gobin)/helm" /usr/local/bin/helm
  log "helm: $(/usr/local/bin/helm version --template '{{.Version}}')"
fi

# --- kustomize (kubectl kustomize, or standalone kustomize) --------------------------------
if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  log "kubectl present: $(kubectl version --client 2>/dev/null | head -1)"
elif command -v kustomize >/dev/null 2>&1; then
  log "kustomize present: $(kustomize version)"
else
  log "no kubectl: installing kustomize ${KUSTOMIZE_VERSION} with go install"
  go install "sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}"
  $SUDO ln -sf "$(gobin)/kustomize" /usr/local/bin/kustomize
fi

# --- promtool / amtool ----------------------------------------------------------------------
if command -v promtool >/dev/null 2>&1 && command -v amtool >/dev/null 2>&1; then
  log "promtool and amtool present"
else
  log "installing promtool and amtool (Debian: prometheus, prometheus-alertmanager)"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends prometheus prometheus-alertmanager >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y --no-install-recommends prometheus prometheus-alertmanager >/dev/null
  fi
fi

# --- nginx with njs (ApiKeyIngressTest runs the API gateway's rendered nginx.conf) ----------------------
if command -v nginx >/dev/null 2>&1 && [ -f /usr/lib/nginx/modules/ngx_http_js_module.so ]; then
  log "nginx and njs present"
else
  log "installing nginx and njs (Debian: nginx-light, libnginx-mod-http-js)"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-js >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-js >/dev/null
  fi
fi

# --- npm packages of the validators (CRD schemas, Grafana dashboard schema) ------------------
# npm ci from each package-lock.json; a stamp of the lock's hash makes a second run a no-op.
npm_ci() {
  local dir="$1" what="$2"
  local stamp="$dir/node_modules/.ci-setup-lock.sha256"
  local want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "$what packages present"
  else
    command -v npm >/dev/null 2>&1 || { echo "[ci-setup] npm is required for the $what" >&2; exit 1; }
    log "installing $what packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
npm_ci "$infra/validation/crd-validator" "CRD validator"
npm_ci "$infra/validation/dashboard-schema" "dashboard schema validator"

log "ready: helm=$(command -v helm) promtool=$(command -v promtool) amtool=$(command -v amtool) node=$(command -v node)"
