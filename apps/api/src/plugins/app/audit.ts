import { recordAuditEvent, type TAppendedAuditEvent, type TAuditEventInput } from '@lightbox/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorOf } from '../../lib/request-actor';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Appends an audit event in its own transaction, with the actor and source IP of `request`. For an event that
     * records a write, call `appendAuditEvent(tx, { ...actorOf(request), … })` inside the write's transaction instead.
     */
    audit: (request: FastifyRequest, event: TAuditEventInput) => Promise<TAppendedAuditEvent>;
  }
}

export default fp(
  async (app) => {
    app.decorate('audit', (request: FastifyRequest, event: TAuditEventInput) =>
      recordAuditEvent(app.prisma, { ...actorOf(request), ...event }),
    );
  },
  { name: 'audit', dependencies: ['prisma'] },
);
