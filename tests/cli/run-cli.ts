import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../packages/cli/bin/lightbox.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the `lightbox` CLI as a user would (a child process from the repo root). */
export function runCli(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LIGHTBOX_THREADS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 124, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** True when text contains a JavaScript stack frame line. */
export function hasStackTrace(text: string): boolean {
  return text.split('\n').some((l) => /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/.test(l));
}
