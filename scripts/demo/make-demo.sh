#!/usr/bin/env bash
# Regenerates the demo models (models/) and the sample cases with their PyTorch reference values
# (samples/) from scratch. Dev-time only; Lightbox never needs Python at run time.
# Needs: apt-get install python3-torch python3-torchvision python3-onnx python3-pydicom python3-pil python3-opencv
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
# Generated datasets and PyTorch weights (not committed); reused only when the generator code is unchanged.
cache="${LIGHTBOX_DEMO_CACHE:-${TMPDIR:-/tmp}/lightbox-demo-cache}"
export OMP_NUM_THREADS=2 PYTHONHASHSEED=0 PYTHONWARNINGS=ignore

start=$SECONDS
step() { echo "== $1 [$((SECONDS - start)) s]"; }
cd "$here"

step "datasets -> $cache"
"$python" build_datasets.py "$cache"

step "samples -> samples/"
rm -rf "$root/samples"/case-* "$root/samples/manifest.json" "$root/samples/reference"
"$python" make_samples.py "$root/samples"

step "training, calibration, ONNX export -> models/"
rm -rf "$root/models"/demo-*
"$python" train_models.py "$cache" "$root/models"

step "PyTorch reference values -> samples/reference/"
"$python" make_reference.py "$cache" "$root/models" "$root/samples"

step "ONNX (onnxruntime-node) against PyTorch"
if [ -d "$root/node_modules/onnxruntime-node" ]; then
  node "$here/check-onnx.mjs" "$cache" "$root/models"
else
  echo "skipped: onnxruntime-node is not installed (npm ci at the repository root)"
fi

step "done"
du -sh "$root/models" "$root/samples"
