"""The Lightbox preprocessing contract, in Python, as the reference for the TypeScript engine.

1. decode to float64 intensities in [0, 1]
     PNG/JPEG (PIL): 8-bit / 255, 16-bit / 65535; RGB kept as RGB; alpha dropped.
     DICOM: stored value -> modality LUT (v * slope + intercept) -> linear VOI window
     (DICOM PS3.3 C.11.2.1.2) -> for MONOCHROME1, 1 - y.
2. channels: grayscale replicated to the card's channel count; RGB -> luminance
   0.299 R + 0.587 G + 0.114 B when the card has one channel.
3. resize to height x width with torch bilinear, align_corners=False, antialias=True
   (float32 NCHW), skipped when the size already matches.
4. normalise (v - mean[c]) / std[c], float32 NCHW.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pydicom
import torch
import torch.nn.functional as F
from PIL import Image


def decode_raster(path: str) -> np.ndarray:
    """PNG or JPEG -> float64 [H, W] (grayscale) or [H, W, 3] (RGB) in [0, 1]."""
    with Image.open(path) as im:
        im.load()
        mode = im.mode
        if mode in ('I;16', 'I;16B', 'I;16L'):
            return np.asarray(im, dtype=np.uint16).astype(np.float64) / 65535.0
        if mode == 'I':
            # PIL opens 16-bit grayscale PNGs as 32-bit 'I' in some versions; the values are still 0..65535.
            return np.asarray(im, dtype=np.int64).astype(np.float64) / 65535.0
        if mode == 'L':
            return np.asarray(im, dtype=np.uint8).astype(np.float64) / 255.0
        if mode == 'LA':
            return np.asarray(im.getchannel('L'), dtype=np.uint8).astype(np.float64) / 255.0
        if mode in ('RGB', 'RGBA'):
            return np.asarray(im.convert('RGB'), dtype=np.uint8).astype(np.float64) / 255.0
        raise ValueError(f'{path}: unsupported PIL mode {mode}')


def voi_linear(x: np.ndarray, center: float, width: float) -> np.ndarray:
    """DICOM PS3.3 C.11.2.1.2 linear VOI function, output in [0, 1], float64."""
    c = float(center)
    w = float(width)
    if w < 1:
        raise ValueError(f'window width must be >= 1, got {w}')
    x = x.astype(np.float64)
    lower = c - 0.5 - (w - 1.0) / 2.0
    upper = c - 0.5 + (w - 1.0) / 2.0
    if w == 1:
        return np.where(x <= lower, 0.0, 1.0)
    y = (x - (c - 0.5)) / (w - 1.0) + 0.5
    return np.where(x <= lower, 0.0, np.where(x > upper, 1.0, y))


def _first(value: object) -> float:
    """WindowCenter/WindowWidth may be multi-valued; the first value is the default window."""
    if isinstance(value, (list, tuple)) or type(value).__name__ == 'MultiValue':
        return float(value[0])  # type: ignore[index]
    return float(value)  # type: ignore[arg-type]


def decode_dicom(path: str) -> np.ndarray:
    """DICOM (single-frame grayscale) -> float64 [H, W] in [0, 1] via modality LUT, VOI window, polarity."""
    ds = pydicom.dcmread(path)
    stored = ds.pixel_array.astype(np.float64)
    slope = float(ds.get('RescaleSlope', 1.0))
    intercept = float(ds.get('RescaleIntercept', 0.0))
    modality = stored * slope + intercept
    if 'WindowCenter' in ds and 'WindowWidth' in ds:
        y = voi_linear(modality, _first(ds.WindowCenter), _first(ds.WindowWidth))
    else:
        lo, hi = float(modality.min()), float(modality.max())
        y = (modality - lo) / (hi - lo) if hi > lo else np.zeros_like(modality)
    if ds.PhotometricInterpretation == 'MONOCHROME1':
        y = 1.0 - y
    return y


def decode_file(path: str) -> np.ndarray:
    if path.lower().endswith('.dcm'):
        return decode_dicom(path)
    return decode_raster(path)


def to_channels(decoded: np.ndarray, channels: int) -> np.ndarray:
    """[H, W] or [H, W, 3] float64 -> [C, H, W] float64."""
    if decoded.ndim == 2:
        return np.repeat(decoded[None, :, :], channels, axis=0)
    if decoded.ndim == 3 and decoded.shape[2] == 3:
        if channels == 3:
            return np.transpose(decoded, (2, 0, 1))
        if channels == 1:
            r, g, b = decoded[:, :, 0], decoded[:, :, 1], decoded[:, :, 2]
            return (0.299 * r + 0.587 * g + 0.114 * b)[None, :, :]
    raise ValueError(f'cannot map an image of shape {decoded.shape} to {channels} channel(s)')


def resize(chw: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """float32 [C, H, W] -> float32 [C, height, width]; bilinear, align_corners=False, antialias=True."""
    if chw.shape[1] == height and chw.shape[2] == width:
        return chw
    out = F.interpolate(chw[None], size=(height, width), mode='bilinear', align_corners=False, antialias=True)
    return out[0]


def normalise(chw: torch.Tensor, mean: Sequence[float], std: Sequence[float]) -> torch.Tensor:
    m = torch.tensor(mean, dtype=torch.float32)[:, None, None]
    s = torch.tensor(std, dtype=torch.float32)[:, None, None]
    return (chw - m) / s


def preprocess(decoded: np.ndarray, card_input: dict) -> torch.Tensor:
    """Decoded [0, 1] intensities -> normalised float32 [C, H, W] tensor for the card's input."""
    chw = torch.from_numpy(to_channels(decoded, card_input['channels']).astype(np.float32))
    chw = resize(chw, card_input['height'], card_input['width'])
    return normalise(chw, card_input['mean'], card_input['std'])
