import { describe, expect, it } from 'vitest';
import { colorizeHeatmap, normalizeAttribution } from './attribution-heatmap';
import { parseNpy } from './parse-npy';

function npy(data: number[], shape: number[]): ArrayBuffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += `${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  new Float32Array(out.buffer, 10 + header.length).set(data);
  return out.buffer;
}

describe('attribution heatmap', () => {
  it('parses an NPY map and normalises a CAM min–max', () => {
    const map = parseNpy(npy([0, 1, 2, 4], [2, 2]));
    expect(map.shape).toEqual([2, 2]);
    const heat = normalizeAttribution(map, 'gradcam');
    expect(Array.from(heat.values)).toEqual([0, 0.25, 0.5, 1]);
    expect([heat.low, heat.high]).toEqual([0, 4]);
  });

  it('keeps the sign of integrated gradients around 0.5', () => {
    const heat = normalizeAttribution(parseNpy(npy([-1, 0, 1, 0.5], [1, 2, 2])), 'integrated-gradients');
    expect(heat.signed).toBe(true);
    expect(heat.values[1]).toBeCloseTo(0.5);
    expect(heat.values[0]!).toBeLessThan(0.5);
    expect(heat.values[2]!).toBeGreaterThan(0.5);
  });

  it('makes values under the threshold transparent and uses the opacity as alpha', () => {
    const heat = normalizeAttribution(parseNpy(npy([0, 1], [1, 2])), 'gradcam');
    const rgba = colorizeHeatmap(heat, { colormap: 'viridis', opacity: 0.5, threshold: 0.5 });
    expect(rgba[3]).toBe(0);
    expect(rgba[7]).toBe(128);
  });
});
