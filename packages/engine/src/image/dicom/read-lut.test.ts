import { describe, expect, it } from 'vitest';
import { buildDicom, sequence } from '../../../test/fixtures/images/build-dicom';
import { parseDicom } from './parse-dicom';
import { lookUp, readLut } from './read-lut';

function lutItem(descriptorVr: 'US' | 'SS', descriptor: number[], data: Uint8Array) {
  const bytes = buildDicom([
    sequence(0x00283010, [
      [
        { tag: 0x00283002, vr: descriptorVr, value: descriptor },
        { tag: 0x00283006, vr: 'OW', value: data },
      ],
    ]),
  ]);
  return parseDicom(bytes, { maxInflatedBytes: 1 << 20 }).dataSet.elements.x00283010!.items![0]!.dataSet!;
}

const words = (...values: number[]) => new Uint8Array(new Uint16Array(values).buffer);

describe('readLut', () => {
  it('reads descriptor and 16-bit entries', () => {
    const lut = readLut(lutItem('US', [3, 100, 12], words(0, 2000, 4095)), false, 'VOI LUT Sequence');
    expect(lut.firstMapped).toBe(100);
    expect(lut.bitsPerEntry).toBe(12);
    expect(Array.from(lut.entries)).toEqual([0, 2000, 4095]);
  });

  it('reads a signed first mapped value (SS)', () => {
    const lut = readLut(lutItem('SS', [2, -1024, 16], words(7, 9)), false, 'Modality LUT Sequence');
    expect(lut.firstMapped).toBe(-1024);
  });

  it('reads 8-bit entries stored one per byte', () => {
    const lut = readLut(lutItem('US', [4, 0, 8], new Uint8Array([10, 20, 30, 40])), false, 'VOI LUT Sequence');
    expect(Array.from(lut.entries)).toEqual([10, 20, 30, 40]);
  });

  it('refuses LUT data shorter than the descriptor says', () => {
    expect(() => readLut(lutItem('US', [10, 0, 16], words(1, 2)), false, 'VOI LUT Sequence')).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('4 bytes for 10 entries') }),
    );
  });

  it('looks up with clamping below the first and above the last entry', () => {
    const lut = { firstMapped: 100, bitsPerEntry: 12, entries: new Uint16Array([5, 6, 7]) };
    expect([lookUp(lut, 0), lookUp(lut, 100), lookUp(lut, 101.7), lookUp(lut, 102), lookUp(lut, 5000)]).toEqual([
      5, 5, 6, 7, 7,
    ]);
  });
});
