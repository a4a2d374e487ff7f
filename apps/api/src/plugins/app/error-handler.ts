import { ERROR_CODES, LightboxError, type TErrorCode } from '@lightbox/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The body of every error response. */
export const ZErrorResponse = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [TErrorCode, ...TErrorCode[]]),
  message: z.string(),
  /** Quote it when reporting a problem: the server log has the full story under this id. */
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

/** Codes for the 4xx errors Fastify and its plugins raise themselves (bad JSON, body too large, rate limit…). */
const CODE_BY_STATUS: Partial<Record<number, TErrorCode>> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/** What a client is told about a 5xx: never the internal message, which may name hosts, queries or files. */
const HIDDEN_MESSAGES: Partial<Record<TErrorCode, string>> = {
  UNAVAILABLE: 'A service Lightbox depends on is unavailable; try again shortly',
  INTERNAL: 'Internal error',
};

type TMapped = { status: number; body: Omit<TErrorResponse, 'requestId'> };

/** Prisma codes that mean the database could not be reached or is overloaded, not that the request was wrong. */
const DATABASE_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

export function mapError(error: unknown): TMapped {
  const prismaCode = (error as { code?: unknown; name?: string } | undefined)?.code;
  if (
    typeof prismaCode === 'string' &&
    DATABASE_UNAVAILABLE.has(prismaCode) &&
    (error as Error).name?.startsWith('PrismaClient')
  ) {
    return { status: 503, body: { code: 'UNAVAILABLE', message: HIDDEN_MESSAGES.UNAVAILABLE! } };
  }
  if (LightboxError.is(error)) {
    const status = error.httpStatus;
    if (status >= 500)
      return { status, body: { code: error.code, message: HIDDEN_MESSAGES[error.code] ?? 'Internal error' } };
    return {
      status,
      body: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'request';
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath || '/',
      message: issue.message ?? 'invalid',
    }));
    return {
      status: 400,
      body: {
        code: 'BAD_REQUEST',
        message: `Invalid ${where}: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
        details: { issues },
      },
    };
  }
  const statusCode = (error as Partial<FastifyError> | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      body: { code: CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST', message: (error as Error).message },
    };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal error' } };
}

function send(request: FastifyRequest, reply: FastifyReply, mapped: TMapped): FastifyReply {
  const body: TErrorResponse = { ...mapped.body, requestId: String(request.id) };
  return reply.code(mapped.status).type('application/json').send(body);
}

/**
 * The one error handler: LightboxError codes become HTTP statuses through ERROR_CODES, validation errors become 400
 * with the issues, and every 5xx is logged in full but answered with a generic message.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const mapped = mapError(error);
      if (mapped.status >= 500) {
        request.log.error({ err: error, method: request.method, url: request.url }, 'request failed');
      } else {
        request.log.info({ code: mapped.body.code, status: mapped.status }, mapped.body.message);
      }
      return send(request, reply, mapped);
    });
    app.setNotFoundHandler((request, reply) =>
      send(request, reply, {
        status: 404,
        body: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
      }),
    );
  },
  { name: 'error-handler' },
);
