#!/usr/bin/env bash
# OCI images of the three services and of the MLflow server, built without a Docker engine (bin/callcenter images
# calls this; docs/deploy.md, "Images"). mmdebstrap makes the Debian base, GNU tar and gzip make each layer, jq
# writes the image config, manifest and index: every byte is under this script's control, so one commit and one
# state of the Debian mirror give the same digests, and no daemon or registry is needed to build.
#
#   scripts/images.sh build [IMAGE...]   agent-service tfidf-service transformer-service mlflow (default: all four)
#   scripts/images.sh bases               only the two cached bases (Debian + JRE 17, Debian + Python 3)
#   scripts/images.sh push [IMAGE...]     each built archive to IMAGE_REGISTRY, its digest checked there
#   scripts/images.sh pin OVERLAY         write the digests of the last build into k8s/overlays/OVERLAY (images:)
#                                         and the chart's values-OVERLAY.yaml, tag and digest
#   scripts/images.sh list                each built image: reference, digest, compressed size, build seconds
#   scripts/images.sh config IMAGE        the runtime config (user, env, entrypoint, ports) IMAGE gets, as JSON
#
# Each image, in IMAGES_DIR (default var/images):
#   NAME/                 an OCI image layout (skopeo inspect oci:var/images/NAME:TAG)
#   NAME.oci.tar          the same layout as an oci-archive, to push: skopeo copy oci-archive:... docker://...
#   NAME.cdx.json         its SBOM (CycloneDX 1.6): Debian packages (dpkg-query of its root filesystem), the Java
#                         dependencies of the service jar, or the Python packages of MLflow's venv
# and digests.txt (NAME REFERENCE DIGEST COMPRESSED_BYTES BUILD_SECONDS, one line per image, the last build of each).
#
# Layers, bottom to top: the shared base (Debian bookworm + the JRE 17 of Debian, or Python 3 for MLflow, and the
# image's user), then for a service Spring Boot's layers (dependencies, spring-boot-loader, snapshot-dependencies,
# application) in that order, so a change to the code ships only the top layers; for MLflow its venv.
# The bases are cached in IMAGES_DIR/cache (key: suite, mirrors, packages, this script's recipe version).
#
# Environment: IMAGES_DIR, IMAGE_REGISTRY (ghcr.io/callcenter-ai), IMAGE_VERSION (the POM's version without
# -SNAPSHOT), MLFLOW_VERSION (scripts/mlflow.sh's), SOURCE_DATE_EPOCH (the commit's time), DEBIAN_SUITE (bookworm),
# DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (deb.debian.org; a snapshot.debian.org URL makes the base reproducible
# later too), IMAGE_SOURCE (the repository URL), JARS_DIR (take MODULE.jar from there instead of MODULE/target), AGENT_LANGUAGES
# (lingua names, comma-separated: the languages whose models the agent's image keeps; default its configured
# list), IMAGES_TLS_VERIFY (push: false for a registry without TLS).
# Needs root (mmdebstrap, chroot for MLflow's pip install) and java; mmdebstrap, jq, zip, unzip and skopeo (which
# reads each archive back to check its digest) are installed with apt when missing.
set -euo pipefail
# a failing command inside $(...) stops the build too
shopt -s inherit_errexit
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${IMAGES_DIR:-$ROOT/var/images}"
CACHE="$OUT/cache"
REGISTRY="${IMAGE_REGISTRY:-ghcr.io/callcenter-ai}"
POM_VERSION="$(sed -n '0,/<\/parent>/d; s:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="${IMAGE_VERSION:-${POM_VERSION%-SNAPSHOT}}"
# One source for MLflow's version: the one scripts/mlflow.sh runs and tests against.
MLFLOW_VERSION="${MLFLOW_VERSION:-$(sed -n 's/^VERSION="\${MLFLOW_VERSION:-\(.*\)}"$/\1/p' "$ROOT/scripts/mlflow.sh")}"
# What infrastructure/docker/mlflow/Dockerfile adds to MLflow: the PostgreSQL driver the cluster's backend store
# URI names (postgresql+psycopg2) and the exporter behind --expose-prometheus.
MLFLOW_EXTRAS="psycopg2-binary==2.9.13 prometheus-flask-exporter==0.23.2"
# What mlflow's own requirements bring that the tracking server never imports (its client-side model flavours,
# plots and dataset formats), uninstalled after the install: 258 -> 104 MB of compressed venv. The server, its
# init container's database upgrade and every REST route answer alike without them (PostgreSQL and SQLite; the
# route-by-route comparison is in docs/journal/image-experiments.md). numpy and pandas stay: the server's FastAPI
# app imports both at start-up. pip goes last.
MLFLOW_SERVER_UNNEEDED="pyarrow scipy scikit-learn skops joblib threadpoolctl narwhals prettytable wcwidth matplotlib
  fonttools contourpy cycler kiwisolver pillow pyparsing setuptools"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
