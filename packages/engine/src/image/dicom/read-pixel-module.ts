import { LightboxError } from '@lightbox/contracts';
import type { DataSet } from 'dicom-parser';
import { checkImageDimensions } from '../check-image-dimensions';
import { printableText } from '../printable-text';

export type TPhotometricInterpretation =
  | 'MONOCHROME1'
  | 'MONOCHROME2'
  | 'RGB'
  | 'YBR_FULL'
  | 'YBR_FULL_422'
  | 'YBR_RCT'
  | 'YBR_ICT';

/** The Image Pixel Module attributes (PS3.3 C.7.6.3) that decoding needs, checked. */
export interface PixelModule {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: 1 | 3;
  readonly photometricInterpretation: TPhotometricInterpretation;
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly highBit: number;
  readonly signed: boolean;
  /** 0: colour-by-pixel, 1: colour-by-plane (native colour only). */
  readonly planarConfiguration: 0 | 1;
  readonly numberOfFrames: number;
}

const MONOCHROME = new Set(['MONOCHROME1', 'MONOCHROME2']);
const COLOUR = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_RCT', 'YBR_ICT']);

/**
 * Reads and checks Rows, Columns (against maxPixels, before anything is decoded), Samples per Pixel,
 * Photometric Interpretation, Bits Allocated/Stored, High Bit, Pixel Representation, Planar Configuration and
 * Number of Frames. Missing or inconsistent values are INVALID_IMAGE; valid but unhandled ones (PALETTE COLOR,
 * float pixel data, 1- or 32-bit samples) are UNSUPPORTED_IMAGE.
 */
export function readPixelModule(dataSet: DataSet, maxPixels: number | undefined): PixelModule {
  const elements = dataSet.elements;
  if (elements.x7fe00010 === undefined) {
    if (elements.x7fe00008 !== undefined || elements.x7fe00009 !== undefined) {
      throw unsupported('it holds Float or Double Float Pixel Data (7FE0,0008/0009), which Lightbox does not read');
    }
    const sopClass = dataSet.string('x00080016');
    throw invalid(
      `it has no Pixel Data (7FE0,0010) element, so it holds no image${sopClass ? ` (SOP Class ${printableText(sopClass)})` : ''}`,
    );
  }
  const rows = dataSet.uint16('x00280010');
  const columns = dataSet.uint16('x00280011');
  if (rows === undefined || columns === undefined) throw invalid('Rows (0028,0010) or Columns (0028,0011) is missing');
  checkImageDimensions(columns, rows, maxPixels, 'DICOM Rows/Columns');

  const samplesPerPixel = dataSet.uint16('x00280002') ?? 1;
  const photometric = (dataSet.string('x00280004') ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).toUpperCase();
  if (photometric === 'PALETTE COLOR') {
    throw unsupported(
      'its Photometric Interpretation is PALETTE COLOR; convert it to RGB first (e.g. `gdcmconv --apply-lut8`)',
    );
  }
  if (!MONOCHROME.has(photometric) && !COLOUR.has(photometric)) {
    throw unsupported(
      `its Photometric Interpretation ${printableText(photometric)} is not supported (supported: MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, ` +
        'YBR_FULL_422, YBR_RCT, YBR_ICT)',
    );
  }
  const expectedSamples = MONOCHROME.has(photometric) ? 1 : 3;
  if (samplesPerPixel !== expectedSamples) {
    throw invalid(`Samples per Pixel is ${samplesPerPixel} but ${photometric} needs ${expectedSamples}`);
  }

  const bitsAllocated = dataSet.uint16('x00280100');
  if (bitsAllocated === undefined) throw invalid('Bits Allocated (0028,0100) is missing');
  if (bitsAllocated === 1 || bitsAllocated === 32 || bitsAllocated === 64) {
    throw unsupported(
      `it has ${bitsAllocated}-bit samples (Bits Allocated ${bitsAllocated}); Lightbox reads 8- and 16-bit samples`,
    );
  }
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw invalid(`Bits Allocated is ${bitsAllocated}, which DICOM does not allow (1 or a multiple of 8)`);
  }
  const bitsStored = dataSet.uint16('x00280101') ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw invalid(`Bits Stored is ${bitsStored}, outside 1..${bitsAllocated} (Bits Allocated)`);
  }
  const highBit = dataSet.uint16('x00280102') ?? bitsStored - 1;
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    throw invalid(
      `High Bit is ${highBit}, but with Bits Stored ${bitsStored} and Bits Allocated ${bitsAllocated} it must be ${bitsStored - 1}..${bitsAllocated - 1}`,
    );
  }
  const pixelRepresentation = dataSet.uint16('x00280103') ?? 0;
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) {
    throw invalid(`Pixel Representation is ${pixelRepresentation}; it must be 0 (unsigned) or 1 (signed)`);
  }
  const planar = dataSet.uint16('x00280006') ?? 0;
  const numberOfFrames = dataSet.intString('x00280008') ?? 1;
  if (!Number.isInteger(numberOfFrames) || numberOfFrames < 1) {
    throw invalid(
      `Number of Frames is ${printableText(dataSet.string('x00280008') ?? '')}; it must be a positive integer`,
    );
  }
  return {
    rows,
    columns,
    samplesPerPixel: expectedSamples,
    photometricInterpretation: photometric as TPhotometricInterpretation,
    bitsAllocated,
    bitsStored,
    highBit,
    signed: pixelRepresentation === 1,
    planarConfiguration: planar === 1 ? 1 : 0,
    numberOfFrames,
  };
}

function invalid(problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `This DICOM file cannot be decoded: ${problem}.`);
}

function unsupported(problem: string): LightboxError {
  return new LightboxError('UNSUPPORTED_IMAGE', `This DICOM file is not supported: ${problem}.`);
}
