import { LightboxError, ZReviewDto, ZReviewRequest } from '@lightbox/contracts';
import { appendAuditEvent, type Prisma, type Review } from '@lightbox/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor';
import { ZErrorResponse } from '../../plugins/app/error-handler';

const REVIEWERS = ['radiologist'] as const;
const READERS = ['radiologist', 'ml_engineer', 'admin'] as const;

function toReviewDto(review: Review) {
  return {
    id: review.id,
    caseId: review.caseId,
    explanationId: review.explanationId,
    attributionMapId: review.attributionMapId,
    reviewerId: review.reviewerId,
    verdict: review.verdict,
    note: review.note,
    region: review.region ?? null,
    createdAt: review.createdAt.toISOString(),
  };
}

/** POST /api/cases/:id/reviews (a radiologist’s verdict on an explanation), GET /api/cases/:id/reviews. */
const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/reviews',
    {
      config: { roles: REVIEWERS },
      schema: {
        tags: ['reviews'],
        summary: 'Record whether the explanation makes clinical sense: agree, disagree or unsure',
        params: z.object({ id: z.uuid() }),
        body: ZReviewRequest,
        response: { 201: ZReviewDto, 404: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const explanation = await app.prisma.explanation.findFirst({
        where: { id: body.explanationId, caseId: id },
        include: { case: true, modelVersion: true, maps: { select: { id: true, method: true } } },
      });
      if (!explanation) throw new LightboxError('NOT_FOUND', `No explanation ${body.explanationId} for case ${id}`);
      const map = body.attributionMapId ? explanation.maps.find((m) => m.id === body.attributionMapId) : undefined;
      if (body.attributionMapId && !map) {
        throw new LightboxError('NOT_FOUND', `No map ${body.attributionMapId} in explanation ${explanation.id}`, {
          details: { field: 'attributionMapId' },
        });
      }
      const review = await app.prisma.$transaction(async (tx) => {
        const created = await tx.review.create({
          data: {
            caseId: id,
            explanationId: explanation.id,
            attributionMapId: map?.id ?? null,
            reviewerId: request.auth!.user.id,
            verdict: body.verdict,
            note: body.note ?? null,
            ...(body.region ? { region: body.region as Prisma.InputJsonValue } : {}),
          },
        });
        await appendAuditEvent(tx, {
          ...actorOf(request),
          action: 'review.create',
          outcome: 'success',
          caseId: id,
          patientPseudonym: explanation.case.patientPseudonym,
          studyPseudonym: explanation.case.studyPseudonym,
          modelName: explanation.modelVersion.name,
          modelVersion: explanation.modelVersion.version,
          modelSha256: explanation.modelVersion.onnxSha256,
          inputSha256: explanation.case.inputSha256,
          method: map?.method ?? null,
          verdict: body.verdict,
          details: {
            reviewId: created.id,
            explanationId: explanation.id,
            hasNote: Boolean(body.note),
            region: body.region ?? null,
          },
        });
        return created;
      });
      return reply.code(201).send(toReviewDto(review));
    },
  );

  app.get(
    '/cases/:id/reviews',
    {
      config: { roles: READERS },
      schema: {
        tags: ['reviews'],
        summary: 'Reviews of a case, oldest first',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ items: z.array(ZReviewDto) }) },
      },
    },
    async (request) => {
      const reviews = await app.prisma.review.findMany({
        where: { caseId: request.params.id },
        orderBy: { createdAt: 'asc' },
      });
      return { items: reviews.map(toReviewDto) };
    },
  );
};

export default reviewRoutes;
