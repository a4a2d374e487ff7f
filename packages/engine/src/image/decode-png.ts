import { inflateSync } from 'node:zlib';
import { LightboxError } from '@lightbox/contracts';
import { decode as decodeWithFastPng } from 'fast-png';
import { applyVoiWindow, checkVoiWindow } from './apply-voi-window';
import { checkImageDimensions } from './check-image-dimensions';
import type { DecodedImage, DecodeOptions } from './decoded-image';
import { printableText } from './printable-text';

/** The IHDR fields (PNG spec 11.2.2). */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

const SAMPLES_PER_PIXEL: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ALLOWED_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * Decodes a PNG (fast-png, CRCs checked) to intensities in [0, 1]: gray stays 1 channel, gray+alpha drops
 * alpha, RGB(A) gives 3 channels without alpha (equal channels stay RGB), palette expands to RGB.
 * Samples are divided by 2^depth − 1 (1/2/4/8/16-bit), or windowed with `options.window` in the same stored units.
 * The IHDR is checked against maxPixels, and the compressed data against the size the IHDR implies, before
 * anything is decoded.
 */
export function decodePng(bytes: Uint8Array, options: DecodeOptions = {}): DecodedImage {
  const header = readPngHeader(bytes);
  checkImageDimensions(header.width, header.height, options.maxPixels, 'PNG IHDR');
  checkCompressedSize(bytes, header);
  if (options.window !== undefined) checkVoiWindow(options.window, 'LINEAR');

  let png: ReturnType<typeof decodeWithFastPng>;
  try {
    png = decodeWithFastPng(bytes, { checkCrc: true });
  } catch (error) {
    throw new LightboxError('INVALID_IMAGE', `The PNG is corrupt: ${describe(error)}.`, { cause: error });
  }
  const { width, height } = header;
  const depth = header.bitDepth;
  const pixelCount = width * height;
  const samples = depth < 8 ? unpackLowDepthRows(png.data as Uint8Array, width, height, depth) : png.data;
  if (samples.length < pixelCount * SAMPLES_PER_PIXEL[header.colorType]!) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The PNG image data is incomplete: ${samples.length} samples for ${width}×${height} pixels.`,
    );
  }
  const window = options.window;
  const scale = (value: number, max: number): number =>
    window ? applyVoiWindow(value, window, 'LINEAR') : value / max;

  if (header.colorType === 3) {
    const palette = png.palette ?? [];
    const data = new Float32Array(pixelCount * 3);
    for (let i = 0; i < pixelCount; i++) {
      const entry = palette[samples[i]!];
      if (entry === undefined) {
        throw new LightboxError(
          'INVALID_IMAGE',
          `The PNG uses palette index ${samples[i]} but its palette has ${palette.length} entries.`,
        );
      }
      for (let c = 0; c < 3; c++) data[3 * i + c] = scale(entry[c]!, 255);
    }
    return { width, height, channels: 3, data, info: { format: 'png', bitsStored: 8 } };
  }

  const max = 2 ** depth - 1;
  const stride = SAMPLES_PER_PIXEL[header.colorType]!;
  const channels = header.colorType === 2 || header.colorType === 6 ? 3 : 1;
  const data = new Float32Array(pixelCount * channels);
  for (let i = 0; i < pixelCount; i++) {
    for (let c = 0; c < channels; c++) data[i * channels + c] = scale(samples[i * stride + c]!, max);
  }
  return { width, height, channels, data, info: { format: 'png', bitsStored: depth } };
}

/** Reads and checks the IHDR chunk, which must come first. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (bytes.length < 33)
    throw new LightboxError('INVALID_IMAGE', `The PNG is truncated: ${bytes.length} bytes, fewer than a header needs.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || chunkType(bytes, 12) !== 'IHDR') {
    throw new LightboxError('INVALID_IMAGE', 'The PNG is corrupt: its first chunk is not a 13-byte IHDR.');
  }
  const header: PngHeader = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] === 1,
  };
  const depths = ALLOWED_DEPTHS[header.colorType];
  if (depths === undefined || !depths.includes(header.bitDepth)) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The PNG IHDR declares colour type ${header.colorType} with bit depth ${header.bitDepth}, which PNG does not allow.`,
    );
  }
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28]! > 1) {
    throw new LightboxError(
      'INVALID_IMAGE',
      'The PNG IHDR declares an unknown compression, filter or interlace method.',
    );
  }
  return header;
}

/**
 * Walks the chunks, joins the IDAT data and inflates it with a ceiling of the size the IHDR implies
 * (one filter byte per row of each interlace pass): a zlib stream that inflates to more is refused
 * without ever holding more than that in memory.
 */
function checkCompressedSize(bytes: Uint8Array, header: PngHeader): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let offset = 8;
  let sawEnd = false;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset + 4);
    if (offset + 12 + length > bytes.length) {
      throw new LightboxError(
        'INVALID_IMAGE',
        `The PNG is truncated or corrupt: its chunk "${printableText(type)}" at byte ${offset} declares ${length} bytes, ` +
          `past the end of the ${bytes.length}-byte file.`,
      );
    }
    if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (idat.length === 0) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The PNG has no image data (IDAT chunk)${sawEnd ? '' : ' and is truncated'}.`,
    );
  }
  const expected = rawDataLength(header);
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new LightboxError(
      'INVALID_IMAGE',
      tooLarge
        ? `The PNG image data inflates to more than the ${expected} bytes its ${header.width}×${header.height} IHDR implies; refusing it.`
        : `The PNG image data is corrupt: ${describe(error)}.`,
      { cause: error },
    );
  }
  if (inflated.length < expected) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The PNG image data is incomplete: it inflates to ${inflated.length} bytes, ${expected} needed for ${header.width}×${header.height}.`,
    );
  }
}

function rawDataLength(header: PngHeader): number {
  const bitsPerPixel = SAMPLES_PER_PIXEL[header.colorType]! * header.bitDepth;
  const rowBytes = (w: number): number => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!header.interlaced) return header.height * rowBytes(header.width);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((header.width - x0) / dx);
    const h = Math.ceil((header.height - y0) / dy);
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

/** fast-png keeps 1/2/4-bit samples packed, rows padded to a byte: unpack them one sample per byte. */
function unpackLowDepthRows(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  const perByte = 8 / depth;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = packed[y * rowBytes + Math.floor(x / perByte)] ?? 0;
      out[y * width + x] = (byte >> (8 - depth * ((x % perByte) + 1))) & mask;
    }
  }
  return out;
}

function chunkType(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return message.replace(/[:.]\s*$/, '') + cause;
}
