import { makeFloatTensor, makeModelBytes, makeNode, makeValueInfo } from '@lightbox/engine';

/**
 * A 1×8×8 → 3-class model with no convolution (Flatten → Gemm): it predicts, but has no spatial layer, so a
 * CAM method cannot run on it and the explanation job fails with a reason the viewer must show.
 */
export function makeFlatModel(): { bytes: Uint8Array; card: Record<string, unknown> } {
  const weights = Array.from({ length: 3 * 64 }, (_, i) => Math.sin(i * 7.1) * 0.1);
  const bytes = makeModelBytes({
    inputs: [makeValueInfo('input', ['batch', 1, 8, 8])],
    outputs: [makeValueInfo('logits', ['batch', 3])],
    initializers: [makeFloatTensor('fc.w', [3, 64], weights), makeFloatTensor('fc.b', [3], [0, 0.1, -0.1])],
    nodes: [
      makeNode('Flatten', ['input'], ['flat'], { axis: 1 }),
      makeNode('Gemm', ['flat', 'fc.w', 'fc.b'], ['logits'], { transB: 1 }),
    ],
  });
  const card = {
    name: 'flat',
    version: '1.0.0',
    task: 'multiclass',
    labels: ['a', 'b', 'c'],
    input: { name: 'input', channels: 1, height: 8, width: 8, mean: [0.5], std: [0.25] },
    output: { name: 'logits', activation: 'softmax' },
  };
  return { bytes, card };
}
