import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache';

const MODELS = new URL('../../../../../tests/malformed/models/', import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL('tiny.onnx', MODELS)));
const card = JSON.parse(readFileSync(new URL('tiny.card.json', MODELS), 'utf8'));

describe('ModelCache', () => {
  it('loads each model version once, shares concurrent loads, and evicts the least recently used', async () => {
    const cache = new ModelCache(2);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { bytes, card };
    };
    const [a1, a2] = await Promise.all([cache.get('a', load), cache.get('a', load)]);
    expect(a1).toBe(a2);
    expect(loads).toBe(1);
    await cache.get('b', load);
    await cache.get('a', load);
    await cache.get('c', load);
    expect(loads).toBe(3);
    expect(cache.size).toBe(2);
    await cache.get('a', load);
    expect(loads).toBe(3);
    await cache.get('b', load);
    expect(loads).toBe(4);
    await cache.clear();
    expect(cache.size).toBe(0);
  });

  it('forgets a load that failed, so the next job tries again', async () => {
    const cache = new ModelCache(2);
    await expect(cache.get('bad', async () => ({ bytes: new Uint8Array([1, 2, 3]), card }))).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.size).toBe(0);
  });
});
