import { LightboxError } from '@lightbox/contracts';
import { checkImageDimensions } from '../check-image-dimensions';
import { copySamples, type DecodedCodestream } from './decoded-codestream';
import { createWasmCodec, type WasmDecoder } from './load-wasm-codec';
import { readJpegHeader } from './read-jpeg-header';

interface CharlsDecoder extends WasmDecoder {
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  /** 0: by component (planar output), 1: by line, 2: by sample (both pixel-interleaved output). */
  getInterleaveMode(): number;
}

interface CharlsModule {
  JpegLSDecoder: new () => CharlsDecoder;
}

const charls = createWasmCodec<CharlsModule>('CharLS (JPEG-LS)', '@cornerstonejs/codec-charls/wasmjs');

/**
 * Decodes a JPEG-LS stream (lossless or near-lossless, ISO 14495-1) with CharLS. The SOF55 frame header is
 * checked first (IMAGE_TOO_LARGE, UNSUPPORTED_IMAGE for JPEG-LS part 2 extensions, INVALID_IMAGE without EOI).
 * Colour frames coded by component are interleaved by pixel on return.
 */
export async function decodeJpegLs(
  bytes: Uint8Array,
  options: { readonly maxPixels?: number; readonly what?: string } = {},
): Promise<DecodedCodestream> {
  const what = options.what ?? 'JPEG-LS stream';
  const header = readJpegHeader(bytes, what);
  if (header.process !== 'jpeg-ls') {
    throw new LightboxError(
      header.process === 'jpeg-ls-extended' ? 'UNSUPPORTED_IMAGE' : 'INVALID_IMAGE',
      `The ${what} has a ${header.process} frame header, not a JPEG-LS (SOF55) one.`,
    );
  }
  if (header.precision < 2 || header.precision > 16 || (header.components !== 1 && header.components !== 3)) {
    throw new LightboxError(
      'UNSUPPORTED_IMAGE',
      `The ${what} has ${header.components} component(s) of ${header.precision} bits; supported: 1 or 3 components of 2 to 16 bits.`,
    );
  }
  checkImageDimensions(header.width, header.height, options.maxPixels, `${what} frame header (SOF55)`);
  if (!header.hasEoi) {
    throw new LightboxError('INVALID_IMAGE', `The ${what} is truncated: it ends before the end-of-image marker (EOI).`);
  }
  return charls.run(what, (module) => {
    const decoder = new module.JpegLSDecoder();
    try {
      decoder.getEncodedBuffer(bytes.length).set(bytes);
      decoder.decode();
      const info = decoder.getFrameInfo();
      const samples = copySamples(decoder.getDecodedBuffer(), info.bitsPerSample);
      const count = info.width * info.height * info.componentCount;
      if (info.width !== header.width || info.height !== header.height || samples.length !== count) {
        throw new Error(
          `decoded ${info.width}×${info.height}×${info.componentCount}, header says ${header.width}×${header.height}`,
        );
      }
      const interleaved =
        info.componentCount === 3 && decoder.getInterleaveMode() === 0 ? planarToPixel(samples) : samples;
      return {
        width: info.width,
        height: info.height,
        components: info.componentCount,
        precision: header.precision,
        samples: interleaved,
      };
    } finally {
      decoder.delete();
    }
  });
}

function planarToPixel<T extends Uint8Array | Uint16Array>(planar: T): T {
  const out = planar.slice() as T;
  const plane = planar.length / 3;
  for (let i = 0; i < plane; i++) {
    out[3 * i] = planar[i]!;
    out[3 * i + 1] = planar[plane + i]!;
    out[3 * i + 2] = planar[2 * plane + i]!;
  }
  return out;
}