SOURCE_URL="${IMAGE_SOURCE:-https://github.com/callcenter-ai/callcenter-ai}"
REVISION="$(git -C "$ROOT" rev-parse HEAD)"
# The revision annotation names the commit; uncommitted changes are not in it.
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] || echo "images.sh: uncommitted changes: the images' revision ($REVISION) does not describe them exactly" >&2
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct)}"
CREATED="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
# Raise it whenever the bases are made differently, so cached ones are rebuilt.
RECIPE=2
# Base layers: file times clamped to this (the release of the recipe, not of the commit), so a base does not
# change from commit to commit and registries and nodes keep one copy of it.
BASE_EPOCH=1767225600   # 2026-01-01T00:00:00Z
# Service layers: every file at 1970-01-01T00:00:01Z, as Jib does, so a layer depends on its files' bytes only and
# the dependencies layer keeps its digest while only the code changes.
APP_MTIME=1
# The services' user (their Dockerfiles and deployments: runAsUser 10001) and MLflow's (its deployment: 1000).
APP_UID=10001
MLFLOW_UID=1000
# gzip's default level; -n keeps the name and time out of the stream.
GZIP_LEVEL="${IMAGES_GZIP_LEVEL:-6}"
ALL_IMAGES="agent-service tfidf-service transformer-service mlflow"

log() { echo "images.sh: $*" >&2; }
die() { log "$*"; exit 1; }
# shellcheck source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"
# shellcheck source=lib/services.sh
. "$ROOT/scripts/lib/services.sh"

# need COMMAND... : installs the Debian packages of the missing ones (same names)
need() {
  local missing=() c
  for c in "$@"; do command -v "$c" >/dev/null || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} (apt)"
  apt_install "${missing[@]}" || die "cannot install ${missing[*]}"
}

# ---------------------------------------------------------------------------------------------------------------
# Layers

