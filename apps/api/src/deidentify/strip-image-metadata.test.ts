import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { decodeImage } from '@lightbox/engine/image/index';
import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from './strip-image-metadata';

const FIXTURES = new URL('../../../../packages/engine/test/fixtures/images/', import.meta.url);

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

describe('stripImageMetadata', () => {
  it('drops PNG text chunks and keeps the pixels', async () => {
    const png = readFileSync(new URL('png/gray-8.png', FIXTURES));
    const iend = png.length - 12;
    const withText = Buffer.concat([
      png.subarray(0, 33),
      chunk('tEXt', Buffer.from('Patient\0Doe^Jane MRN-12345', 'latin1')),
      chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync('secret')])),
      png.subarray(33, iend),
      png.subarray(iend),
    ]);
    const stripped = stripImageMetadata(new Uint8Array(withText), 'png');
    expect(Buffer.from(stripped).toString('latin1')).not.toContain('Doe^Jane');
    expect(stripped.length).toBe(png.length);
    const [a, b] = [await decodeImage(new Uint8Array(png)), await decodeImage(stripped)];
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('drops JPEG comments and EXIF, and keeps the pixels', async () => {
    const jpeg = readFileSync(new URL('jpeg/gray-baseline.jpg', FIXTURES));
    const com = Buffer.from([0xff, 0xfe, 0x00, 0x0f, ...Buffer.from('Doe^Jane MRN1')]);
    const exif = Buffer.from([0xff, 0xe1, 0x00, 0x0c, ...Buffer.from('Exif\0\0GPS!')]);
    const withText = Buffer.concat([jpeg.subarray(0, 2), com, exif, jpeg.subarray(2)]);
    const stripped = stripImageMetadata(new Uint8Array(withText), 'jpeg');
    expect(Buffer.from(stripped).toString('latin1')).not.toContain('Doe^Jane');
    expect(Buffer.from(stripped).toString('latin1')).not.toContain('GPS!');
    const [a, b] = [await decodeImage(new Uint8Array(jpeg)), await decodeImage(stripped)];
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('returns a file without metadata unchanged', () => {
    const png = new Uint8Array(readFileSync(new URL('png/gray-8.png', FIXTURES)));
    expect(stripImageMetadata(png, 'png')).toBe(png);
  });
});
