import { describe, expect, it } from 'vitest';
import { imageFixtures, maxAbsDifference, readFixtureBytes, readNpy } from '../../test/fixtures/images/image-fixtures';
import { decodeJpeg } from './decode-jpeg';

describe('decodeJpeg against PIL (libjpeg) within the stated tolerance', () => {
  it.each(imageFixtures('jpeg').map((fixture) => [fixture.file, fixture] as const))('%s', async (file, fixture) => {
    const image = await decodeJpeg(readFixtureBytes(file));
    const [height, width, channels] = fixture.shape;
    expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width, height, channels });
    expect(image.info).toEqual({ format: 'jpeg', bitsStored: 8 });
    const expected = readNpy(fixture.expected).data;
    expect(maxAbsDifference(image.data, expected).max).toBeLessThanOrEqual(fixture.tolerance);
  });
});

describe('decodeJpeg', () => {
  it('windows 0–255 values with options.window', async () => {
    const bytes = readFixtureBytes('jpeg/gray-baseline.jpg');
    const plain = await decodeJpeg(bytes);
    const windowed = await decodeJpeg(bytes, { window: { center: 128, width: 64 } });
    for (let i = 0; i < plain.data.length; i += 97) {
      const x = Math.round(plain.data[i]! * 255);
      const linear = x <= 96 ? 0 : x > 159 ? 1 : (x - 127.5) / 63 + 0.5;
      expect(windowed.data[i]).toBeCloseTo(linear, 6);
    }
  });

  it('refuses a truncated file, and more pixels than maxPixels', async () => {
    const bytes = readFixtureBytes('jpeg/rgb-progressive.jpg');
    await expect(decodeJpeg(bytes.subarray(0, 700))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(decodeJpeg(bytes, { maxPixels: 1000 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });
});
