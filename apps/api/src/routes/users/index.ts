import { LightboxError, ZCreateUserRequest, ZUpdateUserRequest, ZUser, ZUserList } from '@lightbox/contracts';
import { appendAuditEvent, Prisma } from '@lightbox/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashPassword } from '../../lib/passwords';
import { actorOf } from '../../lib/request-actor';
import { toUserDto } from '../../lib/to-user-dto';
import { ZErrorResponse } from '../../plugins/app/error-handler';

const ADMIN = ['admin'] as const;

/** Account administration: GET/POST /api/users, PATCH /api/users/:id. Admins only. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: { roles: ADMIN },
      schema: { tags: ['users'], summary: 'List accounts', response: { 200: ZUserList } },
    },
    async () => {
      const users = await app.prisma.user.findMany({ orderBy: { createdAt: 'asc' } });
      return { items: users.map(toUserDto) };
    },
  );

  app.post(
    '/users',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Create an account',
        body: ZCreateUserRequest,
        response: { 201: ZUser, 409: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const { email, password, role, displayName } = request.body;
      const passwordHash = await hashPassword(password);
      try {
        const user = await app.prisma.$transaction(async (tx) => {
          const created = await tx.user.create({
            data: { email, passwordHash, role, displayName: displayName ?? null },
          });
          await appendAuditEvent(tx, {
            ...actorOf(request),
            action: 'user.create',
            outcome: 'success',
            details: { userId: created.id, email, role },
          });
          return created;
        });
        return reply.code(201).send(toUserDto(user));
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new LightboxError('CONFLICT', `An account with email ${email} already exists`, {
            details: { field: 'email' },
          });
        }
        throw error;
      }
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Change an account’s role, name, password, or disable it (disabling ends its sessions)',
        params: z.object({ id: z.uuid() }),
        body: ZUpdateUserRequest,
        response: { 200: ZUser, 404: ZErrorResponse, 409: ZErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const change = request.body;
      const self = request.auth!.user.id === id;
      if (self && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
        throw new LightboxError('CONFLICT', 'You cannot disable your own account or remove your own admin role');
      }
      const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
      const user = await app.prisma.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id } });
        if (!before) throw new LightboxError('NOT_FOUND', `No account ${id}`);
        const updated = await tx.user.update({
          where: { id },
          data: {
            ...(change.role === undefined ? {} : { role: change.role }),
            ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
            ...(change.displayName === undefined ? {} : { displayName: change.displayName }),
            ...(passwordHash === undefined ? {} : { passwordHash, failedLogins: 0, lockedUntil: null }),
          },
        });
        if (change.disabled === true || passwordHash !== undefined || (change.role && change.role !== before.role)) {
          await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
        }
        const actor = actorOf(request);
        if (change.role !== undefined && change.role !== before.role) {
          await appendAuditEvent(tx, {
            ...actor,
            action: 'user.role_change',
            outcome: 'success',
            details: { userId: id, email: before.email, from: before.role, to: change.role },
          });
        }
        const other: Record<string, unknown> = {};
        if (change.disabled !== undefined && change.disabled !== before.disabled) other.disabled = change.disabled;
        if (change.displayName !== undefined) other.displayName = change.displayName;
        if (passwordHash !== undefined) other.passwordReset = true;
        if (Object.keys(other).length > 0) {
          await appendAuditEvent(tx, {
            ...actor,
            action: 'user.update',
            outcome: 'success',
            details: { userId: id, email: before.email, ...other },
          });
        }
        return updated;
      });
      return toUserDto(user);
    },
  );
};

export default userRoutes;
