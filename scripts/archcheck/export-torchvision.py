"""Dev-time: exports torchvision classifiers with random weights to ONNX for the architecture gradient check.

Writes /tmp/lightbox-archcheck/<arch>-opset<N>.onnx (input "input" [batch, 3, 224, 224], output "logits"
[batch, 1000], dynamic batch axis, constant folding on) and manifest.json there, which lists every export
tried with its outcome, so the checker can report exports that failed.

Also writes a reference point per architecture, raw little-endian float32: <arch>.x.f32 (an input uniform in
[-2, 2)), <arch>.seed.f32 (1000 values uniform in [-1, 1)), and what torch computes there: <arch>.logits.f32
and <arch>.grad.f32, the gradient of sum(seed * logits) w.r.t. the input by torch autograd in float64. The checker
compares Lightbox's gradient with it element by element, besides the finite differences.

Weights are torchvision's random initialisation under a fixed seed (weights=None; nothing is downloaded),
except that linear layers torchvision initialises to zero (vit_b_16's head) get PyTorch's default init.
BatchNorm running statistics are then calibrated on a few random batches, so that activations have unit
scale as in a trained network: with the default statistics (mean 0, var 1) activations of deep nets grow or
shrink layer after layer and saturate sigmoids/hard-sigmoids, which would leave parts of their gradient rules
unexercised.

Run: /usr/bin/python3 scripts/archcheck/export-torchvision.py [--opsets 13,17] [--arch resnet18,...] [--out DIR]
The exports are large (vgg16 is 553 MB per opset, about 3.5 GB in all) and are never committed.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import time
import traceback
from typing import Any, Dict, List

import onnx
import torch
import torchvision
from torch import nn

# The architectures the gradients issue names, then more torchvision classifiers (ConvNeXt and Swin bring
# channels-last LayerNorm, GELU, Roll-like slicing and attention masks; ResNeXt and RegNet grouped convs; ShuffleNet
# channel shuffles; GoogLeNet and SqueezeNet ceil-mode pooling and concatenations) and ExtraOpsNet below.
# inception_v3 is left out: it needs 299 × 299 inputs and this script exports at 224.
ARCHS = ['resnet18', 'resnet50', 'densenet121', 'efficientnet_b0', 'mobilenet_v3_small', 'vgg16', 'vit_b_16',
         'convnext_tiny', 'swin_t', 'efficientnet_v2_s', 'regnet_y_400mf', 'resnext50_32x4d', 'mobilenet_v2',
         'mnasnet0_5', 'shufflenet_v2_x0_5', 'squeezenet1_1', 'googlenet', 'alexnet', 'extra_ops']
DEFAULT_OPSETS = [13, 17]
SEED = 0


class ExtraOpsNet(nn.Module):
    """Not a torchvision model: a small classifier made of the layers that export to the ops the torchvision
    architectures above don't use, so their rules are checked inside a whole model too: GroupNorm
    (InstanceNormalization), PReLU, ELU, SELU, CELU, Softsign, Mish, PixelUnshuffle / PixelShuffle
    (SpaceToDepth / DepthToSpace or Reshape + Transpose), adaptive max pooling and F.normalize (ReduceL2)."""

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.norm = nn.GroupNorm(4, 16)
        self.prelu = nn.PReLU(16)
        self.conv2 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(32 * 4, 32, 1)
        self.conv4 = nn.Conv2d(8, 16, 3, padding=1)
        self.conv5 = nn.Conv2d(16, 64, 3, stride=2, padding=1)
        self.fc = nn.Linear(64, 1000)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.prelu(self.norm(self.stem(x)))
        x = nn.functional.elu(self.conv2(x), alpha=0.7)
        x = nn.functional.selu(self.conv3(nn.functional.pixel_unshuffle(x, 2)))
        x = nn.functional.celu(nn.functional.pixel_shuffle(x, 2), alpha=1.5)
        y = self.conv4(x)
        x = nn.functional.softsign(y) + nn.functional.mish(y)
        x = nn.functional.adaptive_max_pool2d(self.conv5(x), 1).flatten(1)
        return self.fc(nn.functional.normalize(x, dim=1) * 8)


EXTRA_BUILDERS = {'extra_ops': ExtraOpsNet}


def build(arch: str) -> nn.Module:
    torch.manual_seed(SEED)
    model: nn.Module = EXTRA_BUILDERS[arch]() if arch in EXTRA_BUILDERS else getattr(torchvision.models, arch)(weights=None)
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
    x = torch.rand(1, 3, 224, 224, generator=gen) * 4 - 2
    seed = torch.rand(1, 1000, generator=gen) * 2 - 1
    # Autograd in float64 (on a float64 copy, at the same float32 point): torch's own float32 gradient is itself
    # up to a few percent from it (2.4 % on shufflenet_v2_x0_5, 1.6 % on resnet50), which would hide errors of
    # that size in Lightbox's.
    model64 = copy.deepcopy(model).double()
    x64 = x.double().requires_grad_(True)
    logits = model64(x64)
    (grad,) = torch.autograd.grad((logits * seed.double()).sum(), x64)
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
