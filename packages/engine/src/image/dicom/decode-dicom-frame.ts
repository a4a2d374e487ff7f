import { LightboxError } from '@lightbox/contracts';
import { decodeJpeg2000 } from '../codecs/decode-jpeg-2000';
import { decodeJpegBaseline } from '../codecs/decode-jpeg-baseline';
import { decodeJpegLossless } from '../codecs/decode-jpeg-lossless';
import { decodeJpegLs } from '../codecs/decode-jpeg-ls';
import type { DecodedCodestream } from '../codecs/decoded-codestream';
import { decodeRle } from './decode-rle';
import { extractEncapsulatedFrame } from './extract-encapsulated-frame';
import { extractNativeFrame } from './extract-native-frame';
import type { ParsedDicom } from './parse-dicom';
import type { PixelModule } from './read-pixel-module';
import type { TransferSyntax } from './transfer-syntaxes';
import { toStoredValues, unpackNativePixels } from './unpack-native-pixels';

export interface DicomFrame {
  /** Stored values of frame 1, interleaved by pixel: rows × columns × samplesPerPixel. */
  readonly stored: Int32Array;
  /** Whether colour samples are still YBR_FULL and need converting to RGB. */
  readonly ybr: boolean;
}

/**
 * Decodes the first frame of the pixel data to stored values, whatever the transfer syntax: native (little or
 * big endian), RLE, or a codec for JPEG, JPEG lossless, JPEG-LS and JPEG 2000. A codestream whose size or
 * number of components disagrees with Rows, Columns and Samples per Pixel is INVALID_IMAGE.
 */
export async function decodeDicomFrame(
  parsed: ParsedDicom,
  module: PixelModule,
  syntax: TransferSyntax & { readonly encoding: Exclude<TransferSyntax['encoding'], 'unsupported'> },
  maxPixels?: number,
): Promise<DicomFrame> {
  const { dataSet } = parsed;
  const photometric = module.photometricInterpretation;
  const isYbr = photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422';
  switch (syntax.encoding) {
    case 'native':
      return { stored: unpackNativePixels(extractNativeFrame(dataSet, module), module), ybr: isYbr };
    case 'native-big-endian': {
      const swapBytePairs = module.bitsAllocated === 8 && dataSet.elements.x7fe00010?.vr === 'OW';
      return {
        stored: unpackNativePixels(extractNativeFrame(dataSet, module), module, { bigEndian: true, swapBytePairs }),
        ybr: isYbr,
      };
    }
    case 'rle': {
      const frame = extractEncapsulatedFrame(dataSet, module.numberOfFrames);
      const pixels = decodeRle(frame, module);
      // RLE output is always colour-by-pixel with three samples per pixel.
      const layout: PixelModule = {
        ...module,
        planarConfiguration: 0,
        photometricInterpretation: photometric === 'YBR_FULL_422' ? 'YBR_FULL' : photometric,
      };
      return { stored: unpackNativePixels(pixels, layout), ybr: isYbr };
    }
    default: {
      const frame = extractEncapsulatedFrame(dataSet, module.numberOfFrames);
      const what = `compressed frame (${syntax.name})`;
      const codecOptions = { what, ...(maxPixels === undefined ? {} : { maxPixels }) };
      const decoded =
        syntax.encoding === 'jpeg-baseline'
          ? await decodeJpegBaseline(frame, codecOptions)
          : syntax.encoding === 'jpeg-lossless'
            ? await decodeJpegLossless(frame, codecOptions)
            : syntax.encoding === 'jpeg-ls'
              ? await decodeJpegLs(frame, codecOptions)
              : await decodeJpeg2000(frame, codecOptions);
      checkCodestreamMatches(decoded, module, what);
      // libjpeg converts YCbCr to RGB itself; OpenJPEG undoes RCT/ICT (YBR_RCT, YBR_ICT).
      const ybr = isYbr && syntax.encoding !== 'jpeg-baseline';
      const stored = toStoredValues(decoded.samples, {
        bitsStored: module.bitsStored,
        signed: module.signed,
        precision: decoded.precision,
        lossy: syntax.lossy,
      });
      return { stored, ybr };
    }
  }
}

function checkCodestreamMatches(decoded: DecodedCodestream, module: PixelModule, what: string): void {
  if (
    decoded.width !== module.columns ||
    decoded.height !== module.rows ||
    decoded.components !== module.samplesPerPixel
  ) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The DICOM ${what} is ${decoded.width}×${decoded.height} with ${decoded.components} component(s), but Rows/Columns/` +
        `Samples per Pixel say ${module.columns}×${module.rows} with ${module.samplesPerPixel}.`,
    );
  }
  if (decoded.precision > module.bitsAllocated) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The DICOM ${what} has ${decoded.precision}-bit samples, more than Bits Allocated (${module.bitsAllocated}).`,
    );
  }
}
