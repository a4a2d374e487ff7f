import type { DataSet } from 'dicom-parser';
import {
  checkVoiWindow,
  isValidVoiWindow,
  parseVoiLutFunction,
  type TVoiLutFunction,
  type VoiWindow,
} from '../apply-voi-window';
import { type Lut, readLut } from './read-lut';
import type { ModalityLut } from './read-modality-lut';
import type { PixelModule } from './read-pixel-module';

/** Which VOI transform (PS3.3 C.11.2) applies to a monochrome image. */
export type VoiTransform =
  | {
      readonly kind: 'window';
      readonly window: VoiWindow;
      readonly fn: TVoiLutFunction;
      readonly source: 'override' | 'file';
    }
  | { readonly kind: 'lut'; readonly lut: Lut }
  /** No usable window or LUT: the min..max of the modality values present, mapped linearly. */
  | { readonly kind: 'default' };

/**
 * Picks the VOI transform, in this order:
 * 1. `override` (a caller's window; INVALID_ARGUMENT if unusable), with the file's VOI LUT Function;
 * 2. the first Window Center/Width pair (0028,1050/1051) with VOI LUT Function (0028,1056), if usable;
 * 3. the first item of the VOI LUT Sequence (0028,3010);
 * 4. the default min..max window.
 */
export function readVoi(
  dataSet: DataSet,
  module: PixelModule,
  modality: ModalityLut,
  override?: VoiWindow,
): VoiTransform {
  const fn = parseVoiLutFunction(dataSet.string('x00281056'));
  if (override !== undefined) {
    checkVoiWindow(override, fn);
    return { kind: 'window', window: { center: override.center, width: override.width }, fn, source: 'override' };
  }
  const center = dataSet.floatString('x00281050', 0);
  const width = dataSet.floatString('x00281051', 0);
  if (center !== undefined && width !== undefined) {
    const window = { center, width };
    if (isValidVoiWindow(window, fn)) return { kind: 'window', window, fn, source: 'file' };
  }
  const item = dataSet.elements.x00283010?.items?.[0]?.dataSet;
  if (item !== undefined) {
    const signedInput = module.signed || (modality.kind === 'rescale' && modality.intercept < 0);
    return { kind: 'lut', lut: readLut(item, signedInput, 'VOI LUT Sequence') };
  }
  return { kind: 'default' };
}
