import { LightboxError, ZCaseDto, ZCaseList, ZCaseListQuery, ZImageQuery } from '@lightbox/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ByteLru } from '../../lib/byte-lru';
import { actorOf } from '../../lib/request-actor';
import { toCaseDto } from '../../lib/to-case-dto';
import { ZUploadFile } from '../../lib/upload-file';
import { ZErrorResponse } from '../../plugins/app/error-handler';
import { createCase } from '../../services/create-case';

const UPLOADERS = ['radiologist', 'admin'] as const;
const READERS = ['radiologist', 'ml_engineer', 'admin'] as const;
const RENDER_TIMEOUT_MS = 60_000;
/** Rendered case images kept in memory, keyed by the stored file's SHA-256 and the window. */
const RENDER_CACHE_BYTES = 64 * 1024 * 1024;

/** Cases: POST /api/cases (multipart `file`), GET /api/cases, GET /api/cases/:id, GET /api/cases/:id/image. */
const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const rendered = new ByteLru(RENDER_CACHE_BYTES);

  app.post(
    '/cases',
    {
      config: {
        roles: UPLOADERS,
        multipartOptions: { limits: { fileSize: app.settings.caseMaxBytes, files: 1, fields: 2, parts: 3 } },
      },
      schema: {
        tags: ['cases'],
        summary: 'Upload an image (PNG, JPEG or DICOM) as a new case; DICOM is de-identified on the way in',
        consumes: ['multipart/form-data'],
        body: z.object({
          file: ZUploadFile,
          note: z.string().max(2_000).optional(),
          /** Ground-truth labels, comma-separated. */
          labels: z.string().max(2_000).optional(),
        }),
        response: { 201: ZCaseDto, 413: ZErrorResponse, 415: ZErrorResponse, 422: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const labels = request.body.labels
        ?.split(',')
        .map((label) => label.trim())
        .filter(Boolean);
      const created = await createCase(
        { prisma: app.prisma, cpu: app.cpu, settings: app.settings },
        {
          bytes: request.body.file,
          actor: actorOf(request),
          ...(labels ? { labels } : {}),
          note: request.body.note ?? null,
        },
      );
      return reply.code(201).send(toCaseDto(created));
    },
  );

  app.get(
    '/cases',
    {
      config: { roles: READERS },
      schema: {
        tags: ['cases'],
        summary: 'Cases, newest first',
        querystring: ZCaseListQuery,
        response: { 200: ZCaseList },
      },
    },
    async (request) => {
      const { page, pageSize, patientPseudonym, studyPseudonym } = request.query;
      const where = {
        ...(patientPseudonym ? { patientPseudonym } : {}),
        ...(studyPseudonym ? { studyPseudonym } : {}),
      };
      const [rows, total] = await Promise.all([
        app.prisma.case.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        app.prisma.case.count({ where }),
      ]);
      await app.audit(request, {
        action: 'case.list',
        outcome: 'success',
        details: { page, pageSize, returned: rows.length, caseIds: rows.map((row) => row.id) },
      });
      return { items: rows.map(toCaseDto), total, page, pageSize };
    },
  );

  const findCase = async (id: string) => {
    const row = await app.prisma.case.findUnique({ where: { id } });
    if (!row) throw new LightboxError('NOT_FOUND', `No case ${id}`);
    return row;
  };

  app.get(
    '/cases/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['cases'],
        summary: 'One case',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZCaseDto, 404: ZErrorResponse },
      },
    },
    async (request) => {
      const row = await findCase(request.params.id);
      await app.audit(request, {
        action: 'case.read',
        outcome: 'success',
        caseId: row.id,
        patientPseudonym: row.patientPseudonym,
        studyPseudonym: row.studyPseudonym,
        inputSha256: row.inputSha256,
      });
      return toCaseDto(row);
    },
  );

  app.get(
    '/cases/:id/image',
    {
      config: { roles: READERS },
      schema: {
        tags: ['cases'],
        summary: 'The case image rendered as an 8-bit PNG (DICOM with its window, or ?window=center,width)',
        params: z.object({ id: z.uuid() }),
        querystring: ZImageQuery,
        produces: ['image/png'],
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }), 404: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const row = await findCase(request.params.id);
      const cacheKey = `${row.storedSha256}:${request.query.window ?? ''}`;
      const [center, width] = request.query.window?.split(',').map(Number) ?? [];
      const png =
        rendered.get(cacheKey) ??
        (await app.cpu.run(
          'renderImage',
          {
            bytes: (await app.prisma.blob.findUniqueOrThrow({ where: { sha256: row.storedSha256 } })).bytes,
            maxPixels: app.settings.imageMaxPixels,
            ...(center !== undefined && width !== undefined ? { window: { center, width } } : {}),
          },
          {
            timeoutMs: RENDER_TIMEOUT_MS,
            failure: () => new LightboxError('INTERNAL', `Rendering case ${row.id} failed or took too long`),
          },
        ));
      rendered.set(cacheKey, png);
      await app.audit(request, {
        action: 'case.image.read',
        outcome: 'success',
        caseId: row.id,
        patientPseudonym: row.patientPseudonym,
        studyPseudonym: row.studyPseudonym,
        details: request.query.window ? { window: request.query.window } : null,
      });
      return reply.type('image/png').header('cache-control', 'private, max-age=300').send(Buffer.from(png));
    },
  );
};

export default caseRoutes;
