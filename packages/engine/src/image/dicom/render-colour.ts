import { applyVoiWindow, checkVoiWindow, type VoiWindow } from '../apply-voi-window';
import { convertYbrFullToRgb } from './convert-ybr-full-to-rgb';

/**
 * Interleaved colour stored values → RGB in [0, 1]: YBR_FULL samples are converted to RGB first; values are
 * divided by 2^BitsStored − 1, or mapped through `window` (LINEAR, in stored units) when given.
 * Colour images have no modality or VOI transform in DICOM.
 */
export function renderColour(stored: Int32Array, bitsStored: number, ybr: boolean, window?: VoiWindow): Float32Array {
  if (window !== undefined) checkVoiWindow(window, 'LINEAR');
  const values = Float64Array.from(stored);
  if (ybr) convertYbrFullToRgb(values, bitsStored);
  const max = 2 ** bitsStored - 1;
  const data = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    data[i] = window ? applyVoiWindow(v, window, 'LINEAR') : Math.min(1, Math.max(0, v / max));
  }
  return data;
}
