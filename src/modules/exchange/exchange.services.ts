/**
 * The exchange services a MotCua node offers to other agencies' nodes, each with its OpenAPI description
 * (answered by the getOpenAPI metaservice). Personal-data services run inside the message's transaction, so the
 * subject's access-log row (her data tracker), the message-log row and their log leaves commit together.
 */
import type { DbOrTx } from '../../platform/db/client';
import { PERSON_FIELDS, personView, type LoggedRead } from '../registry';
import { parseSubsystemId, type ConfService } from '../../shared/exchange';
import type { ExchangePorts } from './exchange.ports';

export interface ServiceCall {
  method: string;
  /** The path after the service code ('' or '/…'). */
  rest: string;
  query: URLSearchParams;
  body: Buffer;
  client: string;
  clientName: string;
  purpose: string | null;
  issue: string | null;
  userId: string | null;
  xRoadId: string;
  at: Date;
}

export interface ServiceAnswer {
  status: number;
  body: unknown;
  subject?: { type: 'person' | 'business'; id: string };
}

export interface ExchangeService extends ConfService {
  /** Runs in the message's transaction (`db` is it); otherwise before it, on the ports. */
  transactional: boolean;
  openapi: Record<string, unknown>;
  handle(db: DbOrTx, call: ServiceCall): Promise<ServiceAnswer>;
}

const notFound = (what: string): ServiceAnswer => ({ status: 404, body: { error: 'not_found', detail: what } });
const badPath = (expected: string): ServiceAnswer => ({ status: 404, body: { error: 'no_such_resource', detail: `expected ${expected}` } });
const methodNotAllowed = (): ServiceAnswer => ({ status: 405, body: { error: 'method_not_allowed' } });

const openapi = (title: string, pathKey: string, param: { name: string; pattern: string; description: string }, description: string, extraParams: unknown[] = []) => ({
  openapi: '3.1.0',
  info: { title, version: '1.0.0', description },
  paths: {
    [pathKey]: {
      get: {
        operationId: pathKey.split('/')[1],
        description,
        parameters: [
          { name: param.name, in: 'path', required: true, schema: { type: 'string', pattern: param.pattern }, description: param.description },
          ...extraParams,
        ],
        responses: { '200': { description: 'Found', content: { 'application/json': { schema: { type: 'object' } } } }, '404': { description: 'Not found' } },
      },
    },
  },
});

const read = (c: ServiceCall, fields: string[]): LoggedRead => ({
  at: c.at,
  operation: 'lookup',
  accountId: null,
  accountKind: 'exchange',
  agencyId: null,
  // The tracker names the reader by its agency's name and its subsystem id.
  client: `${c.clientName} (${c.client})${c.userId ? `, người dùng ${c.userId}` : ''}`.slice(0, 500),
  purpose: c.purpose ?? 'exchange',
  dossierId: c.issue,
  fields,
  requestId: c.xRoadId,
});

