import type { DataSet } from 'dicom-parser';
import { type Lut, lookUp, readLut } from './read-lut';
import type { PixelModule } from './read-pixel-module';

/** The Modality LUT stage (PS3.3 C.11.1): a rescale, or a LUT from the Modality LUT Sequence. */
export type ModalityLut =
  | { readonly kind: 'rescale'; readonly slope: number; readonly intercept: number }
  | { readonly kind: 'sequence'; readonly lut: Lut };

/**
 * Reads the modality transform of a monochrome image: the first item of the Modality LUT Sequence (0028,3000)
 * if present, otherwise Rescale Slope (0028,1053) and Intercept (0028,1052), default 1 and 0. A slope that is
 * missing, zero or not a number counts as 1, as viewers do.
 */
export function readModalityLut(dataSet: DataSet, module: PixelModule): ModalityLut {
  const item = dataSet.elements.x00283000?.items?.[0]?.dataSet;
  if (item !== undefined) return { kind: 'sequence', lut: readLut(item, module.signed, 'Modality LUT Sequence') };
  const slope = dataSet.floatString('x00281053');
  const intercept = dataSet.floatString('x00281052');
  return {
    kind: 'rescale',
    slope: slope !== undefined && Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
  };
}

/** Maps a stored value to its modality value (float64). */
export function applyModalityLut(modality: ModalityLut, stored: number): number {
  return modality.kind === 'rescale' ? stored * modality.slope + modality.intercept : lookUp(modality.lut, stored);
}
