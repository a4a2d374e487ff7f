"""Generate the training, calibration and held-out splits for both tasks (dev-time only).

Each case is drawn at a source size like the sample files (mostly 256x256, some non-square),
quantised to 8 bits as a PNG would be, then taken through the same contract as Lightbox:
/255 -> resize (torch bilinear, antialias) to 128x128 and 64x64. The [0, 1] intensities are
stored as float16 (grayscale; channel replication and normalisation happen at batch time).
Each case also keeps a coarse 16x16 finding-presence map per finding (nodule, opacity, effusion:
1 where a grid cell holds any finding pixel), used only by the auxiliary training loss.

Usage: build_datasets.py <cache-dir>   (writes <cache-dir>/<task>-<split>.npz)
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import sys
import time
from typing import Dict, List, Tuple

import cv2
import numpy as np
import torch

from generate_cases import FINDINGS, draw_findings, make_spec, render_case, target_vector
from preprocess import resize

SOURCE_SIZES = ((256, 256), (256, 256), (256, 256), (240, 288), (288, 240), (224, 224))
OUTPUT_SIZES = (128, 64)
PRESENCE_GRID = 16
# Seed ranges never overlap between tasks, splits, and the sample cases (which use seeds below 100_000).
SPLITS: Dict[str, Tuple[int, int]] = {'train': (0, 6000), 'calib': (6000, 7000), 'test': (7000, 8000)}
TASK_SEED_BASE = {'multiclass': 1_000_000, 'multilabel': 2_000_000}


def make_one(args: Tuple[str, int]) -> Tuple[Dict[int, np.ndarray], np.ndarray, List[int]]:
    task, seed = args
    rng = np.random.default_rng([seed, 7])
    findings = draw_findings(rng, task)
    height, width = SOURCE_SIZES[int(rng.integers(0, len(SOURCE_SIZES)))]
    image, masks = render_case(make_spec(seed, task, findings), height, width)
    presence = np.zeros((len(FINDINGS), PRESENCE_GRID, PRESENCE_GRID), dtype=np.uint8)
    for k, finding in enumerate(FINDINGS):
        if finding in masks:
            area = cv2.resize(masks[finding].astype(np.float32), (PRESENCE_GRID, PRESENCE_GRID), interpolation=cv2.INTER_AREA)
            presence[k] = area > 0
    quantised = np.round(image * 255.0).astype(np.uint8)
    chw = torch.from_numpy((quantised.astype(np.float64) / 255.0).astype(np.float32))[None]
    out = {size: resize(chw, size, size)[0].numpy().astype(np.float16) for size in OUTPUT_SIZES}
    return out, presence, target_vector(task, findings)


def source_fingerprint() -> str:
    """Hash of the code that determines the datasets: a cache built by other code is discarded."""
    here = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in ('generate_cases.py', 'preprocess.py', 'build_datasets.py'):
        with open(os.path.join(here, name), 'rb') as f:
            digest.update(f.read())
    return digest.hexdigest()


def _init_worker() -> None:
    torch.set_num_threads(1)


def main() -> None:
    cache = sys.argv[1]
    os.makedirs(cache, exist_ok=True)
    stamp = os.path.join(cache, 'datasets.fingerprint')
    fingerprint = source_fingerprint()
    if not os.path.exists(stamp) or open(stamp).read().strip() != fingerprint:
        for name in os.listdir(cache):
            if name.endswith('.npz'):
                os.remove(os.path.join(cache, name))
        with open(stamp, 'w') as f:
            f.write(fingerprint + '\n')
    torch.set_num_threads(1)
    with mp.get_context('fork').Pool(2, initializer=_init_worker) as pool:
        for task, base in TASK_SEED_BASE.items():
            for split, (start, stop) in SPLITS.items():
                path = os.path.join(cache, f'{task}-{split}.npz')
                if os.path.exists(path):
                    print(f'{path} exists, kept')
                    continue
                t0 = time.time()
                jobs = [(task, base + i) for i in range(start, stop)]
                results = pool.map(make_one, jobs, chunksize=64)
                arrays = {f'x{size}': np.stack([r[0][size] for r in results]) for size in OUTPUT_SIZES}
                arrays['presence'] = np.stack([r[1] for r in results])
                targets = np.array([r[2] for r in results], dtype=np.int64)
                y = targets[:, 0] if task == 'multiclass' else targets
                np.savez(path + '.partial.npz', y=y, **arrays)
                os.replace(path + '.partial.npz', path)
                print(f'{task}-{split}: {len(jobs)} cases in {time.time() - t0:.0f} s; class counts {np.bincount(y) if task == "multiclass" else y.sum(0)}')


if __name__ == '__main__':
    main()
