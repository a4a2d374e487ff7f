import type { VjpRule } from '../vjp-rule';

/**
 * SpaceToDepth moves b × b spatial blocks into channels, ordered (row in block, column in block, channel); it only
 * permutes elements, and DepthToSpace in DCR mode with the same block size is its exact inverse, so
 * dx = DepthToSpace(dy, b, DCR).
 */
export const spaceToDepthVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  return [ctx.emitter.op('DepthToSpace', [gy], { blocksize: ctx.attrInt('blocksize', 0), mode: 'DCR' })];
};
