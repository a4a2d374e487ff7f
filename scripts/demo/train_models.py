"""Train the four demo models, calibrate, evaluate, export ONNX and write model cards (dev-time only).

Usage: train_models.py <cache-dir> <models-dir> [--only NAME] [--epochs N]

Reads <cache-dir>/<task>-<split>.npz from build_datasets.py; writes <cache-dir>/<name>.pt
(PyTorch weights, used by make_reference.py) and <models-dir>/<name>/{model.onnx,card.json}.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from typing import Dict, List, Tuple

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import shape_inference
from torch import nn

from demo_models import MODEL_SPECS, build_model, feature_source

# Per-model schedule: epochs, peak learning rate, weight of the auxiliary loss (below). EfficientNet
# stayed at chance for several epochs with weight 1 (its breakthrough epoch varied from run to run);
# with weight 5 it started learning within about two epochs. With SiLU instead of ReLU (demo_models.py)
# ResNet-18 and the tiny CNN learned more slowly (held-out accuracy 0.859 and 0.812 after 8 and 16
# epochs, still rising), so they train for 12 and 24.
SCHEDULES: Dict[str, Tuple[int, float, float]] = {
    'demo-cxr-resnet18': (12, 2e-3, 1.0),
    'demo-cxr-efficientnet-b0': (8, 2e-3, 5.0),
    'demo-cxr-densenet': (8, 3e-3, 1.0),
    'demo-tiny-cnn': (24, 5e-3, 1.0),
}
BATCH = 64
SEED = 20261125
# Auxiliary training-only loss: a 1x1 convolution on the last feature map predicts which grid cells hold
# each finding (from the generator's masks). It gives the network a dense signal where the image-level
# label alone left it at chance for epochs; the head is not part of the model and not exported.
AUX_FINDINGS = {'multiclass': [0, 1], 'multilabel': [0, 1, 2]}  # indices into (nodule, opacity, effusion)


def load_split(cache: str, task: str, split: str, size: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    data = np.load(os.path.join(cache, f'{task}-{split}.npz'))
    return data[f'x{size}'], data['y'], data['presence'][:, AUX_FINDINGS[task]]


def to_batch(x16: np.ndarray, card_input: dict) -> torch.Tensor:
    """float16 [N, H, W] grayscale [0, 1] -> normalised float32 [N, C, H, W] (grayscale replicated)."""
    x = torch.from_numpy(x16.astype(np.float32))[:, None]
    x = x.expand(-1, card_input['channels'], -1, -1)
    mean = torch.tensor(card_input['mean'], dtype=torch.float32)[None, :, None, None]
    std = torch.tensor(card_input['std'], dtype=torch.float32)[None, :, None, None]
    # channels_last: about 3x faster convolutions on CPU for these models (training and evaluation only).
    return ((x - mean) / std).contiguous(memory_format=torch.channels_last)


def loss_fn(task: str, logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if task == 'multiclass':
        return F.cross_entropy(logits, y)
    return F.binary_cross_entropy_with_logits(logits, y.float())


@torch.no_grad()
def predict(model: nn.Module, x: np.ndarray, card_input: dict) -> torch.Tensor:
    model.eval()
    out = [model(to_batch(x[i : i + 256], card_input)) for i in range(0, len(x), 256)]
    return torch.cat(out)


def fit_temperature(task: str, logits: torch.Tensor, y: torch.Tensor) -> float:
    """Temperature scaling (Guo et al. 2017): one scalar T > 0 minimising NLL on the calibration split."""
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn='strong_wolfe')

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = loss_fn(task, logits / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp().item())


def auc(scores: np.ndarray, positives: np.ndarray) -> float:
    """ROC AUC as the Mann-Whitney statistic (ties count one half)."""
    pos = scores[positives == 1]
    neg = scores[positives == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float('nan')
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(pos) * len(neg)))


def expected_calibration_error(probs: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    conf = probs.max(1)
    correct = (probs.argmax(1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            ece += sel.mean() * abs(conf[sel].mean() - correct[sel].mean())
    return float(ece)


def evaluate(task: str, labels: List[str], logits: torch.Tensor, y: torch.Tensor, temperature: float) -> Dict[str, float]:
    metrics: Dict[str, float] = {'heldOutCases': int(len(y))}
    scaled = logits / temperature
    metrics['heldOutNllUncalibrated'] = float(loss_fn(task, logits, y))
    metrics['heldOutNll'] = float(loss_fn(task, scaled, y))
    if task == 'multiclass':
        probs = torch.softmax(scaled, 1).numpy()
        yn = y.numpy()
        metrics['heldOutAccuracy'] = float((probs.argmax(1) == yn).mean())
        for k, label in enumerate(labels):
            sel = yn == k
            metrics[f'heldOutRecall_{label}'] = float((probs.argmax(1)[sel] == k).mean())
        metrics['heldOutEce'] = expected_calibration_error(probs, yn)
        metrics['heldOutEceUncalibrated'] = expected_calibration_error(torch.softmax(logits, 1).numpy(), yn)
    else:
        probs = torch.sigmoid(scaled).numpy()
        yn = y.numpy()
        aucs = []
        for k, label in enumerate(labels):
            a = auc(probs[:, k], yn[:, k])
            aucs.append(a)
            metrics[f'heldOutAuc_{label}'] = a
            metrics[f'heldOutAccuracy_{label}'] = float(((probs[:, k] >= 0.5) == (yn[:, k] == 1)).mean())
        metrics['heldOutMeanAuc'] = float(np.mean(aucs))
        metrics['heldOutExactMatch'] = float(((probs >= 0.5) == (yn == 1)).all(1).mean())
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()}


def find_target_layer(model_path: str) -> Tuple[str, List[int]]:
    """The tensor feeding the global pooling before the classifier (GlobalAveragePool/ReduceMean -> Flatten)."""
    graph = shape_inference.infer_shapes(onnx.load(model_path)).graph
    consumers: Dict[str, List[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    candidates = []
    for node in graph.node:
        if node.op_type in ('GlobalAveragePool', 'ReduceMean'):
            if any(c.op_type in ('Flatten', 'Reshape', 'Squeeze', 'Gemm') for c in consumers.get(node.output[0], [])):
                candidates.append(node.input[0])
    if len(candidates) != 1:
        raise RuntimeError(f'{model_path}: expected one classifier pooling node, found {candidates}')
    name = candidates[0]
    shapes = {vi.name: vi for vi in list(graph.value_info) + list(graph.input) + list(graph.output)}
    dims = [d.dim_value if d.HasField('dim_value') else -1 for d in shapes[name].type.tensor_type.shape.dim]
    if len(dims) != 4 or dims[2] <= 1 or dims[3] <= 1:
        raise RuntimeError(f'{model_path}: target layer {name} has shape {dims}, expected 4-D with spatial size > 1')
    return name, dims


def export_onnx(model: nn.Module, card_input: dict, path: str) -> None:
    model = model.to(memory_format=torch.contiguous_format).eval()
    dummy = torch.zeros(1, card_input['channels'], card_input['height'], card_input['width'])
    torch.onnx.export(
        model,
        dummy,
        path,
        opset_version=17,
        input_names=['input'],
        output_names=['logits'],
        dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}},
        do_constant_folding=True,
    )
    proto = onnx.load(path)
    onnx.checker.check_model(proto, full_check=True)
    ops = sorted({n.op_type for n in proto.graph.node})
    # No training-mode or random ops. Sigmoid is legitimate inside EfficientNet (SiLU, squeeze-excitation):
    # only an activation at the end of the graph is wrong, the output must be raw logits.
    training_ops = {'Dropout', 'RandomUniform', 'RandomNormal', 'RandomUniformLike', 'RandomNormalLike'} & set(ops)
    last = proto.graph.node[-1].op_type
    if training_ops or last in ('Softmax', 'Sigmoid', 'LogSoftmax'):
        raise RuntimeError(f'{path}: training-mode ops {training_ops} or a trailing activation {last}')
    print(f'  ONNX ops: {", ".join(ops)}')


def train_one(name: str, cache: str, models_dir: str, epochs_override: int | None) -> Dict[str, object]:
    spec = MODEL_SPECS[name]
    task, labels, card_input = spec['task'], spec['labels'], spec['input']
    epochs, peak_lr, aux_weight = SCHEDULES[name]
    if epochs_override is not None:
        epochs = epochs_override
    size = card_input['height']
    x_train, y_train, p_train = load_split(cache, task, 'train', size)
    x_calib, y_calib, _ = load_split(cache, task, 'calib', size)
    x_test, y_test, _ = load_split(cache, task, 'test', size)

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    model = build_model(name)
    source, post = feature_source(model)
    captured: Dict[str, torch.Tensor] = {}
    hook = source.register_forward_hook(lambda _m, _i, out: captured.__setitem__('features', out))
    with torch.no_grad():
        model.eval()
        model(torch.zeros(1, card_input['channels'], size, size))
    feature_channels = captured['features'].shape[1]
    aux_head = nn.Conv2d(feature_channels, len(AUX_FINDINGS[task]), kernel_size=1)
    model = model.to(memory_format=torch.channels_last)
    aux_head = aux_head.to(memory_format=torch.channels_last)
    params = list(model.parameters()) + list(aux_head.parameters())
    opt = torch.optim.AdamW(params, lr=peak_lr, weight_decay=1e-4)
    steps_per_epoch = math.ceil(len(x_train) / BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=peak_lr, total_steps=epochs * steps_per_epoch, pct_start=0.2)
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(x_train))
        total = 0.0
        for i in range(0, len(order), BATCH):
            idx = np.sort(order[i : i + BATCH])
            xb = to_batch(x_train[idx], card_input)
            yb = torch.from_numpy(y_train[idx])
            logits = model(xb)
            features = post(captured['features'])
            presence = F.adaptive_max_pool2d(torch.from_numpy(p_train[idx]).float(), features.shape[-2:])
            aux = F.binary_cross_entropy_with_logits(aux_head(features), presence)
            loss = loss_fn(task, logits, yb) + aux_weight * aux
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss) * len(idx)
        calib_logits = predict(model, x_calib, card_input)
        if task == 'multiclass':
            quality = f'calib accuracy {(calib_logits.argmax(1).numpy() == y_calib).mean():.3f}'
        else:
            quality = f'calib mean AUC {np.mean([auc(calib_logits[:, k].numpy(), y_calib[:, k]) for k in range(len(labels))]):.3f}'
        print(f'  {name} epoch {epoch + 1}/{epochs}: train loss (task + aux) {total / len(order):.4f}, {quality}, {time.time() - t0:.0f} s')
    train_seconds = time.time() - t0
    hook.remove()

    model.eval()
    calib_logits = predict(model, x_calib, card_input)
    temperature = fit_temperature(task, calib_logits, torch.from_numpy(y_calib))
    test_logits = predict(model, x_test, card_input)
    metrics = evaluate(task, labels, test_logits, torch.from_numpy(y_test), temperature)
    metrics.update({'trainCases': int(len(x_train)), 'calibrationCases': int(len(x_calib)), 'epochs': epochs})
    print(f'  {name}: temperature {temperature:.4f}; {metrics}')

    model = model.to(memory_format=torch.contiguous_format)
    torch.save(model.state_dict(), os.path.join(cache, f'{name}.pt'))
    out_dir = os.path.join(models_dir, name)
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, 'model.onnx')
    export_onnx(model, card_input, onnx_path)
    target_layer, target_dims = find_target_layer(onnx_path)
    print(f'  target layer {target_layer} {target_dims}')

    task_text = (
        'one of normal, nodule or opacity (softmax)'
        if task == 'multiclass'
        else 'nodule, opacity and effusion, each scored on its own (sigmoid)'
    )
    card = {
        'name': name,
        'version': '1.0.0',
        'task': task,
        'labels': labels,
        'input': card_input,
        'output': {'name': 'logits', 'activation': spec['activation']},
        'targetLayer': target_layer,
        'calibration': {'temperature': round(temperature, 6)},
        'description': (
            f'Synthetic demo model, NOT for clinical use. {spec["architecture"]}, trained from scratch on procedurally '
            f'generated chest-radiograph-like images (scripts/demo) to classify {task_text}. '
            'Input: grayscale intensities in [0, 1] replicated to the input channels, resized with bilinear antialiasing, '
            'normalised (v - mean) / std. Output: raw logits; divide by the calibration temperature before the activation.'
        ),
        'metrics': metrics,
        'training': {
            'data': 'procedural chest-radiograph-like images from scripts/demo/generate_cases.py, 8-bit quantised',
            'splits': {'train': int(len(x_train)), 'calibration': int(len(x_calib)), 'heldOut': int(len(x_test))},
            'epochs': epochs,
            'batchSize': BATCH,
            'optimizer': f'AdamW, one-cycle learning rate peaking at {peak_lr}, weight decay 1e-4',
            'auxiliaryLoss': (
                'training only: a 1x1 convolution on the target layer predicted which grid cells hold each finding '
                f'(from the generator masks), weight {aux_weight:g}; the head is not part of the exported model'
            ),
            'calibration': 'temperature scaling, one temperature fitted by minimising NLL on the calibration split',
            'seed': SEED,
        },
    }
    with open(os.path.join(out_dir, 'card.json'), 'w') as f:
        json.dump(card, f, indent=2)
        f.write('\n')
    return {'name': name, 'temperature': temperature, 'trainSeconds': round(train_seconds), **metrics}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('cache')
    parser.add_argument('models_dir')
    parser.add_argument('--only', action='append')
    parser.add_argument('--epochs', type=int)
    args = parser.parse_args()
    torch.set_num_threads(2)
    names = args.only or list(MODEL_SPECS)
    summary = [train_one(name, args.cache, args.models_dir, args.epochs) for name in names]
    with open(os.path.join(args.cache, 'training-summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)


if __name__ == '__main__':
    main()
