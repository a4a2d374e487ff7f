import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TRole } from '@lightbox/contracts';
import { createPrismaClient, createTestDatabase, type TTestDatabase } from '@lightbox/db';
import { Redis } from 'ioredis';
import { hashPassword } from '../../apps/api/src/lib/passwords';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'apps/web');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TAccount = { email: string; password: string; role: TRole };

export type TStack = {
  webUrl: string;
  apiUrl: string;
  accounts: Record<TRole, TAccount>;
  close: () => Promise<void>;
};

/** Fails loudly when chromium is missing: the browser suite must never pass by skipping. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function newestMtime(dir: string): number {
  const out = execFileSync('find', [dir, '-type', 'f', '-newer', join(WEB_DIR, '.next/BUILD_ID'), '-print', '-quit'], {
    encoding: 'utf8',
  });
  return out.trim() ? Date.now() : 0;
}

/** Builds the web app when it has no build or a source file is newer than the build (as scripts/start.sh does). */
export function ensureWebBuild(): void {
  const buildId = join(WEB_DIR, '.next/BUILD_ID');
  const stale =
    !existsSync(buildId) ||
    ['app', 'components', 'lib'].some((dir) => existsSync(join(WEB_DIR, dir)) && newestMtime(join(WEB_DIR, dir)) > 0) ||
    statSync(join(WEB_DIR, 'next.config.ts')).mtimeMs > statSync(buildId).mtimeMs;
  if (!stale) return;
  // One build at a time (two suites started together would write the same .next directory).
  execFileSync(
    'flock',
    ['/tmp/lightbox-web-build.lock', process.execPath, join(ROOT, 'node_modules/next/dist/bin/next'), 'build'],
    {
      cwd: WEB_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} (see test-artifacts/logs)`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The real stack for the browser: a fresh migrated Postgres schema, the API, the worker and the web app as child
 * processes on free ports (own queue prefix), and one account per role.
 */
export async function startStack(): Promise<TStack> {
  ensureWebBuild();
  const logs = join(ARTIFACTS, 'logs');
  mkdirSync(logs, { recursive: true });
  const db: TTestDatabase = await createTestDatabase();
  const [apiPort, webPort, healthPort] = [await freePort(), await freePort(), await freePort()];
  const prefix = `browser-${randomBytes(6).toString('hex')}`;
  const common = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    PSEUDONYM_SECRET: randomBytes(32).toString('base64url'),
    COOKIE_SECURE: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const children: ChildProcess[] = [];
  const run = (name: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) => {
    const log = openSync(join(logs, `${name}.log`), 'w');
    // Its own process group, so stopping it also stops what it started (next-server).
    const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', log, log] });
    children.push(child);
    return child;
  };

  const prisma = createPrismaClient({ url: db.url, maxConnections: 2 });
  const accounts = {} as Record<TRole, TAccount>;
  try {
    for (const role of ['admin', 'radiologist', 'ml_engineer', 'compliance'] as const) {
      const account = {
        email: `${role.replace('_', '-')}@browser.test`,
        password: `pw-${randomBytes(9).toString('hex')}`,
        role,
      };
      await prisma.user.create({
        data: {
          email: account.email,
          passwordHash: await hashPassword(account.password),
          role,
          displayName: `Browser ${role}`,
        },
      });
      accounts[role] = account;
    }
  } finally {
    await prisma.$disconnect();
  }

  const close = async () => {
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    const deadline = Date.now() + 10_000;
    while (children.some((child) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const child of children) {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    await db.drop();
  };

  try {
    const tsx = ['--import', 'tsx'];
    const api = run('api', [...tsx, 'apps/api/src/server.ts'], {
      ...common,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
    });
    const worker = run('worker', [...tsx, 'apps/worker/src/main.ts'], {
      ...common,
      HEALTH_PORT: String(healthPort),
      HEALTH_HOST: '127.0.0.1',
    });
    const web = run(
      'web',
      ['server.mjs'],
      {
        ...common,
        NODE_ENV: 'production',
        WEB_PORT: String(webPort),
        WEB_HOST: '127.0.0.1',
        API_INTERNAL_URL: `http://127.0.0.1:${apiPort}`,
      },
      WEB_DIR,
    );
    await Promise.all([
      waitFor(`http://127.0.0.1:${apiPort}/api/health`, api, 'API'),
      waitFor(`http://127.0.0.1:${healthPort}/health`, worker, 'worker'),
      waitFor(`http://127.0.0.1:${webPort}/healthz`, web, 'web'),
    ]);
  } catch (error) {
    await close();
    throw error;
  }
  return { webUrl: `http://127.0.0.1:${webPort}`, apiUrl: `http://127.0.0.1:${apiPort}`, accounts, close };
}
