import type { VjpRule } from '../vjp-rule';
import { absVjp } from './abs';
import { addVjp } from './add';
import { averagePoolVjp } from './average-pool';
import { batchNormalizationVjp } from './batch-normalization';
import { castVjp } from './cast';
import { celuVjp } from './celu';
import { clipVjp } from './clip';
import { concatVjp } from './concat';
import { convVjp } from './conv';
import { convTransposeVjp } from './conv-transpose';
import { depthToSpaceVjp } from './depth-to-space';
import { divVjp } from './div';
import { eluVjp } from './elu';
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
import { instanceNormalizationVjp } from './instance-normalization';
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
import { preluVjp } from './prelu';
import { reciprocalVjp } from './reciprocal';
import { reduceL2Vjp } from './reduce-l2';
import { reduceMaxVjp } from './reduce-max';
import { reduceMeanVjp } from './reduce-mean';
import { reduceSumVjp } from './reduce-sum';
import { reduceSumSquareVjp } from './reduce-sum-square';
import { reluVjp } from './relu';
import { reshapeLikeVjp } from './reshape-like';
import { resizeVjp } from './resize';
import { seluVjp } from './selu';
import { sigmoidVjp } from './sigmoid';
import { sliceVjp } from './slice';
import { softmaxVjp } from './softmax';
import { softplusVjp } from './softplus';
import { softsignVjp } from './softsign';
import { spaceToDepthVjp } from './space-to-depth';
import { splitVjp } from './split';
import { sqrtVjp } from './sqrt';
import { subVjp } from './sub';
import { sumVjp } from './sum';
import { tanhVjp } from './tanh';
import { thresholdedReluVjp } from './thresholded-relu';
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
  Celu: celuVjp,
  Clip: clipVjp,
  Concat: concatVjp,
  Conv: convVjp,
  ConvTranspose: convTransposeVjp,
  DepthToSpace: depthToSpaceVjp,
  Div: divVjp,
  Dropout: identityVjp,
  Elu: eluVjp,
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
  InstanceNormalization: instanceNormalizationVjp,
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
  PRelu: preluVjp,
  Pad: padVjp,
  Pow: powVjp,
  Reciprocal: reciprocalVjp,
  ReduceL2: reduceL2Vjp,
  ReduceMax: reduceMaxVjp,
  ReduceMean: reduceMeanVjp,
  ReduceSum: reduceSumVjp,
  ReduceSumSquare: reduceSumSquareVjp,
  Relu: reluVjp,
  Reshape: reshapeLikeVjp,
  Resize: resizeVjp,
  Selu: seluVjp,
  Sigmoid: sigmoidVjp,
  Slice: sliceVjp,
  Softmax: softmaxVjp,
  Softplus: softplusVjp,
  Softsign: softsignVjp,
  SpaceToDepth: spaceToDepthVjp,
  Split: splitVjp,
  Sqrt: sqrtVjp,
  Squeeze: reshapeLikeVjp,
  Sub: subVjp,
  Sum: sumVjp,
  Tanh: tanhVjp,
  ThresholdedRelu: thresholdedReluVjp,
  Tile: tileVjp,
  Transpose: transposeVjp,
  Unsqueeze: reshapeLikeVjp,
  Where: whereVjp,
};
