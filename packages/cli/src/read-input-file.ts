import { readFile, stat } from 'node:fs/promises';
import { LightboxError } from '@lightbox/contracts';

/** Reads a file the user named; a missing or unreadable file is a NOT_FOUND / INVALID_ARGUMENT error naming it. */
export async function readInputFile(path: string, what: string): Promise<Uint8Array> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new LightboxError('NOT_FOUND', `${what} not found: ${path}`);
  }
  if (!info.isFile()) throw new LightboxError('INVALID_ARGUMENT', `${what} is not a file: ${path}`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new LightboxError('INVALID_ARGUMENT', `cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

/** Reads and parses a JSON file (the model card). */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const bytes = await readInputFile(path, what);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new LightboxError('INVALID_CARD', `${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}
