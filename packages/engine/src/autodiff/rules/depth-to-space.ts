import type { VjpRule } from '../vjp-rule';

/**
 * DepthToSpace moves blocks of b × b channels into space; it only permutes elements, so dx is dy permuted back.
 * DCR mode (the default) is undone exactly by SpaceToDepth with the same block size. CRD mode reads x [N, C·b·b,
 * H, W] as [N, C, b, b, H, W] and transposes it by [0, 1, 4, 2, 5, 3]: dy [N, C, H·b, W·b] is read as
 * [N, C, H, b, W, b], transposed by the inverse [0, 1, 3, 5, 2, 4] and given x's shape.
 */
export const depthToSpaceVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const b = ctx.attrInt('blocksize', 0);
  if (ctx.attrString('mode', 'DCR') === 'DCR') return [e.op('SpaceToDepth', [gy], { blocksize: b })];
  const [, channels, height, width] = ctx.facts(x).dims as [number, number, number, number];
  // 0 keeps dy's own batch size, so a dynamic batch keeps working.
  const blocks = e.op('Reshape', [gy, e.int64([0, channels / (b * b), height, b, width, b])]);
  const permuted = e.op('Transpose', [blocks], { perm: [0, 1, 3, 5, 2, 4] });
  return [e.op('Reshape', [permuted, e.shapeOf(x)])];
};
