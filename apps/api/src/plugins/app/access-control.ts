import { LightboxError, ROLES, type TRole } from '@lightbox/contracts';
import { recordAuditEvent, type User } from '@lightbox/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorOf } from '../../lib/request-actor';
import { csrfTokenMatches, hashSessionToken, SESSION_COOKIE } from '../../lib/session-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route. Every /api route declares `roles` or `public: true`. */
    roles?: readonly TRole[];
    /** Open to anyone, signed in or not (health, OpenAPI, login). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user and their session; null when the request carries no valid session. */
    auth: TRequestAuth | null;
  }
  interface FastifyInstance {
    /** Method + URL pattern → the roles allowed (public routes are absent). Filled as routes are registered. */
    routeRoles: Map<string, readonly TRole[]>;
  }
}

export type TRequestAuth = {
  user: Pick<User, 'id' | 'email' | 'role' | 'displayName'>;
  sessionId: string;
  /** The raw token from the cookie, to derive the CSRF token. */
  sessionToken: string;
  expiresAt: Date;
};

/** Every role: for routes any signed-in user may call. */
export const ANY_ROLE: readonly TRole[] = ROLES;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A session's lastSeenAt is refreshed at most this often. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The one access check. At registration every /api route must declare `config.roles` or `config.public` (the app
 * refuses to start otherwise). On each request: the session cookie is resolved to a user; then a route that is not
 * public answers 401 without a valid session, 403 when the user's role is not in `roles`, and 403 for a write
 * (POST, PUT, PATCH, DELETE) without the session's CSRF token in `x-csrf-token`. Every refusal is audited.
 */
export default fp(
  async (app) => {
    app.decorateRequest('auth', null);
    app.decorate('routeRoles', new Map<string, readonly TRole[]>());

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return;
      const config = route.config as { roles?: readonly TRole[]; public?: boolean } | undefined;
      if (config?.public) return;
      if (!config?.roles || config.roles.length === 0) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares neither config.roles nor config.public`);
      }
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        app.routeRoles.set(`${method} ${route.url}`, config.roles);
      }
    });

    const refuse = async (
      request: FastifyRequest,
      code: 'UNAUTHORIZED' | 'FORBIDDEN',
      reason: string,
      message: string,
    ): Promise<never> => {
      await recordAuditEvent(app.prisma, {
        ...actorOf(request),
        action: 'auth.refused',
        outcome: 'denied',
        details: {
          method: request.method,
          route: request.routeOptions.url ?? null,
          path: request.url.split('?')[0] ?? request.url,
          status: code === 'UNAUTHORIZED' ? 401 : 403,
          reason,
        },
      });
      throw new LightboxError(code, message, { details: { reason } });
    };

    app.addHook('onRequest', async (request) => {
      request.auth = await resolveSession(request);
      const config = request.routeOptions.config;
      if (!request.routeOptions.url || config.public) return;
      const roles = config.roles ?? [];
      if (!request.auth) {
        await refuse(request, 'UNAUTHORIZED', 'not_signed_in', 'Sign in first: this needs a valid session');
        return;
      }
      if (!roles.includes(request.auth.user.role)) {
        await refuse(
          request,
          'FORBIDDEN',
          'role_not_allowed',
          `Your role (${request.auth.user.role}) may not ${request.method} ${request.routeOptions.url}; allowed: ${roles.join(', ')}`,
        );
        return;
      }
      if (!SAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (!csrfTokenMatches(request.auth.sessionToken, Array.isArray(header) ? header[0] : header)) {
          await refuse(
            request,
            'FORBIDDEN',
            'csrf_token_missing_or_wrong',
            'Missing or wrong x-csrf-token header: get the token from GET /api/auth/csrf',
          );
        }
      }
    });

    async function resolveSession(request: FastifyRequest): Promise<TRequestAuth | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || token.length > 200) return null;
      const session = await app.prisma.session.findUnique({
        where: { tokenHash: hashSessionToken(token) },
        include: { user: { select: { id: true, email: true, role: true, displayName: true, disabled: true } } },
      });
      const now = Date.now();
      if (!session || session.revokedAt || session.expiresAt.getTime() <= now || session.user.disabled) return null;
      if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await app.prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
      }
      const { disabled: _disabled, ...user } = session.user;
      return { user, sessionId: session.id, sessionToken: token, expiresAt: session.expiresAt };
    }
  },
  { name: 'access-control', dependencies: ['prisma', '@fastify/cookie'] },
);
