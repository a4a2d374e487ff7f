import { describe, expect, it } from 'vitest';
import { grayImage, sequence } from '../../../test/fixtures/images/build-dicom';
import { parseDicom } from './parse-dicom';
import { applyModalityLut, readModalityLut } from './read-modality-lut';
import { readPixelModule } from './read-pixel-module';

function modalityOf(extra: Parameters<typeof grayImage>[0]['extra']) {
  const { dataSet } = parseDicom(grayImage({ rows: 1, columns: 1, words: [0], extra }), { maxInflatedBytes: 1 << 20 });
  return readModalityLut(dataSet, readPixelModule(dataSet, undefined));
}

describe('readModalityLut', () => {
  it('reads Rescale Slope and Intercept and applies y = x × slope + intercept', () => {
    const modality = modalityOf([
      { tag: 0x00281052, vr: 'DS', value: '-1024' },
      { tag: 0x00281053, vr: 'DS', value: '2.5' },
    ]);
    expect(modality).toEqual({ kind: 'rescale', slope: 2.5, intercept: -1024 });
    expect(applyModalityLut(modality, 100)).toBe(-774);
  });

  it('defaults to slope 1, intercept 0, and treats a zero slope as 1', () => {
    expect(modalityOf([])).toEqual({ kind: 'rescale', slope: 1, intercept: 0 });
    expect(modalityOf([{ tag: 0x00281053, vr: 'DS', value: '0' }])).toEqual({
      kind: 'rescale',
      slope: 1,
      intercept: 0,
    });
  });

  it('prefers the Modality LUT Sequence to the rescale', () => {
    const modality = modalityOf([
      { tag: 0x00281053, vr: 'DS', value: '3' },
      sequence(0x00283000, [
        [
          { tag: 0x00283002, vr: 'US', value: [3, 10, 16] },
          { tag: 0x00283006, vr: 'OW', value: new Uint8Array(new Uint16Array([100, 200, 300]).buffer) },
        ],
      ]),
    ]);
    expect(modality.kind).toBe('sequence');
    expect([9, 10, 11, 12, 13].map((x) => applyModalityLut(modality, x))).toEqual([100, 100, 200, 300, 300]);
  });
});
