import type { DecodedImage, DecodeOptions } from '../decoded-image';
import { DEFAULT_MAX_PIXELS } from '../decoded-image';
import { decodeDicomFrame } from './decode-dicom-frame';
import { parseDicom } from './parse-dicom';
import { readModalityLut } from './read-modality-lut';
import { readPixelModule } from './read-pixel-module';
import { readVoi } from './read-voi';
import { renderColour } from './render-colour';
import { renderMonochrome } from './render-monochrome';
import { resolveTransferSyntax } from './transfer-syntaxes';

/**
 * Decodes the first frame of a DICOM image to intensities in [0, 1].
 * Monochrome: modality LUT (rescale slope/intercept or Modality LUT Sequence) → VOI (options.window, else the
 * file's first window with its VOI LUT Function, else the VOI LUT Sequence, else min..max) → MONOCHROME1
 * inversion. Colour: RGB (YBR converted), scaled by 2^BitsStored − 1 or by options.window.
 * Refusals: UNSUPPORTED_IMAGE for transfer syntaxes and pixel formats Lightbox does not read (naming them),
 * IMAGE_TOO_LARGE for Rows × Columns above maxPixels (checked before any decompression), INVALID_IMAGE otherwise.
 */
export async function decodeDicom(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const parsed = parseDicom(bytes, { maxInflatedBytes: Math.min(2 ** 31 - 1, Math.max(64 * 2 ** 20, maxPixels * 8)) });
  const syntax = resolveTransferSyntax(parsed.transferSyntaxUid);
  const module = readPixelModule(parsed.dataSet, maxPixels);
  const frame = await decodeDicomFrame(parsed, module, syntax, maxPixels);
  const { dataSet } = parsed;
  const common = {
    transferSyntaxUid: parsed.transferSyntaxUid,
    photometricInterpretation: module.photometricInterpretation,
    hadPart10Header: parsed.hadPart10Header,
    numberOfFrames: module.numberOfFrames,
  };
  const size = { width: module.columns, height: module.rows };

  if (module.samplesPerPixel === 3) {
    const data = renderColour(frame.stored, module.bitsStored, frame.ybr, options.window);
    const max = 2 ** module.bitsStored - 1;
    const window = options.window
      ? { center: options.window.center, width: options.window.width, source: 'override' as const }
      : { center: max / 2, width: max, source: 'default' as const };
    return {
      ...size,
      channels: 3,
      data,
      info: {
        format: 'dicom',
        bitsStored: module.bitsStored,
        dicom: {
          ...common,
          rescaleSlope: 1,
          rescaleIntercept: 0,
          modalityLut: 'none',
          window,
          voiLutFunction: options.window ? 'LINEAR' : 'NONE',
        },
      },
    };
  }

  const modality = readModalityLut(dataSet, module);
  const voi = readVoi(dataSet, module, modality, options.window);
  const rendering = renderMonochrome(frame.stored, modality, voi, module.photometricInterpretation === 'MONOCHROME1');
  return {
    ...size,
    channels: 1,
    data: rendering.data,
    info: {
      format: 'dicom',
      bitsStored: module.bitsStored,
      dicom: {
        ...common,
        rescaleSlope: modality.kind === 'rescale' ? modality.slope : 1,
        rescaleIntercept: modality.kind === 'rescale' ? modality.intercept : 0,
        modalityLut: modality.kind,
        window: rendering.window,
        voiLutFunction: rendering.voiLutFunction,
      },
    },
  };
}
