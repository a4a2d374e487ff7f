/**
 * Static facts about every tensor of a graph, found by probe runs (see probeShapeTable):
 * dims at batch 1, which dims grow with the batch, and the element type.
 */
export interface TensorFacts {
  readonly dims: readonly number[];
  /** dynamic[i] is true when dim i follows the batch size (found by probing at two batch sizes). */
  readonly dynamic: readonly boolean[];
  /** onnxruntime type name: 'float32', 'int64', 'bool'… */
  readonly type: string;
  /**
   * For small integer tensors computed only from shapes and constants (Shape → Gather → Div…), their value
   * when it is the same at both probe batch sizes: such a tensor is a constant of the model at its input size.
   */
  readonly value?: readonly number[];
}

export type ShapeTable = ReadonlyMap<string, TensorFacts>;

export function isFloatTensor(facts: TensorFacts | undefined): boolean {
  return facts?.type === 'float32' || facts?.type === 'float64' || facts?.type === 'float16';
}
