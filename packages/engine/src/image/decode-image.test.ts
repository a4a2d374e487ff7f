import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import {
  imageFixture,
  imageFixtures,
  maxAbsDifference,
  readFixtureBytes,
  readNpy,
} from '../../test/fixtures/images/image-fixtures';
import { decodeImage } from './decode-image';

describe('decodeImage', () => {
  it.each([
    ['png/gray-16.png', 'png'],
    ['jpeg/rgb-baseline-444.jpg', 'jpeg'],
    ['dicom/mono2-12bit-jpegls-lossless.dcm', 'dicom'],
    ['dicom/no-part10-implicit.dcm', 'dicom'],
  ])('dispatches %s by content to the %s decoder', async (file, format) => {
    const fixture = imageFixture(file);
    const image = await decodeImage(readFixtureBytes(file));
    expect(image.info.format).toBe(format);
    expect(maxAbsDifference(image.data, readNpy(fixture.expected).data).max).toBeLessThanOrEqual(fixture.tolerance);
  });

  it('ignores what a file name would say: only the bytes count', async () => {
    // A Uint8Array has no name; a DICOM file that is a subarray of a larger buffer decodes the same.
    const bytes = readFixtureBytes('dicom/rgb-rle.dcm');
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const image = await decodeImage(padded.subarray(8, 8 + bytes.length));
    expect(image.channels).toBe(3);
  });

  it('refuses bad options with INVALID_ARGUMENT', async () => {
    const bytes = readFixtureBytes('png/gray-8.png');
    await expect(decodeImage(bytes, { maxPixels: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(decodeImage(bytes, { window: { center: 10, width: 0 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(decodeImage(bytes, { window: { center: Number.NaN, width: 10 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('applies maxPixels to every format', async () => {
    for (const file of ['png/rgb-8.png', 'jpeg/gray-baseline.jpg', 'dicom/mono2-12bit-rle.dcm']) {
      await expect(decodeImage(readFixtureBytes(file), { maxPixels: 64 * 48 - 1 })).rejects.toMatchObject({
        code: 'IMAGE_TOO_LARGE',
      });
      await expect(decodeImage(readFixtureBytes(file), { maxPixels: 64 * 48 })).resolves.toMatchObject({
        width: 64,
        height: 48,
      });
    }
  });

  it('turns truncated and corrupted versions of every fixture into LightboxErrors or valid images, quickly', async () => {
    let seed = 20261125;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const escaped: string[] = [];
    let refused = 0;
    for (const fixture of imageFixtures()) {
      const good = readFixtureBytes(fixture.file);
      for (let k = 0; k < 6; k++) {
        let bytes = good.slice();
        if (k < 2) bytes = bytes.subarray(0, Math.floor(good.length * random()));
        else {
          for (let run = 0; run < 1 + Math.floor(random() * 6); run++) {
            const at = Math.floor(random() * bytes.length);
            for (let q = at; q < Math.min(bytes.length, at + 1 + random() * 32); q++)
              bytes[q] = Math.floor(random() * 256);
          }
        }
        const started = performance.now();
        try {
          const image = await decodeImage(bytes);
          expect(image.data.length).toBe(image.width * image.height * image.channels);
          expect(image.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        } catch (error) {
          if (error instanceof LightboxError) refused++;
          else escaped.push(`${fixture.file} mutation ${k}: ${String(error)}`);
        }
        // A hang guard (a pathological loop or a decompression bomb), not a speed goal: generous, as CI shares 2 cores.
        expect(performance.now() - started).toBeLessThan(15_000);
      }
    }
    expect(escaped).toEqual([]);
    expect(refused).toBeGreaterThan(imageFixtures().length * 3);
  });
});
