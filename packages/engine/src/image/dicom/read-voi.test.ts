import { describe, expect, it } from 'vitest';
import { grayImage, sequence, type TestElement } from '../../../test/fixtures/images/build-dicom';
import { parseDicom } from './parse-dicom';
import { readModalityLut } from './read-modality-lut';
import { readPixelModule } from './read-pixel-module';
import { readVoi } from './read-voi';

function voiOf(extra: TestElement[], override?: { center: number; width: number }) {
  const { dataSet } = parseDicom(grayImage({ rows: 1, columns: 1, words: [0], extra }), { maxInflatedBytes: 1 << 20 });
  const module = readPixelModule(dataSet, undefined);
  return readVoi(dataSet, module, readModalityLut(dataSet, module), override);
}

const window = (center: string, width: string): TestElement[] => [
  { tag: 0x00281050, vr: 'DS', value: center },
  { tag: 0x00281051, vr: 'DS', value: width },
];
const voiLut = sequence(0x00283010, [
  [
    { tag: 0x00283002, vr: 'US', value: [2, 0, 8] },
    { tag: 0x00283006, vr: 'OW', value: new Uint8Array(new Uint16Array([0, 255]).buffer) },
  ],
]);

describe('readVoi', () => {
  it('uses the first of several windows, with LINEAR by default', () => {
    expect(voiOf(window('40\\400', '400\\2000'))).toEqual({
      kind: 'window',
      window: { center: 40, width: 400 },
      fn: 'LINEAR',
      source: 'file',
    });
  });

  it('reads the VOI LUT Function', () => {
    const voi = voiOf([...window('40', '400'), { tag: 0x00281056, vr: 'CS', value: 'SIGMOID' }]);
    expect(voi).toMatchObject({ kind: 'window', fn: 'SIGMOID' });
  });

  it('prefers the override, keeping the file’s VOI LUT Function', () => {
    const voi = voiOf([...window('40', '400'), { tag: 0x00281056, vr: 'CS', value: 'LINEAR_EXACT' }], {
      center: 1,
      width: 2,
    });
    expect(voi).toEqual({ kind: 'window', window: { center: 1, width: 2 }, fn: 'LINEAR_EXACT', source: 'override' });
  });

  it('refuses an override the function cannot use', () => {
    expect(() => voiOf([], { center: 1, width: 0.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('falls back to the VOI LUT Sequence, then to the default, when the window is unusable or absent', () => {
    expect(voiOf([...window('40', '0'), voiLut])).toMatchObject({ kind: 'lut' });
    expect(voiOf(window('40', '0'))).toEqual({ kind: 'default' });
    expect(voiOf([])).toEqual({ kind: 'default' });
  });
});
