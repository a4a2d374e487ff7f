import type { TAuditEventInput } from '@lightbox/db';
import type { FastifyRequest } from 'fastify';

/** The audit fields that say who did something and from where. */
export function actorOf(
  request: FastifyRequest,
): Pick<TAuditEventInput, 'actorId' | 'actorEmail' | 'actorRole' | 'sourceIp'> {
  const user = request.auth?.user;
  return {
    actorId: user?.id ?? null,
    actorEmail: user?.email ?? null,
    actorRole: user?.role ?? null,
    sourceIp: request.ip,
  };
}
