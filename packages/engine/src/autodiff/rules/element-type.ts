import { TensorDataType } from '../../onnx/onnx-types';
import type { VjpContext } from '../vjp-rule';

const FLOAT_TYPES: Readonly<Record<string, number>> = {
  float16: TensorDataType.FLOAT16,
  float32: TensorDataType.FLOAT,
  float64: TensorDataType.DOUBLE,
};

/**
 * The ONNX element type (TensorProto.DataType) of a float tensor, from its probed facts. A gradient has the
 * element type of its tensor, so constants and masks in a rule must match it on float16 / float64 paths.
 */
export function floatElemType(ctx: VjpContext, tensor: string): number {
  const type = ctx.facts(tensor).type;
  const elemType = FLOAT_TYPES[type];
  if (elemType === undefined) ctx.unsupported(`tensor "${tensor}" has type ${type}, not a float type`);
  return elemType;
}

/** A scalar constant with the element type of `like` (a float32 initializer, cast when `like` is not float32). */
export function scalarLike(ctx: VjpContext, value: number, like: string): string {
  const elemType = floatElemType(ctx, like);
  const s = ctx.emitter.scalar(value);
  return elemType === TensorDataType.FLOAT ? s : ctx.emitter.op('Cast', [s], { to: elemType });
}

/** Casts a tensor (e.g. a boolean mask or an integer exponent) to the element type of `like`. */
export function castLike(ctx: VjpContext, tensor: string, like: string): string {
  return ctx.emitter.op('Cast', [tensor], { to: floatElemType(ctx, like) });
}