# tar_layer DIR OUT.tar MODE: DIR's content as a layer tar, entries sorted, no atime/ctime, fixed file times.
# MODE base: keep owners and modes, clamp times to BASE_EPOCH; app: every file root-owned, not writable by group
# or others, at APP_MTIME (the root filesystem is read-only in the cluster anyway).
tar_layer() {
  local dir="$1" out="$2" mode="$3" top
  local opts=(--sort=name --format=posix --numeric-owner
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
  case "$mode" in
    base) opts+=(--mtime="@$BASE_EPOCH" --clamp-mtime) ;;
    app) opts+=(--mtime="@$APP_MTIME" --owner=0 --group=0 --mode=go-w) ;;
  esac
  mapfile -t top < <(ls -A "$dir" | LC_ALL=C sort)
  [ ${#top[@]} -gt 0 ] || die "empty layer: $dir"
  LC_ALL=C tar -C "$dir" "${opts[@]}" -cf "$out" "${top[@]}"
}

# compress_layer OUT.tar: OUT.tar.gz beside it, and OUT.diffid (sha256 of the tar, the config's diff_id);
# the tar is removed.
compress_layer() {
  local tar="$1"
  sha256sum "$tar" | cut -d' ' -f1 > "${tar%.tar}.diffid"
  gzip -n "-$GZIP_LEVEL" -c "$tar" > "$tar.gz"
  rm -f "$tar"
}

# ---------------------------------------------------------------------------------------------------------------
# Bases

# base NAME PACKAGES USER UID HOME [HOOK]: cached root filesystem and layer of Debian SUITE with PACKAGES (and their
# dependencies, no recommends), the user UID:UID, HOOK (an mmdebstrap customize hook) run last; prints the cache
# directory (rootfs/, layer.tar.gz, layer.diffid).
base() {
  local name="$1" packages="$2" user="$3" uid="$4" home="$5" hook="${6:-true}" key dir
  key="$(printf '%s\n' "$RECIPE" "$SUITE" "$MIRROR" "$SECURITY_MIRROR" "$packages" "$user:$uid:$home" "$hook" "$BASE_EPOCH" \
    | sha256sum | cut -c1-16)"
  dir="$CACHE/$name-$key"
  if [ ! -f "$dir/layer.tar.gz" ]; then
    log "base $name: Debian $SUITE + $packages (mmdebstrap)"
    rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
    # apt: Debian's Essential packages, apt, and PACKAGES' dependencies. No manuals, documentation or
    # translations (copyright files stay). mmdebstrap empties apt's lists and caches itself. The JRE's postinst
    # links its manual page into man1 (update-alternatives), which must exist even though it stays empty.
    SOURCE_DATE_EPOCH="$BASE_EPOCH" mmdebstrap --quiet --variant=apt --include="$packages" \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
      --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
      --customize-hook="echo '$user:x:$uid:$uid::$home:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
      --customize-hook="echo '$user:x:$uid:' >> \"\$1/etc/group\"" \
      --customize-hook="echo '$user:!:$((BASE_EPOCH / 86400))::::::' >> \"\$1/etc/shadow\"" \
      --customize-hook="$hook" \
      "$SUITE" "$dir.tmp/rootfs" \
      "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY_MIRROR $SUITE-security main" >&2
    # What a runtime provides (/dev, /proc, /run, /tmp) or what only records this build (logs, caches).
    local r="$dir.tmp/rootfs"
    rm -rf "$r"/dev/* "$r"/run/* "$r"/tmp/* "$r"/var/tmp/* "$r"/var/log/* "$r"/var/cache/ldconfig/aux-cache \
      "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old "$r"/etc/*- "$r"/etc/.pwd.lock
    : > "$r/etc/machine-id"
    tar_layer "$r" "$dir.tmp/layer.tar" base
    compress_layer "$dir.tmp/layer.tar"
    rm -rf "$dir"; mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# ca-certificates-java writes the JRE's trust store as a PKCS12 keystore with random salts, the one file that made
# two builds of the Java base differ. Rewritten with the JRE's own keytool without password-based protection or
# MAC (both are for private keys; these are public certificates), in the same entry order: the same bytes every
# build. Java reads it with or without the store password.
TRUSTSTORE_HOOK='chroot "$1" sh -euc "
  s=/etc/ssl/certs/java/cacerts
  keytool -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE -importkeystore \
    -noprompt -srckeystore \$s -srcstorepass changeit -destkeystore \$s.new -deststoretype pkcs12 \
    -deststorepass changeit >/dev/null
  mv \$s.new \$s"'
java_base() { base java "openjdk-17-jre-headless,ca-certificates" app "$APP_UID" /app "$TRUSTSTORE_HOOK"; }
python_base() { base python "python3,python3-venv,ca-certificates" mlflow "$MLFLOW_UID" /tmp; }

# ---------------------------------------------------------------------------------------------------------------
# Image assembly

# add_blob LAYOUT FILE MEDIATYPE: stores FILE in LAYOUT's blobs, prints its descriptor (JSON)
add_blob() {
  local layout="$1" file="$2" type="$3" digest size
  digest="$(sha256sum "$file" | cut -d' ' -f1)"
  size="$(stat -c %s "$file")"
  mkdir -p "$layout/blobs/sha256"
  cp "$file" "$layout/blobs/sha256/$digest"
  jq -cn --arg t "$type" --arg d "sha256:$digest" --argjson s "$size" '{mediaType: $t, digest: $d, size: $s}'
}

# assemble NAME TAG WORK: writes OUT/NAME (layout) and OUT/NAME.oci.tar from WORK/layers/NN-*.tar.gz (+ .diffid,
# .what for the history) and WORK/config.json (the image's runtime config: User, Env, Entrypoint, ...);
# prints the manifest digest.
assemble() {
  local name="$1" tag="$2" work="$3" layout="$OUT/$1" layers=() diffids=() history=() f desc title
  rm -rf "$layout"; mkdir -p "$layout"
  for f in "$work"/layers/*.tar.gz; do
    desc="$(add_blob "$layout" "$f" application/vnd.oci.image.layer.v1.tar+gzip)"
    layers+=("$desc")
    diffids+=("\"sha256:$(cat "${f%.tar.gz}.diffid")\"")
    history+=("$(jq -cn --arg c "$CREATED" --arg w "$(cat "${f%.tar.gz}.what")" '{created: $c, created_by: $w}')")
  done
  title="$REGISTRY/$name"
  local annotations
  annotations="$(jq -cn --arg created "$CREATED" --arg source "$SOURCE_URL" --arg rev "$REVISION" --arg v "$tag" \
    --arg title "$name" --arg base "debian:$SUITE" '{
      "org.opencontainers.image.created": $created, "org.opencontainers.image.source": $source,
      "org.opencontainers.image.revision": $rev, "org.opencontainers.image.version": $v,
      "org.opencontainers.image.title": $title, "org.opencontainers.image.base.name": $base}')"
  jq -c --arg created "$CREATED" --argjson labels "$annotations" \
    --argjson diffids "[$(IFS=,; echo "${diffids[*]}")]" --argjson history "[$(IFS=,; echo "${history[*]}")]" \
    '{created: $created, architecture: "amd64", os: "linux", config: (. + {Labels: $labels}),
      rootfs: {type: "layers", diff_ids: $diffids}, history: $history}' "$work/config.json" > "$work/image-config.json"
  local config manifest digest
  config="$(add_blob "$layout" "$work/image-config.json" application/vnd.oci.image.config.v1+json)"
  jq -cn --argjson config "$config" --argjson layers "[$(IFS=,; echo "${layers[*]}")]" --argjson a "$annotations" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config: $config,
      layers: $layers, annotations: $a}' > "$work/manifest.json"
  manifest="$(add_blob "$layout" "$work/manifest.json" application/vnd.oci.image.manifest.v1+json)"
  digest="$(jq -r .digest <<< "$manifest")"
  jq -cn --argjson m "$manifest" --arg ref "$tag" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [$m + {annotations: {"org.opencontainers.image.ref.name": $ref}}]}' > "$layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  # The archive is the layout as a tar, itself reproducible.
  LC_ALL=C tar -C "$layout" --sort=name --format=posix --numeric-owner --owner=0 --group=0 --mtime="@$APP_MTIME" \
    --mode=a+rX,go-w \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -cf "$OUT/$name.oci.tar" oci-layout index.json blobs
  echo "$digest"
}

# layer_from WORK NN WHAT DIR MODE: DIR as layer number NN of WORK, described by WHAT in the history
layer_from() {
  local work="$1" nn="$2" what="$3" dir="$4" mode="$5"
  mkdir -p "$work/layers"
  tar_layer "$dir" "$work/layers/$nn.tar" "$mode"
  compress_layer "$work/layers/$nn.tar"
  echo "$what" > "$work/layers/$nn.what"
}

# link_base WORK BASEDIR WHAT: the cached base as layer 00
link_base() {
  mkdir -p "$1/layers"
  cp "$2/layer.tar.gz" "$1/layers/00.tar.gz"
  cp "$2/layer.diffid" "$1/layers/00.diffid"
  echo "$3" > "$1/layers/00.what"
}

# ---------------------------------------------------------------------------------------------------------------
# SBOM (CycloneDX 1.6 JSON): one component per Debian package, Java dependency (the jar's own SBOM) or Python package.

debian_components() {
  dpkg-query --admindir="$1/var/lib/dpkg" -W -f='${Package}\t${Version}\t${Architecture}\n' \
    | LC_ALL=C sort | jq -R -c 'split("\t") | {type: "library", name: .[0], version: .[1],
        purl: ("pkg:deb/debian/" + .[0] + "@" + (.[1] | @uri) + "?arch=" + .[2] + "&distro=debian-12")}'
}

# java_components JAR TRIMMED LIBDIR...: the service and its Java dependencies as the service jar's own SBOM lists
# them (the CycloneDX Maven plugin's, META-INF/sbom/application.cdx.json); a jar trimmed for the image (TRIMMED, from
# trim_jar, all in the first LIBDIR) gets the SHA-256 of the file the image carries and a property saying what was
# removed. A jar of a LIBDIR the plugin does not list (Spring Boot adds its jarmode tools when it repackages) is
# added by its file name and hash, so every jar of the image is in its SBOM.
java_components() {
  local jar="$1" trimmed="$2" edits listed file
  shift 2
  edits="$(while IFS=$'\t' read -r file _ _ why; do
      jq -cn --arg f "$file" --arg h "$(sha256sum "$1/$file" | cut -d' ' -f1)" --arg w "$why" '{($f): {hash: $h, why: $w}}'
    done < "$trimmed" | jq -cs 'add // {}')"
  listed="$(unzip -p "$jar" META-INF/sbom/application.cdx.json | jq -c --argjson edits "$edits" '
    ([.components[] | .name + "-" + .version + ".jar"]) as $files
    | if ($edits | keys - $files) != [] then error("trimmed jars not in the SBOM: \($edits | keys - $files)") else . end
    | [.metadata.component] + .components | .[]
    | (.name + "-" + .version + ".jar") as $file
    | if $edits[$file] then
        .hashes = [{alg: "SHA-256", content: $edits[$file].hash}]
        | .properties = ((.properties // []) + [{name: "callcenter:image:trimmed", value: $edits[$file].why}])
      else . end')"
  echo "$listed"
  for file in $(printf '%s/*.jar ' "$@"); do
    [ -f "$file" ] || continue
    grep -q "$(sha256sum "$file" | cut -d' ' -f1)" <<< "$listed" && continue
    # NAME-VERSION.jar, as Spring Boot names what it adds
    jq -cn --arg f "$(basename "$file" .jar)" --arg h "$(sha256sum "$file" | cut -d' ' -f1)" '
      ($f | capture("^(?<name>.+?)-(?<version>[0-9][^-]*(-.*)?)$") // {name: $f}) + {type: "library",
        hashes: [{alg: "SHA-256", content: $h}],
        properties: [{name: "callcenter:image:origin", value: "added by Spring Boot when it repackaged the jar"}]}'
  done
}

# sbom NAME DIGEST COMPONENTS_FILE: OUT/NAME.cdx.json
sbom() {
  jq -s --arg name "$REGISTRY/$1" --arg v "$3" --arg d "$2" --arg created "$CREATED" --arg rev "$REVISION" '{
    bomFormat: "CycloneDX", specVersion: "1.6", version: 1,
    metadata: {timestamp: $created, tools: [{name: "scripts/images.sh"}],
      component: {type: "container", name: $name, version: $v, purl: ("pkg:oci/" + ($name | split("/") | last) + "@" + ($d | @uri)),
        properties: [{name: "org.opencontainers.image.revision", value: $rev}]}},
    components: .}' "$4" > "$OUT/$1.cdx.json"
}

# ---------------------------------------------------------------------------------------------------------------
# The images

# the port and JVM options of each service (the actuator's is the port + 1000), as its Dockerfile (ImagesTest)
service_port() { case "$1" in agent-service) echo 8000 ;; tfidf-service) echo 8001 ;; transformer-service) echo 8002 ;; esac; }
service_jvm() {
  case "$1" in
    # the Vector API module: the kernel of use-multilingual-v3 (the cross-lingual head), ~10x the scalar fallback
    transformer-service) echo "--add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError" ;;
    *) echo "-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError" ;;
  esac
}

# service_config MODULE: the runtime part of a service image's config (user, environment, entrypoint, ports)
service_config() {
  local port mport
  port="$(service_port "$1")"; mport=$((port + 1000))
  jq -n --arg user "$APP_UID:$APP_UID" --arg jvm "$(service_jvm "$1")" --arg p "$port" --arg m "$mport" '{
    User: $user,
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
          "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", ("JAVA_TOOL_OPTIONS=" + $jvm), ("PORT=" + $p),
          ("MANAGEMENT_SERVER_PORT=" + $m)],
    Entrypoint: ["java", "org.springframework.boot.loader.launch.JarLauncher"],
    WorkingDir: "/app",
    ExposedPorts: {($p + "/tcp"): {}, ($m + "/tcp"): {}}}'
}

# mlflow_config: MLflow's. No entrypoint: the deployment's command is sh -c '... exec mlflow server "$@"' and its
# init container runs python; both come from the venv through PATH. HOME and the working directory are /tmp,
# the one writable place (the root filesystem is read-only).
mlflow_config() {
  jq -n --arg user "$MLFLOW_UID:$MLFLOW_UID" '{
    User: $user,
    Env: ["PATH=/opt/mlflow/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
          "HOME=/tmp", "PYTHONDONTWRITEBYTECODE=1", "MLFLOW_DISABLE_TELEMETRY=true"],
    Cmd: ["mlflow", "server", "--host=0.0.0.0", "--port=5000"],
    WorkingDir: "/tmp",
    ExposedPorts: {"5000/tcp": {}}}'
}

jar_for() {
  local module="$1" jar
  jar="$(if [ -n "${JARS_DIR:-}" ]; then echo "$JARS_DIR/$1.jar"; else jar_of "$1"; fi)"
  if [ ! -f "$jar" ]; then
    [ -z "${JARS_DIR:-}" ] || die "no $jar"
    log "building $module (./mvnw package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl "$module" -am package >&2) || die "build of $module failed"
  fi
  echo "$jar"
}

# ---------------------------------------------------------------------------------------------------------------
# Trimming: the largest dependencies carry what an image never uses. The images run on linux/amd64 only, and the
# agent detects only the languages it is configured for (docs/deploy.md, "Size").

# trim_jar JAR DROP KEEP WHY REPORT: deletes JAR's entries matching the regex DROP but not KEEP; appends
# "FILE BYTES_BEFORE BYTES_AFTER WHY" to REPORT (the SBOM notes it, the build log shows it)
trim_jar() {
  local jar="$1" drop="$2" keep="$3" why="$4" report="$5" before
  before="$(stat -c %s "$jar")"
  unzip -Z1 "$jar" | grep -E "$drop" | { grep -vE "$keep" || true; } | zip -q -d "$jar" -@ >/dev/null
  printf '%s\t%s\t%s\t%s\n' "$(basename "$jar")" "$before" "$(stat -c %s "$jar")" "$why" >> "$report"
  log "$(basename "$jar"): $(awk -v b="$before" -v a="$(stat -c %s "$jar")" 'BEGIN { printf "%.1f -> %.1f MB", b / 1e6, a / 1e6 }') ($why)"
}

# agent_languages JAR LIBDIR TMPDIR: the languages the agent's image keeps, as lingua's model directories (ISO 639-1
# codes): AGENT_LANGUAGES (lingua names, comma-separated) or the default list of the jar's own application.yaml
agent_languages() {
  local jar="$1" lib="$2" tmp="$3" names
  names="${AGENT_LANGUAGES:-$(unzip -p "$jar" BOOT-INF/classes/application.yaml \
    | awk '/^    languages: \[/ { on = 1 } on { print } on && /\]/ { exit }' \
    | sed 's/^ *languages: //' | tr -d '[] \n')}"
  [ -n "$names" ] || die "no language list in $jar's application.yaml (callcenter.language.languages)"
  # lingua itself maps its names to codes (as LanguageDetector.isoCode does)
  cat > "$tmp/IsoCodes.java" <<'JAVA'
public class IsoCodes {
    public static void main(String[] names) {
        for (String name : names) {
            String code = com.github.pemistahl.lingua.api.Language.valueOf(name).getIsoCode639_1().name();
            System.out.println(code.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
JAVA
  java -cp "$(echo "$lib"/lingua-*.jar):$(echo "$lib"/kotlin-stdlib-[0-9]*.jar)" "$tmp/IsoCodes.java" ${names//,/ }
}

# trim_dependencies MODULE JAR LIBDIR WORK: trims LIBDIR's jars for MODULE's image, reports to WORK/trimmed.tsv
trim_dependencies() {
  local module="$1" jar="$2" lib="$3" work="$4" codes
  case "$module" in
    transformer-service)
      trim_jar "$(echo "$lib"/onnxruntime-[0-9]*.jar)" '^ai/onnxruntime/native/[^/]+/' '^ai/onnxruntime/native/linux-x64/' \
        "native libraries of linux-x64 only" "$work/trimmed.tsv"
      trim_jar "$(echo "$lib"/tokenizers-[0-9]*.jar)" '^native/lib/[^/]+/' '^native/lib/linux-x86_64/' \
        "native libraries of linux-x86_64 only" "$work/trimmed.tsv" ;;
    agent-service)
      codes="$(agent_languages "$jar" "$lib" "$work")" || die "cannot map the agent's languages to lingua's codes"
      trim_jar "$(echo "$lib"/lingua-[0-9]*.jar)" '^language-models/[^/]+/' "^language-models/($(echo $codes | tr ' ' '|'))/" \
        "models of the $(echo $codes | wc -w) configured languages only: $(echo $codes | tr ' ' ',')" \
        "$work/trimmed.tsv" ;;
  esac
}

service_image() {
  local module="$1" work="$2" jar basedir l nn=1
  jar="$(jar_for "$module")"
  : > "$work/trimmed.tsv"
  unzip -l "$jar" META-INF/sbom/application.cdx.json >/dev/null 2>&1 \
    || die "$jar has no SBOM (META-INF/sbom/application.cdx.json): the CycloneDX plugin skips offline builds; build it with ./mvnw package (online)"
  basedir="$(java_base)"
  link_base "$work" "$basedir" "debian $SUITE, openjdk-17-jre-headless, ca-certificates, user app ($APP_UID)"
  # Spring Boot's layers (BOOT-INF/layers.idx), extracted with its launcher as the Dockerfiles do
  java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$work/extracted" >/dev/null
  for l in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -n "$(ls -A "$work/extracted/$l" 2>/dev/null)" ] || continue
    mkdir -p "$work/stage/$l"; mv "$work/extracted/$l" "$work/stage/$l/app"
    [ "$l" != dependencies ] || trim_dependencies "$module" "$jar" "$work/stage/$l/app/BOOT-INF/lib" "$work"
    layer_from "$work" "0$nn" "spring boot layer $l of $module.jar" "$work/stage/$l" app
    nn=$((nn + 1))
  done
  service_config "$module" > "$work/config.json"
  { debian_components "$basedir/rootfs"
    java_components "$jar" "$work/trimmed.tsv" "$work/stage/dependencies/app/BOOT-INF/lib" \
      "$work/stage/snapshot-dependencies/app/BOOT-INF/lib"; } > "$work/components.jsonl"
}

# MLflow: scripts/mlflow.sh's version with the Dockerfile's extras, pip-installed in a chroot of the Python base
# (the host's network, its CA bundle bound in for the install only), into a venv at /opt/mlflow.
mlflow_image() {
  local work="$1" basedir r
  basedir="$(python_base)"
  r="$work/rootfs"
  cp -a "$basedir/rootfs" "$r"
  # (a scratch copy: only /opt/mlflow becomes the layer)
  mkdir -p "$r/run/build"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$r/run/build/ca.crt"
  # SOURCE_DATE_EPOCH makes pip compile checked-hash .pyc files: valid whatever the files' times, and never
  # rewritten at run time (the root filesystem is read-only).
  # (the list on one line: the outer shell writes it into the inner script)
  UNNEEDED="$(echo $MLFLOW_SERVER_UNNEEDED)" unshare --mount --pid --fork --kill-child sh -euc '
    r="$1"; shift
    mount -t proc proc "$r/proc"
    for d in null zero random urandom; do touch "$r/dev/$d"; mount --bind "/dev/$d" "$r/dev/$d"; done
    chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
      PIP_CERT=/run/build/ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 sh -euc "
        python3 -m venv /opt/mlflow
        /opt/mlflow/bin/pip install -q $*
        /opt/mlflow/bin/pip uninstall -q -y $UNNEEDED
        rmdir /opt/mlflow/lib/python3*/site-packages/mpl_toolkits 2>/dev/null || true
        /opt/mlflow/bin/pip freeze > /run/build/freeze.txt
        /opt/mlflow/bin/python -m pip uninstall -q -y pip"
  ' sh "$r" "mlflow==$MLFLOW_VERSION" $MLFLOW_EXTRAS
  cp "$r/run/build/freeze.txt" "$work/freeze.txt"
  mkdir -p "$work/stage/venv/opt"; mv "$r/opt/mlflow" "$work/stage/venv/opt/mlflow"
  link_base "$work" "$basedir" "debian $SUITE, python3, python3-venv, ca-certificates, user mlflow ($MLFLOW_UID)"
  layer_from "$work" 01 "venv /opt/mlflow: mlflow==$MLFLOW_VERSION $MLFLOW_EXTRAS, without what the server does not use" \
    "$work/stage/venv" app
  mlflow_config > "$work/config.json"
  { debian_components "$basedir/rootfs"
    jq -R -c 'select(contains("==")) | split("==") | {type: "library", name: .[0], version: .[1],
      purl: ("pkg:pypi/" + (.[0] | ascii_downcase) + "@" + .[1])}' "$work/freeze.txt"; } > "$work/components.jsonl"
  rm -rf "$r"
}

build_one() {
  local name="$1" tag start work digest size seconds
  start="$(date +%s)"
  case "$name" in
    mlflow) tag="$MLFLOW_VERSION" ;;
    agent-service|tfidf-service|transformer-service) tag="$VERSION" ;;
    *) die "unknown image '$name' (one of: $ALL_IMAGES)" ;;
  esac
  work="$OUT/work/$name"
  rm -rf "$work"; mkdir -p "$work"
  log "$name: building $REGISTRY/$name:$tag"
  if [ "$name" = mlflow ]; then mlflow_image "$work"; else service_image "$name" "$work"; fi
  digest="$(assemble "$name" "$tag" "$work")"
  sbom "$name" "$digest" "$tag" "$work/components.jsonl"
  size="$(jq '[.layers[].size] | add' "$work/manifest.json")"
  seconds=$(( $(date +%s) - start ))
  rm -rf "$work"
  # another tool reads the archive back: it must find the same manifest digest
  [ "$(skopeo inspect --raw "oci-archive:$OUT/$name.oci.tar" | sha256sum | cut -d' ' -f1)" = "${digest#sha256:}" ] \
    || die "$name: skopeo reads another manifest from $OUT/$name.oci.tar"
  touch "$OUT/digests.txt"
  { grep -v "^$name " "$OUT/digests.txt" || true; echo "$name $REGISTRY/$name:$tag $digest $size $seconds"; } \
    | LC_ALL=C sort > "$OUT/digests.txt.new"
  mv "$OUT/digests.txt.new" "$OUT/digests.txt"
  log "$name: $digest, $((size / 1000000)) MB compressed, ${seconds}s"
}

