import type { VjpRule } from '../vjp-rule';

/** Identity, and Dropout in inference (an identity): the gradient passes through unchanged. */
export const identityVjp: VjpRule = (ctx) => [ctx.gradOutput(0)];
