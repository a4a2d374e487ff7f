import { describe, expect, it } from 'vitest';
import { codestreamCase, maxAbsDifference } from '../../../test/fixtures/images/image-fixtures';
import { decodeJpegLs } from './decode-jpeg-ls';

describe('decodeJpegLs (CharLS)', () => {
  it('decodes a lossless 12-bit gray stream exactly', async () => {
    const { bytes, expected } = codestreamCase('gray12.jls');
    const decoded = await decodeJpegLs(bytes);
    expect(decoded).toMatchObject({ width: 64, height: 48, components: 1 });
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('decodes signed values stored as two’s complement', async () => {
    const { bytes, expected } = codestreamCase('signed12.jls');
    const decoded = await decodeJpegLs(bytes);
    expect(decoded.samples).toBeInstanceOf(Uint16Array);
    expect(Array.from(new Int16Array(decoded.samples.buffer))).toEqual(Array.from(expected));
  });

  it('decodes near-lossless (NEAR=2) exactly as the reference decoder', async () => {
    const { bytes, expected, tolerance } = codestreamCase('gray8-near2.jls');
    const decoded = await decodeJpegLs(bytes);
    expect(maxAbsDifference(decoded.samples, expected).max).toBeLessThanOrEqual(tolerance);
  });

  it('returns line-interleaved colour interleaved by pixel', async () => {
    const { bytes, expected } = codestreamCase('rgb8.jls');
    const decoded = await decodeJpegLs(bytes);
    expect(decoded.components).toBe(3);
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('refuses more pixels than maxPixels before decoding', async () => {
    const { bytes } = codestreamCase('gray12.jls');
    await expect(decodeJpegLs(bytes, { maxPixels: 1000 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('refuses a truncated stream and corrupt data with INVALID_IMAGE, then still decodes good data', async () => {
    const { bytes, expected } = codestreamCase('gray12.jls');
    await expect(decodeJpegLs(bytes.subarray(0, 2000))).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('truncated'),
    });
    const corrupt = bytes.slice();
    // Overwrite the JPEG-LS preset/scan header area with garbage while keeping SOI, SOF55 and EOI.
    corrupt.fill(0x7f, 40, 200);
    await expect(decodeJpegLs(corrupt)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    const again = await decodeJpegLs(bytes);
    expect(Array.from(again.samples)).toEqual(Array.from(expected));
  });
});
