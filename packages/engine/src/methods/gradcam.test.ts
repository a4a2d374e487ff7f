import { describe, expect, it } from 'vitest';
import { makeTinyConvModel } from '../../test/make-tiny-conv-model';
import { tinyInput, tinySessions } from '../../test/tiny-sessions';
import { decodeOnnxModel } from '../onnx/decode-onnx-model';
import { tensorToFloat32 } from '../onnx/tensor-data';
import { explainImage } from './explain-image';
import { layerGradients } from './layer-gradients';

describe('gradcam', () => {
  it('equals CAM from the final layer weights on a global-average-pool + linear head (analytic)', async () => {
    const sessions = await tinySessions();
    const input = tinyInput(3);
    const fcW = tensorToFloat32(decodeOnnxModel(makeTinyConvModel()).graph.initializer.find((t) => t.name === 'fc.w')!);
    for (const target of [0, 1, 2]) {
      const e = await explainImage(sessions, input, { method: 'gradcam', target });
      expect(e.layer).toBe('relu');
      expect(e.shape).toEqual([8, 8]);
      const { a } = await layerGradients({ classifier: sessions.classifier, input, target, layer: 'relu', sessions });
      // CAM_c = Σ_k w_ck A_k (Zhou et al. 2016); Grad-CAM's α_k = w_ck / (h·w), so Grad-CAM = ReLU(CAM) / 64.
      for (let i = 0; i < 64; i++) {
        let cam = 0;
        for (let k = 0; k < 4; k++) cam += fcW[target * 4 + k]! * a[k * 64 + i]!;
        expect(e.map[i]! * 64).toBeCloseTo(Math.max(cam, 0), 5);
      }
    }
    await sessions.dispose();
  });

  it('names the layer it used, honours --layer and rejects an unknown one', async () => {
    const sessions = await tinySessions();
    const e = await explainImage(sessions, tinyInput(), { method: 'gradcam', layer: 'conv', target: 'b' });
    expect(e.layer).toBe('conv');
    expect(e.target).toBe(1);
    await expect(explainImage(sessions, tinyInput(), { method: 'gradcam', layer: 'no/such' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(explainImage(sessions, tinyInput(), { method: 'gradcam', target: 7 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/out of range/),
    });
    await sessions.dispose();
  });
});
