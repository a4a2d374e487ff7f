import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LightboxError, type TErrorCode } from '@lightbox/contracts';
import type { TCpuTaskName, TCpuTasks } from './cpu-tasks';

const CHILD = fileURLToPath(new URL('./cpu-child.ts', import.meta.url));

export type TCpuRunOptions = {
  timeoutMs: number;
  /** The error to throw when the child does not answer in time or dies while running the task. */
  failure: (reason: 'timeout' | 'crash') => LightboxError;
};

export type TCpuPool = {
  run<K extends TCpuTaskName>(
    task: K,
    args: Parameters<TCpuTasks[K]>[0],
    options: TCpuRunOptions,
  ): Promise<Awaited<ReturnType<TCpuTasks[K]>>>;
  close(): Promise<void>;
};

type TSlot = { child: ChildProcess; ready: Promise<void>; busy: boolean };
type TPending = { start: (slot: TSlot) => void };

/**
 * A small pool of child processes (`size`, started on first use) that run CPU_TASKS. A task that times out or whose
 * child dies gets `options.failure(...)` and the child is replaced; tasks wait in order when every child is busy.
 */
export function createCpuPool(options: { size: number }): TCpuPool {
  const slots: TSlot[] = [];
  const waiting: TPending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): TSlot => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message.ready) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', () => reject(new Error('the CPU child exited before it was ready')));
    });
    ready.catch(() => undefined);
    const slot: TSlot = { child, ready, busy: false };
    child.once('exit', () => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
    });
    slots.push(slot);
    return slot;
  };

  const release = (slot: TSlot): void => {
    slot.busy = false;
    const next = waiting.shift();
    if (next) {
      slot.busy = true;
      next.start(slot);
    }
  };

  const acquire = (): Promise<TSlot> => {
    const free = slots.find((slot) => !slot.busy && slot.child.exitCode === null);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (slots.length < options.size) {
      const slot = spawn();
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => waiting.push({ start: resolve }));
  };

  return {
    async run(task, args, runOptions): Promise<never> {
      if (closed) throw new LightboxError('UNAVAILABLE', 'The CPU pool is closed');
      const slot = await acquire();
      try {
        await slot.ready;
      } catch {
        release(slot);
        throw runOptions.failure('crash');
      }
      const id = nextId++;
      return new Promise<never>((resolve, reject) => {
        let settled = false;
        const finish = (fn: () => void, keep: boolean) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          slot.child.off('message', onMessage);
          slot.child.off('exit', onExit);
          if (keep) release(slot);
          else {
            slot.child.kill('SIGKILL');
            const index = slots.indexOf(slot);
            if (index >= 0) slots.splice(index, 1);
            const next = waiting.shift();
            if (next) {
              const fresh = spawn();
              fresh.busy = true;
              next.start(fresh);
            }
          }
          fn();
        };
        const onMessage = (message: {
          id?: number;
          ok?: boolean;
          result?: unknown;
          error?: { code: TErrorCode; message: string; details?: Record<string, unknown> };
        }) => {
          if (message.id !== id) return;
          if (message.ok) finish(() => resolve(message.result as never), true);
          else {
            const error = message.error!;
            finish(
              () =>
                reject(
                  new LightboxError(error.code, error.message, error.details ? { details: error.details } : undefined),
                ),
              true,
            );
          }
        };
        const onExit = () => finish(() => reject(runOptions.failure('crash')), false);
        const timer = setTimeout(
          () => finish(() => reject(runOptions.failure('timeout')), false),
          runOptions.timeoutMs,
        );
        slot.child.on('message', onMessage);
        slot.child.once('exit', onExit);
        slot.child.send({ id, task, args });
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.splice(0).map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (slot.child.exitCode !== null) return resolve();
              slot.child.once('exit', () => resolve());
              slot.child.kill('SIGTERM');
              setTimeout(() => slot.child.kill('SIGKILL'), 2_000).unref();
            }),
        ),
      );
    },
  };
}
