import ExcelJS from 'exceljs';
import { ajvErrorsToFields, validatorCompiler } from '../../platform/http/validation';
import { ProcedureVersionInputSchema, type ProcedureVersionInput } from '../../shared/catalog';
import { AGENCY_KINDS, APPLICANT_TYPES, CHANNELS, IMPLEMENTING_LEVELS, ONLINE_LEVELS, PROCEDURE_FIELDS } from '../../shared/catalog';
import { DOCUMENT_FORMS } from '../../shared/catalog';
import { WORKFLOW_ROLES, WORKFLOW_STEP_KINDS } from '../../shared/catalog';
import type { EFormDefinition, EFormFieldUi, FieldSchema, ItemObjectSchema, ScalarSchema } from '../../shared/eform';

/**
 * The catalogue's spreadsheet format for bulk entry by agencies (nhập hàng loạt): one sheet per part of a
 * procedure, every row of a part naming its procedure by catalogue key. `template()` writes the workbook with its
 * headers, a guide row of allowed values and one example; `parseWorkbook()` reads a filled-in workbook row by row
 * into import inputs and a report of every wrong cell (sheet, row, A1 cell, reason in vi/en).
 */

interface Col {
  key: string;
  vi: string;
  en: string;
  /** Allowed values (checked, and listed in the guide row). */
  values?: readonly string[];
  required?: boolean;
  kind?: 'int' | 'number' | 'bool' | 'list';
}

const keys = (o: Record<string, unknown>) => Object.keys(o);
const FIELD_TYPES = ['text', 'textarea', 'integer', 'number', 'date', 'select', 'radio', 'checkbox', 'multi', 'personalId', 'phone', 'email', 'adminUnit', 'enterpriseCode', 'repeat'] as const;

