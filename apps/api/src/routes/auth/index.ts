import { LightboxError, ZCsrfResponse, ZLoginRequest, ZSessionInfo } from '@lightbox/contracts';
import { appendAuditEvent } from '@lightbox/db';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { burnPasswordCheck, verifyPassword } from '../../lib/passwords';
import { actorOf } from '../../lib/request-actor';
import { csrfTokenFor, hashSessionToken, newSessionToken, SESSION_COOKIE } from '../../lib/session-token';
import { toUserDto } from '../../lib/to-user-dto';
import { ANY_ROLE } from '../../plugins/app/access-control';
import { ZErrorResponse } from '../../plugins/app/error-handler';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/csrf, GET /api/me.
 * Sign-in is JSON only, so a cross-site HTML form cannot post it (login CSRF); every other write needs the CSRF token.
 */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { settings } = app;

  const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.cookieSecure,
      expires: expiresAt,
    });

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the httpOnly session cookie',
        body: ZLoginRequest,
        response: { 200: ZSessionInfo, 401: ZErrorResponse, 429: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const user = await app.prisma.user.findUnique({ where: { email } });
      const attempt = { actorEmail: email, sourceIp: request.ip, action: 'auth.login' } as const;
      if (!user) {
        await burnPasswordCheck(request.body.password);
        await app.audit(request, { ...attempt, outcome: 'failure', details: { reason: 'unknown_email' } });
        throw new LightboxError('UNAUTHORIZED', WRONG_CREDENTIALS);
      }
      const who = { ...attempt, actorId: user.id, actorRole: user.role };
      if (user.disabled) {
        await burnPasswordCheck(request.body.password);
        await app.audit(request, { ...who, outcome: 'denied', details: { reason: 'account_disabled' } });
        throw new LightboxError('UNAUTHORIZED', WRONG_CREDENTIALS);
      }
      if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
        await app.audit(request, {
          ...who,
          outcome: 'denied',
          details: { reason: 'account_locked', lockedUntil: user.lockedUntil.toISOString() },
        });
        const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
        reply.header('retry-after', String(Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000)));
        throw new LightboxError(
          'RATE_LIMITED',
          `Too many failed sign-ins: this account is locked for ${minutes} more minute(s)`,
          { details: { lockedUntil: user.lockedUntil.toISOString() } },
        );
      }
      if (!(await verifyPassword(user.passwordHash, request.body.password))) {
        const failed = await app.prisma.$transaction(async (tx) => {
          const updated = await tx.user.update({
            where: { id: user.id },
            data: { failedLogins: { increment: 1 } },
            select: { failedLogins: true },
          });
          const locked = updated.failedLogins >= settings.loginMaxFailures;
          const lockedUntil = locked ? new Date(Date.now() + settings.loginLockMinutes * 60_000) : null;
          if (locked) await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil } });
          await appendAuditEvent(tx, {
            ...who,
            outcome: 'failure',
            details: {
              reason: 'wrong_password',
              consecutiveFailures: updated.failedLogins,
              ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
            },
          });
          return { locked };
        });
        throw new LightboxError(
          'UNAUTHORIZED',
          failed.locked
            ? `${WRONG_CREDENTIALS}; after ${settings.loginMaxFailures} failed attempts the account is locked for ${settings.loginLockMinutes} minutes`
            : WRONG_CREDENTIALS,
        );
      }
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + settings.sessionTtlHours * 3_600_000);
      const signedIn = await app.prisma.$transaction(async (tx) => {
        const updated = await tx.user.update({
          where: { id: user.id },
          data: { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
        });
        await tx.session.create({
          data: {
            tokenHash: hashSessionToken(token),
            userId: user.id,
            expiresAt,
            ip: request.ip,
            userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
          },
        });
        await appendAuditEvent(tx, { ...who, outcome: 'success' });
        return updated;
      });
      setSessionCookie(reply, token, expiresAt);
      return { user: toUserDto(signedIn), csrfToken: csrfTokenFor(token), expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { roles: ANY_ROLE },
      schema: { tags: ['auth'], summary: 'Sign out: revokes the session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const auth = request.auth!;
      await app.prisma.$transaction(async (tx) => {
        await tx.session.update({ where: { id: auth.sessionId }, data: { revokedAt: new Date() } });
        await appendAuditEvent(tx, { ...actorOf(request), action: 'auth.logout', outcome: 'success' });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/csrf',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['auth'],
        summary: 'The CSRF token of the current session (send it as x-csrf-token)',
        response: { 200: ZCsrfResponse },
      },
    },
    async (request) => ({ token: csrfTokenFor(request.auth!.sessionToken) }),
  );

  app.get(
    '/me',
    {
      config: { roles: ANY_ROLE },
      schema: { tags: ['auth'], summary: 'The signed-in user and their session', response: { 200: ZSessionInfo } },
    },
    async (request) => {
      const auth = request.auth!;
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: auth.user.id } });
      return {
        user: toUserDto(user),
        csrfToken: csrfTokenFor(auth.sessionToken),
        expiresAt: auth.expiresAt.toISOString(),
      };
    },
  );
};

export default authRoutes;
