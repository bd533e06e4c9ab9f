import { parseDefinition, validate } from '../../shared/eform';
import { compileDefinition, fitsType } from '../../shared/eform/eform.definition';
import type { EFormDefinition } from '../../shared/eform';
import type { FieldError } from '../../platform/http/errors';
import type { AnswerCondition, FeeItem, ProcedureContent } from '../../shared/catalog';
export { feeAmount } from '../../shared/catalog/fee-total';

/**
 * Completeness checks run before a version is published (Decree 42/2022 requires a standard code and name, an
 * electronic form and guides for every online service). Returns every problem found, not just the first.
 */
export function publishProblems(c: ProcedureContent): FieldError[] {
  const out: FieldError[] = [];
  const add = (field: string, code: string, vi: string, en: string) => out.push({ field, code, message: { vi, en } });
  const bilingual = (field: string, t: { vi?: string; en?: string } | undefined) => {
    if (!t?.vi?.trim()) add(`${field}.vi`, 'missing_text', 'Thiếu nội dung tiếng Việt.', 'Vietnamese text missing.');
    if (!t?.en?.trim()) add(`${field}.en`, 'missing_text', 'Thiếu nội dung tiếng Anh.', 'English text missing.');
  };

  bilingual('name', c.name);
  if (c.nationalCode !== null && !/^\d\.\d{6}$/.test(c.nationalCode)) add('nationalCode', 'bad_code', 'Mã thủ tục phải có dạng 1.001193.', 'The procedure code must look like 1.001193.');
  if (!c.applicantTypes.length) add('applicantTypes', 'empty', 'Cần ít nhất một đối tượng thực hiện.', 'At least one applicant type is needed.');
  const t = c.processingTime;
  if (((t.kind === 'working-days' || t.kind === 'calendar-days') && !(t.days > 0)) || (t.kind === 'working-hours' && !(t.hours > 0))) add('processingTime', 'not_positive', 'Thời hạn giải quyết phải lớn hơn 0.', 'The processing time must be greater than 0.');
  if (c.cutoffTime !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(c.cutoffTime)) add('cutoffTime', 'bad_time', 'Giờ nhận hồ sơ cuối ngày phải có dạng HH:MM.', 'The cutoff must be HH:MM.');

  // E-form
  const parsed = parseDefinition(c.eform);
  if (!parsed.ok) {
    for (const p of parsed.problems) out.push({ field: `eform.${p.path}`.replace(/\.$/, ''), code: `eform_${p.code}`, message: p.message });
  } else if (c.sampleData) {
    const v = validate(parsed.definition, c.sampleData);
    if (!v.ok) for (const e of v.errors) out.push({ field: `sampleData.${e.field}`, code: e.code, message: e.message });
  }

  // Workflow: receive first, return last, every step with a role, shares summing to 100.
  const wf = c.workflow;
  if (!wf.length) add('workflow', 'empty', 'Quy trình chưa có bước nào.', 'The workflow has no steps.');
  else {
    if (wf[0].kind !== 'receive') add('workflow[0].kind', 'must_receive', 'Bước đầu tiên phải là tiếp nhận hồ sơ.', 'The first step must receive the dossier.');
    const returns = wf.map((s, i) => (s.kind === 'return' ? i : -1)).filter((i) => i >= 0);
    if (returns.length === 0) add('workflow', 'no_end', 'Quy trình không bao giờ kết thúc: thiếu bước trả kết quả.', 'The workflow never reaches an end: it has no return-result step.');
    else if (returns[0] !== wf.length - 1) add(`workflow[${returns[0]}].kind`, 'return_not_last', 'Bước trả kết quả phải là bước cuối cùng.', 'The return-result step must be the last.');
    if (!wf.some((s) => s.kind === 'approve')) add('workflow', 'no_approval', 'Quy trình thiếu bước phê duyệt.', 'The workflow has no approval step.');
    const ids = new Set<string>();
    wf.forEach((s, i) => {
      if (ids.has(s.id)) add(`workflow[${i}].id`, 'duplicate', 'Mã bước bị trùng.', 'Duplicate step id.');
      ids.add(s.id);
      if (!(s.sharePercent >= 0)) add(`workflow[${i}].sharePercent`, 'negative', 'Tỷ lệ thời gian không được âm.', 'The time share cannot be negative.');
      bilingual(`workflow[${i}].name`, s.name);
    });
    const total = wf.reduce((a, s) => a + s.sharePercent, 0);
    if (Math.abs(total - 100) > 1e-9) add('workflow', 'shares_not_100', `Tổng tỷ lệ thời gian các bước là ${total}%, phải bằng 100%.`, `The step time shares add up to ${total}%, not 100%.`);
  }

  // Fees
  if (!c.fees.length) add('fees', 'empty', 'Cần nêu phí, lệ phí (hoặc miễn phí, kèm căn cứ).', 'State the fees (or the exemption, with its basis).');
  c.fees.forEach((f, i) => feeProblems(f, `fees[${i}]`, add));

  // Required documents
  if (!c.documents.length) add('documents', 'empty', 'Cần nêu thành phần hồ sơ.', 'List the required documents.');
  c.documents.forEach((d, i) => {
    bilingual(`documents[${i}].name`, d.name);
    if (!(d.copies >= 1)) add(`documents[${i}].copies`, 'not_positive', 'Số lượng bản phải từ 1.', 'At least one copy.');
    if (d.requirement === 'conditional' && !d.condition?.vi) add(`documents[${i}].condition`, 'missing_condition', 'Giấy tờ có điều kiện phải nêu điều kiện.', 'A conditional document needs its condition.');
    if (d.requiredIf) {
      if (d.requirement !== 'conditional') add(`documents[${i}].requiredIf`, 'required_if_not_conditional', 'Chỉ giấy tờ có điều kiện mới dùng “requiredIf”.', 'Only a conditional document takes “requiredIf”.');
      if (parsed.ok) answerRuleProblems(parsed.definition, d.requiredIf, `documents[${i}].requiredIf`, add);
    }
  });
  if (parsed.ok) {
    const root = compileDefinition(parsed.definition).root;
    c.fees.forEach((f, i) => {
      if (!('unitsField' in f) || !f.unitsField) return;
      const field = root.byName.get(f.unitsField);
      if (f.type !== 'fixed' && f.type !== 'banded') add(`fees[${i}].unitsField`, 'units_field_not_counted', 'Chỉ phí cố định hoặc theo bậc mới tính theo số lượng.', 'Only fixed and banded fees count units.');
      else if (!field || field.kind !== 'scalar' || (field.scalar?.type !== 'integer' && field.scalar?.type !== 'number')) {
        add(`fees[${i}].unitsField`, 'units_field_unknown', `Trường số lượng “${f.unitsField}” không phải trường số của biểu mẫu.`, `“${f.unitsField}” is not a number field of the e-form.`);
      }
    });
  }
  bilingual('result.name', c.result?.name);
  if (!c.legalBases.length) add('legalBases', 'empty', 'Cần nêu căn cứ pháp lý.', 'State the legal bases.');
  if (!c.steps.length) add('steps', 'empty', 'Cần nêu trình tự thực hiện.', 'Describe the steps.');
  if (!c.submission.channels.length) add('submission.channels', 'empty', 'Cần nêu cách thức nộp hồ sơ.', 'State how to submit.');
  // Decree 42/2022, Art. 11: an online service must be in the national procedure database, with its standard code.
  // Until the code is known, the procedure is offered in person only.
  if (c.submission.channels.includes('online') && c.nationalCode === null)
    add('nationalCode', 'code_required_online', 'Dịch vụ công trực tuyến phải có mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính (Nghị định 42/2022/NĐ-CP); nếu chưa có mã, chỉ cung cấp thủ tục theo hình thức trực tiếp.', 'An online service needs its code in the national procedure database (Decree 42/2022/NĐ-CP); without one, offer the procedure in person only.');
  if (c.onlineLevel === 'full' && !c.submission.channels.includes('online')) add('onlineLevel', 'full_not_online', 'Thủ tục trực tuyến toàn trình phải nhận hồ sơ trực tuyến.', 'A full-process online service must take dossiers online.');
  return out;
}

