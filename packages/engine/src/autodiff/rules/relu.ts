import type { VjpRule } from '../vjp-rule';

/**
 * Relu: dx = dy · [x > 0]. The mask is read from the output, [y > 0] (y = max(x, 0) is positive exactly
 * where x is), so the pre-activation is not needed after the forward pass and onnxruntime can still fuse
 * the Relu into the Conv before it. (Sign(y) would be one op fewer but onnxruntime's Sign is several times
 * slower than Greater + Cast.) In guided mode (guided backpropagation, Springenberg et al. 2015) negative
 * incoming gradients are also zeroed: dx = max(dy, 0) · [x > 0].
 */
export const reluVjp: VjpRule = (ctx) => {
  const e = ctx.emitter;
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const mask = e.op('Cast', [e.op('Greater', [ctx.node.output[0]!, e.scalar(0)])], { to: 1 });
  const guided = ctx.reluMode === 'guided';
  if (guided) ctx.noteGuidedGate();
  const passed = guided ? e.op('Relu', [gy]) : gy;
  return [e.op('Mul', [passed, mask])];
};
