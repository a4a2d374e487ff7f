import { LightboxError } from '@lightbox/contracts';

/** The VOI LUT functions of DICOM PS3.3 C.11.2.1.3 (0028,1056). LINEAR is the default. */
export type TVoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface VoiWindow {
  readonly center: number;
  readonly width: number;
}

/**
 * Maps a value through a VOI window to [0, 1], in float64, exactly as PS3.3 C.11.2.1.2 (LINEAR)
 * and C.11.2.1.3 (LINEAR_EXACT, SIGMOID) define it with an output range of 0..1:
 * - LINEAR: 0 if x <= c - 0.5 - (w-1)/2, 1 if x > c - 0.5 + (w-1)/2, else (x - (c - 0.5)) / (w - 1) + 0.5
 * - LINEAR_EXACT: 0 if x <= c - w/2, 1 if x > c + w/2, else (x - c) / w + 0.5
 * - SIGMOID: 1 / (1 + exp(-4 (x - c) / w))
 * The window must be valid for the function (see `checkVoiWindow`).
 */
export function applyVoiWindow(x: number, window: VoiWindow, fn: TVoiLutFunction): number {
  const { center: c, width: w } = window;
  if (fn === 'SIGMOID') return 1 / (1 + Math.exp((-4 * (x - c)) / w));
  if (fn === 'LINEAR_EXACT') {
    if (x <= c - w / 2) return 0;
    if (x > c + w / 2) return 1;
    return (x - c) / w + 0.5;
  }
  if (x <= c - 0.5 - (w - 1) / 2) return 0;
  if (x > c - 0.5 + (w - 1) / 2) return 1;
  // w === 1 never reaches here: the two branches above cover every x.
  return (x - (c - 0.5)) / (w - 1) + 0.5;
}

/** Whether a window can be used with a function: LINEAR needs width >= 1, the others width > 0. */
export function isValidVoiWindow(window: VoiWindow, fn: TVoiLutFunction): boolean {
  if (!Number.isFinite(window.center) || !Number.isFinite(window.width)) return false;
  return fn === 'LINEAR' ? window.width >= 1 : window.width > 0;
}

/** Throws INVALID_ARGUMENT for a window a caller passed that the function cannot use. */
export function checkVoiWindow(window: VoiWindow, fn: TVoiLutFunction): void {
  if (isValidVoiWindow(window, fn)) return;
  const need = fn === 'LINEAR' ? 'a width of at least 1' : 'a width greater than 0';
  throw new LightboxError(
    'INVALID_ARGUMENT',
    `Window center ${window.center} / width ${window.width} is not usable: ${fn} windowing needs finite values and ${need}.`,
    { details: { window, voiLutFunction: fn } },
  );
}

/** Parses a (0028,1056) VOI LUT Function value; anything unknown or absent is LINEAR, the DICOM default. */
export function parseVoiLutFunction(value: string | undefined): TVoiLutFunction {
  const upper = value?.trim().toUpperCase();
  return upper === 'LINEAR_EXACT' || upper === 'SIGMOID' ? upper : 'LINEAR';
}
