import { makeFloatTensor, makeModelBytes, makeNode, makeValueInfo } from '../src/onnx';

/**
 * A 1×8×8 → 3-class CNN built in TypeScript for tests: Conv(4, 3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm.
 * Weights are a fixed pseudo-random sequence, so tests are deterministic.
 */
export function makeTinyConvModel(): Uint8Array {
  const w = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
  return makeModelBytes({
    inputs: [makeValueInfo('input', ['batch', 1, 8, 8])],
    outputs: [makeValueInfo('logits', ['batch', 3])],
    initializers: [
      makeFloatTensor('conv.w', [4, 1, 3, 3], w(36, 1)),
      makeFloatTensor('conv.b', [4], w(4, 2)),
      makeFloatTensor('fc.w', [3, 4], w(12, 3)),
      makeFloatTensor('fc.b', [3], w(3, 4)),
    ],
    nodes: [
      makeNode('Conv', ['input', 'conv.w', 'conv.b'], ['conv'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      makeNode('Relu', ['conv'], ['relu']),
      makeNode('GlobalAveragePool', ['relu'], ['gap']),
      makeNode('Flatten', ['gap'], ['flat'], { axis: 1 }),
      makeNode('Gemm', ['flat', 'fc.w', 'fc.b'], ['logits'], { transB: 1 }),
    ],
  });
}
