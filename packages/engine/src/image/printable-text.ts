/**
 * Text read from a file, made safe to put in an error message: characters outside printable ASCII become '?',
 * and long values are cut to `max` characters with an ellipsis.
 */
export function printableText(text: string, max = 64): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
