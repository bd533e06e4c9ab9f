/**
 * Result templates (seed/result-templates/<documentType>.json) and their rendering on an A4 page: the issuing
 * agency and number, the national heading, the place and date in Vietnamese, the title, the fields bound to the
 * dossier's data, the signer's title and the QR code of the verification address.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoDateParts, vnDateLine, vnDateNumeric, vnDateParts, vnDateWords } from '../../../shared/result/format';
import { PAGE, PageCanvas } from './pdf';
import { columns, drawFooter, drawHeading, drawVerification } from './layout';

export interface TemplateField {
  label?: string;
  bind?: string | string[];
  format?: 'date' | 'dateWords' | 'year' | 'upper';
  map?: Record<string, string>;
  default?: string;
  style?: 'bold';
  /** A titled group instead of a field. */
  section?: string;
}

export interface ResultTemplate {
  documentType: string;
  kind: 'certificate' | 'licence' | 'decision' | 'extract' | 'notice';
  title: string;
  subtitle?: string;
  symbol: string;
  intro?: string;
  subject: { type: 'person' | 'business'; name: string[]; id: string[] };
  fields: TemplateField[];
  signerTitle?: string[];
}

const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../seed/result-templates');
let templates: Map<string, ResultTemplate> | undefined;

/** Every template, read once. */
export function resultTemplates(): Map<string, ResultTemplate> {
  if (templates) return templates;
  templates = new Map();
  if (existsSync(TEMPLATE_DIR)) {
    for (const f of readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.json'))) {
      const t = JSON.parse(readFileSync(path.join(TEMPLATE_DIR, f), 'utf8')) as ResultTemplate;
      templates.set(t.documentType, t);
    }
  }
  return templates;
}

/**
 * The template of a result type; else the template built with the procedure (the procedure builder's), else a
 * generic certificate.
 */
export function templateFor(documentType: string, title: string, built?: { title?: string; symbol?: string; fields: Array<{ label: string; bind: string }> }): ResultTemplate {
  const file = resultTemplates().get(documentType);
  if (!file && built)
    return {
      documentType,
      kind: 'certificate',
      title: (built.title ?? title).toLocaleUpperCase('vi'),
      subtitle: '(Bản điện tử)',
      symbol: built.symbol ?? 'GCN',
      subject: { type: 'person', name: [], id: [] },
      fields: [...built.fields.map((f) => ({ label: f.label, bind: f.bind })), { label: 'Mã hồ sơ', bind: '$code' }],
    };
  return file ?? { documentType, kind: 'certificate', title: title.toLocaleUpperCase('vi'), subtitle: '(Bản điện tử)', symbol: 'GCN', subject: { type: 'person', name: [], id: [] }, fields: [{ label: 'Thủ tục', bind: '$procedure' }, { label: 'Mã hồ sơ', bind: '$code' }] };
}

