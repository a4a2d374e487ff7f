import type { VjpRule } from '../vjp-rule';

/**
 * Tile with constant repeats rₖ: y[…, t·dₖ + i, …] = x[…, i, …] for t < rₖ, so dx sums dy's copies:
 * dy reshaped to […, rₖ, dₖ, …] (an rₖ axis before each repeated axis) and ReduceSum over those rₖ axes.
 * An axis that follows the batch may only have repeat 1.
 */
export const tileVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const [x, repeatsIn] = ctx.node.input as [string, string];
  const repeats =
    ctx.constantValue(repeatsIn) ?? ctx.unsupported('its repeats are computed at run time, not constants');
  const fx = ctx.facts(x);
  if (repeats.includes(0)) return [e.op('ConstantOfShape', [e.shapeOf(x)])]; // y is empty: nothing flows back
  const shape: number[] = [];
  const summed: number[] = [];
  let dynamicDims = 0;
  fx.dims.forEach((d, k) => {
    const r = repeats[k] ?? 1;
    if (fx.dynamic[k]) {
      if (r !== 1) ctx.unsupported(`it repeats axis ${k}, which follows the batch size`);
      dynamicDims++;
      shape.push(-1);
      return;
    }
    if (r !== 1) {
      summed.push(shape.length);
      shape.push(r);
    }
    shape.push(d);
  });
  if (summed.length === 0) return [gy];
  if (dynamicDims > 1) ctx.unsupported('more than one of its axes follows the batch size');
  const split = e.op('Reshape', [gy, e.int64(shape)]);
  return [e.op('ReduceSum', [split, e.int64(summed)], { keepdims: 0 })];
};
