/** Entry of a CPU child process: runs one task per message from the pool and answers with its result or error. */
import { LightboxError } from '@lightbox/contracts';
import { CPU_TASKS, type TCpuTaskName } from './cpu-tasks';

type TRequest = { id: number; task: TCpuTaskName; args: unknown };

process.on('message', (message: TRequest) => {
  const run = CPU_TASKS[message.task] as (args: unknown) => Promise<unknown>;
  Promise.resolve()
    .then(() => run(message.args))
    .then(
      (result) => process.send?.({ id: message.id, ok: true, result }),
      (error: unknown) =>
        process.send?.({
          id: message.id,
          ok: false,
          error: LightboxError.is(error)
            ? { code: error.code, message: error.message, details: error.details }
            : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
        }),
    );
});
// The API went away (even by SIGKILL): nothing is left to work for.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