export interface RenderContext {
  data: Record<string, unknown>;
  /** E-form labels (vi) by field. */
  labels: Record<string, string>;
  dossier: { code: string | null; procedureName: string; subjectName: string };
  agency: { name: string; kind: string; parentName: string | null; place: string };
  number: string;
  issuedAt: Date;
  verifyUrl: string;
  verificationCode: string;
  demo: boolean;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

function bound(ctx: RenderContext, bind: string | string[] | undefined, subjectName: string): { key: string; value: string } | null {
  for (const key of typeof bind === 'string' ? [bind] : (bind ?? [])) {
    const v =
      key === '$subject' ? subjectName : key === '$code' ? ctx.dossier.code : key === '$procedure' ? ctx.dossier.procedureName : key === '$agency' ? ctx.agency.name : key === '$subjectName' ? ctx.dossier.subjectName : text(ctx.data[key]);
    if (v) return { key, value: v };
  }
  return null;
}

/** Whose result it is, from the template's bindings (the dossier's subject when none is filled). */
export function subjectOf(t: ResultTemplate, ctx: Pick<RenderContext, 'data' | 'dossier'>): { type: 'person' | 'business'; name: string; id: string | null; key: string | null } {
  const pick = (keys: string[]) => keys.map((k) => ({ k, v: text(ctx.data[k]) })).find((x) => x.v) ?? null;
  const name = pick(t.subject.name);
  return { type: t.subject.type, name: name?.v ?? ctx.dossier.subjectName, id: pick(t.subject.id)?.v ?? null, key: name?.k ?? null };
}

function formatValue(f: TemplateField, raw: string): string {
  let v = f.map?.[raw] ?? raw;
  const d = isoDateParts(raw);
  if (f.format === 'date' && d) v = vnDateNumeric(d);
  else if (f.format === 'dateWords' && d) v = vnDateWords(d);
  else if (f.format === 'year' && d) v = String(d.year);
  else if (f.format === 'upper') v = v.toLocaleUpperCase('vi');
  else if (!f.format && d) v = vnDateNumeric(d);
  return v;
}

/** Draws the result on a page. */
export function renderResult(t: ResultTemplate, ctx: RenderContext): PageCanvas {
  const page = new PageCanvas();
  const cols = columns();
  const { x, width, rightX, rightW } = cols;

  // Issuer block (left) and national heading (right).
  const heading = drawHeading(page, cols, ctx.agency, ctx.number);
  const placeDate = `${ctx.agency.place}, ${vnDateLine(vnDateParts(ctx.issuedAt))}`;
  const ry = page.paragraph(placeDate, rightX, heading.ry, rightW, 'italic', 12, { align: 'center' });

  // Title.
  let y = Math.max(heading.ly, ry) + 22;
  y = page.paragraph(t.title, x, y, width, 'bold', 16, { align: 'center', lineHeight: 21 });
  if (t.subtitle) y = page.paragraph(t.subtitle, x, y, width, 'italic', 12, { align: 'center' });
  y += 14;
  if (t.intro) y = page.paragraph(t.intro, x, y, width, 'regular', 12.5) + 4;

  // Fields, the subject first when no field shows it.
  const labelW = width * 0.36;
  const shown = new Set(t.fields.flatMap((f) => (typeof f.bind === 'string' ? [f.bind] : (f.bind ?? []))));
  const subject = subjectOf(t, ctx);
  const fields: TemplateField[] = subject.key && shown.has(subject.key) ? t.fields : [{ label: 'Cấp cho', bind: '$subject', style: 'bold' }, ...t.fields];
  for (const f of fields) {
    if (f.section) {
      y = page.paragraph(f.section, x, y + 6, width, 'bold', 12.5) + 2;
      continue;
    }
    const b = bound(ctx, f.bind, subject.name);
    const raw = b?.value ?? f.default ?? null;
    if (!raw) continue;
    const firstKey = typeof f.bind === 'string' ? f.bind : f.bind?.[0];
    const label = f.label ?? (b ? ctx.labels[b.key] : undefined) ?? (firstKey ? ctx.labels[firstKey] : undefined) ?? firstKey ?? '';
    page.paragraph(`${label}:`, x, y, labelW - 6, 'regular', 12.5);
    const labelLines = page.wrap(`${label}:`, labelW - 6, 'regular', 12.5).length;
    const valueEnd = page.paragraph(formatValue(f, raw), x + labelW, y, width - labelW, f.style === 'bold' ? 'bold' : 'regular', 12.5);
    y = Math.max(valueEnd, y + labelLines * 12.5 * 1.35) + 2;
    if (y > PAGE.height - 260) break;
  }

  // Signature block (right) and QR code (left).
  y = Math.max(y + 18, PAGE.height - 250);
  const sigLines = t.signerTitle ?? (/-pc$/.test(ctx.agency.kind) ? ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] : ['THỦ TRƯỞNG CƠ QUAN']);
  let sy = y;
  for (const l of sigLines) {
    page.text(l, rightX, sy, 'bold', 12.5, { width: rightW, align: 'center' });
    sy += 16;
  }
  page.text('(Đã ký số)', rightX, sy + 4, 'italic', 12, { width: rightW, align: 'center' });
  sy = page.paragraph(ctx.agency.name, rightX, sy + 24, rightW, 'regular', 11, { align: 'center' });

  drawVerification(page, cols, y, { url: ctx.verifyUrl, code: ctx.verificationCode, caption: 'Quét mã để xác thực bản điện tử' });

  // Footer.
  drawFooter(page, cols, `Văn bản điện tử được ký số; xác thực tại ${ctx.verifyUrl.split('?')[0]} bằng mã xác thực hoặc tệp PDF.`, ctx.demo, 12);
  return page;
}
