import { describe, expect, it } from 'vitest';
import { codestreamCase, maxAbsDifference, readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { decodeJpegBaseline } from './decode-jpeg-baseline';

describe('decodeJpegBaseline (libjpeg-turbo)', () => {
  it('decodes a baseline gray frame within the tolerance of the IJG reference decoder', async () => {
    const { bytes, expected, tolerance } = codestreamCase('gray8-baseline.jpg');
    const decoded = await decodeJpegBaseline(bytes);
    expect(decoded).toMatchObject({ width: 64, height: 48, components: 1, precision: 8 });
    expect(maxAbsDifference(decoded.samples, expected).max).toBeLessThanOrEqual(tolerance);
  });

  it('decodes a progressive colour JPEG to RGB', async () => {
    const decoded = await decodeJpegBaseline(readFixtureBytes('jpeg/rgb-progressive.jpg'));
    expect(decoded).toMatchObject({ width: 64, height: 48, components: 3 });
    expect(decoded.samples.length).toBe(64 * 48 * 3);
  });

  it('refuses 12-bit (extended) JPEG with UNSUPPORTED_IMAGE', async () => {
    const bytes = readFixtureBytes('codestreams/gray8-baseline.jpg').slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    bytes[sof + 1] = 0xc1;
    bytes[sof + 4] = 12;
    await expect(decodeJpegBaseline(bytes)).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      message: expect.stringContaining('12-bit'),
    });
  });

  it('refuses lossless and JPEG-LS streams with UNSUPPORTED_IMAGE', async () => {
    await expect(decodeJpegBaseline(codestreamCase('gray12-lossless-sv1.jpg').bytes)).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      message: expect.stringContaining('lossless'),
    });
  });

  it('refuses a truncated JPEG rather than returning a gray-filled image', async () => {
    const bytes = readFixtureBytes('jpeg/gray-baseline.jpg');
    await expect(decodeJpegBaseline(bytes.subarray(0, bytes.length - 200))).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('truncated'),
    });
  });

  it('refuses garbage after SOI, and more pixels than maxPixels', async () => {
    const garbage = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);
    garbage.set([0xff, 0xd8], 0);
    await expect(decodeJpegBaseline(garbage)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(
      decodeJpegBaseline(codestreamCase('gray8-baseline.jpg').bytes, { maxPixels: 10 }),
    ).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
    });
  });

  it('turns a libjpeg error into INVALID_IMAGE and keeps working', async () => {
    const { bytes } = codestreamCase('gray8-baseline.jpg');
    const corrupt = bytes.slice();
    const dht = corrupt.findIndex((b, i) => b === 0xff && corrupt[i + 1] === 0xc4);
    corrupt.fill(0xee, dht + 4, dht + 30); // nonsense Huffman table
    await expect(decodeJpegBaseline(corrupt)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    const again = await decodeJpegBaseline(bytes);
    expect(again.samples.length).toBe(64 * 48);
  });
});
