import { createHash } from 'node:crypto';
import { LightboxError, ZModelCard } from '@lightbox/contracts';
import {
  appendAuditEvent,
  type ModelVersion,
  Prisma,
  type PrismaClient,
  putBlob,
  type TAuditEventInput,
} from '@lightbox/db';
import type { TAppSettings } from '../app-settings';
import type { TCpuPool } from '../cpu/cpu-pool';

export type TRegisterModelDeps = { prisma: PrismaClient; cpu: TCpuPool; settings: TAppSettings };

export type TRegisterModelInput = {
  onnx: Uint8Array;
  /** The card as uploaded: JSON text or bytes. */
  card: string | Uint8Array;
  actor: Pick<TAuditEventInput, 'actorId' | 'actorEmail' | 'actorRole' | 'sourceIp'>;
};

/** Parses the card's JSON and checks it against ZModelCard; INVALID_CARD names the first field at fault. */
export function parseCard(card: string | Uint8Array) {
  const text = typeof card === 'string' ? card : Buffer.from(card).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new LightboxError('INVALID_CARD', `The model card is not valid JSON: ${(cause as Error).message}`, {
      details: { field: 'card' },
    });
  }
  const parsed = ZModelCard.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(card)'}: ${issue.message}`);
    const field = parsed.error.issues[0]?.path.join('.') || 'card';
    throw new LightboxError('INVALID_CARD', `Model card field "${field}": ${problems.join('; ')}`, {
      details: { field, problems },
    });
  }
  return parsed.data;
}

/**
 * Registers a model version: checks the card, refuses a name + version that exists (409), loads the model and runs
 * it once on a synthetic input in a CPU child (with a deadline), then stores the ONNX content-addressed, the
 * version and its audit event in one transaction.
 */
export async function registerModel(deps: TRegisterModelDeps, input: TRegisterModelInput): Promise<ModelVersion> {
  if (input.onnx.byteLength === 0) {
    throw new LightboxError('INVALID_MODEL', 'The model file is empty', { details: { field: 'model' } });
  }
  const card = parseCard(input.card);
  const existing = await deps.prisma.modelVersion.findUnique({
    where: { name_version: { name: card.name, version: card.version } },
  });
  if (existing) throw conflict(card.name, card.version, existing.id);

  const seconds = Math.round(deps.settings.modelValidationTimeoutMs / 1000);
  const checked = await deps.cpu.run(
    'validateModel',
    { bytes: input.onnx, card },
    {
      timeoutMs: deps.settings.modelValidationTimeoutMs,
      failure: (reason) =>
        new LightboxError(
          'INVALID_MODEL',
          reason === 'timeout'
            ? `The model did not load and run one inference within ${seconds} s`
            : 'The model crashed the inference runtime while loading or running',
          { details: { field: 'model' } },
        ),
    },
  );
  const sha256 = createHash('sha256').update(input.onnx).digest('hex');
  try {
    return await deps.prisma.$transaction(async (tx) => {
      await putBlob(tx, input.onnx, 'application/onnx');
      const created = await tx.modelVersion.create({
        data: {
          name: card.name,
          version: card.version,
          onnxSha256: sha256,
          card: checked.card as Prisma.InputJsonValue,
          task: checked.card.task,
          labels: checked.card.labels,
          description: checked.card.description ?? null,
          createdById: input.actor.actorId ?? null,
        },
      });
      await appendAuditEvent(tx, {
        ...input.actor,
        action: 'model.register',
        outcome: 'success',
        modelName: card.name,
        modelVersion: card.version,
        modelSha256: sha256,
        details: { modelVersionId: created.id, labels: checked.card.labels, size: input.onnx.byteLength },
      });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const other = await deps.prisma.modelVersion.findUnique({
        where: { name_version: { name: card.name, version: card.version } },
      });
      throw conflict(card.name, card.version, other?.id);
    }
    throw error;
  }
}

function conflict(name: string, version: string, id: string | undefined): LightboxError {
  return new LightboxError(
    'CONFLICT',
    `Model "${name}" version "${version}" is already registered${id ? ` (id ${id})` : ''}; to register a new file, give it a new "version" in its card`,
    { details: { field: 'card.version', ...(id ? { existingId: id } : {}) } },
  );
}
