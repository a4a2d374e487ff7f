import { describe, expect, it } from 'vitest';
import { printableText } from './printable-text';

describe('printableText', () => {
  it('keeps printable ASCII and replaces everything else with ?', () => {
    expect(printableText('1.2.840.10008.1.2.4.100')).toBe('1.2.840.10008.1.2.4.100');
    expect(printableText('1.2.8\u0000C\u00e6v\n')).toBe('1.2.8?C?v?');
  });

  it('cuts long values', () => {
    expect(printableText('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
