import type { VjpRule } from '../vjp-rule';
import { addVjp } from './add';
import { convVjp } from './conv';
import { gemmVjp } from './gemm';
import { globalAveragePoolVjp } from './global-average-pool';
import { identityVjp } from './identity';
import { mulVjp } from './mul';
import { reluVjp } from './relu';
import { reshapeLikeVjp } from './reshape-like';
import { subVjp } from './sub';

/** One vector-Jacobian rule per ONNX op type (default domain). */
export const VJP_RULES: Readonly<Record<string, VjpRule>> = {
  Add: addVjp,
  Conv: convVjp,
  Dropout: identityVjp,
  Flatten: reshapeLikeVjp,
  Gemm: gemmVjp,
  GlobalAveragePool: globalAveragePoolVjp,
  Identity: identityVjp,
  Mul: mulVjp,
  Relu: reluVjp,
  Reshape: reshapeLikeVjp,
  Squeeze: reshapeLikeVjp,
  Sub: subVjp,
  Unsqueeze: reshapeLikeVjp,
};
