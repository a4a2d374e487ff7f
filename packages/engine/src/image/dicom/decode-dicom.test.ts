import { describe, expect, it } from 'vitest';
import {
  imageFixture,
  imageFixtures,
  maxAbsDifference,
  readFixtureBytes,
  readNpy,
} from '../../../test/fixtures/images/image-fixtures';
import { decodeDicom } from './decode-dicom';

const fixtures = imageFixtures('dicom');

describe('decodeDicom against the pydicom reference (test/fixtures/images/manifest.json)', () => {
  it('has fixtures for every supported transfer syntax', () => {
    const syntaxes = new Set(fixtures.map((fixture) => fixture.transferSyntaxUid));
    for (const uid of [
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2.1.99',
      '1.2.840.10008.1.2.2',
      '1.2.840.10008.1.2.5',
      '1.2.840.10008.1.2.4.50',
      '1.2.840.10008.1.2.4.51',
      '1.2.840.10008.1.2.4.57',
      '1.2.840.10008.1.2.4.70',
      '1.2.840.10008.1.2.4.80',
      '1.2.840.10008.1.2.4.81',
      '1.2.840.10008.1.2.4.90',
      '1.2.840.10008.1.2.4.91',
    ]) {
      expect(syntaxes, uid).toContain(uid);
    }
  });

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s', async (_file, fixture) => {
    const image = await decodeDicom(readFixtureBytes(fixture.file));
    const [height, width, channels] = fixture.shape;
    expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width, height, channels });
    const expected = readNpy(fixture.expected).data;
    const { max, index } = maxAbsDifference(image.data, expected);
    expect(max, `max |decoded - expected| at sample ${index} (${fixture.description})`).toBeLessThanOrEqual(
      fixture.tolerance,
    );

    const dicom = image.info.dicom!;
    expect(image.info.format).toBe('dicom');
    expect(image.info.bitsStored).toBe(fixture.bitsStored);
    expect(dicom.transferSyntaxUid).toBe(fixture.transferSyntaxUid);
    expect(dicom.hadPart10Header).toBe(fixture.hadPart10Header);
    if (channels === 1) {
      expect(dicom.window.source).toBe(fixture.window?.source);
      expect(dicom.voiLutFunction).toBe(fixture.voiLutFunction);
      if (fixture.window?.center !== undefined) {
        expect(dicom.window).toMatchObject({ center: fixture.window.center, width: fixture.window.width });
      }
      if (fixture.rescaleSlope !== undefined) {
        expect({ slope: dicom.rescaleSlope, intercept: dicom.rescaleIntercept }).toEqual({
          slope: fixture.rescaleSlope,
          intercept: fixture.rescaleIntercept,
        });
      }
    }
  });
});

describe('decodeDicom options and info', () => {
  it('applies options.window instead of the file window, before MONOCHROME1 inversion', async () => {
    const bytes = readFixtureBytes('dicom/mono1-12bit-window.dcm');
    const stored = readNpy(imageFixture('dicom/mono1-12bit-window.dcm').storedExpected!).data;
    const image = await decodeDicom(bytes, { window: { center: 1000, width: 500 } });
    expect(image.info.dicom?.window).toEqual({ center: 1000, width: 500, source: 'override' });
    for (const i of [0, 1, 100, 1000, 3071]) {
      const x = stored[i]!;
      const linear = x <= 1000 - 0.5 - 249.5 ? 0 : x > 1000 - 0.5 + 249.5 ? 1 : (x - 999.5) / 499 + 0.5;
      expect(image.data[i]).toBeCloseTo(1 - linear, 6);
    }
  });

  it('reports the default window as the min..max of the rescaled values', async () => {
    const image = await decodeDicom(readFixtureBytes('dicom/mono2-12bit-explicit-le.dcm'));
    // Stored values span 0..4095 (set in the fixture), intercept -1024.
    expect(image.info.dicom?.window).toEqual({ center: (-1024 + 3071) / 2, width: 4095, source: 'default' });
    expect(image.info.dicom?.modalityLut).toBe('rescale');
    expect(image.data[0]).toBe(0);
    expect(image.data[1]).toBe(1);
  });

  it('says which modality LUT it used and how many frames the file holds', async () => {
    const lut = await decodeDicom(readFixtureBytes('dicom/modality-lut-sequence.dcm'));
    expect(lut.info.dicom?.modalityLut).toBe('sequence');
    const multiframe = await decodeDicom(readFixtureBytes('dicom/multiframe-12bit-rle.dcm'));
    expect(multiframe.info.dicom?.numberOfFrames).toBe(3);
  });

  it('windows colour images only when asked', async () => {
    const bytes = readFixtureBytes('dicom/rgb-planar0.dcm');
    const plain = await decodeDicom(bytes);
    expect(plain.info.dicom).toMatchObject({ modalityLut: 'none', voiLutFunction: 'NONE' });
    const windowed = await decodeDicom(bytes, { window: { center: 128, width: 64 } });
    const stored = readNpy(imageFixture('dicom/rgb-planar0.dcm').storedExpected!).data;
    for (const i of [0, 1, 2, 300, 3000]) {
      const x = stored[i]!;
      const linear = x <= 96 ? 0 : x > 159 ? 1 : (x - 127.5) / 63 + 0.5;
      expect(windowed.data[i]).toBeCloseTo(linear, 6);
    }
  });

  it('refuses more pixels than maxPixels before decoding', async () => {
    await expect(
      decodeDicom(readFixtureBytes('dicom/mono2-12bit-j2k-lossless.dcm'), { maxPixels: 1000 }),
    ).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      message: expect.stringContaining('DICOM Rows/Columns'),
    });
  });

  it('refuses an unusable window override with INVALID_ARGUMENT', async () => {
    await expect(
      decodeDicom(readFixtureBytes('dicom/mono2-12bit-explicit-le.dcm'), { window: { center: 0, width: 0.5 } }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
