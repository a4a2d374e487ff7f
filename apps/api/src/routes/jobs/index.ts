import { LightboxError, ZJobDto } from '@lightbox/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toJobDto } from '../../lib/to-job-dto';
import { ZErrorResponse } from '../../plugins/app/error-handler';

const JOB_READERS = ['radiologist', 'ml_engineer', 'admin'] as const;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const ZJobId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a job id'),
});

export type TJobRoutesOptions = { eventPollMs?: number; heartbeatMs?: number };

/** GET /api/jobs/:id, GET /api/jobs/:id/events (Server-Sent Events), DELETE /api/jobs/:id (cancel). */
const jobRoutes: FastifyPluginAsyncZod<TJobRoutesOptions> = async (app, options) => {
  const pollMs = options.eventPollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  const findJob = async (id: string) => {
    const job = await app.prisma.job.findUnique({ where: { id }, include: { explanation: { select: { id: true } } } });
    if (!job) throw new LightboxError('NOT_FOUND', `No job ${id}`);
    return job;
  };

  app.get(
    '/jobs/:id',
    {
      config: { roles: JOB_READERS },
      schema: {
        tags: ['jobs'],
        summary: 'A job’s state and progress',
        params: ZJobId,
        response: { 200: ZJobDto, 404: ZErrorResponse },
      },
    },
    async (request) => toJobDto(await findJob(request.params.id)),
  );

  app.get(
    '/jobs/:id/events',
    {
      config: { roles: JOB_READERS },
      schema: {
        tags: ['jobs'],
        summary:
          'Server-Sent Events: `progress` events with the job (as GET /api/jobs/:id) while it runs, then one `completed`, `failed` or `cancelled` event, then the stream ends',
        params: ZJobId,
        produces: ['text/event-stream'],
        response: { 200: z.any().meta({ type: 'string' }), 404: ZErrorResponse },
      },
    },
    async (request, reply) => {
      let job = await findJob(request.params.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let closed = false;
      request.raw.on('close', () => {
        closed = true;
      });
      const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      let last = '';
      let lastBeat = Date.now();
      while (!closed) {
        const dto = toJobDto(job);
        if (TERMINAL.has(job.state) && !(job.state === 'completed' && !job.explanation)) {
          send(job.state, dto);
          break;
        }
        const signature = `${dto.state}:${dto.progress}`;
        if (signature !== last) {
          send('progress', dto);
          last = signature;
          lastBeat = Date.now();
        } else if (Date.now() - lastBeat > heartbeatMs) {
          raw.write(': keep-alive\n\n');
          lastBeat = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        try {
          job = await findJob(request.params.id);
        } catch {
          send('failed', { id: request.params.id, state: 'failed', error: 'The job no longer exists' });
          break;
        }
      }
      raw.end();
    },
  );

  app.delete(
    '/jobs/:id',
    {
      config: { roles: JOB_READERS },
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job (a running one stops at its next batch)',
        params: ZJobId,
        response: { 200: ZJobDto, 404: ZErrorResponse, 409: ZErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const cancelled = await app.prisma.job.updateMany({
        where: { id, state: { in: ['queued', 'running'] } },
        data: { state: 'cancelled', finishedAt: new Date() },
      });
      const job = await findJob(id);
      if (cancelled.count === 0) {
        throw new LightboxError(
          'CONFLICT',
          `Job ${id} is already ${job.state}; only queued or running jobs can be cancelled`,
        );
      }
      const queued = await app.queues.explain.getJob(id);
      if (queued && ((await queued.isWaiting()) || (await queued.isDelayed()))) {
        await queued.remove().catch(() => undefined);
      }
      await app.audit(request, {
        action: 'job.cancel',
        outcome: 'success',
        caseId: job.caseId,
        details: { jobId: id },
      });
      return toJobDto(job);
    },
  );
};

export default jobRoutes;
