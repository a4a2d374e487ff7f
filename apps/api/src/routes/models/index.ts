import { LightboxError, ROLES, ZModelList, ZModelVersionDto } from '@lightbox/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor';
import { toModelDto } from '../../lib/to-model-dto';
import { ZUploadFile } from '../../lib/upload-file';
import { ZErrorResponse } from '../../plugins/app/error-handler';
import { registerModel } from '../../services/register-model';

const REGISTRARS = ['admin', 'ml_engineer'] as const;

/** Model versions: POST /api/models (multipart `model` + `card`), GET /api/models, GET /api/models/:id. */
const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/models',
    {
      config: {
        roles: REGISTRARS,
        multipartOptions: { limits: { fileSize: app.settings.modelMaxBytes, files: 2, fields: 2, parts: 2 } },
      },
      schema: {
        tags: ['models'],
        summary: 'Register a model version: the ONNX file in `model`, its card (JSON) in `card`',
        consumes: ['multipart/form-data'],
        body: z.object({ model: ZUploadFile, card: z.union([z.string(), ZUploadFile]) }),
        response: { 201: ZModelVersionDto, 409: ZErrorResponse, 413: ZErrorResponse, 422: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const model = await registerModel(
        { prisma: app.prisma, cpu: app.cpu, settings: app.settings },
        { onnx: request.body.model, card: request.body.card, actor: actorOf(request) },
      );
      return reply.code(201).send(toModelDto(model));
    },
  );

  app.get(
    '/models',
    {
      config: { roles: ROLES },
      schema: { tags: ['models'], summary: 'Registered model versions, newest first', response: { 200: ZModelList } },
    },
    async () => {
      const models = await app.prisma.modelVersion.findMany({ orderBy: [{ createdAt: 'desc' }, { name: 'asc' }] });
      return { items: models.map(toModelDto) };
    },
  );

  app.get(
    '/models/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['models'],
        summary: 'One model version',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZModelVersionDto, 404: ZErrorResponse },
      },
    },
    async (request) => {
      const model = await app.prisma.modelVersion.findUnique({ where: { id: request.params.id } });
      if (!model) throw new LightboxError('NOT_FOUND', `No model version ${request.params.id}`);
      return toModelDto(model);
    },
  );
};

export default modelRoutes;
