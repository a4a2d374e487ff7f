import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { applyVoiWindow, checkVoiWindow, isValidVoiWindow, parseVoiLutFunction } from './apply-voi-window';

describe('applyVoiWindow LINEAR (PS3.3 C.11.2.1.2)', () => {
  const window = { center: 40, width: 400 };

  it('clips at c - 0.5 - (w-1)/2 and c - 0.5 + (w-1)/2', () => {
    // bounds: 40 - 0.5 - 199.5 = -160 and 40 - 0.5 + 199.5 = 239
    expect(applyVoiWindow(-160, window, 'LINEAR')).toBe(0);
    expect(applyVoiWindow(-1000, window, 'LINEAR')).toBe(0);
    expect(applyVoiWindow(239, window, 'LINEAR')).toBe(1);
    expect(applyVoiWindow(239.0001, window, 'LINEAR')).toBe(1);
    expect(applyVoiWindow(-159.5, window, 'LINEAR')).toBeCloseTo(0.5 / 399, 15);
  });

  it('is (x - (c - 0.5)) / (w - 1) + 0.5 inside', () => {
    expect(applyVoiWindow(39.5, window, 'LINEAR')).toBe(0.5);
    expect(applyVoiWindow(0, window, 'LINEAR')).toBe((0 - 39.5) / 399 + 0.5);
    expect(applyVoiWindow(200, window, 'LINEAR')).toBe((200 - 39.5) / 399 + 0.5);
  });

  it('with width 1 is a threshold at c - 0.5', () => {
    expect(applyVoiWindow(-0.5, { center: 0, width: 1 }, 'LINEAR')).toBe(0);
    expect(applyVoiWindow(-0.49, { center: 0, width: 1 }, 'LINEAR')).toBe(1);
  });
});

describe('applyVoiWindow LINEAR_EXACT and SIGMOID (PS3.3 C.11.2.1.3)', () => {
  it('LINEAR_EXACT clips at c ± w/2 and is (x - c)/w + 0.5 inside', () => {
    const window = { center: 100, width: 50 };
    expect(applyVoiWindow(75, window, 'LINEAR_EXACT')).toBe(0);
    expect(applyVoiWindow(100, window, 'LINEAR_EXACT')).toBe(0.5);
    expect(applyVoiWindow(125, window, 'LINEAR_EXACT')).toBe(1);
    expect(applyVoiWindow(125.5, window, 'LINEAR_EXACT')).toBe(1);
    expect(applyVoiWindow(90, window, 'LINEAR_EXACT')).toBeCloseTo(0.3, 15);
  });

  it('SIGMOID is 1 / (1 + exp(-4 (x - c) / w))', () => {
    const window = { center: 0, width: 4 };
    expect(applyVoiWindow(0, window, 'SIGMOID')).toBe(0.5);
    expect(applyVoiWindow(1, window, 'SIGMOID')).toBeCloseTo(0.7310585786300049, 15);
    expect(applyVoiWindow(-1, window, 'SIGMOID')).toBeCloseTo(0.2689414213699951, 15);
    expect(applyVoiWindow(1e6, window, 'SIGMOID')).toBe(1);
    expect(applyVoiWindow(-1e6, window, 'SIGMOID')).toBe(0);
  });
});

describe('window validity', () => {
  it('LINEAR needs width >= 1, the others width > 0', () => {
    expect(isValidVoiWindow({ center: 0, width: 1 }, 'LINEAR')).toBe(true);
    expect(isValidVoiWindow({ center: 0, width: 0.5 }, 'LINEAR')).toBe(false);
    expect(isValidVoiWindow({ center: 0, width: 0.5 }, 'LINEAR_EXACT')).toBe(true);
    expect(isValidVoiWindow({ center: 0, width: 0 }, 'SIGMOID')).toBe(false);
    expect(isValidVoiWindow({ center: Number.NaN, width: 10 }, 'LINEAR')).toBe(false);
  });

  it('checkVoiWindow throws INVALID_ARGUMENT naming the window', () => {
    expect(() => checkVoiWindow({ center: 10, width: 0 }, 'LINEAR')).toThrowError(LightboxError);
    expect(() => checkVoiWindow({ center: 10, width: 0 }, 'LINEAR')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('width 0') }),
    );
    expect(() => checkVoiWindow({ center: 10, width: 1 }, 'LINEAR')).not.toThrow();
  });

  it('parses the VOI LUT Function, defaulting to LINEAR', () => {
    expect(parseVoiLutFunction(undefined)).toBe('LINEAR');
    expect(parseVoiLutFunction('SIGMOID ')).toBe('SIGMOID');
    expect(parseVoiLutFunction('linear_exact')).toBe('LINEAR_EXACT');
    expect(parseVoiLutFunction('GAMMA')).toBe('LINEAR');
  });
});
