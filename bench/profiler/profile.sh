#!/usr/bin/env bash
# CPU profile of running JVMs with async-profiler (Apache-2.0; its Maven Central jar carries the native library):
# every thread, Java and native frames, JIT and GC included, which JFR's Java-only samples on JDK 17 miss.
#
#   bench/profiler/profile.sh start PID...     sample each process (itimer, every 10 ms of CPU: a few per cent of overhead at most)
#   bench/profiler/profile.sh stop OUT PID...  write OUT-<pid>.collapsed and OUT-<pid>.txt (the summary tables)
#
# The library is fetched once with Maven into var/bench/async-profiler (ASYNC_PROFILER_VERSION, default 4.0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${ASYNC_PROFILER_VERSION:-4.0}"
DIR="$ROOT/var/bench/async-profiler/$VERSION"
LIB="$DIR/linux-x64/libasyncProfiler.so"
if [ ! -f "$LIB" ]; then
  mkdir -p "$DIR"
  "$ROOT/mvnw" -q -B -N -f "$ROOT/pom.xml" dependency:copy -Dartifact="tools.profiler:async-profiler:$VERSION" -DoutputDirectory="$DIR" >&2
  (cd "$DIR" && unzip -q -o "async-profiler-$VERSION.jar" 'linux-x64/*')
fi
attach() { java "$ROOT/bench/profiler/Attach.java" "$1" "$LIB" "$2"; }
case "${1:-}" in
  start) shift; for pid in "$@"; do attach "$pid" start,event=itimer,interval=10ms,threads; done ;;
  stop)
    out="$2"; shift 2
    for pid in "$@"; do
      attach "$pid" "stop,file=$out-$pid.collapsed,collapsed"
      python3 "$ROOT/bench/profiler/summary.py" "$out-$pid.collapsed" > "$out-$pid.txt"
    done ;;
  *) echo "usage: $0 start PID... | stop OUT PID..." >&2; exit 2 ;;
esac
