import { oneMinusSigmoid, unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Mul (broadcasting): da = unbroadcast(dy · b), db = unbroadcast(dy · a).
 *
 * SiLU / Swish, y = x · σ(x) (EfficientNet, exported as Sigmoid + Mul), when σ(x) has no other use: the
 * gradient through both factors is folded into one, dx = dy · (σ + y·(1 − σ)), four elementwise passes
 * instead of the six of the separate Mul and Sigmoid rules plus their sum; the Sigmoid then receives no
 * gradient and emits nothing. 1 − σ is computed as HardSigmoid(σ) with α = −1, β = 1 (see oneMinusSigmoid).
 * In guided mode (guided backpropagation) SiLU is gated like ReLU, whose rule it reduces to as the sigmoid
 * saturates: dx = max(dy, 0) · max(σ + y·(1 − σ), 0), i.e. only positive incoming gradients pass, and only
 * where the activation's slope is positive (x ≳ −1.28).
 */
export const mulVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [a, b] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  for (const [xi, si] of [
    [0, 1],
    [1, 0],
  ] as const) {
    const x = ctx.node.input[xi]!;
    const sig = ctx.node.input[si]!;
    const p = ctx.producerOf(sig);
    if (
      p?.opType === 'Sigmoid' &&
      p.input[0] === x &&
      ctx.usedOnlyHere(sig) &&
      ctx.needsGrad(xi) &&
      ctx.facts(x).dims.join() === ctx.facts(y).dims.join()
    ) {
      const slope = e.op('Add', [sig, e.op('Mul', [y, oneMinusSigmoid(ctx, sig)])]);
      const guided = ctx.reluMode === 'guided';
      if (guided) ctx.noteGuidedGate();
      const gx = guided ? e.op('Mul', [e.op('Relu', [gy]), e.op('Relu', [slope])]) : e.op('Mul', [gy, slope]);
      return xi === 0 ? [gx, undefined] : [undefined, gx];
    }
  }
  return [
    ctx.needsGrad(0) ? unbroadcast(ctx, e.op('Mul', [gy, b]), y, a) : undefined,
    ctx.needsGrad(1) ? unbroadcast(ctx, e.op('Mul', [gy, a]), y, b) : undefined,
  ];
};
