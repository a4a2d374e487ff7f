#!/usr/bin/env bash
# Installs everything Lightbox needs on a fresh Debian machine: the npm packages (offline-safe: onnxruntime-node's
# CUDA download is skipped, its CPU binaries ship in the package), the Prisma client, and — for tests — ONNX's
# operator test models and Chromium (browser tests) from Debian. Safe to run again: it skips what is already there.
# Usage: scripts/install.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

apt_missing=()
if [ "${1:-}" = "--for-tests" ]; then
  [ -d /usr/share/libonnx-testdata/data/node ] || apt_missing+=(libonnx-testdata)
  [ -x /usr/bin/chromium ] || apt_missing+=(chromium)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "need Debian packages: ${apt_missing[*]} (run: sudo apt-get install -y ${apt_missing[*]})" >&2
    exit 1
  fi
  echo "installing Debian packages: ${apt_missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm packages…" >&2
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/prisma-generate.sh
