import type { VjpRule } from '../vjp-rule';
import { absVjp } from './abs';
import { addVjp } from './add';
import { averagePoolVjp } from './average-pool';
import { batchNormalizationVjp } from './batch-normalization';
import { castVjp } from './cast';
import { clipVjp } from './clip';
import { concatVjp } from './concat';
import { convVjp } from './conv';
import { convTransposeVjp } from './conv-transpose';
import { divVjp } from './div';
import { erfVjp } from './erf';
import { expVjp } from './exp';
import { expandVjp } from './expand';
import { gatherVjp } from './gather';
import { gemmVjp } from './gemm';
import { globalAveragePoolVjp } from './global-average-pool';
import { globalMaxPoolVjp } from './global-max-pool';
import { hardSigmoidVjp } from './hard-sigmoid';
import { hardSwishVjp } from './hard-swish';
import { identityVjp } from './identity';
import { layerNormalizationVjp } from './layer-normalization';
import { leakyReluVjp } from './leaky-relu';
import { logVjp } from './log';
import { logSoftmaxVjp } from './log-softmax';
import { matmulVjp } from './matmul';
import { maxMinVjp } from './max-min';
import { maxPoolVjp } from './max-pool';
import { mulVjp } from './mul';
import { negVjp } from './neg';
import { padVjp } from './pad';
import { powVjp } from './pow';
import { reciprocalVjp } from './reciprocal';
import { reduceMaxVjp } from './reduce-max';
import { reduceMeanVjp } from './reduce-mean';
import { reduceSumVjp } from './reduce-sum';
import { reluVjp } from './relu';
import { reshapeLikeVjp } from './reshape-like';
import { resizeVjp } from './resize';
import { sigmoidVjp } from './sigmoid';
import { sliceVjp } from './slice';
import { softmaxVjp } from './softmax';
import { softplusVjp } from './softplus';
import { splitVjp } from './split';
import { sqrtVjp } from './sqrt';
import { subVjp } from './sub';
import { sumVjp } from './sum';
import { tanhVjp } from './tanh';
import { tileVjp } from './tile';
import { transposeVjp } from './transpose';
import { whereVjp } from './where';

/** One vector-Jacobian rule per ONNX op type (default domain). */
export const VJP_RULES: Readonly<Record<string, VjpRule>> = {
  Abs: absVjp,
  Add: addVjp,
  AveragePool: averagePoolVjp,
  BatchNormalization: batchNormalizationVjp,
  Cast: castVjp,
  Clip: clipVjp,
  Concat: concatVjp,
  Conv: convVjp,
  ConvTranspose: convTransposeVjp,
  Div: divVjp,
  Dropout: identityVjp,
  Erf: erfVjp,
  Exp: expVjp,
  Expand: expandVjp,
  Flatten: reshapeLikeVjp,
  Gather: gatherVjp,
  Gemm: gemmVjp,
  GlobalAveragePool: globalAveragePoolVjp,
  GlobalMaxPool: globalMaxPoolVjp,
  HardSigmoid: hardSigmoidVjp,
  HardSwish: hardSwishVjp,
  Identity: identityVjp,
  LayerNormalization: layerNormalizationVjp,
  LeakyRelu: leakyReluVjp,
  Log: logVjp,
  LogSoftmax: logSoftmaxVjp,
  MatMul: matmulVjp,
  Max: maxMinVjp,
  MaxPool: maxPoolVjp,
  Min: maxMinVjp,
  Mul: mulVjp,
  Neg: negVjp,
  Pad: padVjp,
  Pow: powVjp,
  Reciprocal: reciprocalVjp,
  ReduceMax: reduceMaxVjp,
  ReduceMean: reduceMeanVjp,
  ReduceSum: reduceSumVjp,
  Relu: reluVjp,
  Reshape: reshapeLikeVjp,
  Resize: resizeVjp,
  Sigmoid: sigmoidVjp,
  Slice: sliceVjp,
  Softmax: softmaxVjp,
  Softplus: softplusVjp,
  Split: splitVjp,
  Sqrt: sqrtVjp,
  Squeeze: reshapeLikeVjp,
  Sub: subVjp,
  Sum: sumVjp,
  Tanh: tanhVjp,
  Tile: tileVjp,
  Transpose: transposeVjp,
  Unsqueeze: reshapeLikeVjp,
  Where: whereVjp,
};
