# Sourced by the scripts that install what they need from Debian's packages (Redis, PostgreSQL, the local stack's
# nginx and Prometheus, the image tools).

# apt_install PACKAGE...: installs them; when apt's lists are stale or empty (a fresh machine), refreshes them once
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
}
