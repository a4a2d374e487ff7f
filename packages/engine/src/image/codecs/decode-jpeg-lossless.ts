import { createRequire } from 'node:module';
import { LightboxError } from '@lightbox/contracts';
import { checkImageDimensions } from '../check-image-dimensions';
import type { DecodedCodestream } from './decoded-codestream';
import { describeError } from './load-wasm-codec';
import { readJpegHeader } from './read-jpeg-header';

interface LosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  /** The row the decoder reached: equal to the height once every pixel was decoded. */
  yLoc: number;
  /** Where the decoder stopped reading; it reads past the end (as zeros) when the scan data runs out. */
  stream: { index: number } | null;
}

const require = createRequire(import.meta.url);
let decoderClass: (new () => LosslessDecoder) | undefined;

/**
 * Decodes a lossless JPEG (ITU T.81 process 14, any selection value: DICOM .57 and .70) with
 * jpeg-lossless-decoder-js. The SOF3 header is checked first: 1 component of 2–16 bits or 3 components of
 * up to 8 bits; IMAGE_TOO_LARGE before decoding; INVALID_IMAGE without EOI or when the decoder fails or
 * returns fewer samples than the frame needs.
 */
export async function decodeJpegLossless(
  bytes: Uint8Array,
  options: { readonly maxPixels?: number; readonly what?: string } = {},
): Promise<DecodedCodestream> {
  const what = options.what ?? 'lossless JPEG stream';
  const header = readJpegHeader(bytes, what);
  if (header.process !== 'lossless') {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `The ${what} uses the ${header.process} JPEG process, not lossless (SOF3) as its transfer syntax says.`,
    );
  }
  const supported =
    header.components === 1
      ? header.precision >= 2 && header.precision <= 16
      : header.components === 3 && header.precision <= 8;
  if (!supported) {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `The ${what} has ${header.components} component(s) of ${header.precision} bits; supported: gray up to 16 bits, colour up to 8 bits.`,
    );
  }
  checkImageDimensions(header.width, header.height, options.maxPixels, `${what} frame header (SOF3)`);
  if (!header.hasEoi) {
    throw new LightboxError('INVALID_IMAGE', `The ${what} is truncated: it ends before the end-of-image marker (EOI).`);
  }
  decoderClass ??= (require('jpeg-lossless-decoder-js') as { Decoder: new () => LosslessDecoder }).Decoder;
  const decoder = new decoderClass();
  let samples: Uint8Array | Uint16Array;
  try {
    samples = decoder.decode(
      bytes.buffer as ArrayBuffer,
      bytes.byteOffset,
      bytes.byteLength,
      header.precision > 8 ? 2 : 1,
    );
  } catch (error) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The lossless JPEG decoder could not decode the ${what}: ${describeError(error)}.`,
      {
        cause: error,
      },
    );
  }
  const count = header.width * header.height * header.components;
  if (samples.length !== count || decoder.yLoc < header.height) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The ${what} is corrupt: decoding stopped at row ${decoder.yLoc} of ${header.height} (${samples.length} of ${count} samples).`,
    );
  }
  const readUpTo = decoder.stream?.index ?? 0;
  if (readUpTo > bytes.length) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The ${what} is corrupt: its scan data ends ${readUpTo - bytes.length} bytes before the last pixel.`,
    );
  }
  return {
    width: header.width,
    height: header.height,
    components: header.components,
    precision: header.precision,
    samples,
  };
}
