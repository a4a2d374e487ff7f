import { makeModel, makeNode, makeValueInfo } from '../src/onnx/make-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { makeFloatTensor, makeInt64Tensor } from '../src/onnx/tensor-data';

/**
 * A 1×8×8 → 3-class vision transformer built in TypeScript for tests, with the op patterns PyTorch exports
 * for a ViT: 4×4 patches (Conv) → Reshape/Transpose to 4 tokens of width 8 → a class token Expand-ed to
 * the batch and Concat-ed in front → + position embedding → LayerNormalization → one QKV MatMul, Split
 * into q, k, v → 2 heads (Reshape, Transpose) → softmax(q·kᵀ / 2) · v → merge heads → MatMul + residual →
 * LayerNormalization → Gather of token 0 → Gemm head. Weights are a fixed pseudo-random sequence.
 * Tensors of interest: `tokens` [N, 4, 8], `attn` [N, 2, 5, 5], `encoded` [N, 5, 8], `logits` [N, 3].
 */
export function makeTinyVitModel(): OnnxModel {
  const w = (n: number, seed: number, scale = 0.5) =>
    Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * scale);
  const D = 8;
  return makeModel({
    inputs: [makeValueInfo('input', ['batch', 1, 8, 8])],
    outputs: [makeValueInfo('logits', ['batch', 3])],
    initializers: [
      makeFloatTensor('patch.w', [D, 1, 4, 4], w(D * 16, 1)),
      makeFloatTensor('patch.b', [D], w(D, 2)),
      makeFloatTensor('cls', [1, 1, D], w(D, 3)),
      makeFloatTensor('pos', [1, 5, D], w(5 * D, 4, 0.2)),
      makeFloatTensor(
        'ln1.w',
        [D],
        w(D, 5, 0.3).map((v) => 1 + v),
      ),
      makeFloatTensor('ln1.b', [D], w(D, 6, 0.1)),
      makeFloatTensor('qkv.w', [D, 3 * D], w(3 * D * D, 7)),
      makeFloatTensor('qkv.b', [3 * D], w(3 * D, 8, 0.1)),
      makeFloatTensor('proj.w', [D, D], w(D * D, 9)),
      makeFloatTensor('proj.b', [D], w(D, 10, 0.1)),
      makeFloatTensor(
        'ln2.w',
        [D],
        w(D, 11, 0.3).map((v) => 1 + v),
      ),
      makeFloatTensor('ln2.b', [D], w(D, 12, 0.1)),
      makeFloatTensor('head.w', [3, D], w(3 * D, 13)),
      makeFloatTensor('head.b', [3], w(3, 14, 0.1)),
      makeFloatTensor('scale', [], [0.5]),
      makeInt64Tensor('tokens_shape', [3], [0, D, -1]),
      makeInt64Tensor('zero', [1], [0]),
      makeInt64Tensor('one_d', [2], [1, D]),
      makeInt64Tensor('qkv_split', [3], [D, D, D]),
      makeInt64Tensor('heads_shape', [4], [0, 0, 2, D / 2]),
      makeInt64Tensor('merge_shape', [3], [0, 0, D]),
      makeInt64Tensor('token0', [], [0]),
    ],
    nodes: [
      makeNode('Conv', ['input', 'patch.w', 'patch.b'], ['patches'], { kernel_shape: [4, 4], strides: [4, 4] }),
      makeNode('Reshape', ['patches', 'tokens_shape'], ['patches_flat']),
      makeNode('Transpose', ['patches_flat'], ['tokens'], { perm: [0, 2, 1] }),
      makeNode('Shape', ['input'], ['input_shape']),
      makeNode('Gather', ['input_shape', 'zero'], ['batch_size'], { axis: 0 }),
      makeNode('Concat', ['batch_size', 'one_d'], ['cls_shape'], { axis: 0 }),
      makeNode('Expand', ['cls', 'cls_shape'], ['cls_tokens']),
      makeNode('Concat', ['cls_tokens', 'tokens'], ['with_cls'], { axis: 1 }),
      makeNode('Add', ['with_cls', 'pos'], ['embedded']),
      makeNode('LayerNormalization', ['embedded', 'ln1.w', 'ln1.b'], ['ln1'], { axis: -1, epsilon: { float: 1e-5 } }),
      makeNode('MatMul', ['ln1', 'qkv.w'], ['qkv_mm']),
      makeNode('Add', ['qkv_mm', 'qkv.b'], ['qkv']),
      makeNode('Split', ['qkv', 'qkv_split'], ['q', 'k', 'v'], { axis: -1 }),
      makeNode('Reshape', ['q', 'heads_shape'], ['q_heads']),
      makeNode('Transpose', ['q_heads'], ['q_t'], { perm: [0, 2, 1, 3] }),
      makeNode('Reshape', ['k', 'heads_shape'], ['k_heads']),
      makeNode('Transpose', ['k_heads'], ['k_t'], { perm: [0, 2, 3, 1] }),
      makeNode('Reshape', ['v', 'heads_shape'], ['v_heads']),
      makeNode('Transpose', ['v_heads'], ['v_t'], { perm: [0, 2, 1, 3] }),
      makeNode('MatMul', ['q_t', 'k_t'], ['scores_raw']),
      makeNode('Mul', ['scores_raw', 'scale'], ['scores']),
      makeNode('Softmax', ['scores'], ['attn'], { axis: -1 }),
      makeNode('MatMul', ['attn', 'v_t'], ['context']),
      makeNode('Transpose', ['context'], ['context_t'], { perm: [0, 2, 1, 3] }),
      makeNode('Reshape', ['context_t', 'merge_shape'], ['merged']),
      makeNode('MatMul', ['merged', 'proj.w'], ['proj_mm']),
      makeNode('Add', ['proj_mm', 'proj.b'], ['proj']),
      makeNode('Add', ['embedded', 'proj'], ['encoded']),
      makeNode('LayerNormalization', ['encoded', 'ln2.w', 'ln2.b'], ['ln2'], { axis: -1, epsilon: { float: 1e-5 } }),
      makeNode('Gather', ['ln2', 'token0'], ['cls_out'], { axis: 1 }),
      makeNode('Gemm', ['cls_out', 'head.w', 'head.b'], ['logits'], { transB: 1 }),
    ],
  });
}
