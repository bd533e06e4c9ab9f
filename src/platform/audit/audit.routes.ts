/**
 * The audit viewer over HTTP (nhật ký kiểm tra): search, verification of the hash chain, export for an inspection.
 * Thin: the viewer holds the rules (who sees which agency's records, what is itself audited).
 */
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app';
import { policy, type Principal } from '../auth/policy';
import { actorOf } from '../auth/actor';
import { Binary } from '../http/schemas';
import { AuditExportQuerySchema, AuditPageSchema, AuditQuerySchema, AuditVerifySchema, type AuditExportQuery, type AuditQuery } from '../../shared/api/audit';
import { auditErrors as E } from './audit.errors';
import { toCsv, toJsonLines, type AuditViewer } from './audit.viewer';

const tags = ['audit'];
const readers = () => policy.roles('platform_admin', 'agency_admin', 'inspector');
const principalOf = (req: FastifyRequest): Principal => req.principal!;

export function registerAuditRoutes(app: App, viewer: AuditViewer, now: () => Date) {
  app.get(
    '/api/admin/audit',
    {
      config: { policy: readers(), errors: [E.badRange, E.badCursor, E.agencyNotAllowed] },
      schema: {
        operationId: 'searchAuditLog',
        tags,
        summary: 'Search the audit log',
        description:
          'By who (`actor`: an account id, a username or part of a display name), what (`action`: exact, or a prefix ending in a dot such as `dossier.`), target (`targetType`, `targetId`), time (`from` inclusive, `to` exclusive) and agency; newest first, `limit` at a time (at most 200) with `cursor` for the next page. Platform administrators see every record; agency administrators and inspectors (thanh tra) those of the agencies their grants reach. Each record has its entry hash and its place in the hash chain (null until sealed). The search is itself audited (`audit.viewed`).',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: AuditQuery }>) => viewer.search(principalOf(req), actorOf(req), req.query),
  );

  app.get(
    '/api/admin/audit/verify',
    {
      config: { policy: readers(), errors: [] },
      schema: {
        operationId: 'verifyAuditLog',
        tags,
        summary: 'Verify the audit log’s hash chain',
        description:
          'Recomputes every record’s entry hash and every link of the chain; reports the records sealed and not yet sealed and the first broken record (changed content, broken link or a gap in the sequence). Also reports the transparency log’s own check: its tree recomputed from its entries against the stored head and its signed checkpoints. Audited (`audit.verified`).',
        response: { 200: AuditVerifySchema },
      },
    },
    async (req) => viewer.verify(actorOf(req)),
  );

  app.get(
    '/api/admin/audit/export',
    {
      config: { policy: readers(), errors: [E.badRange, E.agencyNotAllowed, E.tooMany] },
      schema: {
        operationId: 'exportAuditLog',
        tags,
        summary: 'Export audit records for an inspection',
        description:
          'The records matching the same filters as the search (at most 50 000), newest first: `format=csv` for a spreadsheet (UTF-8 with BOM, Vietnamese header row), `format=json` as JSON lines, each with the record’s hashed fields (`entry`), `entryHash` = SHA-256 of `entry` as canonical JSON (keys sorted), and its chain link (`chainHash` = SHA-256(`prevHash` ‖ `entryHash`)) so an inspector can re-verify them. Audited (`audit.exported`).',
        querystring: AuditExportQuerySchema,
        response: { 200: Binary(['text/csv', 'application/x-ndjson'], 'The records') },
      },
    },
    async (req: FastifyRequest<{ Querystring: AuditExportQuery }>, reply) => {
      const rows = await viewer.exportRows(principalOf(req), actorOf(req), req.query);
      const stamp = now().toISOString().slice(0, 10);
      reply.header('cache-control', 'private, no-store');
      reply.header('x-content-type-options', 'nosniff');
      if (req.query.format === 'json') {
        return reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="nhat-ky-kiem-tra-${stamp}.jsonl"`).send(toJsonLines(rows));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="nhat-ky-kiem-tra-${stamp}.csv"`).send(toCsv(rows));
    },
  );
}
