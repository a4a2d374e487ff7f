import { describe, expect, it } from 'vitest';
import { codestreamCase } from '../../../test/fixtures/images/image-fixtures';
import { decodeJpegLossless } from './decode-jpeg-lossless';

describe('decodeJpegLossless (jpeg-lossless-decoder-js)', () => {
  it.each(['gray12-lossless-sv1.jpg', 'gray12-lossless-sv6.jpg'])('decodes %s exactly', async (name) => {
    const { bytes, expected } = codestreamCase(name);
    const decoded = await decodeJpegLossless(bytes);
    expect(decoded).toMatchObject({ width: 64, height: 48, components: 1 });
    expect(decoded.samples).toBeInstanceOf(Uint16Array);
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('decodes 8-bit colour exactly, interleaved by pixel', async () => {
    const { bytes, expected } = codestreamCase('rgb8-lossless-sv1.jpg');
    const decoded = await decodeJpegLossless(bytes);
    expect(decoded.components).toBe(3);
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('refuses more pixels than maxPixels before decoding', async () => {
    const { bytes } = codestreamCase('gray12-lossless-sv1.jpg');
    await expect(decodeJpegLossless(bytes, { maxPixels: 64 * 47 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('refuses a truncated stream', async () => {
    const { bytes } = codestreamCase('gray12-lossless-sv1.jpg');
    await expect(decodeJpegLossless(bytes.subarray(0, 1200))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it('refuses a stream whose entropy-coded data stops early', async () => {
    const { bytes } = codestreamCase('gray12-lossless-sv1.jpg');
    // Keep the headers, replace the scan data by a few bytes, then EOI.
    const sos = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xda);
    const scanHeaderLength = (bytes[sos + 2]! << 8) | bytes[sos + 3]!;
    const cut = sos + 2 + scanHeaderLength;
    const short = new Uint8Array([...bytes.subarray(0, cut), 0x12, 0x34, 0x56, 0xff, 0xd9]);
    await expect(decodeJpegLossless(short)).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('before the last pixel'),
    });
  });

  it('refuses a DCT JPEG given as lossless', async () => {
    const { bytes } = codestreamCase('gray8-baseline.jpg');
    await expect(decodeJpegLossless(bytes)).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
  });
});