# ---------------------------------------------------------------------------------------------------------------
# Pushing and pinning

# push [IMAGE...]: each built archive to IMAGE_REGISTRY (skopeo; credentials from skopeo login or REGISTRY_AUTH_FILE),
# the layers as they are, then reads the manifest back from the registry: it must have the digest of digests.txt,
# the one the overlays pin.
push() {
  local name ref digest remote
  need skopeo
  [ -s "$OUT/digests.txt" ] || die "nothing built yet ($OUT/digests.txt); run '$0 build' first"
  for name in ${*:-$ALL_IMAGES}; do
    read -r _ ref digest _ < <(grep "^$name " "$OUT/digests.txt") || die "$name is not built ($OUT/digests.txt)"
    # the tag the image was built with, under the registry it goes to now
    remote="$REGISTRY/$name:${ref##*:}"
    skopeo copy --quiet --preserve-digests --dest-tls-verify="${IMAGES_TLS_VERIFY:-true}" \
      "oci-archive:$OUT/$name.oci.tar" "docker://$remote"
    [ "sha256:$(skopeo inspect --raw --tls-verify="${IMAGES_TLS_VERIFY:-true}" "docker://${remote%:*}@$digest" \
      | sha256sum | cut -d' ' -f1)" = "$digest" ] || die "$remote: the registry holds another manifest than $digest"
    log "pushed $remote@$digest"
  done
}

