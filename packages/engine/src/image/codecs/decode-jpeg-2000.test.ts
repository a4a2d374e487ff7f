import { describe, expect, it } from 'vitest';
import { codestreamCase } from '../../../test/fixtures/images/image-fixtures';
import { decodeJpeg2000 } from './decode-jpeg-2000';

describe('decodeJpeg2000 (OpenJPEG)', () => {
  it('decodes a lossless gray codestream exactly', async () => {
    const { bytes, expected } = codestreamCase('gray12.j2k');
    const decoded = await decodeJpeg2000(bytes);
    expect(decoded).toMatchObject({ width: 64, height: 48, components: 1, precision: 16 });
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('decodes signed 16-bit samples as two’s complement', async () => {
    const { bytes, expected } = codestreamCase('signed16.j2k');
    const decoded = await decodeJpeg2000(bytes);
    expect(Array.from(new Int16Array(decoded.samples.buffer))).toEqual(Array.from(expected));
  });

  it('undoes the reversible colour transform: RGB comes back exactly', async () => {
    const { bytes, expected } = codestreamCase('rgb8.j2k');
    const decoded = await decodeJpeg2000(bytes);
    expect(decoded.components).toBe(3);
    expect(Array.from(decoded.samples)).toEqual(Array.from(expected));
  });

  it('refuses more pixels than maxPixels before decoding', async () => {
    const { bytes } = codestreamCase('gray12.j2k');
    await expect(decodeJpeg2000(bytes, { maxPixels: 100 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('refuses a truncated codestream instead of returning a partial image', async () => {
    const { bytes } = codestreamCase('gray12.j2k');
    await expect(decodeJpeg2000(bytes.subarray(0, 1500))).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('EOC'),
    });
  });

  it('turns an error OpenJPEG reports into INVALID_IMAGE, then still decodes good data', async () => {
    const { bytes, expected } = codestreamCase('gray12.j2k');
    const corrupt = bytes.slice();
    corrupt.fill(0xff, 45, 140); // the main header after SIZ (COD, QCD…)
    await expect(decodeJpeg2000(corrupt)).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('OpenJPEG'),
    });
    const again = await decodeJpeg2000(bytes);
    expect(Array.from(again.samples)).toEqual(Array.from(expected));
  });
});
