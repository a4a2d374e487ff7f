import { describe, expect, it } from 'vitest';
import { kernelOffsets } from './kernel-offsets';

describe('kernelOffsets', () => {
  it('lists every multi-index of the box in row-major order', () => {
    expect(kernelOffsets([2, 3])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(kernelOffsets([3])).toEqual([[0], [1], [2]]);
    expect(kernelOffsets([])).toEqual([[]]);
    expect(kernelOffsets([2, 0])).toEqual([]);
  });
});
