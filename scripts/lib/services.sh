# Sourced by bin/callcenter and scripts/stack.sh: where the jars are and how each JVM runs.
# Needs ROOT (the repository) set by the caller.

# The USE encoder's matrix kernel needs the Vector API (an incubator module in Java 17); without it
# the encoder falls back to a ~10x slower scalar kernel.
VECTOR_API_OPTS="--add-modules jdk.incubator.vector"

# jar_of MODULE: a service's jar, or the tools' for "tools"
jar_of() {
  case "$1" in
    tools) echo "$ROOT/tools/target/callcenter-tools.jar" ;;
    *) echo "$ROOT/$1/target/$1.jar" ;;
  esac
}

# java_opts_for MODULE: each JVM's flags, overridable per service
java_opts_for() {
  case "$1" in
    tfidf-service) echo "${TFIDF_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseParallelGC}" ;;
    transformer-service) echo "${TRANSFORMER_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseParallelGC} $VECTOR_API_OPTS" ;;
    agent-service) echo "${AGENT_JAVA_OPTS:--Xms1536m -Xmx1536m -XX:+UseParallelGC -XX:+UseTransparentHugePages}" ;;
    tools) echo "${TOOLS_JAVA_OPTS:-${TRAIN_JAVA_OPTS:--Xmx8g}} $VECTOR_API_OPTS" ;;
  esac
}
