import { makeFloatTensor, makeModelBytes, makeNode, makeValueInfo } from '@lightbox/engine';

/**
 * A 1×128×128 → 3-class CNN with two 16-channel convolutions: slow enough (a second or more for integrated gradients
 * and SmoothGrad) that a test can kill a worker in the middle of a job. Weights are a fixed pseudo-random sequence.
 */
export function makeSlowModel(): { bytes: Uint8Array; card: Record<string, unknown> } {
  const w = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.2);
  const bytes = makeModelBytes({
    inputs: [makeValueInfo('input', ['batch', 1, 128, 128])],
    outputs: [makeValueInfo('logits', ['batch', 3])],
    initializers: [
      makeFloatTensor('c1.w', [16, 1, 3, 3], w(144, 1)),
      makeFloatTensor('c1.b', [16], w(16, 2)),
      makeFloatTensor('c2.w', [16, 16, 3, 3], w(2304, 3)),
      makeFloatTensor('c2.b', [16], w(16, 4)),
      makeFloatTensor('fc.w', [3, 16], w(48, 5)),
      makeFloatTensor('fc.b', [3], w(3, 6)),
    ],
    nodes: [
      makeNode('Conv', ['input', 'c1.w', 'c1.b'], ['c1'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      makeNode('Relu', ['c1'], ['r1']),
      makeNode('Conv', ['r1', 'c2.w', 'c2.b'], ['c2'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      makeNode('Relu', ['c2'], ['r2']),
      makeNode('GlobalAveragePool', ['r2'], ['gap']),
      makeNode('Flatten', ['gap'], ['flat'], { axis: 1 }),
      makeNode('Gemm', ['flat', 'fc.w', 'fc.b'], ['logits'], { transB: 1 }),
    ],
  });
  const card = {
    name: 'slow-cnn',
    version: '1.0.0',
    task: 'multiclass',
    labels: ['a', 'b', 'c'],
    input: { name: 'input', channels: 1, height: 128, width: 128, mean: [0.5], std: [0.25] },
    output: { name: 'logits', activation: 'softmax' },
  };
  return { bytes, card };
}
