import { encode } from 'fast-png';

/** Encodes [0,1] float intensities (HWC, 1 or 3 channels; 4 = RGBA) as an 8-bit PNG. Values are clamped and rounded. */
export function encodeFloatPng(data: Float32Array, width: number, height: number, channels: 1 | 3 | 4): Uint8Array {
  const bytes = new Uint8Array(width * height * channels);
  for (let i = 0; i < bytes.length; i++) {
    const v = data[i]!;
    bytes[i] = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
  }
  return encodeRgbPng(bytes, width, height, channels);
}

/** Encodes 8-bit samples (HWC) as a PNG. */
export function encodeRgbPng(bytes: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Uint8Array {
  return encode({ width, height, data: bytes, channels, depth: 8 });
}
