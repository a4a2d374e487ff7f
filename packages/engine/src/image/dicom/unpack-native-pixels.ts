import { LightboxError } from '@lightbox/contracts';
import type { PixelModule } from './read-pixel-module';

export interface NativeLayout {
  /** Samples are big-endian 16-bit words (Explicit VR Big Endian). */
  readonly bigEndian?: boolean;
  /** 8-bit samples were written as 16-bit words in big endian (OW), so byte pairs are swapped. */
  readonly swapBytePairs?: boolean;
}

/**
 * Turns one frame of native pixel data into stored values (PS3.5 8.1.1, PS3.3 C.7.6.3.1): each 8- or 16-bit
 * word is shifted so that High Bit is the top stored bit, masked to Bits Stored (the other bits may hold
 * anything and are ignored), and sign-extended when Pixel Representation is 1.
 * Colour comes back interleaved by pixel (planar configuration 1 is reordered) and YBR_FULL_422 is expanded to
 * one Y, Cb, Cr triple per pixel (each chroma pair is shared by two pixels).
 */
export function unpackNativePixels(frame: Uint8Array, module: PixelModule, layout: NativeLayout = {}): Int32Array {
  const { rows, columns, samplesPerPixel, bitsAllocated } = module;
  const pixelCount = rows * columns;
  const toStored = storedValueOf(module.bitsStored, module.highBit, module.signed);
  const words = readWords(frame, bitsAllocated, layout);
  const out = new Int32Array(pixelCount * samplesPerPixel);

  if (module.photometricInterpretation === 'YBR_FULL_422') {
    if (columns % 2 !== 0) {
      throw new LightboxError(
        'INVALID_IMAGE',
        `YBR_FULL_422 pixel data needs an even number of columns, not ${columns}.`,
      );
    }
    // Per pair of pixels: Y1 Y2 Cb Cr.
    for (let pair = 0; pair < pixelCount / 2; pair++) {
      const cb = toStored(words[4 * pair + 2]!);
      const cr = toStored(words[4 * pair + 3]!);
      const at = 6 * pair;
      out[at] = toStored(words[4 * pair]!);
      out[at + 3] = toStored(words[4 * pair + 1]!);
      out[at + 1] = out[at + 4] = cb;
      out[at + 2] = out[at + 5] = cr;
    }
    return out;
  }
  if (samplesPerPixel === 3 && module.planarConfiguration === 1) {
    for (let i = 0; i < pixelCount; i++) {
      for (let c = 0; c < 3; c++) out[3 * i + c] = toStored(words[c * pixelCount + i]!);
    }
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = toStored(words[i]!);
  return out;
}

/**
 * Samples from a codec → stored values. Lossless: the value is in the low Bits Stored bits (codecs often code
 * 12-bit data at 16-bit precision), so mask and sign-extend like native data. Lossy: the decoded value may
 * overshoot the Bits Stored range (e.g. 4104 for 12-bit data), so keep it whole, sign-extended from the
 * codestream precision when signed, as the reference decoders do.
 */
export function toStoredValues(
  samples: Uint8Array | Uint16Array,
  options: {
    readonly bitsStored: number;
    readonly signed: boolean;
    readonly precision: number;
    readonly lossy: boolean;
  },
): Int32Array {
  const bits = options.lossy ? Math.max(options.precision, options.bitsStored) : options.bitsStored;
  const toStored = storedValueOf(bits, bits - 1, options.signed);
  const out = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = toStored(samples[i]!);
  return out;
}

function storedValueOf(bitsStored: number, highBit: number, signed: boolean): (word: number) => number {
  const shift = highBit + 1 - bitsStored;
  const mask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const signShift = 32 - bitsStored;
  return signed ? (word) => (((word >>> shift) & mask) << signShift) >> signShift : (word) => (word >>> shift) & mask;
}

function readWords(frame: Uint8Array, bitsAllocated: 8 | 16, layout: NativeLayout): Uint8Array | Uint16Array {
  if (bitsAllocated === 8) {
    if (!layout.swapBytePairs) return frame;
    const swapped = new Uint8Array(frame.length);
    for (let i = 0; i + 1 < frame.length; i += 2) {
      swapped[i] = frame[i + 1]!;
      swapped[i + 1] = frame[i]!;
    }
    return swapped;
  }
  const count = frame.length >> 1;
  const words = new Uint16Array(count);
  const view = new DataView(frame.buffer, frame.byteOffset, count * 2);
  const littleEndian = !layout.bigEndian;
  for (let i = 0; i < count; i++) words[i] = view.getUint16(2 * i, littleEndian);
  return words;
}
