#!/usr/bin/env bash
# The project's test command (the README names it; .ci/run calls it): installs and starts what
# the tests need, then runs every module's tests with the Maven wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/redis.sh install
bash infrastructure/scripts/ci-setup.sh
scripts/redis.sh start

./mvnw -B -ntp verify "$@"
