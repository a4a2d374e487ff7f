/**
 * Canonical JSON, the byte string the audit hash chain is computed over:
 * - object keys sorted by UTF-16 code unit order (JavaScript's default sort), at every depth;
 * - no whitespace; strings and numbers written as `JSON.stringify` writes them (shortest round-trip numbers);
 * - keys whose value is `undefined` are left out, `undefined` in arrays becomes `null` (as in JSON.stringify);
 * - a `Date` is written as its UTC ISO 8601 string with milliseconds (`2026-11-25T18:00:00.000Z`);
 * - non-finite numbers are refused: they cannot be stored in JSON and would not read back the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}
