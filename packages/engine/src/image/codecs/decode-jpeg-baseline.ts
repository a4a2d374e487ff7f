import { LightboxError } from '@lightbox/contracts';
import { checkImageDimensions } from '../check-image-dimensions';
import { copySamples, type DecodedCodestream } from './decoded-codestream';
import { createWasmCodec, type WasmDecoder } from './load-wasm-codec';
import { readJpegHeader } from './read-jpeg-header';

interface LibJpegTurboDecoder extends WasmDecoder {
  readHeader(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
}

interface LibJpegTurboModule {
  JPEGDecoder: new () => LibJpegTurboDecoder;
}

const libjpegTurbo = createWasmCodec<LibJpegTurboModule>(
  'libjpeg-turbo (8-bit JPEG)',
  '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs',
);

/**
 * Decodes an 8-bit DCT JPEG (baseline, extended sequential or progressive; gray or 3-component colour, which
 * libjpeg-turbo converts from YCbCr to RGB) with libjpeg-turbo. The frame header is checked first: other
 * processes or precisions are UNSUPPORTED_IMAGE, more than maxPixels is IMAGE_TOO_LARGE, a stream without
 * EOI is INVALID_IMAGE (libjpeg would silently fill the missing part with gray).
 */
export async function decodeJpegBaseline(
  bytes: Uint8Array,
  options: { readonly maxPixels?: number; readonly what?: string } = {},
): Promise<DecodedCodestream> {
  const what = options.what ?? 'JPEG image';
  const header = readJpegHeader(bytes, what);
  if (header.process !== 'baseline' && header.process !== 'extended' && header.process !== 'progressive') {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `This ${what} uses the ${header.process} JPEG process (marker FF ${header.sofMarker.toString(16).toUpperCase()}); ` +
        'only baseline, extended and progressive 8-bit JPEG are supported.',
    );
  }
  if (header.precision !== 8) {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `This ${what} has ${header.precision}-bit samples (JPEG extended 12-bit); only 8-bit lossy JPEG is supported. ` +
        'Convert it to a lossless transfer syntax or PNG.',
    );
  }
  if (header.components !== 1 && header.components !== 3) {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `This ${what} has ${header.components} colour components; only gray (1) and colour (3) JPEG are supported.`,
    );
  }
  checkImageDimensions(header.width, header.height, options.maxPixels, `${what} frame header (SOF)`);
  if (!header.hasEoi) {
    throw new LightboxError('INVALID_IMAGE', `The ${what} is truncated: it ends before the end-of-image marker (EOI).`);
  }
  return libjpegTurbo.run(what, (module) => {
    const decoder = new module.JPEGDecoder();
    try {
      decoder.getEncodedBuffer(bytes.length).set(bytes);
      decoder.decode();
      const info = decoder.getFrameInfo();
      const samples = copySamples(decoder.getDecodedBuffer(), 8);
      if (
        info.width !== header.width ||
        info.height !== header.height ||
        samples.length !== info.width * info.height * header.components
      ) {
        throw new Error(
          `decoded ${info.width}×${info.height}×${info.componentCount}, header says ${header.width}×${header.height}×${header.components}`,
        );
      }
      return { width: info.width, height: info.height, components: header.components, precision: 8, samples };
    } finally {
      decoder.delete();
    }
  });
}
