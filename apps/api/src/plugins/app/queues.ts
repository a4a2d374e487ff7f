import { EXPLAIN_JOB_OPTIONS, QUEUE_NAMES, QUEUE_PREFIX } from '@lightbox/contracts';
import { Queue } from 'bullmq';
import fp from 'fastify-plugin';

export type TQueues = { explain: Queue };

declare module 'fastify' {
  interface FastifyInstance {
    queues: TQueues;
  }
}

/** Decorates the app with the BullMQ queues it produces to, sharing the app's Redis connection. */
export default fp<{ prefix?: string }>(
  async (app, options) => {
    const prefix = options.prefix ?? QUEUE_PREFIX;
    const queues: TQueues = {
      explain: new Queue(QUEUE_NAMES.explain, {
        connection: app.redis,
        prefix,
        defaultJobOptions: EXPLAIN_JOB_OPTIONS,
      }),
    };
    for (const queue of Object.values(queues)) {
      queue.on('error', (error) => app.log.warn({ err: error, queue: queue.name }, 'queue error'));
    }
    app.decorate('queues', queues);
    app.addHook('onClose', async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    });
  },
  { name: 'queues', dependencies: ['redis'] },
);
