import type { TSchema } from 'typebox';
import type { ProcedureDetail, ProcedureSearchResult, ProcedureVersion, ProcedureVersionInput } from '../../shared/api/catalog';

/**
 * Examples of the main catalogue journeys for the OpenAPI document (search, the procedure page, publishing, import).
 * A shortened real procedure; a test checks every example against its schema and the publish checks.
 */

type Examples = Record<string, { summary: string; value: unknown }>;

/** The schema with named examples (`x-examples` becomes the media type's `examples` in the OpenAPI document). */
export const withExamples = <T extends TSchema>(schema: T, examples: Examples): T => ({ ...schema, 'x-examples': examples }) as T;

const IDS = { procedure: '6f1d3c2a-9b7e-4c1d-8a52-0e4b7c9d1f20', version: '2b8e5f14-7c3a-4d9b-b1e6-5a0c8d2f7e31', older: '9c4a7e21-3f5b-4a8d-9e1c-7b2d6f0a8c45' };

export const EXAMPLE_PROCEDURE: ProcedureVersionInput = {
  key: 'civil-status-extract-copy',
  nationalCode: '2.000635',
  name: { vi: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', en: 'Copies of civil-status extracts and birth certificates' },
  field: 'civil-status',
  lifeEvents: ['legal-papers'],
  implementingLevel: 'commune',
  agencyKind: 'commune-pc',
  decidingAuthority: { vi: 'Chủ tịch Ủy ban nhân dân cấp xã', en: "Chairperson of the commune People's Committee" },
  applicantTypes: ['citizen'],
  onlineLevel: 'full',
  eIdLevel: 2,
  processingTime: { kind: 'same-day' },
  cutoffTime: '15:00',
  fees: [{ type: 'fixed', nature: 'phi', name: { vi: 'Phí cấp bản sao trích lục hộ tịch', en: 'Fee for a copy of a civil-status extract' }, amountVnd: 8000, per: { vi: 'bản sao', en: 'copy' }, legalBasis: ['Thông tư 281/2016/TT-BTC'] }],
  documents: [
    { id: 'request', name: { vi: 'Tờ khai cấp bản sao trích lục hộ tịch', en: 'Request for copies of a civil-status extract' }, form: 'original', copies: 1, requirement: 'mandatory', fromDataStore: false, fromRegistry: false, replacedByEForm: true },
    {
      id: 'authorisation',
      name: { vi: 'Văn bản ủy quyền được chứng thực', en: 'Certified letter of authorisation' },
      form: 'original',
      copies: 1,
      requirement: 'conditional',
      condition: { vi: 'Khi nộp hồ sơ thay người khác theo ủy quyền', en: 'When filing on behalf of someone else' },
      fromDataStore: true,
      fromRegistry: false,
    },
  ],
  requirements: [],
  result: { name: { vi: 'Bản sao trích lục hộ tịch', en: 'Copy of the civil-status extract' }, documentType: 'civil-status-extract-copy', electronic: true, validityMonths: null },
  steps: [
    { vi: 'Người yêu cầu nộp hồ sơ trực tuyến, trực tiếp tại bộ phận một cửa, hoặc qua bưu chính công ích.', en: 'The applicant files online, at the one-stop desk, or by public postal service.' },
    { vi: 'Công chức tư pháp - hộ tịch tra cứu Cơ sở dữ liệu hộ tịch điện tử và in bản sao.', en: 'The officer finds the record and prints the copies.' },
    { vi: 'Lãnh đạo UBND cấp xã ký bản sao; trả kết quả.', en: 'A commune PC leader signs the copies; the result is returned.' },
  ],
  submission: { channels: ['in-person', 'online', 'postal'], places: [{ vi: 'Cổng Dịch vụ công quốc gia', en: 'National Public Service Portal' }] },
  legalBases: ['Luật Hộ tịch số 60/2014/QH13', 'Nghị định 123/2015/NĐ-CP (sửa đổi bởi Nghị định 07/2025/NĐ-CP)'],
  sourceNote: 'Example (shortened from the demo catalogue).',
  effectiveFrom: '2025-07-01',
  eform: {
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { applicantFullName: { type: 'string', maxLength: 100 }, copies: { type: 'integer', minimum: 1, maximum: 20 } },
      required: ['applicantFullName', 'copies'],
      additionalProperties: false,
    },
    ui: {
      sections: [{ id: 'request', title: { vi: 'Yêu cầu', en: 'Request' }, fields: ['applicantFullName', 'copies'] }],
      fields: {
        applicantFullName: { label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' }, registryBinding: 'population.fullName' },
        copies: { label: { vi: 'Số bản sao', en: 'Number of copies' }, widget: 'number' },
      },
    },
  },
  workflow: [
    { id: 'receive', kind: 'receive', name: { vi: 'Tiếp nhận hồ sơ', en: 'Receive the dossier' }, role: 'receiving_officer', sharePercent: 10 },
    { id: 'process', kind: 'process', name: { vi: 'Xử lý hồ sơ', en: 'Process the dossier' }, role: 'specialist', sharePercent: 50 },
    { id: 'approve', kind: 'approve', name: { vi: 'Phê duyệt, ký kết quả', en: 'Approve and sign' }, role: 'approver', sharePercent: 30 },
    { id: 'return', kind: 'return', name: { vi: 'Trả kết quả', en: 'Return the result' }, role: 'result_officer', sharePercent: 10 },
  ],
  sampleData: { applicantFullName: 'Nguyễn Văn An', copies: 2 },
};

const { key, ...content } = EXAMPLE_PROCEDURE;
const asVersion = (status: ProcedureVersion['status'], publishedAt: string | null): ProcedureVersion => ({ id: IDS.version, procedureId: IDS.procedure, key, version: 2, status, publishedAt, ...content });

export const EXAMPLE_PUBLISHED: ProcedureVersion = asVersion('published', '2026-07-01T02:00:00.000Z');
export const EXAMPLE_DRAFT: ProcedureVersion = asVersion('draft', null);

export const EXAMPLE_DETAIL: ProcedureDetail = {
  id: IDS.procedure,
  key,
  nationalCode: content.nationalCode,
  current: EXAMPLE_PUBLISHED,
  versions: [
    { id: IDS.older, version: 1, status: 'published' },
    { id: IDS.version, version: 2, status: 'published' },
  ],
};

/** "cap ban sao trich luc" typed without diacritics, as on a phone. */
export const EXAMPLE_SEARCH: ProcedureSearchResult = {
  terms: ['cap', 'ban', 'sao', 'trich', 'luc'],
  items: [
    {
      id: IDS.procedure,
      key,
      versionId: IDS.version,
      version: 2,
      nationalCode: content.nationalCode,
      name: content.name,
      field: content.field,
      implementingLevel: content.implementingLevel,
      agencyKind: content.agencyKind,
      onlineLevel: content.onlineLevel,
      applicantTypes: content.applicantTypes,
      lifeEvents: content.lifeEvents,
      processingTime: content.processingTime,
      rank: 1.61,
      highlight: {
        ranges: [
          { start: 0, end: 3 },
          { start: 4, end: 7 },
          { start: 8, end: 11 },
          { start: 12, end: 17 },
          { start: 18, end: 21 },
          { start: 31, end: 34 },
          { start: 35, end: 38 },
        ],
        html: '<mark>Cấp</mark> <mark>bản</mark> <mark>sao</mark> <mark>Trích</mark> <mark>lục</mark> hộ tịch, <mark>bản</mark> <mark>sao</mark> Giấy khai sinh',
      },
    },
  ],
};

/** The answers of each journey, by schema use (a test validates each against its route's schema). */
export const catalogExamples = {
  search: { found: { summary: 'Search without diacritics: "cap ban sao trich luc"', value: EXAMPLE_SEARCH } },
  list: { found: { summary: 'Published procedures of the civil-status field', value: { total: 1, items: EXAMPLE_SEARCH.items.map(({ rank: _r, highlight: _h, ...s }) => s) } } },
  detail: { page: { summary: 'The procedure page: current version and the earlier ones', value: EXAMPLE_DETAIL } },
  version: { published: { summary: 'A published version', value: EXAMPLE_PUBLISHED } },
  draft: { draft: { summary: 'A new draft', value: EXAMPLE_DRAFT } },
  input: { procedure: { summary: 'A complete procedure version', value: EXAMPLE_PROCEDURE } },
  importBody: { submit: { summary: 'Import one procedure and send it for approval', value: { procedures: [EXAMPLE_PROCEDURE], submitForReview: true } } },
  export: { catalogue: { summary: 'The catalogue, one procedure per item', value: { procedures: [EXAMPLE_PROCEDURE] } } },
  importResult: { created: { summary: 'One procedure created and sent for approval', value: { created: 1, updated: 0, submitted: 1, published: 0 } } },
  validateBody: { sample: { summary: 'Form data to check', value: { data: { applicantFullName: 'Nguyễn Văn An', copies: 2 } } } },
  validateResult: {
    ok: { summary: 'Valid: the data as it will be stored', value: { ok: true, data: { applicantFullName: 'Nguyễn Văn An', copies: 2 } } },
    refused: { summary: 'Invalid: every problem, one per field', value: { ok: false, errors: [{ field: 'copies', code: 'required', message: { vi: 'Trường này là bắt buộc.', en: 'This field is required.' } }] } },
  },
} satisfies Record<string, Examples>;
