import { LightboxError, ZAuditExportQuery, ZAuditPage, ZAuditQuery, ZAuditVerification } from '@lightbox/contracts';
import { verifyAuditChain } from '@lightbox/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEventsToCsv, auditEventsToFhirBundle, auditWhere, toAuditDto } from '../../lib/audit-export';
import { ZErrorResponse } from '../../plugins/app/error-handler';

const AUDITORS = ['compliance', 'admin'] as const;
/** Exports larger than this must be narrowed by the filters. */
const EXPORT_MAX_ROWS = 100_000;

/** The audit trail: GET /api/audit, GET /api/audit/export, GET /api/audit/verify. Compliance and admins. */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, filtered, sorted and paginated',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (request) => {
      const { sort, order, page, pageSize, ...filter } = request.query;
      const where = auditWhere(filter);
      const [rows, total] = await Promise.all([
        app.prisma.auditEvent.findMany({
          where,
          orderBy: sort === 'seq' ? [{ seq: order }] : [{ [sort]: order }, { seq: order }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        app.prisma.auditEvent.count({ where }),
      ]);
      return { items: rows.map(toAuditDto), total, page, pageSize };
    },
  );

  app.get(
    '/audit/export',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary: 'Export the filtered trail as CSV, JSON, or a FHIR R4 Bundle of AuditEvent resources',
        querystring: ZAuditExportQuery,
        response: { 200: z.any(), 413: ZErrorResponse },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const where = auditWhere(filter);
      const count = await app.prisma.auditEvent.count({ where });
      if (count > EXPORT_MAX_ROWS) {
        throw new LightboxError(
          'BAD_REQUEST',
          `The export would hold ${count} events; narrow it to at most ${EXPORT_MAX_ROWS} with from/to or other filters`,
        );
      }
      const rows = await app.prisma.auditEvent.findMany({ where, orderBy: { seq: 'asc' } });
      const events = rows.map(toAuditDto);
      await app.audit(request, {
        action: 'audit.export',
        outcome: 'success',
        details: { format, filter, count: events.length },
      });
      const stamp = new Date().toISOString().replaceAll(':', '').slice(0, 15);
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lightbox-audit-${stamp}.csv"`)
          .serializer((body: string) => body)
          .send(auditEventsToCsv(events));
      }
      const body = format === 'fhir' ? auditEventsToFhirBundle(events) : { items: events };
      return reply
        .type(format === 'fhir' ? 'application/fhir+json' : 'application/json')
        .header(
          'content-disposition',
          `attachment; filename="lightbox-audit-${stamp}.${format === 'fhir' ? 'fhir.json' : 'json'}"`,
        )
        .serializer((payload: unknown) => JSON.stringify(payload))
        .send(body);
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain from the first event',
        response: { 200: ZAuditVerification },
      },
    },
    async (request) => {
      const result = await verifyAuditChain(app.prisma);
      await app.audit(request, {
        action: 'audit.verify',
        outcome: 'success',
        details: { valid: result.valid, length: result.length, head: result.head },
      });
      return result;
    },
  );
};

export default auditRoutes;
