import { describe, expect, it } from 'vitest';
import { tinyInput, tinySessions } from '../../test/tiny-sessions';
import { explainImage } from './explain-image';
import { layerGradients } from './layer-gradients';

describe('CAM family', () => {
  it('computes each method from A and ∂f/∂A as its paper defines it', async () => {
    const sessions = await tinySessions();
    const input = tinyInput(2);
    const target = 0;
    const { a, g } = await layerGradients({ classifier: sessions.classifier, input, target, layer: 'relu', sessions });
    const hw = 64;
    const expectClose = (got: Float32Array, want: (i: number) => number) => {
      for (let i = 0; i < hw; i++) expect(got[i]).toBeCloseTo(Math.max(0, want(i)), 5);
    };
    const sumA = (k: number) => a.slice(k * hw, (k + 1) * hw).reduce((s, v) => s + v, 0);
    const hires = await explainImage(sessions, input, { method: 'hirescam', target, layer: 'relu' });
    expectClose(hires.map, (i) => [0, 1, 2, 3].reduce((s, k) => s + g[k * hw + i]! * a[k * hw + i]!, 0));
    const layer = await explainImage(sessions, input, { method: 'layercam', target, layer: 'relu' });
    expectClose(layer.map, (i) => [0, 1, 2, 3].reduce((s, k) => s + Math.max(0, g[k * hw + i]!) * a[k * hw + i]!, 0));
    const x = await explainImage(sessions, input, { method: 'xgradcam', target, layer: 'relu' });
    const xw = [0, 1, 2, 3].map(
      (k) => a.slice(k * hw, (k + 1) * hw).reduce((s, v, i) => s + v * g[k * hw + i]!, 0) / (sumA(k) + 1e-7),
    );
    expectClose(x.map, (i) => [0, 1, 2, 3].reduce((s, k) => s + xw[k]! * a[k * hw + i]!, 0));
    const pp = await explainImage(sessions, input, { method: 'gradcam-plus-plus', target, layer: 'relu' });
    const pw = [0, 1, 2, 3].map((k) => {
      let s = 0;
      for (let i = 0; i < hw; i++) {
        const gi = g[k * hw + i]!;
        if (gi === 0) continue;
        s += ((gi * gi) / (2 * gi * gi + sumA(k) * gi ** 3)) * Math.max(gi, 0);
      }
      return s;
    });
    expectClose(pp.map, (i) => [0, 1, 2, 3].reduce((s, k) => s + pw[k]! * a[k * hw + i]!, 0));
    for (const e of [hires, layer, x, pp]) {
      expect(e.shape).toEqual([8, 8]);
      expect(e.map.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    }
    await sessions.dispose();
  });
});