export function exchangeServices(ports: ExchangePorts): ExchangeService[] {
  return [
    {
      code: 'population',
      title: { vi: 'Tra cứu thông tin công dân (Cơ sở dữ liệu quốc gia về dân cư)', en: 'Population registry lookup' },
      personalData: true,
      transactional: true,
      openapi: openapi('Population registry lookup', '/people/{personalId}', { name: 'personalId', pattern: '^\\d{12}$', description: 'Personal identification number (12 digits)' }, 'A person’s record (the fields asked for). Needs X-MotCua-Purpose and X-Road-Issue; the read is recorded in the person’s data tracker.', [
        { name: 'fields', in: 'query', required: false, schema: { type: 'string' }, description: `Comma-separated: ${PERSON_FIELDS.join(', ')}` },
      ]),
      async handle(db, c) {
        if (c.method !== 'GET') return methodNotAllowed();
        const m = /^\/people\/(\d{12})$/.exec(c.rest);
        if (!m) return badPath('/people/{personalId}');
        const asked = (c.query.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
        const fields = (asked.length ? asked : [...PERSON_FIELDS]).filter((f): f is (typeof PERSON_FIELDS)[number] => (PERSON_FIELDS as readonly string[]).includes(f));
        if (!fields.length) return { status: 400, body: { error: 'unknown_fields' } };
        const row = await ports.registry.readPerson(m[1], read(c, fields), db);
        if (!row) return notFound('person');
        return { status: 200, body: personView(row, fields), subject: { type: 'person', id: m[1] } };
      },
    },
    {
      code: 'business',
      title: { vi: 'Tra cứu thông tin doanh nghiệp (Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp)', en: 'Business registry lookup' },
      personalData: true,
      transactional: true,
      openapi: openapi('Business registry lookup', '/enterprises/{enterpriseCode}', { name: 'enterpriseCode', pattern: '^\\d{10}(-\\d{3})?$', description: 'Enterprise code' }, 'An enterprise’s record; discloses its legal representative, so it is personal data (purpose and case required).'),
      async handle(db, c) {
        if (c.method !== 'GET') return methodNotAllowed();
        const m = /^\/enterprises\/([0-9-]{10,14})$/.exec(c.rest);
        if (!m) return badPath('/enterprises/{enterpriseCode}');
        const row = await ports.registry.readBusiness(m[1], read(c, ['nameVi', 'type', 'status', 'registeredAddress', 'legalRepresentativeId', 'charterCapital', 'businessLines', 'registeredOn']), db);
        if (!row) return notFound('enterprise');
        return {
          status: 200,
          body: { enterpriseCode: row.enterpriseCode, nameVi: row.nameVi, nameEn: row.nameEn, type: row.type, status: row.status, registeredAddress: { communeCode: row.communeCode, street: row.street }, legalRepresentativeId: row.legalRepId, charterCapital: row.charterCapital, businessLines: row.businessLines, registeredOn: row.registeredOn },
          subject: { type: 'business', id: m[1] },
        };
      },
    },
    {
      code: 'dossierStatus',
      title: { vi: 'Tra cứu tình trạng hồ sơ theo mã', en: 'Dossier status by code' },
      personalData: false,
      transactional: false,
      openapi: openapi('Dossier status by code', '/dossiers/{code}', { name: 'code', pattern: '^[A-Za-z0-9.-]{1,60}$', description: 'Dossier code (mã hồ sơ)' }, 'The status of a dossier, internal and national, and its history without names (as the public lookup).'),
      async handle(_db, c) {
        if (c.method !== 'GET') return methodNotAllowed();
        const m = /^\/dossiers\/([A-Za-z0-9.-]{1,60})$/.exec(c.rest);
        if (!m) return badPath('/dossiers/{code}');
        const d = await ports.dossierStatus(m[1]);
        return d ? { status: 200, body: d } : notFound('dossier');
      },
    },
    {
      code: 'supervisionReport',
      title: { vi: 'Tiếp nhận báo cáo giám sát của doanh nghiệp', en: 'Supervision reports from regulated enterprises' },
      personalData: false,
      transactional: false,
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Supervision reports', version: '1.0.0', description: 'A regulated enterprise (a member of class COM whose member code is its enterprise code) delivers the period’s report of a reporting obligation it is bound by; answered with the delivery and its signed receipt, as the web and API deliveries.' },
        paths: {
          '/obligations/{obligationId}/deliveries': {
            post: {
              operationId: 'deliverReport',
              parameters: [{ name: 'obligationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
              requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['period', 'content'], properties: { period: { type: 'string' }, content: {} } } } } },
              responses: { '201': { description: 'Received, with its signed receipt' }, '200': { description: 'The same report again: the earlier delivery' }, '403': { description: 'Not an enterprise, or not bound' }, '422': { description: 'Refused (malformed, wrong period)' } },
            },
          },
        },
      },
      async handle(_db, c) {
        if (c.method !== 'POST') return methodNotAllowed();
        const m = /^\/obligations\/([0-9a-f-]{36})\/deliveries$/.exec(c.rest);
        if (!m) return badPath('/obligations/{obligationId}/deliveries');
        // The enterprise is the client itself: a business member delivers only its own reports.
        const id = parseSubsystemId(c.client);
        if (!id || id.memberClass !== 'COM') return { status: 403, body: { error: 'not_an_enterprise', detail: 'the client must be an enterprise (member class COM)' } };
        let input: { period?: unknown; content?: unknown };
        try {
          input = JSON.parse(c.body.toString('utf8')) as typeof input;
        } catch {
          return { status: 400, body: { error: 'malformed_json' } };
        }
        if (typeof input?.period !== 'string' || input.content === undefined) return { status: 400, body: { error: 'period_and_content_required' } };
        return ports.supervisionDelivery({ obligationId: m[1], enterpriseCode: id.memberCode, period: input.period, content: input.content, xRoadId: c.xRoadId }, c.at);
      },
    },
    {
      code: 'resultVerification',
      title: { vi: 'Xác thực kết quả giải quyết thủ tục hành chính', en: 'Result verification' },
      personalData: false,
      transactional: false,
      openapi: openapi('Result verification', '/results/{code}', { name: 'code', pattern: '^[A-Za-z0-9-]{1,64}$', description: 'Verification code printed under the QR code' }, 'Whether a signed result with this verification code was issued here, and whether it still stands (valid, revoked, replaced).'),
      async handle(_db, c) {
        if (c.method !== 'GET') return methodNotAllowed();
        const m = /^\/results\/([A-Za-z0-9-]{1,64})$/.exec(c.rest);
        if (!m) return badPath('/results/{code}');
        const r = await ports.resultStatus(m[1]);
        return r ? { status: 200, body: r } : notFound('result');
      },
    },
  ];
}

/** X-Road's metaservices, answered by the provider's gateway itself (no access right needed, still signed). */
export const METASERVICES = new Set(['listMethods', 'allowedMethods', 'getOpenAPI']);
