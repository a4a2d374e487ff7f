import type { VjpRule } from '../vjp-rule';

/**
 * Relu: dx = dy · [x > 0]. In guided mode (guided backpropagation, Springenberg et al. 2015) negative
 * incoming gradients are also zeroed: dx = max(dy, 0) · [x > 0].
 */
export const reluVjp: VjpRule = (ctx) => {
  const e = ctx.emitter;
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const x = ctx.node.input[0]!;
  const mask = e.op('Cast', [e.op('Greater', [x, e.scalar(0)])], { to: 1 });
  const passed = ctx.reluMode === 'guided' ? e.op('Relu', [gy]) : gy;
  return [e.op('Mul', [passed, mask])];
};
