import { describe, expect, it } from 'vitest';
import type { PixelModule } from './read-pixel-module';
import { toStoredValues, unpackNativePixels } from './unpack-native-pixels';

const gray16: PixelModule = {
  rows: 1,
  columns: 3,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  signed: false,
  planarConfiguration: 0,
  numberOfFrames: 1,
};

const words = (...values: number[]) => new Uint8Array(new Uint16Array(values).buffer);

describe('unpackNativePixels (PS3.5 8.1.1)', () => {
  it('reads little-endian 16-bit words', () => {
    expect(Array.from(unpackNativePixels(words(0, 1000, 65535), gray16))).toEqual([0, 1000, 65535]);
  });

  it('masks bits above High Bit and sign-extends Bits Stored', () => {
    const module = { ...gray16, bitsStored: 12, highBit: 11, signed: true };
    // 0xF800 = -2048, 0xA7FF has junk 0xA in bits 12-15 and 0x7FF = 2047, 0x0FFF = -1
    expect(Array.from(unpackNativePixels(words(0xf800, 0xa7ff, 0x0fff), module))).toEqual([-2048, 2047, -1]);
    expect(Array.from(unpackNativePixels(words(0xf800, 0xa7ff, 0x0fff), { ...module, signed: false }))).toEqual([
      2048, 2047, 4095,
    ]);
  });

  it('shifts down when High Bit is not Bits Stored − 1', () => {
    const module = { ...gray16, bitsStored: 12, highBit: 15 };
    expect(Array.from(unpackNativePixels(words(0xfff0, 0x0010, 0x800f), module))).toEqual([4095, 1, 2048]);
  });

  it('reads big-endian words, and 8-bit samples with swapped byte pairs', () => {
    const bigEndian = new Uint8Array([0x12, 0x34, 0x00, 0x01, 0xff, 0xfe]);
    expect(Array.from(unpackNativePixels(bigEndian, gray16, { bigEndian: true }))).toEqual([0x1234, 1, 0xfffe]);
    const module8: PixelModule = { ...gray16, columns: 4, bitsAllocated: 8, bitsStored: 8, highBit: 7 };
    expect(Array.from(unpackNativePixels(new Uint8Array([2, 1, 4, 3]), module8, { swapBytePairs: true }))).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('interleaves planar-configuration-1 colour by pixel', () => {
    const rgb: PixelModule = {
      ...gray16,
      columns: 2,
      samplesPerPixel: 3,
      photometricInterpretation: 'RGB',
      bitsAllocated: 8,
      bitsStored: 8,
      highBit: 7,
      planarConfiguration: 1,
    };
    // R plane, G plane, B plane
    expect(Array.from(unpackNativePixels(new Uint8Array([1, 2, 10, 20, 100, 200]), rgb))).toEqual([
      1, 10, 100, 2, 20, 200,
    ]);
    expect(
      Array.from(unpackNativePixels(new Uint8Array([1, 10, 100, 2, 20, 200]), { ...rgb, planarConfiguration: 0 })),
    ).toEqual([1, 10, 100, 2, 20, 200]);
  });

  it('expands YBR_FULL_422 pairs (Y1 Y2 Cb Cr) to one triple per pixel, and needs even columns', () => {
    const ybr: PixelModule = {
      ...gray16,
      columns: 4,
      samplesPerPixel: 3,
      photometricInterpretation: 'YBR_FULL_422',
      bitsAllocated: 8,
      bitsStored: 8,
      highBit: 7,
    };
    const frame = new Uint8Array([10, 20, 128, 130, 30, 40, 100, 90]);
    expect(Array.from(unpackNativePixels(frame, ybr))).toEqual([10, 128, 130, 20, 128, 130, 30, 100, 90, 40, 100, 90]);
    expect(() => unpackNativePixels(frame, { ...ybr, columns: 3 })).toThrow(/even number of columns/);
  });
});

describe('toStoredValues (codec output)', () => {
  it('masks lossless samples to Bits Stored and sign-extends them', () => {
    const samples = new Uint16Array([0xf800, 0x07ff, 0x1001]);
    expect(Array.from(toStoredValues(samples, { bitsStored: 12, signed: true, precision: 16, lossy: false }))).toEqual([
      -2048, 2047, 1,
    ]);
  });

  it('keeps lossy values that overshoot Bits Stored, sign-extending from the codestream precision', () => {
    expect(
      Array.from(
        toStoredValues(new Uint16Array([4104, 2]), { bitsStored: 12, signed: false, precision: 16, lossy: true }),
      ),
    ).toEqual([4104, 2]);
    expect(
      Array.from(
        toStoredValues(new Uint16Array([0xfffd]), { bitsStored: 12, signed: true, precision: 16, lossy: true }),
      ),
    ).toEqual([-3]);
  });
});
