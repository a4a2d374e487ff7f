"""Procedural chest-radiograph-like images with known finding masks (dev-time only).

Every case is drawn from its own seed, so any case can be regenerated alone:
    image, masks = render_case(make_spec(seed, task, findings), height, width)

The picture is drawn in a canonical patient frame (u to the right of the image, v downwards,
one unit = half of the shorter image side), then an affine transform (rotation, shift,
anisotropic scale) maps pixels into that frame. Shapes are evaluated analytically per pixel,
so masks are exact on the output grid whatever its size or aspect.

Intensities: 0 = black (air), 1 = white (dense). Lungs are dark, bone and soft tissue brighter.
Findings:
    nodule   one or two small round bright blobs inside a lung field
    opacity  a larger diffuse patchy brightening inside a lung field
    effusion a bright meniscus-shaped region at a lung base (multilabel task only)
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Sequence, Tuple

import cv2
import numpy as np

MULTICLASS_LABELS = ('normal', 'nodule', 'opacity')
MULTILABEL_LABELS = ('nodule', 'opacity', 'effusion')
FINDINGS = ('nodule', 'opacity', 'effusion')

# Typical lung fields in the canonical frame: centre u, centre v, semi-axis u, semi-axis v, dome offset
# (diaphragm height at the medial end, in units of the v semi-axis), dome curvature (how far the
# costophrenic angle drops laterally). Image-left is the patient's right lung (slightly larger).
# Each case varies these (see _draw_lungs), so no fixed template outlines a normal chest.
Lung = Tuple[float, float, float, float, float, float]
_LUNGS: Tuple[Lung, Lung] = ((-0.40, -0.08, 0.33, 0.74, 0.56, 0.12), (0.40, -0.06, 0.30, 0.70, 0.56, 0.12))


def _draw_lungs(rng: np.random.Generator) -> List[Lung]:
    lungs = []
    for cu, cv, au, av, offset, curve in _LUNGS:
        lungs.append(
            (
                cu + rng.normal(0.0, 0.02),
                cv + rng.normal(0.0, 0.02),
                au * rng.uniform(0.92, 1.08),
                av * rng.uniform(0.93, 1.07),
                offset + rng.uniform(-0.07, 0.07),
                curve * rng.uniform(0.6, 1.4),
            )
        )
    return lungs


@dataclasses.dataclass
class CaseSpec:
    """Everything random about one case, drawn from one seed."""

    seed: int
    task: str
    findings: Tuple[str, ...]


def make_spec(seed: int, task: str, findings: Sequence[str]) -> CaseSpec:
    for f in findings:
        if f not in FINDINGS:
            raise ValueError(f'unknown finding {f!r}; expected one of {FINDINGS}')
    if task == 'multiclass' and (len(findings) > 1 or 'effusion' in findings):
        raise ValueError('a multiclass case has exactly one of normal, nodule, opacity')
    return CaseSpec(seed=seed, task=task, findings=tuple(findings))


def _smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _soft_inside(sdf: np.ndarray, softness: float) -> np.ndarray:
    """1 well inside (sdf < 0), 0 well outside, a smooth ramp of width `softness` across the edge."""
    return 1.0 - _smoothstep(-softness, softness, sdf)


def _lowfreq_noise(rng: np.random.Generator, shape: Tuple[int, int], cells: int) -> np.ndarray:
    """Smooth random field in about [-1, 1]: a small random grid upsampled bicubically."""
    grid = rng.standard_normal((cells, cells)).astype(np.float32)
    field = cv2.resize(grid, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return field.astype(np.float64)


def _lung_sdf(u: np.ndarray, v: np.ndarray, lung: Lung) -> np.ndarray:
    """Approximate signed distance (canonical units) to one lung field; negative inside.

    Ellipse-like apex and sides, cut at the bottom by a diaphragm dome that is highest medially
    and lowest at the costophrenic angle.
    """
    cu, cv, au, av, offset, curve = lung
    du = (u - cu) / au
    dv = (v - cv) / av
    ell = (np.sqrt(du * du + dv * dv) - 1.0) * min(au, av)
    side = np.sign(cu)
    lateral = np.clip(side * (u - cu) / au, -1.0, 1.0)  # -1 medial .. +1 lateral
    dome = cv + offset * av + curve * (lateral + 1.0) ** 2
    below = v - dome
    return np.maximum(ell, below)


def _sample_point_in_lung(
    rng: np.random.Generator, lung: Lung, margin: float, heart: Tuple[float, ...]
) -> Tuple[float, float]:
    """Rejection-sample a point well inside a lung field and clear of the heart shadow."""
    hu, hv, hau, hav = heart
    for _ in range(500):
        cu, cv, au, av = lung[:4]
        pu = cu + rng.uniform(-au, au)
        pv = cv + rng.uniform(-av, av)
        sdf = float(_lung_sdf(np.array(pu), np.array(pv), lung))
        in_heart = ((pu - hu) / (hau + margin)) ** 2 + ((pv - hv) / (hav + margin)) ** 2 < 1.0
        if sdf < -margin and not in_heart:
            return pu, pv
    raise RuntimeError('could not place a finding inside the lung field')


def render_case(spec: CaseSpec, height: int, width: int) -> Tuple[np.ndarray, Dict[str, np.ndarray]]:
    """Draw one case.

    Returns (image, masks): image float64 [height, width] in [0, 1]; masks maps each finding
    present to a bool [height, width] array.
    """
    rng = np.random.default_rng(spec.seed)
    half = min(height, width) / 2.0

    # Global pose: rotation, shift, anisotropic scale (patient size and build).
    theta = np.deg2rad(rng.uniform(-6.0, 6.0))
    scale_u = rng.uniform(0.82, 1.0)
    scale_v = scale_u * rng.uniform(0.9, 1.1)
    shift_u = rng.uniform(-0.07, 0.07)
    shift_v = rng.uniform(-0.05, 0.09)

    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    px = (xs + 0.5 - width / 2.0) / half - shift_u
    py = (ys + 0.5 - height / 2.0) / half - shift_v
    cos_t, sin_t = np.cos(theta), np.sin(theta)
    u = (cos_t * px + sin_t * py) / scale_u
    v = (-sin_t * px + cos_t * py) / scale_v
    px_size = 1.0 / (half * scale_u)  # one pixel, in canonical units
    soft = 2.0 * px_size

    # Body: a rounded torso, wider at the shoulders, with a neck.
    half_width = 0.8 + 0.12 * _smoothstep(0.4, -0.6, v) - 0.1 * _smoothstep(-0.7, -0.95, v)
    torso_sdf = (np.abs(u / half_width) ** 4 + np.abs((v - 0.2) / 1.15) ** 4) ** 0.25 - 1.0
    neck_sdf = np.maximum(np.abs(u) - 0.22, v + 0.7)
    body = _soft_inside(np.minimum(torso_sdf, neck_sdf) * 0.9, 0.02 + soft)
    tissue = rng.uniform(0.46, 0.56)
    img = 0.04 + body * (tissue + 0.08 * _smoothstep(-0.9, 0.5, -np.abs(u)))  # thicker centrally

    # Heart shadow: soft tissue in front of the lower left lung, hides the lung behind it.
    heart = (rng.uniform(0.12, 0.2), rng.uniform(0.24, 0.32), rng.uniform(0.27, 0.34), rng.uniform(0.22, 0.27))
    hu, hv, hau, hav = heart
    heart_sdf = (np.sqrt(((u - hu) / hau) ** 2 + ((v - hv) / hav) ** 2) - 1.0) * hav
    heart_mask = _soft_inside(heart_sdf, 0.025 + soft)

    # Lung fields: darker, slightly denser towards the bases and the hila.
    lung_darkness = rng.uniform(0.28, 0.36)
    case_lungs = _draw_lungs(rng)
    lung_sdfs = [_lung_sdf(u, v, lung) for lung in case_lungs]
    lung_soft = [_soft_inside(s, 0.035 + soft) for s in lung_sdfs]
    lungs = np.maximum(lung_soft[0], lung_soft[1])
    hilum = np.exp(-(((np.abs(u) - 0.2) / 0.12) ** 2 + ((v + 0.05) / 0.2) ** 2))
    aeration = lungs * (1.0 - 0.8 * heart_mask)
    img -= aeration * lung_darkness * (1.0 - 0.25 * _smoothstep(-0.6, 0.6, v) - 0.35 * hilum)
    img += heart_mask * 0.04

    # Vessels: faint branching texture inside the lungs (low-frequency noise bands).
    vessels = np.abs(_lowfreq_noise(rng, (height, width), 14))
    img += aeration * 0.035 * np.exp(-vessels * 3.0)

    # Mediastinum and spine.
    mediastinum = _soft_inside(np.abs(u) - (0.11 + 0.04 * _smoothstep(-0.8, 0.2, v)), 0.03)
    mediastinum *= _smoothstep(-1.0, -0.7, v)
    img += mediastinum * 0.12
    vertebra = 0.5 + 0.5 * np.cos((v + rng.uniform(0, 1)) * np.pi * 9.0)
    spine = _soft_inside(np.abs(u) - 0.065, 0.012 + soft) * body
    img += spine * (0.05 + 0.05 * vertebra)

    # Ribs: faint posterior arcs on each side with brighter cortical edges. Evaluated for all
    # ribs at once: each pixel is measured against its nearest rib on its side.
    rib_gain = rng.uniform(0.045, 0.08)
    rib_start = rng.uniform(-0.82, -0.74)
    rib_step = rng.uniform(0.12, 0.14)
    rib_jitter = rng.normal(0.0, 0.01, size=(2, 10))
    for s_index, side in enumerate((-1.0, 1.0)):
        d = side * u - 0.07
        offset = v - (-0.12 * d + 0.55 * d * d) - rib_start
        nearest = np.clip(np.rint(offset / rib_step), 0, 9).astype(np.int64)
        thickness = 0.032 + 0.004 * nearest
        dist = np.abs(offset - nearest * rib_step - rib_jitter[s_index][nearest]) / thickness
        rib = np.exp(-(dist**4)) * (0.7 + 0.3 * np.clip((dist - 0.6) / 0.4, 0.0, 1.0))
        fade = np.clip(d / 0.08, 0.0, 1.0) * np.clip((0.88 - d) / 0.18, 0.0, 1.0)
        img += rib * fade * rib_gain * body

    # Clavicles.
    for side in (-1.0, 1.0):
        a = np.array([side * 0.1, -0.74])
        b = np.array([side * 0.62, -0.84])
        ab = b - a
        t = np.clip(((u - a[0]) * ab[0] + (v - a[1]) * ab[1]) / float(ab @ ab), 0.0, 1.0)
        dist = np.hypot(u - (a[0] + t * ab[0]), v - (a[1] + t * ab[1]))
        img += _soft_inside(dist - 0.028, 0.01 + soft) * 0.09

    masks: Dict[str, np.ndarray] = {}
    lung_choice = [int(rng.integers(0, 2)) for _ in range(3)]

    # Findings. Each finding draws its random numbers in a fixed order so specs stay reproducible.
    if 'nodule' in spec.findings:
        count = 1 if rng.uniform() < 0.7 else 2
        nodule_mask = np.zeros((height, width), dtype=bool)
        for k in range(count):
            lung = case_lungs[lung_choice[0] if k == 0 else 1 - lung_choice[0]]
            radius = rng.uniform(0.035, 0.07)
            cu, cv = _sample_point_in_lung(rng, lung, radius + 0.03, heart)
            amp = rng.uniform(0.07, 0.2)
            wobble = 1.0 + 0.12 * np.sin(np.arctan2(v - cv, u - cu) * 3.0 + rng.uniform(0, 6.3))
            dist = np.hypot(u - cu, v - cv) / wobble
            img += amp * _soft_inside(dist - radius, 0.25 * radius + soft)
            nodule_mask |= dist <= radius
        masks['nodule'] = nodule_mask

    if 'opacity' in spec.findings:
        lung_index = lung_choice[1]
        lung = case_lungs[lung_index]
        radius = rng.uniform(0.13, 0.24)
        cu, cv = _sample_point_in_lung(rng, lung, 0.06, (9.0, 9.0, 0.01, 0.01))
        amp = rng.uniform(0.09, 0.2)
        patch = _lowfreq_noise(rng, (height, width), 10)
        envelope = np.exp(-((np.hypot(u - cu, v - cv) / radius) ** 2))
        # Patchy, but never faded out at its centre: the noise is clipped so every opacity shows.
        field = np.clip(envelope * (0.85 + 0.3 * np.clip(patch, -1.2, 1.5)), 0.0, None)
        field *= lung_soft[lung_index]
        img += amp * _smoothstep(0.15, 0.75, field)
        masks['opacity'] = (_smoothstep(0.15, 0.75, field) >= 0.3) & (lung_sdfs[lung_index] < 0)

    if 'effusion' in spec.findings:
        # Fluid fills the lung base up to a meniscus that climbs the lateral chest wall.
        lung_index = lung_choice[2]
        cu, cv, au, av, offset, curve = case_lungs[lung_index]
        side = np.sign(cu)
        depth = rng.uniform(0.08, 0.3)
        lateral = np.clip(side * (u - cu) / au, -1.0, 1.0)
        meniscus = 0.18 * _smoothstep(-0.4, 1.0, lateral) ** 2
        lung_area = max(1, int((lung_sdfs[lung_index] < 0).sum()))
        while True:
            # Deepen until the fluid fills at least 6% of the lung field: no invisible effusions.
            level = cv + offset * av + 2.2 * curve - depth - meniscus
            region_sdf = np.maximum(level - v, lung_sdfs[lung_index])
            if (region_sdf < 0).sum() >= 0.06 * lung_area or depth > 1.0:
                break
            depth += 0.02
        amp = rng.uniform(0.05, 0.15)
        img += amp * _soft_inside(region_sdf, 0.025 + soft) * (1.0 - 0.6 * heart_mask)
        masks['effusion'] = region_sdf < 0

    # Blur to the system's resolution, then noise, then global exposure variation.
    sigma_px = max(0.5, 0.006 * half)
    img = cv2.GaussianBlur(img, (0, 0), sigmaX=sigma_px, sigmaY=sigma_px)
    img *= 1.0 + 0.05 * _lowfreq_noise(rng, (height, width), 6)
    img += rng.normal(0.0, rng.uniform(0.01, 0.025), size=img.shape)
    gamma = rng.uniform(0.8, 1.25)
    lo = rng.uniform(-0.02, 0.04)
    hi = rng.uniform(0.82, 1.0)
    img = np.clip(img, 0.0, 1.0) ** gamma
    img = np.clip(lo + (hi - lo) * img, 0.0, 1.0)
    return img, masks


def draw_findings(rng: np.random.Generator, task: str) -> Tuple[str, ...]:
    """Balanced multiclass (one of normal/nodule/opacity) or independent multilabel findings."""
    if task == 'multiclass':
        label = MULTICLASS_LABELS[int(rng.integers(0, 3))]
        return () if label == 'normal' else (label,)
    return tuple(f for f in MULTILABEL_LABELS if rng.uniform() < 0.4)


def target_vector(task: str, findings: Sequence[str]) -> List[int]:
    """Class index (multiclass, as a one-element list) or a 0/1 vector per multilabel label."""
    if task == 'multiclass':
        return [MULTICLASS_LABELS.index(findings[0]) if findings else 0]
    return [1 if f in findings else 0 for f in MULTILABEL_LABELS]
