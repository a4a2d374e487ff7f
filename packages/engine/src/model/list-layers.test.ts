import { describe, expect, it } from 'vitest';
import { isSpatialMap, pickDefaultCamLayer } from './list-layers';
import type { ProbedTensor } from './probe-tensor-shapes';

const tensor = (name: string, dims: number[], nodeIndex: number, type = 'float32'): ProbedTensor => ({
  name,
  dims,
  type,
  nodeIndex,
  opType: 'Conv',
});

describe('pickDefaultCamLayer', () => {
  it('takes the last 4-D float map with height and width above 1 that feeds the output', () => {
    const tensors = [
      tensor('stem', [1, 16, 56, 56], 0),
      tensor('last-block', [1, 768, 7, 7], 5),
      tensor('int-map', [1, 4, 7, 7], 6, 'int64'),
      tensor('side-branch', [1, 8, 7, 7], 7),
      tensor('pooled', [1, 768, 1, 1], 8),
      // ConvNeXt's LayerNorm2d: NHWC views of the pooled vector, after the last map.
      tensor('nhwc-pooled', [1, 1, 1, 768], 9),
      tensor('logits', [1, 1000], 10),
    ];
    const reaches = new Set(['stem', 'last-block', 'int-map', 'pooled', 'nhwc-pooled', 'logits']);
    expect(pickDefaultCamLayer(tensors, reaches)).toBe('last-block');
  });

  it('finds none in a model without a spatial map', () => {
    expect(pickDefaultCamLayer([tensor('h', [1, 32], 0), tensor('row', [1, 3, 1, 9], 1)], new Set(['h', 'row']))).toBe(
      undefined,
    );
  });

  it('counts a map as spatial only when both sides exceed 1', () => {
    expect(isSpatialMap([1, 64, 2, 2])).toBe(true);
    expect(isSpatialMap([1, 1, 1, 768])).toBe(false);
    expect(isSpatialMap([1, 64, 1, 7])).toBe(false);
    expect(isSpatialMap([1, 64, 7])).toBe(false);
  });
});
