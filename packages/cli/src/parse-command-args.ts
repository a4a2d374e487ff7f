import { type ParseArgsConfig, parseArgs } from 'node:util';
import { LightboxError } from '@lightbox/contracts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking; mistakes become INVALID_ARGUMENT errors with the usage line. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, debug: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new LightboxError('INVALID_ARGUMENT', `${(e as Error).message}\nusage: ${usage}`);
  }
}

export function requireOption(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '')
    throw new LightboxError('INVALID_ARGUMENT', `${flag} is required\nusage: ${usage}`);
  return value;
}
