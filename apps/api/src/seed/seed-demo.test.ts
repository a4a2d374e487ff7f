import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPrismaClient, createTestDatabase, type PrismaClient, type TTestDatabase } from '@lightbox/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../lib/passwords';
import { dicomWithIdentity } from '../testing/dicom-with-identity';

const SEED = fileURLToPath(new URL('./seed-demo.ts', import.meta.url));
const REPO = new URL('../../../../', import.meta.url);

let db: TTestDatabase;
let prisma: PrismaClient;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient({ url: db.url, maxConnections: 2 });
  dir = mkdtempSync(join(tmpdir(), 'lightbox-seed-'));
  mkdirSync(join(dir, 'models', 'tiny'), { recursive: true });
  copyFileSync(new URL('tests/malformed/models/tiny.onnx', REPO), join(dir, 'models', 'tiny', 'model.onnx'));
  copyFileSync(new URL('tests/malformed/models/tiny.card.json', REPO), join(dir, 'models', 'tiny', 'card.json'));
  mkdirSync(join(dir, 'samples'));
  copyFileSync(
    new URL('packages/engine/test/fixtures/images/png/gray-8.png', REPO),
    join(dir, 'samples', 'case-1.png'),
  );
  writeFileSync(join(dir, 'samples', 'case-2.dcm'), dicomWithIdentity());
  writeFileSync(
    join(dir, 'samples', 'manifest.json'),
    JSON.stringify([
      { id: 'case-1', file: 'case-1.png', labels: ['normal'] },
      { id: 'case-2', file: 'case-2.dcm', labels: ['pneumonia'] },
    ]),
  );
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function seed(password: string, extra: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', SEED], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      LIGHTBOX_DEMO_PASSWORD: password,
      LIGHTBOX_MODELS_DIR: join(dir, 'models'),
      LIGHTBOX_SAMPLES_DIR: join(dir, 'samples'),
      NODE_ENV: 'development',
      ...extra,
    },
  });
}

describe('seed-demo', () => {
  it('creates the demo accounts, registers the models and loads the samples, once', async () => {
    await seed('first-password-123');
    const second = await seed('second-password-456');
    expect(second.stdout).toMatch(/already registered/);

    const users = await prisma.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['admin@demo.lightbox', 'admin'],
      ['compliance@demo.lightbox', 'compliance'],
      ['ml@demo.lightbox', 'ml_engineer'],
      ['radiologist@demo.lightbox', 'radiologist'],
    ]);
    expect(await verifyPassword(users[0]!.passwordHash, 'second-password-456')).toBe(true);
    expect(await prisma.modelVersion.count()).toBe(1);
    const cases = await prisma.case.findMany({ orderBy: { format: 'asc' } });
    expect(cases.map((c) => [c.format, c.labels])).toEqual([
      ['png', ['normal']],
      ['dicom', ['pneumonia']],
    ]);
    expect(cases.find((c) => c.format === 'dicom')?.patientPseudonym).toMatch(/^PAT-/);
  }, 120_000);
});
