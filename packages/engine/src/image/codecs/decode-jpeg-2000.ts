import { LightboxError } from '@lightbox/contracts';
import { checkImageDimensions } from '../check-image-dimensions';
import { copySamples, type DecodedCodestream } from './decoded-codestream';
import { createWasmCodec, type WasmDecoder } from './load-wasm-codec';
import { readJ2kHeader } from './read-j2k-header';

interface OpenJpegDecoder extends WasmDecoder {
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
}

interface OpenJpegModule {
  J2KDecoder: new () => OpenJpegDecoder;
}

const openjpeg = createWasmCodec<OpenJpegModule>('OpenJPEG (JPEG 2000)', '@cornerstonejs/codec-openjpeg/wasmjs');

/**
 * Decodes a JPEG 2000 codestream or JP2 file (reversible or irreversible) with OpenJPEG, which also undoes
 * the multi-component transform (RCT/ICT), so colour comes back as RGB. The SIZ header is checked first
 * (IMAGE_TOO_LARGE; more than 16 bits or other than 1 or 3 components are UNSUPPORTED_IMAGE), a codestream
 * without its EOC marker is INVALID_IMAGE (OpenJPEG would return a partial image), and so is any error
 * OpenJPEG reports.
 */
export async function decodeJpeg2000(
  bytes: Uint8Array,
  options: { readonly maxPixels?: number; readonly what?: string } = {},
): Promise<DecodedCodestream> {
  const what = options.what ?? 'JPEG 2000 stream';
  const header = readJ2kHeader(bytes, what);
  if (header.precision > 16 || (header.components !== 1 && header.components !== 3)) {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `The ${what} has ${header.components} component(s) of ${header.precision} bits; supported: 1 or 3 components of up to 16 bits.`,
    );
  }
  checkImageDimensions(header.width, header.height, options.maxPixels, `${what} SIZ header`);
  if (!header.hasEoc) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The ${what} is truncated: it does not end with the end-of-codestream marker (EOC).`,
    );
  }
  return openjpeg.run(what, (module, printed) => {
    const decoder = new module.J2KDecoder();
    try {
      decoder.getEncodedBuffer(bytes.length).set(bytes);
      decoder.decode();
      const errors = printed.filter((line) => line.includes('[ERROR]'));
      if (errors.length > 0) throw new Error(errors.join(' | '));
      const info = decoder.getFrameInfo();
      const samples = copySamples(decoder.getDecodedBuffer(), info.bitsPerSample);
      const count = info.width * info.height * info.componentCount;
      if (
        info.width !== header.width ||
        info.height !== header.height ||
        info.componentCount !== header.components ||
        samples.length !== count
      ) {
        throw new Error(
          `decoded ${info.width}×${info.height}×${info.componentCount}, header says ${header.width}×${header.height}×${header.components}`,
        );
      }
      return {
        width: info.width,
        height: info.height,
        components: info.componentCount,
        precision: header.precision,
        samples,
      };
    } finally {
      decoder.delete();
    }
  });
}
