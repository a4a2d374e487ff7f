import { LightboxError } from '@lightbox/contracts';
import { readCliConfig } from './cli-env';
import { DECODE_USAGE, decodeCommand } from './commands/decode';
import { EXPLAIN_USAGE, explainCommand } from './commands/explain';
import { LAYERS_USAGE, layersCommand } from './commands/layers';
import { PREDICT_USAGE, predictCommand } from './commands/predict';

const COMMANDS = {
  predict: predictCommand,
  layers: layersCommand,
  decode: decodeCommand,
  explain: explainCommand,
} as const;

const HELP = `lightbox: look inside the image classifiers you deploy

  ${PREDICT_USAGE}
  ${LAYERS_USAGE}
  ${DECODE_USAGE}
  ${EXPLAIN_USAGE}

Add --debug to any command to see stack traces. Environment: LIGHTBOX_THREADS, LIGHTBOX_EXECUTION_PROVIDER (cpu|cuda), LIGHTBOX_MAX_PIXELS.
`;

/** Runs one CLI invocation and returns the exit code: 0 ok, 1 failed, 2 usage error. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command as keyof typeof COMMANDS];
  if (!run) {
    process.stderr.write(`error: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await run(rest, readCliConfig());
  } catch (e) {
    if (LightboxError.is(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.code === 'INVALID_ARGUMENT' ? 2 : 1;
    }
    process.stderr.write(`internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (debug) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    else process.stderr.write('(run again with --debug for details, and report it)\n');
    return 1;
  }
}