export const SHEETS: Record<'procedures' | 'documents' | 'fees' | 'formFields' | 'steps', { name: string; cols: Col[] }> = {
  procedures: {
    name: 'thu-tuc',
    cols: [
      { key: 'key', vi: 'Khóa danh mục', en: 'Catalogue key', required: true },
      { key: 'nationalCode', vi: 'Mã TTHC', en: 'National code' },
      { key: 'nameVi', vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)', required: true },
      { key: 'nameEn', vi: 'Tên (tiếng Anh)', en: 'Name (English)', required: true },
      { key: 'field', vi: 'Lĩnh vực', en: 'Field', values: keys(PROCEDURE_FIELDS), required: true },
      { key: 'level', vi: 'Cấp thực hiện', en: 'Level', values: IMPLEMENTING_LEVELS, required: true },
      { key: 'agencyKind', vi: 'Loại cơ quan', en: 'Agency kind', values: keys(AGENCY_KINDS), required: true },
      { key: 'applicantTypes', vi: 'Đối tượng (phân cách bằng dấu phẩy)', en: 'Applicant types (comma-separated)', values: APPLICANT_TYPES, kind: 'list', required: true },
      { key: 'onlineLevel', vi: 'Mức trực tuyến', en: 'Online level', values: ONLINE_LEVELS, required: true },
      { key: 'eIdLevel', vi: 'Mức định danh (1/2)', en: 'e-ID level (1/2)', values: ['1', '2'], required: true },
      { key: 'channels', vi: 'Kênh nộp', en: 'Channels', values: CHANNELS, kind: 'list', required: true },
      { key: 'days', vi: 'Thời hạn (ngày làm việc)', en: 'Processing time (working days)', kind: 'int', required: true },
      { key: 'cutoffTime', vi: 'Giờ nhận cuối ngày (HH:MM)', en: 'Cutoff (HH:MM)' },
      { key: 'authorityVi', vi: 'Cơ quan quyết định (tiếng Việt)', en: 'Deciding authority (Vietnamese)', required: true },
      { key: 'authorityEn', vi: 'Cơ quan quyết định (tiếng Anh)', en: 'Deciding authority (English)', required: true },
      { key: 'resultVi', vi: 'Kết quả (tiếng Việt)', en: 'Result (Vietnamese)', required: true },
      { key: 'resultEn', vi: 'Kết quả (tiếng Anh)', en: 'Result (English)', required: true },
      { key: 'resultType', vi: 'Mã loại kết quả', en: 'Result document type', required: true },
      { key: 'legalBases', vi: 'Căn cứ pháp lý (phân cách bằng ;)', en: 'Legal bases (;-separated)', required: true },
      { key: 'effectiveFrom', vi: 'Áp dụng từ (YYYY-MM-DD)', en: 'Effective from (YYYY-MM-DD)', required: true },
    ],
  },
  documents: {
    name: 'thanh-phan-ho-so',
    cols: [
      { key: 'key', vi: 'Khóa thủ tục', en: 'Procedure key', required: true },
      { key: 'id', vi: 'Mã giấy tờ', en: 'Document id', required: true },
      { key: 'nameVi', vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)', required: true },
      { key: 'nameEn', vi: 'Tên (tiếng Anh)', en: 'Name (English)', required: true },
      { key: 'form', vi: 'Hình thức', en: 'Form', values: DOCUMENT_FORMS, required: true },
      { key: 'copies', vi: 'Số bản', en: 'Copies', kind: 'int', required: true },
      { key: 'ifField', vi: 'Chỉ cần khi trường', en: 'Required when field' },
      { key: 'ifEquals', vi: 'có giá trị', en: 'equals' },
    ],
  },
  fees: {
    name: 'phi-le-phi',
    cols: [
      { key: 'key', vi: 'Khóa thủ tục', en: 'Procedure key', required: true },
      { key: 'type', vi: 'Cách tính', en: 'Rule', values: ['fixed', 'per-copy', 'exempt'], required: true },
      { key: 'nature', vi: 'Phí hay lệ phí', en: 'Fee or charge', values: ['le-phi', 'phi'], required: true },
      { key: 'nameVi', vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)', required: true },
      { key: 'nameEn', vi: 'Tên (tiếng Anh)', en: 'Name (English)', required: true },
      { key: 'amount', vi: 'Mức thu (đồng)', en: 'Amount (VND)', kind: 'int' },
      { key: 'unitsField', vi: 'Trường số bản (theo bản)', en: 'Copies field (per copy)' },
      { key: 'legalBasis', vi: 'Căn cứ', en: 'Legal basis', required: true },
      { key: 'exemptVi', vi: 'Đối tượng miễn (tiếng Việt)', en: 'Exempted (Vietnamese)' },
      { key: 'exemptEn', vi: 'Đối tượng miễn (tiếng Anh)', en: 'Exempted (English)' },
    ],
  },
  formFields: {
    name: 'truong-bieu-mau',
    cols: [
      { key: 'key', vi: 'Khóa thủ tục', en: 'Procedure key', required: true },
      { key: 'section', vi: 'Phần', en: 'Section', required: true },
      { key: 'group', vi: 'Thuộc nhóm lặp', en: 'In repeatable group' },
      { key: 'name', vi: 'Tên trường', en: 'Field name', required: true },
      { key: 'type', vi: 'Kiểu', en: 'Type', values: FIELD_TYPES, required: true },
      { key: 'labelVi', vi: 'Nhãn (tiếng Việt)', en: 'Label (Vietnamese)', required: true },
      { key: 'labelEn', vi: 'Nhãn (tiếng Anh)', en: 'Label (English)', required: true },
      { key: 'required', vi: 'Bắt buộc (x)', en: 'Required (x)', kind: 'bool' },
      { key: 'options', vi: 'Lựa chọn (mã=nhãn; …)', en: 'Options (code=label; …)' },
      { key: 'visibleIfField', vi: 'Hiện khi trường', en: 'Shown when field' },
      { key: 'visibleIfEquals', vi: 'có giá trị', en: 'equals' },
      { key: 'binding', vi: 'Lấy từ CSDL', en: 'Registry binding' },
      { key: 'helpVi', vi: 'Hướng dẫn (tiếng Việt)', en: 'Help (Vietnamese)' },
      { key: 'helpEn', vi: 'Hướng dẫn (tiếng Anh)', en: 'Help (English)' },
    ],
  },
  steps: {
    name: 'quy-trinh',
    cols: [
      { key: 'key', vi: 'Khóa thủ tục', en: 'Procedure key', required: true },
      { key: 'id', vi: 'Mã bước', en: 'Step id', required: true },
      { key: 'kind', vi: 'Loại bước', en: 'Kind', values: WORKFLOW_STEP_KINDS, required: true },
      { key: 'nameVi', vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)', required: true },
      { key: 'nameEn', vi: 'Tên (tiếng Anh)', en: 'Name (English)', required: true },
      { key: 'role', vi: 'Vai trò', en: 'Role', values: WORKFLOW_ROLES, required: true },
      { key: 'share', vi: 'Tỷ lệ thời gian (%)', en: 'Time share (%)', kind: 'number', required: true },
    ],
  },
};

