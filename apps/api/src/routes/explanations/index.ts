import { gunzipSync } from 'node:zlib';
import {
  LightboxError,
  ZExplainRequest,
  ZExplanationDto,
  ZExplanationSummaryList,
  ZJobAccepted,
} from '@lightbox/contracts';
import { encodeNpy } from '@lightbox/engine/io/npy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorResponse } from '../../plugins/app/error-handler';
import { requestExplanation } from '../../services/request-explanation';

const EXPLAINERS = ['radiologist', 'ml_engineer', 'admin'] as const;

type TMapMetadata = {
  layer?: string | null;
  warnings?: string[];
  extras?: Record<string, unknown>;
  timings?: Record<string, number>;
};

/**
 * POST /api/cases/:id/explanations (→ job), GET /api/explanations/:id, and each map's overlay PNG and raw NPY:
 * GET /api/explanations/:id/maps/:mapId/overlay.png, GET /api/explanations/:id/maps/:mapId/raw.npy.
 */
const explanationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/explanations',
    {
      config: { roles: EXPLAINERS },
      schema: {
        tags: ['explanations'],
        summary: 'Ask for an explanation; answers the job to follow. Identical requests share one job',
        params: z.object({ id: z.uuid() }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
        body: ZExplainRequest,
        response: { 202: ZJobAccepted, 400: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const key = request.headers['idempotency-key'];
      const { job } = await requestExplanation(
        { prisma: app.prisma, queue: app.queues.explain, audit: (event) => app.audit(request, event) },
        {
          ...request.body,
          caseId: request.params.id,
          requestedBy: auth.user.id,
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        },
      );
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send({ jobId: job.id, state: job.state });
    },
  );

  app.get(
    '/cases/:id/explanations',
    {
      config: { roles: EXPLAINERS },
      schema: {
        tags: ['explanations'],
        summary: 'The explanations made for a case, newest first',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZExplanationSummaryList, 404: ZErrorResponse },
      },
    },
    async (request) => {
      const found = await app.prisma.case.findUnique({ where: { id: request.params.id }, select: { id: true } });
      if (!found) throw new LightboxError('NOT_FOUND', `No case ${request.params.id}`);
      const rows = await app.prisma.explanation.findMany({
        where: { caseId: request.params.id },
        orderBy: { createdAt: 'desc' },
        include: {
          modelVersion: { select: { id: true, name: true, version: true } },
          maps: { select: { method: true }, orderBy: { createdAt: 'asc' } },
        },
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          jobId: row.jobId,
          model: row.modelVersion,
          methods: row.maps.map((map) => map.method),
          target: row.target,
          targetLabel: row.labels[row.target] ?? String(row.target),
          scores: row.scores as number[],
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  );

  const findExplanation = async (id: string) => {
    const explanation = await app.prisma.explanation.findUnique({
      where: { id },
      include: {
        case: true,
        modelVersion: true,
        maps: {
          select: { id: true, method: true, parameters: true, metadata: true, shape: true, createdAt: true },
          orderBy: { createdAt: 'asc' },
        },
      },
    });
    if (!explanation) throw new LightboxError('NOT_FOUND', `No explanation ${id}`);
    return explanation;
  };

  app.get(
    '/explanations/:id',
    {
      config: { roles: EXPLAINERS },
      schema: {
        tags: ['explanations'],
        summary: 'An explanation: model identity, scores, and per method its maps, parameters, timings and warnings',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZExplanationDto, 404: ZErrorResponse },
      },
    },
    async (request) => {
      const e = await findExplanation(request.params.id);
      await app.audit(request, {
        action: 'explanation.read',
        outcome: 'success',
        caseId: e.caseId,
        patientPseudonym: e.case.patientPseudonym,
        studyPseudonym: e.case.studyPseudonym,
        modelName: e.modelVersion.name,
        modelVersion: e.modelVersion.version,
        modelSha256: e.modelVersion.onnxSha256,
        details: { explanationId: e.id },
      });
      const base = `/api/explanations/${e.id}/maps`;
      return {
        id: e.id,
        caseId: e.caseId,
        jobId: e.jobId,
        model: {
          id: e.modelVersion.id,
          name: e.modelVersion.name,
          version: e.modelVersion.version,
          sha256: e.modelVersion.onnxSha256,
        },
        labels: e.labels,
        scores: e.scores as number[],
        target: e.target,
        targetLabel: e.labels[e.target] ?? String(e.target),
        createdAt: e.createdAt.toISOString(),
        createdById: e.createdById,
        methods: e.maps.map((map) => {
          const meta = (map.metadata ?? {}) as TMapMetadata;
          return {
            id: map.id,
            method: map.method,
            mapUrl: `${base}/${map.id}/overlay.png`,
            rawUrl: `${base}/${map.id}/raw.npy`,
            shape: map.shape,
            parameters: (map.parameters ?? {}) as Record<string, unknown>,
            timings: meta.timings ?? {},
            warnings: meta.warnings ?? [],
            extras: meta.extras ?? {},
            layer: meta.layer ?? null,
          };
        }),
      };
    },
  );

  const mapParams = z.object({ id: z.uuid(), mapId: z.uuid() });
  const loadMap = async (
    request: { params: { id: string; mapId: string } },
    select: { png?: true; rawGzip?: true },
  ) => {
    const map = await app.prisma.attributionMap.findFirst({
      where: { id: request.params.mapId, explanationId: request.params.id },
      select: {
        ...select,
        method: true,
        shape: true,
        explanation: { select: { caseId: true, case: { select: { patientPseudonym: true, studyPseudonym: true } } } },
      },
    });
    if (!map)
      throw new LightboxError('NOT_FOUND', `No map ${request.params.mapId} in explanation ${request.params.id}`);
    return map;
  };

  app.get(
    '/explanations/:id/maps/:mapId/overlay.png',
    {
      config: { roles: EXPLAINERS },
      schema: {
        tags: ['explanations'],
        summary: 'A map rendered over the image, with its colour bar (PNG)',
        params: mapParams,
        produces: ['image/png'],
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }), 404: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const map = await loadMap(request, { png: true });
      await app.audit(request, {
        action: 'explanation.map.read',
        outcome: 'success',
        caseId: map.explanation.caseId,
        patientPseudonym: map.explanation.case.patientPseudonym,
        studyPseudonym: map.explanation.case.studyPseudonym,
        method: map.method,
        details: { explanationId: request.params.id, mapId: request.params.mapId, format: 'png' },
      });
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(Buffer.from(map.png!));
    },
  );

  app.get(
    '/explanations/:id/maps/:mapId/raw.npy',
    {
      config: { roles: EXPLAINERS },
      schema: {
        tags: ['explanations'],
        summary: 'The raw map as a float32 NPY file',
        params: mapParams,
        produces: ['application/octet-stream'],
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }), 404: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const map = await loadMap(request, { rawGzip: true });
      const raw = gunzipSync(map.rawGzip!);
      const values = new Float32Array(raw.byteLength / 4);
      for (let i = 0; i < values.length; i++) values[i] = raw.readFloatLE(i * 4);
      await app.audit(request, {
        action: 'explanation.map.read',
        outcome: 'success',
        caseId: map.explanation.caseId,
        patientPseudonym: map.explanation.case.patientPseudonym,
        studyPseudonym: map.explanation.case.studyPseudonym,
        method: map.method,
        details: { explanationId: request.params.id, mapId: request.params.mapId, format: 'npy' },
      });
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${map.method}-${request.params.mapId}.npy"`)
        .send(Buffer.from(encodeNpy(values, map.shape)));
    },
  );
};

export default explanationRoutes;
