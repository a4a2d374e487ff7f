import { describe, expect, it } from 'vitest';
import { decodeRle } from './decode-rle';

/** Builds an RLE frame: the 64-byte header with the segment offsets, then the segments. */
function rleFrame(segments: number[][], declaredCount = segments.length): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, declaredCount, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += segment.length;
  });
  return new Uint8Array([...header, ...segments.flat()]);
}

describe('decodeRle (PS3.5 Annex G)', () => {
  it('decodes literal and replicate runs of an 8-bit frame', () => {
    // 0x02: copy the next 3 bytes; 0xFE (-2): repeat the next byte 3 times.
    const frame = rleFrame([[0x02, 1, 2, 3, 0xfe, 7]]);
    const out = decodeRle(frame, { rows: 2, columns: 3, samplesPerPixel: 1, bitsAllocated: 8 });
    expect(Array.from(out)).toEqual([1, 2, 3, 7, 7, 7]);
  });

  it('puts the high-byte segment first and returns little-endian 16-bit samples', () => {
    const high = [0x02, 0x01, 0x03, 0xff];
    const low = [0x02, 0x02, 0x04, 0xff];
    const out = decodeRle(rleFrame([high, low]), { rows: 1, columns: 3, samplesPerPixel: 1, bitsAllocated: 16 });
    expect(Array.from(new Uint16Array(out.buffer))).toEqual([0x0102, 0x0304, 0xffff]);
  });

  it('interleaves the three colour segments by pixel', () => {
    const red = [0x01, 10, 20];
    const green = [0xff, 30]; // -1: repeat twice
    const blue = [0x01, 40, 50];
    const out = decodeRle(rleFrame([red, green, blue]), { rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8 });
    expect(Array.from(out)).toEqual([10, 30, 40, 20, 30, 50]);
  });

  it('skips the -128 no-op and ignores padding after the last pixel', () => {
    const out = decodeRle(rleFrame([[0x80, 0x01, 5, 6, 0x00]]), {
      rows: 1,
      columns: 2,
      samplesPerPixel: 1,
      bitsAllocated: 8,
    });
    expect(Array.from(out)).toEqual([5, 6]);
  });

  it('decodes a long replicate run (128 copies from 0x81)', () => {
    const out = decodeRle(rleFrame([[0x81, 9]]), { rows: 8, columns: 16, samplesPerPixel: 1, bitsAllocated: 8 });
    expect(out.length).toBe(128);
    expect(out.every((v) => v === 9)).toBe(true);
  });

  it('refuses a header whose segment count does not match the samples', () => {
    const frame = rleFrame([[0x00, 1]], 2);
    expect(() => decodeRle(frame, { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('declares 2 segments') }),
    );
  });

  it('refuses a segment that expands to fewer bytes than the image needs', () => {
    const frame = rleFrame([[0x01, 1, 2]]);
    expect(() => decodeRle(frame, { rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('expands to 2 bytes') }),
    );
  });

  it('refuses a segment offset outside the frame, and a frame shorter than its header', () => {
    const frame = rleFrame([[0x00, 1]]);
    new DataView(frame.buffer).setUint32(4, 5000, true);
    expect(() => decodeRle(frame, { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(
      /offset 5000/,
    );
    expect(() => decodeRle(new Uint8Array(10), { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(
      /shorter than the 64-byte RLE header/,
    );
  });
});