/** First data row: row 1 holds the headers (vi / en), row 2 the guide of allowed values. */
export const FIRST_DATA_ROW = 3;

export type SheetRow = Record<string, string>;
export type Workbook = Record<keyof typeof SHEETS, SheetRow[]>;

/** The template workbook: every sheet with its headers, the guide row and one example procedure. */
export async function sheetTemplate(example?: Partial<Workbook>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  for (const [part, def] of Object.entries(SHEETS) as Array<[keyof typeof SHEETS, (typeof SHEETS)[keyof typeof SHEETS]]>) {
    const ws = wb.addWorksheet(def.name);
    ws.addRow(def.cols.map((c) => `${c.vi} / ${c.en}${c.required ? ' *' : ''}`)).font = { bold: true };
    ws.addRow(def.cols.map((c) => (c.values ? c.values.join(' | ') : c.kind === 'int' ? '0, 1, 2 …' : c.kind === 'bool' ? 'x' : ''))).font = { italic: true };
    for (const r of example?.[part] ?? SAMPLE[part]) ws.addRow(def.cols.map((c) => r[c.key] ?? ''));
    ws.columns.forEach((col) => (col.width = 22));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SAMPLE: Workbook = {
  procedures: [
    { key: 'cap-ban-sao-trich-luc', nameVi: 'Cấp bản sao trích lục hộ tịch', nameEn: 'Copy of a civil-status extract', field: 'civil-status', level: 'commune', agencyKind: 'commune-pc', applicantTypes: 'citizen', onlineLevel: 'full', eIdLevel: '2', channels: 'online, in-person', days: '1', cutoffTime: '15:00', authorityVi: 'Chủ tịch UBND cấp xã', authorityEn: 'Chair of the commune People’s Committee', resultVi: 'Bản sao trích lục', resultEn: 'Certified extract copy', resultType: 'civil-status-extract-copy', legalBases: 'Luật Hộ tịch 2014', effectiveFrom: '2026-01-01' },
  ],
  documents: [{ key: 'cap-ban-sao-trich-luc', id: 'uy-quyen', nameVi: 'Văn bản ủy quyền', nameEn: 'Power of attorney', form: 'original', copies: '1', ifField: 'forOther', ifEquals: 'true' }],
  fees: [{ key: 'cap-ban-sao-trich-luc', type: 'per-copy', nature: 'le-phi', nameVi: 'Lệ phí cấp bản sao', nameEn: 'Copy fee', amount: '8000', unitsField: 'copies', legalBasis: 'Thông tư 281/2016/TT-BTC', exemptVi: 'Người thuộc hộ nghèo', exemptEn: 'Members of poor households' }],
  formFields: [
    { key: 'cap-ban-sao-trich-luc', section: 'yeu-cau', name: 'fullName', type: 'text', labelVi: 'Họ và tên', labelEn: 'Full name', required: 'x', binding: 'population.fullName' },
    { key: 'cap-ban-sao-trich-luc', section: 'yeu-cau', name: 'copies', type: 'integer', labelVi: 'Số bản sao', labelEn: 'Number of copies', required: 'x' },
    { key: 'cap-ban-sao-trich-luc', section: 'yeu-cau', name: 'forOther', type: 'checkbox', labelVi: 'Yêu cầu cho người khác', labelEn: 'On behalf of someone else' },
  ],
  steps: [
    { key: 'cap-ban-sao-trich-luc', id: 'tiep-nhan', kind: 'receive', nameVi: 'Tiếp nhận', nameEn: 'Receive', role: 'receiving_officer', share: '10' },
    { key: 'cap-ban-sao-trich-luc', id: 'phe-duyet', kind: 'approve', nameVi: 'Phê duyệt', nameEn: 'Approve', role: 'approver', share: '80' },
    { key: 'cap-ban-sao-trich-luc', id: 'tra-ket-qua', kind: 'return', nameVi: 'Trả kết quả', nameEn: 'Return', role: 'result_officer', share: '10' },
  ],
};

export interface SheetProblem {
  sheet: string;
  row: number;
  cell: string;
  key: string;
  reason: { vi: string; en: string };
}

const colLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
};

/** Reads the workbook's sheets into rows keyed by column (cells as trimmed text). Throws on a file that is not XLSX. */
export async function readWorkbook(bytes: Buffer): Promise<{ rows: Record<keyof typeof SHEETS, Array<{ row: number; cells: SheetRow }>>; missing: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = {} as Record<keyof typeof SHEETS, Array<{ row: number; cells: SheetRow }>>;
  const missing: string[] = [];
  for (const [part, def] of Object.entries(SHEETS) as Array<[keyof typeof SHEETS, (typeof SHEETS)[keyof typeof SHEETS]]>) {
    rows[part] = [];
    const ws = wb.getWorksheet(def.name);
    if (!ws) {
      missing.push(def.name);
      continue;
    }
    ws.eachRow((r, n) => {
      if (n < FIRST_DATA_ROW) return;
      const cells: SheetRow = {};
      def.cols.forEach((c, i) => (cells[c.key] = cellText(r.getCell(i + 1).value)));
      if (Object.values(cells).some((x) => x)) rows[part].push({ row: n, cells });
    });
  }
  return { rows, missing };
}

let check: (((d: unknown) => boolean) & { errors?: unknown }) | undefined;

/**
 * Builds one import input per procedure row, with every wrong cell reported (a procedure with any problem in any of
 * its sheets is not imported). Pure apart from the schema validator.
 */
export function parseRows(rows: Record<keyof typeof SHEETS, Array<{ row: number; cells: SheetRow }>>): { inputs: ProcedureVersionInput[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const bad = new Set<string>();
  const report = (part: keyof typeof SHEETS, row: number, col: string, key: string, vi: string, en: string) => {
    const i = SHEETS[part].cols.findIndex((c) => c.key === col);
    problems.push({ sheet: SHEETS[part].name, row, cell: `${colLetter(Math.max(0, i))}${row}`, key, reason: { vi, en } });
    bad.add(key);
    return false;
  };
  /** Checks the required and enumerated cells of a row; answers false when one is wrong. */
  const cellsOk = (part: keyof typeof SHEETS, row: number, c: SheetRow) => {
    let ok = true;
    for (const col of SHEETS[part].cols) {
      const v = c[col.key] ?? '';
      if (!v) {
        if (col.required) ok = report(part, row, col.key, c.key ?? '', `Thiếu "${col.vi}".`, `"${col.en}" is missing.`);
        continue;
      }
      const items = col.kind === 'list' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v];
      if (col.values) {
        const wrong = items.find((x) => !col.values!.includes(x));
        if (wrong !== undefined) ok = report(part, row, col.key, c.key ?? '', `"${wrong}" không phải giá trị hợp lệ của "${col.vi}" (${col.values.join(', ')}).`, `"${wrong}" is not a valid "${col.en}" (${col.values.join(', ')}).`);
      }
      if (col.kind === 'int' && !/^\d+$/.test(v)) ok = report(part, row, col.key, c.key ?? '', `"${col.vi}" phải là số nguyên không âm.`, `"${col.en}" must be a whole number.`);
      if (col.kind === 'number' && !(Number(v) >= 0)) ok = report(part, row, col.key, c.key ?? '', `"${col.vi}" phải là số không âm.`, `"${col.en}" must be a non-negative number.`);
    }
    return ok;
  };

  const byKey = <P extends keyof typeof SHEETS>(part: P) => {
    const m = new Map<string, Array<{ row: number; cells: SheetRow }>>();
    for (const r of rows[part]) {
      const k = r.cells.key ?? '';
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(r);
    }
    return m;
  };
  const docs = byKey('documents');
  const fees = byKey('fees');
  const fields = byKey('formFields');
  const steps = byKey('steps');
  const known = new Set(rows.procedures.map((r) => r.cells.key));
  for (const part of ['documents', 'fees', 'formFields', 'steps'] as const)
    for (const r of rows[part]) if (r.cells.key && !known.has(r.cells.key)) report(part, r.row, 'key', r.cells.key, `Không có thủ tục "${r.cells.key}" trong trang ${SHEETS.procedures.name}.`, `No procedure "${r.cells.key}" in sheet ${SHEETS.procedures.name}.`);

  const inputs: ProcedureVersionInput[] = [];
  const seen = new Set<string>();
  for (const { row, cells: p } of rows.procedures) {
    const key = p.key;
    if (seen.has(key)) {
      report('procedures', row, 'key', key, `Khóa "${key}" bị lặp.`, `Key "${key}" appears twice.`);
      continue;
    }
    seen.add(key);
    let ok = cellsOk('procedures', row, p);
    const eform = buildEform(fields.get(key) ?? [], (r, col, vi, en) => (ok = report('formFields', r, col, key, vi, en)), cellsOk);
    const documents = (docs.get(key) ?? []).map(({ row: r, cells: d }) => {
      if (!cellsOk('documents', r, d)) ok = false;
      const requiredIf = d.ifField ? { field: d.ifField, equals: d.ifEquals === 'true' ? true : d.ifEquals === 'false' ? false : /^\d+$/.test(d.ifEquals) ? Number(d.ifEquals) : d.ifEquals } : undefined;
      if (d.ifField && !eform.schema.properties[d.ifField]) ok = report('documents', r, 'ifField', key, `Biểu mẫu không có trường "${d.ifField}".`, `The e-form has no field "${d.ifField}".`);
      return {
        id: d.id,
        name: { vi: d.nameVi, en: d.nameEn },
        form: d.form as (typeof DOCUMENT_FORMS)[number],
        copies: Number(d.copies),
        requirement: requiredIf ? ('conditional' as const) : ('mandatory' as const),
        ...(requiredIf ? { requiredIf, condition: { vi: `Khi ${d.ifField} = ${d.ifEquals}`, en: `When ${d.ifField} = ${d.ifEquals}` } } : {}),
        fromDataStore: false,
        fromRegistry: false,
      };
    });
    const feeItems = (fees.get(key) ?? []).map(({ row: r, cells: f }) => {
      if (!cellsOk('fees', r, f)) ok = false;
      const base = { nature: f.nature as 'le-phi' | 'phi', name: { vi: f.nameVi, en: f.nameEn }, legalBasis: [f.legalBasis], ...(f.exemptVi ? { exemptions: [{ vi: f.exemptVi, en: f.exemptEn || f.exemptVi }] } : {}) };
      if (f.type === 'exempt') return { ...base, type: 'exempt' as const };
      if (!f.amount) ok = report('fees', r, 'amount', key, 'Thiếu mức thu.', 'The amount is missing.');
      if (f.type === 'per-copy') {
        if (!f.unitsField) ok = report('fees', r, 'unitsField', key, 'Lệ phí theo bản cần trường số bản của biểu mẫu.', 'A per-copy fee needs the e-form field that counts the copies.');
        else if (!eform.schema.properties[f.unitsField]) ok = report('fees', r, 'unitsField', key, `Biểu mẫu không có trường "${f.unitsField}".`, `The e-form has no field "${f.unitsField}".`);
      }
      return { ...base, type: 'fixed' as const, amountVnd: Number(f.amount || 0), per: f.type === 'per-copy' ? { vi: 'bản', en: 'copy' } : { vi: 'hồ sơ', en: 'case' }, ...(f.type === 'per-copy' ? { unitsField: f.unitsField } : {}) };
    });
    const workflow = (steps.get(key) ?? []).map(({ row: r, cells: s }) => {
      if (!cellsOk('steps', r, s)) ok = false;
      return { id: s.id, kind: s.kind as (typeof WORKFLOW_STEP_KINDS)[number], name: { vi: s.nameVi, en: s.nameEn }, role: s.role as (typeof WORKFLOW_ROLES)[number], sharePercent: Number(s.share) };
    });
    if (!ok || bad.has(key)) continue;
    const input = {
      key,
      nationalCode: p.nationalCode || null,
      name: { vi: p.nameVi, en: p.nameEn },
      field: p.field,
      lifeEvents: [],
      implementingLevel: p.level,
      agencyKind: p.agencyKind,
      decidingAuthority: { vi: p.authorityVi, en: p.authorityEn },
      applicantTypes: p.applicantTypes.split(',').map((s) => s.trim()),
      onlineLevel: p.onlineLevel,
      eIdLevel: Number(p.eIdLevel),
      processingTime: { kind: 'working-days', days: Number(p.days) },
      cutoffTime: p.cutoffTime || null,
      fees: feeItems,
      documents,
      requirements: [],
      result: { name: { vi: p.resultVi, en: p.resultEn }, documentType: p.resultType, electronic: true, validityMonths: null },
      steps: [],
      submission: { channels: p.channels.split(',').map((s) => s.trim()), places: [] },
      legalBases: p.legalBases.split(';').map((s) => s.trim()).filter(Boolean),
      sourceNote: 'Nhập từ bảng tính / imported from a spreadsheet',
      effectiveFrom: p.effectiveFrom,
      eform,
      workflow,
      sampleData: {},
    } as unknown as ProcedureVersionInput;
    check ??= validatorCompiler({ schema: ProcedureVersionInputSchema, httpPart: 'body', method: 'POST', url: '/api/admin/procedures' }) as unknown as typeof check;
    if (!check!(input)) {
      for (const f of ajvErrorsToFields((check!.errors ?? []) as never, 'body').slice(0, 5)) {
        const col = f.field === 'nationalCode' ? 'nationalCode' : f.field === 'cutoffTime' ? 'cutoffTime' : f.field === 'effectiveFrom' ? 'effectiveFrom' : 'key';
        report('procedures', row, col, key, `${f.field}: ${f.message.vi}`, `${f.field}: ${f.message.en}`);
      }
      continue;
    }
    inputs.push(input);
  }
  return { inputs, problems };
}

/** The e-form of one procedure from its form-field rows: sections in order of appearance, repeat groups by name. */
function buildEform(
  rows: Array<{ row: number; cells: SheetRow }>,
  report: (row: number, col: string, vi: string, en: string) => void,
  cellsOk: (part: 'formFields', row: number, c: SheetRow) => boolean,
): EFormDefinition {
  const schema = { type: 'object' as const, properties: {} as Record<string, FieldSchema>, required: [] as string[], additionalProperties: false as const };
  const ui = { sections: [] as EFormDefinition['ui']['sections'], fields: {} as Record<string, EFormFieldUi> };
  const groups = new Map<string, { items: ItemObjectSchema; ui: EFormFieldUi }>();
  for (const { row, cells: f } of rows) {
    if (!cellsOk('formFields', row, f)) continue;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(f.name)) {
      report(row, 'name', 'Tên trường chỉ gồm chữ không dấu, số và _ (bắt đầu bằng chữ).', 'A field name is letters, digits and _ (starting with a letter).');
      continue;
    }
    const options = f.options
      ? f.options.split(';').map((o) => {
          const [v, l] = o.split('=').map((s) => s.trim());
          return { value: v, label: { vi: l ?? v, en: l ?? v } };
        })
      : undefined;
    if ((f.type === 'select' || f.type === 'radio' || f.type === 'multi') && !options?.length) report(row, 'options', 'Trường lựa chọn cần danh sách lựa chọn.', 'A choice field needs its options.');
    const fieldUi: EFormFieldUi = {
      label: { vi: f.labelVi, en: f.labelEn },
      ...(f.helpVi ? { help: { vi: f.helpVi, en: f.helpEn || f.helpVi } } : {}),
      ...(f.visibleIfField ? { visibleIf: { field: f.visibleIfField, equals: f.visibleIfEquals === 'true' ? true : f.visibleIfEquals === 'false' ? false : f.visibleIfEquals } } : {}),
      ...(f.binding ? { registryBinding: f.binding } : {}),
    };
    const fs = fieldSchema(f.type, options);
    Object.assign(fieldUi, widgetOf(f.type, options));
    if (f.type === 'repeat') {
      const items: ItemObjectSchema = { type: 'object', properties: {}, required: [], additionalProperties: false };
      const gUi: EFormFieldUi = { ...fieldUi, widget: 'repeat', itemFields: {}, itemLabel: { vi: f.labelVi, en: f.labelEn } };
      groups.set(f.name, { items, ui: gUi });
      schema.properties[f.name] = { type: 'array', items, minItems: f.required ? 1 : 0, maxItems: 20 };
      ui.fields[f.name] = gUi;
    } else if (f.group) {
      const g = groups.get(f.group);
      if (!g) {
        report(row, 'group', `Chưa khai báo nhóm lặp "${f.group}" ở dòng trước.`, `Repeatable group "${f.group}" is not declared on an earlier row.`);
        continue;
      }
      g.items.properties[f.name] = fs as ScalarSchema;
      if (f.required) g.items.required!.push(f.name);
      g.ui.itemFields![f.name] = fieldUi;
      continue;
    } else {
      schema.properties[f.name] = fs;
      ui.fields[f.name] = fieldUi;
    }
    if (f.required && f.type !== 'repeat') schema.required.push(f.name);
    let section = ui.sections.find((s) => s.id === f.section);
    if (!section) ui.sections.push((section = { id: f.section, title: { vi: f.section, en: f.section }, fields: [] }));
    section.fields.push(f.name);
  }
  return { schema, ui };
}

export function fieldSchema(type: string, options?: Array<{ value: string }>): FieldSchema {
  switch (type) {
    case 'integer':
      return { type: 'integer', minimum: 0 };
    case 'number':
      return { type: 'number' };
    case 'checkbox':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'personalId':
      return { type: 'string', format: 'vn-personal-id' };
    case 'phone':
      return { type: 'string', format: 'vn-phone' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'adminUnit':
      return { type: 'string', format: 'vn-admin-unit' };
    case 'enterpriseCode':
      return { type: 'string', format: 'vn-enterprise-code' };
    case 'select':
    case 'radio':
      return { type: 'string', enum: (options ?? []).map((o) => o.value) };
    case 'multi':
      return { type: 'array', items: { type: 'string', enum: (options ?? []).map((o) => o.value) }, uniqueItems: true };
    default:
      return { type: 'string', maxLength: type === 'textarea' ? 4000 : 500 };
  }
}

function widgetOf(type: string, options?: Array<{ value: string; label: { vi: string; en: string } }>): Partial<EFormFieldUi> {
  if (type === 'select' || type === 'radio') return { widget: type, options };
  if (type === 'multi') return { widget: 'checkbox', options };
  if (type === 'textarea') return { widget: 'textarea' };
  return {};
}