# pin OVERLAY: each project image of k8s/overlays/OVERLAY gets the built tag and digest (kustomize renders
# REPO:TAG@DIGEST), and the chart's values-OVERLAY.yaml the same reference, so both say one thing.
pin() {
  local env="$1" kustomization values name ref digest repo tag
  kustomization="$ROOT/infrastructure/k8s/overlays/$env/kustomization.yaml"
  values="$ROOT/infrastructure/helm/callcenter-ai/values-$env.yaml"
  [ -f "$kustomization" ] || die "no overlay $env ($kustomization)"
  [ -s "$OUT/digests.txt" ] || die "nothing built yet ($OUT/digests.txt); run '$0 build' first"
  while read -r name ref digest _; do
    repo="${ref%:*}"; tag="${ref##*:}"
    grep -q "newName: $repo\$" "$kustomization" || die "$env does not name $repo"
    # the images: entry whose newName is REPO: newTag set, digest written (or replaced) right after it
    awk -v repo="$repo" -v tag="$tag" -v digest="$digest" '
      /^  - name: / { inside = 0 }
      $0 ~ "^    newName: " repo "$" { inside = 1 }
      inside && /^    digest: / { next }
      inside && /^    newTag: / { print "    newTag: \"" tag "\""; print "    digest: " digest; next }
      { print }' "$kustomization" > "$kustomization.new"
    mv "$kustomization.new" "$kustomization"
    sed -i "s#^\(    image: \)$repo[:@].*#\1$repo:$tag@$digest#" "$values"
    log "$env: $repo:$tag@$digest"
  done < "$OUT/digests.txt"
}

