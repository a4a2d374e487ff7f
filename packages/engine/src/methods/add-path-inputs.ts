import { makeNode } from '../onnx/make-model';
import { type OnnxModel, type OnnxNode, TensorDataType } from '../onnx/onnx-types';
import { makeInt64Tensor } from '../onnx/tensor-data';

/** Graph inputs and output of a path-integral session (see addPathInputs). */
export const PATH_NAMES = {
  start: 'lbx/path/start',
  delta: 'lbx/path/delta',
  alpha: 'lbx/path/alpha',
  weight: 'lbx/path/weight',
  output: 'lbx/path/weighted_gradient',
} as const;

/**
 * Rewrites a forward + backward graph so that one run evaluates the input gradient at points of a straight
 * path and returns their weighted sum, as integrated gradients needs: the model input becomes
 * start + α·delta (start, delta [1, C, H, W]; α [N, 1, 1, 1] a graph input), and the new output is
 * Σ_n weight[n]·gradient[n] ([1, C, H, W]; weight [N, 1, 1, 1] a graph input). The points and the weighted
 * sum are then computed by onnxruntime instead of element by element in JavaScript, and only one image's
 * worth of gradient leaves each run.
 */
export function addPathInputs(model: OnnxModel, input: string, gradient: string, chw: readonly number[]): OnnxModel {
  const g = model.graph;
  const node = (opType: string, inputs: string[], output: string, attrs: Record<string, number> = {}): OnnxNode =>
    makeNode(opType, inputs, [output], attrs, `lbx/path/${output.split('/').pop()}`);
  const scaled = 'lbx/path/scaled_delta';
  const weighted = 'lbx/path/weighted';
  const axes = 'lbx/path/axes';
  const image = chw.map((d) => ({ value: d }));
  const perPoint = [{ param: 'batch' }, { value: 1 }, { value: 1 }, { value: 1 }];
  return {
    ...model,
    graph: {
      ...g,
      node: [
        node('Mul', [PATH_NAMES.alpha, PATH_NAMES.delta], scaled),
        node('Add', [PATH_NAMES.start, scaled], input),
        ...g.node,
        node('Mul', [gradient, PATH_NAMES.weight], weighted),
        node('ReduceSum', [weighted, axes], PATH_NAMES.output, { keepdims: 1 }),
      ],
      initializer: [...g.initializer, makeInt64Tensor(axes, [1], [0])],
      input: [
        ...g.input.filter((i) => i.name !== input),
        { name: PATH_NAMES.start, elemType: TensorDataType.FLOAT, shape: [{ value: 1 }, ...image] },
        { name: PATH_NAMES.delta, elemType: TensorDataType.FLOAT, shape: [{ value: 1 }, ...image] },
        { name: PATH_NAMES.alpha, elemType: TensorDataType.FLOAT, shape: perPoint },
        { name: PATH_NAMES.weight, elemType: TensorDataType.FLOAT, shape: perPoint },
      ],
      output: [...g.output, { name: PATH_NAMES.output, elemType: TensorDataType.FLOAT }],
    },
  };
}
