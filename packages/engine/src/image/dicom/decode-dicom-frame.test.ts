import { describe, expect, it } from 'vitest';
import {
  imageFixtures,
  maxAbsDifference,
  readFixtureBytes,
  readNpy,
} from '../../../test/fixtures/images/image-fixtures';
import { decodeDicomFrame } from './decode-dicom-frame';
import { parseDicom } from './parse-dicom';
import { readPixelModule } from './read-pixel-module';
import { resolveTransferSyntax } from './transfer-syntaxes';

async function storedValuesOf(file: string) {
  const parsed = parseDicom(readFixtureBytes(file), { maxInflatedBytes: 1 << 24 });
  const module = readPixelModule(parsed.dataSet, undefined);
  return decodeDicomFrame(parsed, module, resolveTransferSyntax(parsed.transferSyntaxUid));
}

describe('decodeDicomFrame: stored values of frame 1', () => {
  const fixtures = imageFixtures('dicom');

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s', async (file, fixture) => {
    const frame = await storedValuesOf(file);
    const expected = readNpy(fixture.storedExpected!).data;
    if (fixture.lossless) {
      // Lossless transfer syntaxes must give back exactly the values that were encoded.
      expect(Array.from(frame.stored)).toEqual(Array.from(expected));
    } else {
      expect(maxAbsDifference(frame.stored, expected).max).toBeLessThanOrEqual(fixture.storedTolerance ?? 0);
    }
  });

  it('leaves YBR_FULL samples to be converted, but not what libjpeg already turned into RGB', async () => {
    expect((await storedValuesOf('dicom/ybr-full.dcm')).ybr).toBe(true);
    expect((await storedValuesOf('dicom/rgb-jpeg-baseline.dcm')).ybr).toBe(false);
    expect((await storedValuesOf('dicom/rgb-planar1.dcm')).ybr).toBe(false);
  });

  it('masks junk above High Bit and sign-extends Bits Stored', async () => {
    const frame = await storedValuesOf('dicom/signed-12bit-junk-high-bits.dcm');
    expect(Math.min(...frame.stored)).toBe(-2048);
    expect(Math.max(...frame.stored)).toBe(2047);
  });
});
