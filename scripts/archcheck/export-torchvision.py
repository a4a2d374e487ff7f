"""Dev-time: exports torchvision classifiers with random weights to ONNX for the architecture gradient check.

Writes /tmp/lightbox-archcheck/<arch>-opset<N>.onnx (input "input" [batch, 3, 224, 224], output "logits"
[batch, 1000], dynamic batch axis, constant folding on) and manifest.json there, which lists every export
tried with its outcome, so the checker can report exports that failed.

Also writes a reference point per architecture, raw little-endian float32: <arch>.x.f32 (an input uniform in
[-2, 2)), <arch>.seed.f32 (1000 values uniform in [-1, 1)), and what torch computes there: <arch>.logits.f32
and <arch>.grad.f32, the gradient of sum(seed * logits) w.r.t. the input by torch autograd. The checker
compares Lightbox's gradient with it element by element, besides the finite differences.

Weights are torchvision's random initialisation under a fixed seed (weights=None; nothing is downloaded),
except that linear layers torchvision initialises to zero (vit_b_16's head) get PyTorch's default init.
BatchNorm running statistics are then calibrated on a few random batches, so that activations have unit
scale as in a trained network: with the default statistics (mean 0, var 1) activations of deep nets grow or
shrink layer after layer and saturate sigmoids/hard-sigmoids, which would leave parts of their gradient rules
unexercised.

Run: /usr/bin/python3 scripts/archcheck/export-torchvision.py [--opsets 13,17] [--arch resnet18,...] [--out DIR]
The exports are large (vgg16 is 553 MB per opset, about 2.2 GB in all) and are never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import traceback
from typing import Any, Dict, List

import onnx
import torch
import torchvision
from torch import nn

ARCHS = ['resnet18', 'resnet50', 'densenet121', 'efficientnet_b0', 'mobilenet_v3_small', 'vgg16', 'vit_b_16']
DEFAULT_OPSETS = [13, 17]
SEED = 0


def build(arch: str) -> nn.Module:
    torch.manual_seed(SEED)
    model: nn.Module = getattr(torchvision.models, arch)(weights=None)
    # torchvision zero-initialises some classifier heads (vit_b_16's heads.head): the logits would be constant
    # and every gradient zero. Give such layers PyTorch's default random init instead.
    for m in model.modules():
        if isinstance(m, nn.Linear) and not m.weight.any():
            m.reset_parameters()
    calibrate_batch_norm(model)
    return model.eval()


def calibrate_batch_norm(model: nn.Module) -> None:
    bns = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return
    for m in bns:
        m.reset_running_stats()
        m.momentum = None  # cumulative average over the calibration batches
    model.train()
    gen = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for _ in range(2):
            model(torch.randn(4, 3, 224, 224, generator=gen))
    model.eval()


def write_reference(arch: str, model: nn.Module, out_dir: str) -> Dict[str, str]:
    gen = torch.Generator().manual_seed(SEED + 3)
    x = (torch.rand(1, 3, 224, 224, generator=gen) * 4 - 2).requires_grad_(True)
    seed = torch.rand(1, 1000, generator=gen) * 2 - 1
    logits = model(x)
    (grad,) = torch.autograd.grad((logits * seed).sum(), x)
    files = {}
    for name, t in (('x', x), ('seed', seed), ('logits', logits), ('grad', grad)):
        files[name] = os.path.join(out_dir, f'{arch}.{name}.f32')
        t.detach().numpy().astype('<f4').tofile(files[name])
    return files


def export(arch: str, opset: int, out_dir: str, references: Dict[str, Dict[str, str]]) -> Dict[str, Any]:
    path = os.path.join(out_dir, f'{arch}-opset{opset}.onnx')
    entry: Dict[str, Any] = {'arch': arch, 'opset': opset, 'path': path}
    t0 = time.time()
    try:
        model = build(arch)
        if arch not in references:
            references[arch] = write_reference(arch, model, out_dir)
        x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(SEED + 2))
        # No torch.no_grad(): with gradients enabled nn.MultiheadAttention (vit_b_16) skips its fused
        # inference fast path (aten::_native_multi_head_attention), which has no ONNX export.
        torch.onnx.export(
            model,
            x,
            path,
            input_names=['input'],
            output_names=['logits'],
            dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}},
            opset_version=opset,
            do_constant_folding=True,
        )
        onnx.checker.check_model(path)
        m = onnx.load(path, load_external_data=False)
        entry.update(
            ok=True,
            nodes=len(m.graph.node),
            bytes=os.path.getsize(path),
            ops=sorted({n.op_type for n in m.graph.node}),
            reference=references[arch],
        )
    except Exception as e:  # noqa: BLE001 - every failure is recorded for the report
        if os.path.exists(path):
            os.remove(path)
        message = str(e).strip().splitlines()
        entry.update(ok=False, error=message[0] if message else type(e).__name__)
        traceback.print_exc()
    entry['seconds'] = round(time.time() - t0, 1)
    return entry


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--opsets', default=','.join(map(str, DEFAULT_OPSETS)))
    p.add_argument('--arch', default=','.join(ARCHS))
    p.add_argument('--out', default='/tmp/lightbox-archcheck')
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(2)
    manifest_path = os.path.join(a.out, 'manifest.json')
    previous: List[Dict[str, Any]] = []
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            previous = json.load(f)['exports']
    done: Dict[str, Dict[str, Any]] = {f"{e['arch']}|{e['opset']}": e for e in previous}
    references: Dict[str, Dict[str, str]] = {}
    for arch in a.arch.split(','):
        for opset in [int(o) for o in a.opsets.split(',')]:
            e = export(arch, opset, a.out, references)
            done[f'{arch}|{opset}'] = e
            status = f"ok, {e['nodes']} nodes, {e['bytes'] / 1e6:.0f} MB" if e['ok'] else f"FAILED: {e['error']}"
            print(f'{arch} opset {opset}: {status} ({e["seconds"]} s)', flush=True)
            with open(manifest_path, 'w') as f:
                json.dump(
                    {
                        'torch': torch.__version__,
                        'torchvision': torchvision.__version__,
                        'onnx': onnx.__version__,
                        'seed': SEED,
                        'exports': sorted(done.values(), key=lambda e: (ARCHS.index(e['arch']) if e['arch'] in ARCHS else 99, e['opset'])),
                    },
                    f,
                    indent=2,
                )


if __name__ == '__main__':
    main()
