import type { TAttrValue } from '../onnx/make-model';
import type { OnnxNode } from '../onnx/onnx-types';
import type { GraphEmitter } from './graph-emitter';
import type { TensorFacts } from './shape-table';

/**
 * What a vector-Jacobian rule sees of one forward node. A rule emits standard ONNX ops (opset 13 or later)
 * that turn the gradients of the node's outputs into gradients of the inputs that need them.
 */
export interface VjpContext {
  readonly node: OnnxNode;
  readonly opset: number;
  readonly emitter: GraphEmitter;
  /** Gradient flowing into output i, or undefined when none does (treat as zero). */
  gradOutput(i: number): string | undefined;
  /** True when input i is a float tensor on the path from a requested tensor to the differentiated output. */
  needsGrad(i: number): boolean;
  /** Probed facts of a tensor (dims at batch 1, which dims follow the batch, type). */
  facts(tensor: string): TensorFacts;
  /** A constant's values when the tensor is an initializer or a Constant node output, else undefined. */
  constantValue(tensor: string): number[] | undefined;
  /** The forward node producing a tensor (undefined for graph inputs and initializers). */
  producerOf(tensor: string): OnnxNode | undefined;
  /**
   * True when the tensor's only use is as an input of this node (one consumer, not a graph output, no gradient
   * requested for it), so a rule may fold its producer's gradient into its own (e.g. SiLU = x · Sigmoid(x)).
   */
  usedOnlyHere(tensor: string): boolean;
  attrInt(name: string, fallback: number): number;
  attrInts(name: string, fallback: readonly number[]): number[];
  attrFloat(name: string, fallback: number): number;
  attrString(name: string, fallback: string): string;
  /**
   * 'guided' makes ReLU (and SiLU) pass only positive gradients (guided backpropagation, Springenberg et al.
   * 2015); a rule that applies that gating calls `noteGuidedGate` so callers can tell when nothing was gated.
   */
  readonly reluMode: 'standard' | 'guided';
  noteGuidedGate(): void;
  /** Fails the build with an UNSUPPORTED_OP error naming this node and the reason. */
  unsupported(reason: string): never;
}

/** Returns, per node input, the name of its gradient tensor (undefined where not needed or identically zero). */
export type VjpRule = (ctx: VjpContext) => (string | undefined)[];

export type { TAttrValue };
