/**
 * Idempotent demo set-up, run by scripts/start.sh after the migrations: the demo accounts (not in production), the
 * demo models under models/<name>/{model.onnx,card.json}, and the sample cases listed in samples/manifest.json.
 * What already exists is left alone (models by name + version, cases by the SHA-256 of their file); demo accounts
 * get LIGHTBOX_DEMO_PASSWORD each time, so the password printed at start-up is the one that works.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LightboxError, type TRole } from '@lightbox/contracts';
import { createPrismaClient, recordAuditEvent } from '@lightbox/db';
import { createCpuPool } from '../cpu/cpu-pool';
import { loadApiEnv, settingsFromEnv } from '../env';
import { hashPassword } from '../lib/passwords';
import { createCase } from '../services/create-case';
import { parseCard, registerModel } from '../services/register-model';

const ROOT = new URL('../../../../', import.meta.url).pathname;
/** Where the demo models and sample cases are; overridable for tests. */
const MODELS_DIR = process.env.LIGHTBOX_MODELS_DIR ?? join(ROOT, 'models');
const SAMPLES_DIR = process.env.LIGHTBOX_SAMPLES_DIR ?? join(ROOT, 'samples');
const SYSTEM = { actorId: null, actorEmail: 'system:seed', actorRole: null, sourceIp: null };

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: TRole; displayName: string }> = [
  { email: 'admin@demo.lightbox', role: 'admin', displayName: 'Demo Admin' },
  { email: 'radiologist@demo.lightbox', role: 'radiologist', displayName: 'Demo Radiologist' },
  { email: 'ml@demo.lightbox', role: 'ml_engineer', displayName: 'Demo ML Engineer' },
  { email: 'compliance@demo.lightbox', role: 'compliance', displayName: 'Demo Compliance Officer' },
];

type TSampleEntry = Record<string, unknown>;

function sampleEntries(manifest: unknown): TSampleEntry[] {
  if (Array.isArray(manifest)) return manifest as TSampleEntry[];
  if (manifest && typeof manifest === 'object') {
    for (const key of ['cases', 'samples', 'items']) {
      const value = (manifest as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as TSampleEntry[];
    }
  }
  return [];
}

function sampleLabels(entry: TSampleEntry): string[] {
  const value = entry.labels ?? entry.label ?? entry.truth ?? entry.groundTruth;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

const env = loadApiEnv();
const settings = settingsFromEnv(env);
const prisma = createPrismaClient({ url: env.DATABASE_URL, maxConnections: 2 });
const cpu = createCpuPool({ size: 1 });
const log = (line: string) => console.log(`[seed] ${line}`);

try {
  if (env.NODE_ENV === 'production') {
    log('NODE_ENV=production: no demo accounts');
  } else {
    const password = process.env.LIGHTBOX_DEMO_PASSWORD;
    if (!password)
      throw new LightboxError('INVALID_ARGUMENT', 'LIGHTBOX_DEMO_PASSWORD is not set (scripts/start.sh sets it)');
    const passwordHash = await hashPassword(password);
    for (const account of DEMO_ACCOUNTS) {
      const existing = await prisma.user.findUnique({ where: { email: account.email } });
      await prisma.user.upsert({
        where: { email: account.email },
        create: { ...account, passwordHash },
        update: { passwordHash, failedLogins: 0, lockedUntil: null, disabled: false },
      });
      if (!existing)
        await recordAuditEvent(prisma, {
          ...SYSTEM,
          action: 'user.create',
          outcome: 'success',
          details: { email: account.email, role: account.role, demo: true },
        });
    }
    log(`demo accounts ready: ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
  }

  const modelsDir = MODELS_DIR;
  const modelDirs = existsSync(modelsDir)
    ? readdirSync(modelsDir, { withFileTypes: true }).filter((d) => d.isDirectory())
    : [];
  for (const dir of modelDirs) {
    const onnxPath = join(modelsDir, dir.name, 'model.onnx');
    const cardPath = join(modelsDir, dir.name, 'card.json');
    if (!existsSync(onnxPath) || !existsSync(cardPath)) continue;
    const cardText = readFileSync(cardPath, 'utf8');
    const card = parseCard(cardText);
    const exists = await prisma.modelVersion.findUnique({
      where: { name_version: { name: card.name, version: card.version } },
    });
    if (exists) {
      log(`model ${card.name} ${card.version}: already registered`);
      continue;
    }
    const started = Date.now();
    await registerModel(
      { prisma, cpu, settings: { ...settings, modelValidationTimeoutMs: 300_000 } },
      { onnx: new Uint8Array(readFileSync(onnxPath)), card: cardText, actor: SYSTEM },
    );
    log(`model ${card.name} ${card.version}: registered (${Date.now() - started} ms)`);
  }

  const manifestPath = join(SAMPLES_DIR, 'manifest.json');
  if (existsSync(manifestPath)) {
    const entries = sampleEntries(JSON.parse(readFileSync(manifestPath, 'utf8')));
    let added = 0;
    for (const entry of entries) {
      const file = entry.file ?? entry.path ?? entry.image;
      if (typeof file !== 'string') continue;
      const path = join(SAMPLES_DIR, file);
      if (!existsSync(path)) {
        log(`sample ${file}: missing, skipped`);
        continue;
      }
      const bytes = new Uint8Array(readFileSync(path));
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (await prisma.case.findFirst({ where: { inputSha256: sha }, select: { id: true } })) continue;
      const note =
        typeof entry.note === 'string'
          ? entry.note
          : typeof entry.description === 'string'
            ? entry.description
            : `Sample ${typeof entry.id === 'string' ? entry.id : file}`;
      await createCase({ prisma, cpu, settings }, { bytes, actor: SYSTEM, labels: sampleLabels(entry), note });
      added += 1;
    }
    log(`sample cases: ${added} added, ${entries.length - added} already there or skipped`);
  } else {
    log('samples/manifest.json not found: no sample cases');
  }
} catch (error) {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cpu.close();
  await prisma.$disconnect();
}
