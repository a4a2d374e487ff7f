import { applyVoiWindow } from '../apply-voi-window';
import { lookUp } from './read-lut';
import { applyModalityLut, type ModalityLut } from './read-modality-lut';
import type { VoiTransform } from './read-voi';

export interface MonochromeRendering {
  readonly data: Float32Array;
  /** The window applied; for a VOI LUT, the range of inputs it maps; for the default, min..max. */
  readonly window: {
    readonly center: number;
    readonly width: number;
    readonly source: 'override' | 'file' | 'voi-lut' | 'default';
  };
  /** LINEAR, LINEAR_EXACT or SIGMOID for a window (the default window is LINEAR_EXACT), LUT for a VOI LUT. */
  readonly voiLutFunction: string;
}

/**
 * Stored values → [0, 1], in float64, in the order PS3.3 C.11 fixes: modality LUT (rescale or LUT), then VOI
 * (window or LUT), then MONOCHROME1 inversion (1 − y). The default VOI maps the min..max of the modality values
 * present linearly to 0..1 (a constant image gives 0). The output depends only on the stored value, so each
 * distinct value in min..max (at most 65536 of them) is computed once.
 */
export function renderMonochrome(
  stored: Int32Array,
  modality: ModalityLut,
  voi: VoiTransform,
  invert: boolean,
): MonochromeRendering {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < stored.length; i++) {
    const v = stored[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (stored.length === 0) min = max = 0;
  const size = max - min + 1;
  const modalityValues = new Float64Array(size);
  for (let k = 0; k < size; k++) modalityValues[k] = applyModalityLut(modality, min + k);

  let map: (m: number) => number;
  let window: MonochromeRendering['window'];
  let voiLutFunction: string;
  if (voi.kind === 'window') {
    map = (m) => applyVoiWindow(m, voi.window, voi.fn);
    window = { ...voi.window, source: voi.source };
    voiLutFunction = voi.fn;
  } else if (voi.kind === 'lut') {
    const top = 2 ** voi.lut.bitsPerEntry - 1;
    map = (m) => lookUp(voi.lut, m) / top;
    window = {
      center: voi.lut.firstMapped + voi.lut.entries.length / 2,
      width: voi.lut.entries.length,
      source: 'voi-lut',
    };
    voiLutFunction = 'LUT';
  } else {
    const present = new Uint8Array(size);
    for (let i = 0; i < stored.length; i++) present[stored[i]! - min] = 1;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < size; k++) {
      if (present[k] === 0) continue;
      const m = modalityValues[k]!;
      if (m < lo) lo = m;
      if (m > hi) hi = m;
    }
    map = hi > lo ? (m) => (m - lo) / (hi - lo) : () => 0;
    window = { center: (lo + hi) / 2, width: hi - lo, source: 'default' };
    voiLutFunction = 'LINEAR_EXACT';
  }

  const table = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const y = Math.min(1, Math.max(0, map(modalityValues[k]!)));
    table[k] = invert ? 1 - y : y;
  }
  const data = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) data[i] = table[stored[i]! - min]!;
  return { data, window, voiLutFunction };
}
