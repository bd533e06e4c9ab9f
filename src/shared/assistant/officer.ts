/**
 * The officers' assistant (trợ lý ảo cho cán bộ): which procedure and legal basis applies, what a form field means,
 * what the workflow allows now on a dossier — each answer built from MotCua's own records (the published procedure
 * version, its e-form, the dossier's state machine) and cited. Pure: the server hands in the procedure, the dossier's
 * state and the actions the machine allows the officer; nothing is guessed.
 */
import type { EFormDefinition, EFormFieldUi } from '../eform/eform.types';
import { ACTION_SPECS, type ActionType } from '../dossier/actions';
import { STATE_LABELS, type State } from '../dossier/states';
import { jaccard, syllables, tokens, trigrams } from './text';

type Text = { vi: string; en: string };

export type OfficerIntent = 'legal' | 'field' | 'workflow' | 'procedure';

/** The question's intent, from its folded words (a dossier at hand makes "what now" questions workflow ones). */
export function officerIntent(question: string, hasDossier: boolean): OfficerIntent {
  const s = ` ${syllables(question).join(' ')} `;
  const has = (...ws: string[]) => ws.some((w) => s.includes(` ${w} `));
  if (has('can cu', 'co so phap ly', 'phap ly', 'nghi dinh', 'thong tu', 'luat', 'quyet dinh', 'van ban', 'legal', 'law', 'decree', 'basis', 'circular')) return 'legal';
  if (has('truong', 'o nhap', 'muc nay', 'nghia la', 'y nghia', 'nhap gi', 'ghi gi', 'dien gi', 'khai gi', 'field', 'mean', 'means', 'meaning')) return 'field';
  if (has('lam gi', 'buoc tiep', 'tiep theo', 'thao tac', 'duoc phep', 'xu ly tiep', 'trang thai', 'chuyen', 'next', 'allowed', 'workflow', 'what now', 'can i')) return hasDossier ? 'workflow' : 'procedure';
  return hasDossier && has('ho so nay', 'this dossier') ? 'workflow' : 'procedure';
}

export interface FieldInfo {
  name: string;
  label: Text;
  help: Text | null;
  required: boolean;
  type: string;
  /** Registry attribute the field is prefilled from (`population.fullName`), if any. */
  binding: string | null;
  options: Text[];
}

/** The fields of an e-form, top level and inside repeat groups, with what an officer needs to explain them. */
export function formFields(form: EFormDefinition): FieldInfo[] {
  const out: FieldInfo[] = [];
  const schema = form.schema as { properties?: Record<string, any>; required?: string[] };
  const walk = (uiFields: Record<string, EFormFieldUi>, props: Record<string, any>, required: string[], prefix: string) => {
    for (const [name, ui] of Object.entries(uiFields)) {
      const prop = props?.[name] ?? {};
      out.push({
        name: `${prefix}${name}`,
        label: ui.label,
        help: ui.help ?? null,
        required: required.includes(name),
        type: String(prop.format ?? prop.type ?? 'string'),
        binding: ui.registryBinding ?? null,
        options: (ui.options ?? []).map((o) => o.label),
      });
      if (ui.itemFields) walk(ui.itemFields, prop.items?.properties ?? {}, prop.items?.required ?? [], `${prefix}${name}[].`);
    }
  };
  walk(form.ui.fields ?? {}, schema.properties ?? {}, schema.required ?? [], '');
  return out;
}

/** The field the question is about: by its label's words (with typos through trigrams), or by its name. */
export function matchField(question: string, fields: readonly FieldInfo[]): FieldInfo | null {
  const q = new Set(tokens(question).unigrams);
  const qTri = new Set([...q].flatMap((w) => [...trigrams(w)]));
  let best: { f: FieldInfo; score: number } | null = null;
  for (const f of fields) {
    const words = new Set(tokens(f.label.vi).unigrams.concat(tokens(f.label.en).unigrams));
    let hit = 0;
    for (const w of words) if (q.has(w)) hit++;
    const fTri = new Set([...words].flatMap((w) => [...trigrams(w)]));
    const score = (words.size ? hit / words.size : 0) + 0.5 * jaccard(qTri, fTri) + (question.includes(f.name) ? 1 : 0);
    if (!best || score > best.score) best = { f, score };
  }
  return best && best.score >= 0.45 ? best.f : null;
}