cmd="${1:-build}"
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    [ "$(id -u)" = 0 ] || die "needs root (mmdebstrap, chroot, unshare)"
    need mmdebstrap jq zip unzip skopeo
    mkdir -p "$OUT" "$CACHE"
    for image in ${*:-$ALL_IMAGES}; do build_one "$image"; done
    column -t "$OUT/digests.txt" >&2
    ;;
  # the two bases alone, into the cache (CI makes them while the tests run: downloads and dpkg, little CPU)
  bases)
    [ "$(id -u)" = 0 ] || die "needs root (mmdebstrap, chroot, unshare)"
    need mmdebstrap
    mkdir -p "$OUT" "$CACHE"
    java_base >/dev/null; python_base >/dev/null
    ;;
  push) push "$@" ;;
  pin) pin "${1:?pin OVERLAY (dev, staging or prod)}" ;;
  list) column -t "$OUT/digests.txt" ;;
  # the runtime config an image gets, without building it (ImagesTest compares it with the Dockerfiles)
  config)
    case "${1:?config IMAGE}" in
      mlflow) mlflow_config ;;
      agent-service|tfidf-service|transformer-service) service_config "$1" ;;
      *) die "unknown image '$1' (one of: $ALL_IMAGES)" ;;
    esac ;;
  -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$cmd' (build, bases, push, pin, list, config)" ;;
esac
