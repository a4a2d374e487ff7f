"""PyTorch reference values for the TypeScript engine (dev-time only).

Usage: make_reference.py <cache-dir> <models-dir> <samples-dir>

Writes under <samples-dir>/reference/:
  decoded/<sample-id>.npy                         float32 [H, W] or [H, W, 3], step 1 of the contract
  preprocessed/<model>/<sample-id>.npy            float32 [C, H, W], normalised model input (GRAD_SAMPLES only)
  grad/<model>/<sample-id>.target-<k>.npy         float32 [C, H, W], d logit_k / d input (raw logit, no temperature),
                                                  k = the predicted (arg-max logit) class (GRAD_SAMPLES only)
  gradients.json                                  index of the two files above, with k and its label
  scores.json                                     {model: {sample file: {logits, scores}}}, scores =
                                                  activation(logits / temperature)
and, for check-onnx.mjs, <cache-dir>/onnx-check/<model>.{input.bin,json}: every sample's preprocessed
input and PyTorch logits.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Dict, List

import numpy as np
import torch

from demo_models import build_model
from preprocess import decode_file, preprocess

GRAD_SAMPLES = ['case-05-opacity-rgb', 'case-07-nodule-effusion-dicom']


def activation(name: str, z: torch.Tensor) -> torch.Tensor:
    if name == 'softmax':
        return torch.softmax(z, dim=-1)
    if name == 'sigmoid':
        return torch.sigmoid(z)
    return z


def main() -> None:
    cache, models_dir, samples_dir = sys.argv[1:4]
    torch.set_num_threads(2)
    torch.manual_seed(0)
    ref_dir = os.path.join(samples_dir, 'reference')
    shutil.rmtree(ref_dir, ignore_errors=True)  # no stale files from an earlier model or sample set
    with open(os.path.join(samples_dir, 'manifest.json')) as f:
        manifest = json.load(f)

    decoded: Dict[str, np.ndarray] = {}
    os.makedirs(os.path.join(ref_dir, 'decoded'), exist_ok=True)
    for entry in manifest:
        image = decode_file(os.path.join(samples_dir, entry['file']))
        if image.shape[:2] != (entry['height'], entry['width']):
            raise RuntimeError(f'{entry["file"]}: decoded shape {image.shape} does not match the manifest')
        decoded[entry['id']] = image
        np.save(os.path.join(ref_dir, 'decoded', f'{entry["id"]}.npy'), image.astype(np.float32))

    model_names = sorted(d for d in os.listdir(models_dir) if os.path.exists(os.path.join(models_dir, d, 'card.json')))
    scores: Dict[str, Dict[str, Dict[str, List[float]]]] = {}
    gradients: List[Dict[str, object]] = []
    os.makedirs(os.path.join(cache, 'onnx-check'), exist_ok=True)
    for name in model_names:
        with open(os.path.join(models_dir, name, 'card.json')) as f:
            card = json.load(f)
        model = build_model(name)
        model.load_state_dict(torch.load(os.path.join(cache, f'{name}.pt')))
        model.eval()
        temperature = float(card.get('calibration', {}).get('temperature', 1.0))
        act = card['output']['activation']
        scores[name] = {}
        inputs = []
        all_logits = []
        for entry in manifest:
            x = preprocess(decoded[entry['id']], card['input'])
            inputs.append(x)
            if entry['id'] in GRAD_SAMPLES:
                xg = x[None].clone().requires_grad_(True)
                logits = model(xg)[0]
                k = int(torch.argmax(logits).item())
                logits[k].backward()
                grad = xg.grad[0].detach().numpy().astype(np.float32)
                pre_path = os.path.join('preprocessed', name, f'{entry["id"]}.npy')
                grad_path = os.path.join('grad', name, f'{entry["id"]}.target-{k}.npy')
                for rel, arr in ((pre_path, x.numpy().astype(np.float32)), (grad_path, grad)):
                    os.makedirs(os.path.dirname(os.path.join(ref_dir, rel)), exist_ok=True)
                    np.save(os.path.join(ref_dir, rel), arr)
                gradients.append(
                    {
                        'model': name,
                        'sampleId': entry['id'],
                        'sampleFile': entry['file'],
                        'target': k,
                        'targetLabel': card['labels'][k],
                        'preprocessed': pre_path,
                        'gradient': grad_path,
                        'gradientAbsMax': float(np.abs(grad).max()),
                    }
                )
                logits = logits.detach()
            else:
                with torch.no_grad():
                    logits = model(x[None])[0]
            probs = activation(act, logits / temperature)
            all_logits.append(logits.numpy().astype(np.float32))
            scores[name][entry['file']] = {
                'logits': [float(v) for v in logits.numpy().astype(np.float32)],
                'scores': [float(v) for v in probs.detach().numpy().astype(np.float32)],
            }
            top = int(torch.argmax(probs).item())
            print(f'{name} {entry["file"]}: {card["labels"][top]} {float(probs[top]):.3f}  (truth: {", ".join(entry["labels"])})')
        batch = torch.stack(inputs).numpy().astype('<f4')
        batch.tofile(os.path.join(cache, 'onnx-check', f'{name}.input.bin'))
        with open(os.path.join(cache, 'onnx-check', f'{name}.json'), 'w') as f:
            json.dump({'shape': list(batch.shape), 'logits': [[float(v) for v in z] for z in all_logits]}, f)

    with open(os.path.join(ref_dir, 'scores.json'), 'w') as f:
        json.dump(scores, f, indent=2)
        f.write('\n')
    with open(os.path.join(ref_dir, 'gradients.json'), 'w') as f:
        json.dump(gradients, f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
