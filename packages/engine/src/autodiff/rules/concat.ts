import { normAxis } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Concat along `axis` (negative counts from the end): y = [x₀ | x₁ | …], so dxᵢ is the piece of dy at xᵢ's
 * offset along the axis, found with one Split of dy by the inputs' sizes. The sizes are constants, except
 * along an axis that follows the batch, where they are read from the inputs' runtime shapes.
 */
export const concatVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const inputs = ctx.node.input;
  const rank = ctx.facts(ctx.node.output[0]!).dims.length;
  const axis = normAxis(ctx.attrInt('axis', 0), rank);
  const sizes = inputs.map((x) => ctx.facts(x).dims[axis] ?? 0);
  const dynamic = inputs.map((x) => ctx.facts(x).dynamic[axis] === true);
  const split = dynamic.some(Boolean)
    ? e.op(
        'Concat',
        inputs.map((x, i) => (dynamic[i] ? e.op('Gather', [e.shapeOf(x), e.int64([axis])]) : e.int64([sizes[i]!]))),
        { axis: 0 },
      )
    : e.int64(sizes);
  const pieces = e.emit('Split', [gy, split], { axis }, inputs.length, 'concat_grad');
  return inputs.map((_, i) => (ctx.needsGrad(i) ? pieces[i] : undefined));
};
