import { createPrismaClient, type PrismaClient } from '@lightbox/db';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

/** Decorates the app with a Prisma client (connects lazily, disconnects when the app closes). */
export default fp<{ databaseUrl: string }>(
  async (app, options) => {
    const prisma = createPrismaClient({ url: options.databaseUrl });
    app.decorate('prisma', prisma);
    app.addHook('onClose', async () => {
      await prisma.$disconnect();
    });
  },
  { name: 'prisma' },
);