const FIELD_TYPES: Record<string, Text> = {
  string: { vi: 'chữ', en: 'text' },
  integer: { vi: 'số nguyên', en: 'whole number' },
  number: { vi: 'số', en: 'number' },
  boolean: { vi: 'có/không', en: 'yes/no' },
  date: { vi: 'ngày (ngày/tháng/năm)', en: 'date' },
  email: { vi: 'thư điện tử', en: 'e-mail address' },
  array: { vi: 'danh sách', en: 'list' },
  object: { vi: 'nhóm thông tin', en: 'group of fields' },
};

/** What a field means and how it is filled, in both languages. */
export function explainField(f: FieldInfo, procedureName: Text): Text {
  const type = FIELD_TYPES[f.type] ?? { vi: f.type, en: f.type };
  const vi = [
    `Trường “${f.label.vi}” của biểu mẫu thủ tục ${procedureName.vi}: ${f.help?.vi ?? 'không có hướng dẫn riêng'}.`,
    `Kiểu dữ liệu: ${type.vi}; ${f.required ? 'bắt buộc' : 'không bắt buộc'}.`,
    f.options.length ? `Lựa chọn: ${f.options.map((o) => o.vi).join('; ')}.` : '',
    f.binding ? `Được điền sẵn từ cơ sở dữ liệu (${f.binding}); người nộp không phải khai lại.` : '',
  ];
  const en = [
    `The field “${f.label.en}” of the form of ${procedureName.en}: ${f.help?.en ?? 'no specific guidance'}.`,
    `Type: ${type.en}; ${f.required ? 'required' : 'optional'}.`,
    f.options.length ? `Choices: ${f.options.map((o) => o.en).join('; ')}.` : '',
    f.binding ? `Prefilled from the registry (${f.binding}); the applicant does not declare it again.` : '',
  ];
  return { vi: vi.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}

/** The legal texts a procedure rests on, as a sentence. */
export function explainLegal(procedureName: Text, legalBases: readonly string[], feeBases: readonly string[]): Text {
  const all = [...new Set(legalBases)];
  const fees = [...new Set(feeBases)].filter((b) => !all.includes(b));
  if (!all.length) return { vi: `Thủ tục ${procedureName.vi} chưa ghi căn cứ pháp lý trong danh mục.`, en: `The catalogue lists no legal basis for ${procedureName.en}.` };
  return {
    vi: `Căn cứ pháp lý của thủ tục ${procedureName.vi}: ${all.join('; ')}.${fees.length ? ` Phí, lệ phí theo: ${fees.join('; ')}.` : ''}`,
    en: `The legal basis of ${procedureName.en}: ${all.join('; ')}.${fees.length ? ` Fees under: ${fees.join('; ')}.` : ''}`,
  };
}

/** What the officer may do now on the dossier, from the state machine's answer for her roles. */
export function explainWorkflow(code: string, state: State, actions: readonly ActionType[]): Text {
  const s = STATE_LABELS[state];
  if (!actions.length)
    return {
      vi: `Hồ sơ ${code} đang ở trạng thái “${s.vi}”. Với vai trò của Ông/Bà tại cơ quan này, hiện không có thao tác nào được phép.`,
      en: `Dossier ${code} is “${s.en}”. With your roles at this agency, no action is allowed now.`,
    };
  return {
    vi: `Hồ sơ ${code} đang ở trạng thái “${s.vi}”. Ông/Bà có thể: ${actions.map((a) => ACTION_SPECS[a].label.vi).join('; ')}.`,
    en: `Dossier ${code} is “${s.en}”. You may: ${actions.map((a) => ACTION_SPECS[a].label.en).join('; ')}.`,
  };
}
