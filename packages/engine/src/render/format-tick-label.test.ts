import { describe, expect, it } from 'vitest';
import { FONT_CHARACTERS } from './bitmap-font';
import { formatTickLabel, MAX_TICK_LABEL_CHARS } from './format-tick-label';

describe('formatTickLabel', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [0.5, '0.5'],
    [0.87341, '0.873'],
    [-0.43671, '-0.437'],
    [12.345, '12.3'],
    [1234, '1230'],
    [99.96, '100'],
    [0.0123456, '0.0123'],
    [0.000123456, '1.23e-4'],
    [-0.000123456, '-1.2e-4'],
    [1.5e-7, '1.5e-7'],
    [123456789, '1.23e8'],
    [4e12, '4e12'],
    [-1.7976931348623157e308, '-2e308'],
    [5e-324, '5e-324'],
  ])('writes %s as %s', (value, label) => {
    expect(formatTickLabel(value)).toBe(label);
  });

  it('fits every label in the limit and uses only characters the font has', () => {
    const values = [7.7777, -2.71828e-9, 6.02e23, -1e-308, 0.1 + 0.2, -99999.5, 1e21, -123.456];
    for (const v of values) {
      const label = formatTickLabel(v);
      expect(label.length).toBeLessThanOrEqual(MAX_TICK_LABEL_CHARS);
      for (const char of label) expect(FONT_CHARACTERS).toContain(char);
      // The label reads back to the value at the precision shown.
      expect(Math.abs(Number(label) - v)).toBeLessThanOrEqual(Math.abs(v) * 0.5);
    }
  });

  it('rejects non-finite values', () => {
    expect(() => formatTickLabel(Number.NaN)).toThrow(/finite/);
    expect(() => formatTickLabel(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
