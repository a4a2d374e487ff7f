import { LightboxError } from '@lightbox/contracts';

/** The longest label `formatTickLabel` returns by default: '-1e-308' fits, so every finite number does. */
export const MAX_TICK_LABEL_CHARS = 7;

/**
 * A short label for a colour-bar tick, using only characters of the bitmap font (digits, '.', '-', 'e').
 * Three significant digits when they fit in `maxChars`, else two, else one; plain notation when it fits
 * ("0.0123", "1230"), else exponent notation without '+' or trailing zeros ("1.23e-5", "4e12"). Zero is "0".
 */
export function formatTickLabel(value: number, maxChars: number = MAX_TICK_LABEL_CHARS): string {
  if (!Number.isFinite(value)) {
    throw new LightboxError('INVALID_ARGUMENT', `formatTickLabel: value is ${value}; expected a finite number.`);
  }
  if (value === 0) return '0';
  for (let digits = 3; digits >= 1; digits--) {
    const plain = plainNotation(value, digits);
    if (plain !== undefined && plain.length <= maxChars) return plain;
    const exponent = exponentNotation(value, digits);
    if (exponent.length <= maxChars) return exponent;
  }
  return exponentNotation(value, 1);
}

/** `value` rounded to `digits` significant digits, written without an exponent; undefined where JS would use one. */
function plainNotation(value: number, digits: number): string | undefined {
  const text = String(Number(value.toPrecision(digits)));
  return text.includes('e') ? undefined : text;
}

function exponentNotation(value: number, digits: number): string {
  const [mantissa = '', exponent = ''] = value.toExponential(digits - 1).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${trimmed}e${exponent.replace('+', '')}`;
}
