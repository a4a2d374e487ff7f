import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageFixtures, maxAbsDifference, readFixtureBytes, readNpy } from '../../test/fixtures/images/image-fixtures';
import { decodePng, readPngHeader } from './decode-png';

/** Builds a PNG from raw (already filtered) scanlines, with correct CRCs. */
function png(ihdr: { width: number; height: number; depth: number; colorType: number }, raw: Uint8Array): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(
      Array.from(type, (c) => c.charCodeAt(0)),
      4,
    );
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, ihdr.width);
  view.setUint32(4, ihdr.height);
  header[8] = ihdr.depth;
  header[9] = ihdr.colorType;
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', header),
    ...chunk('IDAT', deflateSync(raw)),
    ...chunk('IEND', new Uint8Array()),
  ]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('decodePng against the fixtures', () => {
  it.each(imageFixtures('png').map((fixture) => [fixture.file, fixture] as const))('%s', (file, fixture) => {
    const image = decodePng(readFixtureBytes(file));
    const [height, width, channels] = fixture.shape;
    expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width, height, channels });
    expect(image.info).toEqual({ format: 'png', bitsStored: fixture.bitsStored });
    expect(maxAbsDifference(image.data, readNpy(fixture.expected).data).max).toBeLessThanOrEqual(fixture.tolerance);
  });
});

describe('decodePng', () => {
  it('divides 16-bit samples by 65535 and 2-bit samples by 3', () => {
    // filter byte 0, then big-endian samples 0xFFFF and 0x8000
    const sixteen = decodePng(
      png({ width: 2, height: 1, depth: 16, colorType: 0 }, new Uint8Array([0, 0xff, 0xff, 0x80, 0x00])),
    );
    expect(Array.from(sixteen.data)).toEqual([1, Math.fround(0x8000 / 65535)]);
    const two = decodePng(png({ width: 4, height: 1, depth: 2, colorType: 0 }, new Uint8Array([0, 0b00011011])));
    expect(Array.from(two.data)).toEqual([0, Math.fround(1 / 3), Math.fround(2 / 3), 1]);
  });

  it('windows stored values with options.window (LINEAR, stored units)', () => {
    const image = decodePng(png({ width: 3, height: 1, depth: 8, colorType: 0 }, new Uint8Array([0, 10, 100, 200])), {
      window: { center: 100, width: 101 },
    });
    // bounds 100 - 0.5 - 50 = 49.5 and 149.5; (100 - 99.5) / 100 + 0.5 = 0.505
    expect(Array.from(image.data)).toEqual([0, Math.fround(0.505), 1]);
  });

  it('reads the IHDR', () => {
    expect(readPngHeader(readFixtureBytes('png/rgb-8-interlaced.png'))).toEqual({
      width: 64,
      height: 48,
      bitDepth: 8,
      colorType: 2,
      interlaced: true,
    });
  });

  it('refuses an IHDR of 100000×100000 before inflating anything', () => {
    const bytes = png({ width: 100_000, height: 100_000, depth: 8, colorType: 0 }, new Uint8Array(10));
    expect(() => decodePng(bytes)).toThrow(
      expect.objectContaining({ code: 'IMAGE_TOO_LARGE', message: expect.stringContaining('PNG IHDR') }),
    );
  });

  it('refuses image data that inflates to more than the IHDR implies (a zlib bomb)', () => {
    const bytes = png({ width: 4, height: 4, depth: 8, colorType: 0 }, new Uint8Array(1_000_000));
    expect(() => decodePng(bytes)).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('inflates to more') }),
    );
  });

  it('refuses too little image data, a bad CRC, a truncated file and a disallowed depth', () => {
    expect(() => decodePng(png({ width: 4, height: 4, depth: 8, colorType: 0 }, new Uint8Array(10)))).toThrow(
      /incomplete/,
    );
    const good = readFixtureBytes('png/gray-8.png');
    const badCrc = good.slice();
    badCrc[40] = badCrc[40]! ^ 0xff; // inside the first IDAT
    expect(() => decodePng(badCrc)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
    expect(() => decodePng(good.subarray(0, good.length / 2))).toThrow(/truncated/);
    expect(() => decodePng(png({ width: 1, height: 1, depth: 16, colorType: 3 }, new Uint8Array(3)))).toThrow(
      /bit depth 16/,
    );
  });
});
