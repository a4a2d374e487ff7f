import type { VjpRule } from '../vjp-rule';

/** Log (natural): dx = dy / x. */
export const logVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  return [ctx.emitter.op('Div', [gy, ctx.node.input[0]!])];
};