function feeProblems(f: FeeItem, at: string, add: (field: string, code: string, vi: string, en: string) => void) {
  if (!f.legalBasis.length) add(`${at}.legalBasis`, 'empty', 'Phí, lệ phí phải có căn cứ pháp lý.', 'A fee needs its legal basis.');
  const money = (v: number | undefined, field: string) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) add(`${at}.${field}`, 'bad_amount', 'Số tiền phải là số nguyên không âm (đồng).', 'Amounts are whole, non-negative đồng.');
  };
  if (f.type === 'fixed') {
    money(f.amountVnd, 'amountVnd');
    money(f.onlineAmountVnd, 'onlineAmountVnd');
    if (f.onlineAmountVnd !== undefined && f.onlineAmountVnd > f.amountVnd) add(`${at}.onlineAmountVnd`, 'online_dearer', 'Mức thu trực tuyến không được cao hơn mức thu trực tiếp.', 'The online amount cannot exceed the in-person one.');
  } else if (f.type === 'tiered') {
    if (!f.tiers.length) add(`${at}.tiers`, 'empty', 'Phí theo mức phải có ít nhất một mức.', 'A tiered fee needs at least one tier.');
    const ids = new Set<string>();
    f.tiers.forEach((tier, j) => {
      money(tier.amountVnd, `tiers[${j}].amountVnd`);
      if (ids.has(tier.id)) add(`${at}.tiers[${j}].id`, 'duplicate', 'Mức phí bị trùng mã.', 'Duplicate tier id.');
      ids.add(tier.id);
    });
  } else if (f.type === 'banded') {
    if (!f.bands.length) add(`${at}.bands`, 'empty', 'Phí theo bậc phải có ít nhất một bậc.', 'A banded fee needs at least one band.');
    let next = 1;
    f.bands.forEach((b, j) => {
      money(b.amountVndPerUnit, `bands[${j}].amountVndPerUnit`);
      if (b.from !== next) add(`${at}.bands[${j}].from`, 'bands_not_contiguous', `Bậc phải bắt đầu từ ${next}.`, `The band must start at ${next}.`);
      if (b.to !== undefined && b.to < b.from) add(`${at}.bands[${j}].to`, 'bad_band', 'Bậc kết thúc trước khi bắt đầu.', 'The band ends before it starts.');
      if (b.to === undefined && j !== f.bands.length - 1) add(`${at}.bands[${j}].to`, 'open_band_not_last', 'Chỉ bậc cuối được để mở.', 'Only the last band may be open-ended.');
      next = (b.to ?? Infinity) + 1;
    });
    money(f.maxVnd, 'maxVnd');
  }
}

/** A `requiredIf` must test a top-level e-form field, with a value that field can take. */
function answerRuleProblems(def: EFormDefinition, rule: AnswerCondition, at: string, add: (field: string, code: string, vi: string, en: string) => void) {
  const ctl = compileDefinition(def).root.byName.get(rule.field);
  if (!ctl) {
    add(`${at}.field`, 'required_if_unknown_field', `Điều kiện dựa vào trường “${rule.field}” không có trong biểu mẫu.`, `The condition refers to “${rule.field}”, which is not a field of the e-form.`);
    return;
  }
  if ('notEmpty' in rule) return;
  if (!ctl.scalar) {
    add(at, 'required_if_value', 'Với nhóm lặp chỉ dùng được “notEmpty”.', 'Only “notEmpty” can test a repeat group.');
    return;
  }
  const values = 'in' in rule ? rule.in : [rule.equals];
  for (const v of values) {
    if (!fitsType(v, ctl.scalar.type) || (ctl.allowed && !ctl.allowed.includes(v))) {
      add(at, 'required_if_value', `Giá trị ${JSON.stringify(v)} không thể có ở trường “${ctl.name}”.`, `Value ${JSON.stringify(v)} cannot occur in field “${ctl.name}”.`);
    }
  }
}
