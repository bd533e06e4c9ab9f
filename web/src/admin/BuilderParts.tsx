/**
 * The procedure builder's part editors: repeatable-group items, visibility rules (a readable editor over the shared
 * condition language), registry bindings, fees, documents, workflow steps, the result template, the checks panel,
 * the review bar (send for approval, approve, publish now or at a date) and the diff view.
 */
import { useEffect, useState } from 'react';
import type { EFormDefinition, EFormWidget } from '@shared/eform/eform.types';
import { REGISTRY_BINDINGS } from '@shared/catalog/bindings';
import type { FeeItem, ProcedureVersionInput, RequiredDocument, WorkflowStep } from '@shared/catalog';
import type { BuilderChecks, ReviewStatus, VersionDiff } from '@shared/api/catalog-builder';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { Checkbox, Select, TextInput } from '../ui/Fields';
import { ProblemNotice } from '../ui/Problem';
import { limitsOf, limitValue, setDateLimit, setFieldLimit, type FieldLimit } from '@shared/eform/limits';
import { addItemField, describeRule, isItemRequired, removeItemField, setVisibleIf, updateItemField, updateUi, BUILDER_WIDGETS } from './builder';

type Change<T> = { readOnly: boolean; onChange(v: T): void };
const move = <T,>(xs: T[], i: number, d: -1 | 1): T[] => {
  const j = i + d;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};

export function RepeatItemsEditor({ def, group, readOnly, onChange, announce }: Change<EFormDefinition> & { def: EFormDefinition; group: string; announce(m: string): void }) {
  const { t, pick } = useI18n();
  const ui = def.ui.fields[group];
  const items = Object.entries(ui.itemFields ?? {});
  return (
    <fieldset className="fieldset">
      <legend>{t('pb.groupItems')}</legend>
      <ol>
        {items.map(([key, f], i) => (
          <li key={key}>
            <div className="two-cols">
              <TextInput id={`${group}-${key}-vi`} label={t('pb.itemLabelVi', { n: i + 1 })} value={f.label.vi} readOnly={readOnly} onChange={(v) => onChange(updateItemField(def, group, key, { label: { ...f.label, vi: v } }))} />
              <TextInput id={`${group}-${key}-en`} label={t('pb.itemLabelEn', { n: i + 1 })} value={f.label.en} readOnly={readOnly} onChange={(v) => onChange(updateItemField(def, group, key, { label: { ...f.label, en: v } }))} />
            </div>
            <Select
              id={`${group}-${key}-widget`}
              label={t('builder.widget')}
              value={f.widget ?? 'text'}
              disabled={readOnly}
              onChange={(v) => onChange(updateItemField(def, group, key, { widget: v as EFormWidget }))}
              options={BUILDER_WIDGETS.filter((w) => w !== 'select' && w !== 'radio').map((w) => ({ value: w, label: t(`widget.${w}` as 'widget.text') }))}
            />
            <Checkbox id={`${group}-${key}-req`} label={t('builder.requiredLabel')} checked={isItemRequired(def, group, key)} onChange={(v) => !readOnly && onChange(updateItemField(def, group, key, { required: v }))} />
            {!readOnly && items.length > 1 ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onChange(removeItemField(def, group, key));
                  announce(t('builder.removed', { field: pick(f.label) }));
                }}
              >
                {t('builder.remove')} <span className="visually-hidden">{pick(f.label)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {!readOnly ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            onChange(addItemField(def, group, { vi: `Mục ${items.length + 1}`, en: `Item ${items.length + 1}` }));
            announce(t('builder.added'));
          }}
        >
          {t('pb.addItem')}
        </button>
      ) : null}
    </fieldset>
  );
}

export function RuleEditor({ def, name, readOnly, onChange }: Change<EFormDefinition> & { def: EFormDefinition; name: string }) {
  const { t, pick } = useI18n();
  const rule = def.ui.fields[name].visibleIf;
  const field = rule?.field ?? '';
  const op = rule && 'notEmpty' in rule ? 'notEmpty' : 'equals';
  const value = rule && 'equals' in rule ? String(rule.equals) : '';
  const others = Object.keys(def.schema.properties).filter((f) => f !== name && def.schema.properties[f].type !== 'array');
  const set = (f: string, o: string, v: string) => onChange(setVisibleIf(def, name, f ? { field: f, op: o as 'equals' | 'notEmpty', value: v } : null));
  const target = def.ui.fields[field];
  const isBool = def.schema.properties[field]?.type === 'boolean';
  return (
    <fieldset className="fieldset">
      <legend>{t('pb.rule')}</legend>
      <p className="secondary-text" id={`${name}-rule-text`}>
        {rule ? describeRule(def, rule, pick, { when: t('pb.ruleWhen'), is: t('pb.ruleIs'), filled: t('pb.ruleFilled'), yes: t('pb.yes'), no: t('pb.no') }) : t('pb.ruleAlways')}
      </p>
      <Select id={`${name}-rule-field`} label={t('pb.ruleField')} value={field} disabled={readOnly} placeholder={t('pb.ruleNone')} onChange={(f) => set(f, op, def.schema.properties[f]?.type === 'boolean' ? 'true' : value)} options={others.map((f) => ({ value: f, label: pick(def.ui.fields[f].label) || f }))} />
      {field ? (
        <>
          <Select id={`${name}-rule-op`} label={t('pb.ruleOp')} value={op} disabled={readOnly} onChange={(o) => set(field, o, value)} options={[{ value: 'equals', label: t('pb.ruleIs') }, { value: 'notEmpty', label: t('pb.ruleFilled') }]} />
          {op === 'equals' ? (
            isBool || target?.options ? (
              <Select
                id={`${name}-rule-value`}
                label={t('pb.ruleValue')}
                value={value}
                disabled={readOnly}
                onChange={(v) => set(field, op, v)}
                options={isBool ? [{ value: 'true', label: t('pb.yes') }, { value: 'false', label: t('pb.no') }] : (target?.options ?? []).map((o) => ({ value: String(o.value), label: pick(o.label) }))}
              />
            ) : (
              <TextInput id={`${name}-rule-value`} label={t('pb.ruleValue')} value={value} readOnly={readOnly} onChange={(v) => set(field, op, v)} />
            )
          ) : null}
        </>
      ) : null}
      <p className="hint">{t('pb.ruleRequiredHint')}</p>
    </fieldset>
  );
}

const LIMIT_LABEL: Record<FieldLimit, MessageKey> = {
  minLength: 'pb.limit.minLength',
  maxLength: 'pb.limit.maxLength',
  pattern: 'pb.limit.pattern',
  minimum: 'pb.limit.minimum',
  maximum: 'pb.limit.maximum',
  minItems: 'pb.limit.minItems',
  maxItems: 'pb.limit.maxItems',
};

/**
 * The validation rules of a field (quy tắc kiểm tra): lengths and a pattern for free text, bounds for a number, how
 * many entries or ticks, the date bounds. An empty box removes the rule; the checks panel reports one that
 * contradicts another (a minimum above its maximum, a pattern that does not compile).
 */
export function LimitsEditor({ def, name, readOnly, onChange }: Change<EFormDefinition> & { def: EFormDefinition; name: string }) {
  const { t } = useI18n();
  const { schema, date } = limitsOf(def, name);
  if (!schema.length && !date.length) return null;
  const setNumber = (key: FieldLimit, v: string) => {
    const text = v.trim().replace(',', '.');
    if (text === '' || /^-?\d+(\.\d+)?$/.test(text)) onChange(setFieldLimit(def, name, key, text === '' ? null : Number(text)));
  };
  return (
    <fieldset className="fieldset">
      <legend>{t('pb.limits')}</legend>
      <p className="hint">{t('pb.limitsHint')}</p>
      {schema.map((key) =>
        key === 'pattern' ? (
          <TextInput key={key} id={`${name}-limit-${key}`} label={t(LIMIT_LABEL[key])} hint={t('pb.limit.patternHint')} spellCheck={false} value={String(limitValue(def, name, key) ?? '')} readOnly={readOnly} onChange={(v) => onChange(setFieldLimit(def, name, key, v))} />
        ) : (
          <TextInput key={key} id={`${name}-limit-${key}`} label={t(LIMIT_LABEL[key])} inputMode={key === 'minimum' || key === 'maximum' ? 'decimal' : 'numeric'} width="w10" value={String(limitValue(def, name, key) ?? '')} readOnly={readOnly} onChange={(v) => setNumber(key, v)} />
        ),
      )}
      {date.map((key) => (
        <Select
          key={key}
          id={`${name}-limit-${key}`}
          label={t(key === 'notAfter' ? 'pb.limit.notAfter' : 'pb.limit.notBefore')}
          value={def.ui.fields[name]?.[key] === 'today' ? 'today' : ''}
          disabled={readOnly}
          placeholder={t('pb.limit.noBound')}
          onChange={(v) => onChange(setDateLimit(def, name, key, v === 'today' ? 'today' : null))}
          options={[{ value: 'today', label: t('pb.limit.today') }]}
        />
      ))}
    </fieldset>
  );
}

export function BindingEditor({ def, name, readOnly, onChange }: Change<EFormDefinition> & { def: EFormDefinition; name: string }) {
  const { t, pick } = useI18n();
  const ui = def.ui.fields[name];
  return (
    <>
      <Select id={`${name}-binding`} label={t('pb.binding')} value={ui.registryBinding ?? ''} disabled={readOnly} placeholder={t('pb.bindingNone')} onChange={(v) => onChange(updateUi(def, name, { registryBinding: v || undefined, editable: v ? ui.editable : undefined }))} options={Object.entries(REGISTRY_BINDINGS).map(([k, l]) => ({ value: k, label: `${pick(l)} (${k})` }))} />
      {ui.registryBinding ? <Checkbox id={`${name}-editable`} label={t('pb.bindingEditable')} checked={!!ui.editable} onChange={(v) => !readOnly && onChange(updateUi(def, name, { editable: v || undefined }))} /> : null}
    </>
  );
}

const fieldOptions = (c: ProcedureVersionInput, pick: (t: { vi: string; en: string }) => string, types?: string[]) =>
  Object.keys(c.eform.schema.properties)
    .filter((f) => !types || types.includes(c.eform.schema.properties[f].type))
    .map((f) => ({ value: f, label: pick(c.eform.ui.fields[f]?.label ?? { vi: f, en: f }) || f }));

export function FeesEditor({ content, readOnly, onChange }: Change<FeeItem[]> & { content: ProcedureVersionInput }) {
  const { t, pick } = useI18n();
  const fees = content.fees;
  const set = (i: number, f: FeeItem) => onChange(fees.map((x, j) => (j === i ? f : x)));
  return (
    <section id="part-fees" aria-labelledby="part-fees-h">
      <h2 id="part-fees-h">{t('pb.fees')}</h2>
      <ol>
        {fees.map((f, i) => {
          const rule = f.type === 'exempt' ? 'exempt' : f.type === 'fixed' && f.unitsField ? 'per-copy' : f.type;
          return (
            <li key={i}>
              <div className="two-cols">
                <TextInput id={`fee-${i}-vi`} label={t('pb.feeNameVi', { n: i + 1 })} value={f.name.vi} readOnly={readOnly} onChange={(v) => set(i, { ...f, name: { ...f.name, vi: v } })} />
                <TextInput id={`fee-${i}-en`} label={t('pb.feeNameEn', { n: i + 1 })} value={f.name.en} readOnly={readOnly} onChange={(v) => set(i, { ...f, name: { ...f.name, en: v } })} />
              </div>
              {f.type === 'tiered' || f.type === 'banded' ? (
                <p className="secondary-text">{t('pb.feeKept')}</p>
              ) : (
                <Select
                  id={`fee-${i}-rule`}
                  label={t('pb.feeRule')}
                  value={rule}
                  disabled={readOnly}
                  onChange={(r) => {
                    const base = { nature: f.nature, name: f.name, legalBasis: f.legalBasis, ...(f.exemptions ? { exemptions: f.exemptions } : {}), ...(f.exemptionProofs ? { exemptionProofs: f.exemptionProofs } : {}) };
                    const amount = f.type === 'fixed' ? f.amountVnd : 0;
                    if (r === 'exempt') set(i, { ...base, type: 'exempt' });
                    else set(i, { ...base, type: 'fixed', amountVnd: amount, per: r === 'per-copy' ? { vi: 'bản', en: 'copy' } : { vi: 'hồ sơ', en: 'case' }, ...(r === 'per-copy' ? { unitsField: fieldOptions(content, pick, ['integer', 'number'])[0]?.value ?? 'copies' } : {}) });
                  }}
                  options={[{ value: 'fixed', label: t('pb.feeFixed') }, { value: 'per-copy', label: t('pb.feePerCopy') }, { value: 'exempt', label: t('pb.feeExempt') }]}
                />
              )}
              {f.type === 'fixed' ? (
                <TextInput id={`fee-${i}-amount`} label={t('pb.feeAmount')} inputMode="numeric" width="w10" value={String(f.amountVnd)} readOnly={readOnly} onChange={(v) => set(i, { ...f, amountVnd: Number(v.replace(/\D/g, '')) || 0 })} />
              ) : null}
              {f.type === 'fixed' && f.unitsField !== undefined ? (
                <Select id={`fee-${i}-units`} label={t('pb.feeUnits')} value={f.unitsField} disabled={readOnly} onChange={(v) => set(i, { ...f, unitsField: v })} options={fieldOptions(content, pick, ['integer', 'number'])} />
              ) : null}
              <TextInput id={`fee-${i}-basis`} label={t('pb.feeBasis')} value={f.legalBasis.join('; ')} readOnly={readOnly} onChange={(v) => set(i, { ...f, legalBasis: v.split(';').map((s) => s.trim()).filter(Boolean) })} />
              <TextInput id={`fee-${i}-exempt`} label={t('pb.feeExemptWho')} value={f.exemptionProofs?.[0]?.who.vi ?? ''} readOnly={readOnly} onChange={(v) => set(i, { ...f, exemptionProofs: v ? [{ who: { vi: v, en: v }, proof: f.exemptionProofs?.[0]?.proof ?? { vi: '-', en: '-' } }] : undefined })} />
              {f.exemptionProofs?.[0] ? (
                <TextInput id={`fee-${i}-proof`} label={t('pb.feeProof')} value={f.exemptionProofs[0].proof.vi} readOnly={readOnly} onChange={(v) => set(i, { ...f, exemptionProofs: [{ ...f.exemptionProofs![0], proof: { vi: v, en: v } }] })} />
              ) : null}
              {!readOnly ? (
                <button type="button" className="button button--secondary" onClick={() => onChange(fees.filter((_, j) => j !== i))}>
                  {t('builder.remove')} <span className="visually-hidden">{pick(f.name)}</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {!readOnly ? (
        <button type="button" className="button button--secondary" onClick={() => onChange([...fees, { nature: 'le-phi', type: 'fixed', name: { vi: 'Lệ phí', en: 'Fee' }, amountVnd: 0, per: { vi: 'hồ sơ', en: 'case' }, legalBasis: [] }])}>
          {t('pb.addFee')}
        </button>
      ) : null}
    </section>
  );
}

export function DocumentsEditor({ content, readOnly, onChange }: Change<RequiredDocument[]> & { content: ProcedureVersionInput }) {
  const { t, pick } = useI18n();
  const docs = content.documents;
  const set = (i: number, d: RequiredDocument) => onChange(docs.map((x, j) => (j === i ? d : x)));
  const fields = fieldOptions(content, pick, ['boolean', 'string']);
  return (
    <section id="part-documents" aria-labelledby="part-documents-h">
      <h2 id="part-documents-h">{t('pb.documents')}</h2>
      <ol>
        {docs.map((d, i) => (
          <li key={d.id}>
            <div className="two-cols">
              <TextInput id={`doc-${i}-vi`} label={t('pb.docNameVi', { n: i + 1 })} value={d.name.vi} readOnly={readOnly} onChange={(v) => set(i, { ...d, name: { ...d.name, vi: v } })} />
              <TextInput id={`doc-${i}-en`} label={t('pb.docNameEn', { n: i + 1 })} value={d.name.en} readOnly={readOnly} onChange={(v) => set(i, { ...d, name: { ...d.name, en: v } })} />
            </div>
            <Select
              id={`doc-${i}-form`}
              label={t('pb.docForm')}
              value={d.form}
              disabled={readOnly}
              onChange={(v) => set(i, { ...d, form: v as RequiredDocument['form'] })}
              options={(['original', 'copy', 'certified-copy', 'present-original'] as const).map((f) => ({ value: f, label: t(`pb.form.${f}`) }))}
            />
            <TextInput id={`doc-${i}-copies`} label={t('pb.docCopies')} width="w10" inputMode="numeric" value={String(d.copies)} readOnly={readOnly} onChange={(v) => set(i, { ...d, copies: Number(v.replace(/\D/g, '')) || 0 })} />
            <Select
              id={`doc-${i}-if`}
              label={t('pb.docIf')}
              value={d.requiredIf?.field ?? ''}
              disabled={readOnly}
              placeholder={t('pb.docAlways')}
              onChange={(f) => {
                if (!f) {
                  const { requiredIf: _r, condition: _c, ...rest } = d;
                  set(i, { ...rest, requirement: 'mandatory' });
                } else {
                  const label = fields.find((x) => x.value === f)?.label ?? f;
                  const equals = content.eform.schema.properties[f]?.type === 'boolean' ? true : '';
                  set(i, { ...d, requirement: 'conditional', requiredIf: { field: f, equals }, condition: { vi: `Khi “${label}” được chọn`, en: `When “${label}” is chosen` } });
                }
              }}
              options={fields}
            />
            {d.requiredIf && 'equals' in d.requiredIf && typeof d.requiredIf.equals !== 'boolean' ? (
              <TextInput id={`doc-${i}-eq`} label={t('pb.ruleValue')} value={String(d.requiredIf.equals)} readOnly={readOnly} onChange={(v) => set(i, { ...d, requiredIf: { field: d.requiredIf!.field, equals: v } })} />
            ) : null}
            {!readOnly ? (
              <button type="button" className="button button--secondary" onClick={() => onChange(docs.filter((_, j) => j !== i))}>
                {t('builder.remove')} <span className="visually-hidden">{pick(d.name)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {!readOnly ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            let n = docs.length + 1;
            while (docs.some((d) => d.id === `giay-to-${n}`)) n++;
            onChange([...docs, { id: `giay-to-${n}`, name: { vi: 'Giấy tờ mới', en: 'New document' }, form: 'copy', copies: 1, requirement: 'mandatory', fromDataStore: true, fromRegistry: false }]);
          }}
        >
          {t('pb.addDocument')}
        </button>
      ) : null}
    </section>
  );
}

export function WorkflowEditor({ steps, readOnly, onChange }: Change<WorkflowStep[]> & { steps: WorkflowStep[] }) {
  const { t, pick } = useI18n();
  const [status, setStatus] = useState('');
  const set = (i: number, s: WorkflowStep) => onChange(steps.map((x, j) => (j === i ? s : x)));
  const total = steps.reduce((a, s) => a + s.sharePercent, 0);
  return (
    <section id="part-workflow" aria-labelledby="part-workflow-h">
      <h2 id="part-workflow-h">{t('pb.workflow')}</h2>
      <div role="status" aria-live="polite" className="visually-hidden">
        {status}
      </div>
      <p className="secondary-text">{t('pb.shareTotal', { n: total })}</p>
      <ol>
        {steps.map((s, i) => (
          <li key={s.id}>
            <div className="two-cols">
              <TextInput id={`step-${i}-vi`} label={t('pb.stepNameVi', { n: i + 1 })} value={s.name.vi} readOnly={readOnly} onChange={(v) => set(i, { ...s, name: { ...s.name, vi: v } })} />
              <TextInput id={`step-${i}-en`} label={t('pb.stepNameEn', { n: i + 1 })} value={s.name.en} readOnly={readOnly} onChange={(v) => set(i, { ...s, name: { ...s.name, en: v } })} />
            </div>
            <Select id={`step-${i}-kind`} label={t('pb.stepKind')} value={s.kind} disabled={readOnly} onChange={(v) => set(i, { ...s, kind: v as WorkflowStep['kind'] })} options={(['receive', 'process', 'consult', 'approve', 'return'] as const).map((k) => ({ value: k, label: t(`pb.kind.${k}`) }))} />
            <Select id={`step-${i}-role`} label={t('pb.stepRole')} value={s.role} disabled={readOnly} onChange={(v) => set(i, { ...s, role: v as WorkflowStep['role'] })} options={(['receiving_officer', 'specialist', 'approver', 'result_officer'] as const).map((k) => ({ value: k, label: t(`pb.role.${k}`) }))} />
            <TextInput id={`step-${i}-share`} label={t('pb.stepShare')} width="w10" inputMode="numeric" value={String(s.sharePercent)} readOnly={readOnly} onChange={(v) => set(i, { ...s, sharePercent: Number(v.replace(/[^\d.]/g, '')) || 0 })} />
            {!readOnly ? (
              <div className="button-group">
                <button type="button" className="button button--secondary" disabled={i === 0} onClick={() => (onChange(move(steps, i, -1)), setStatus(t('builder.moved', { field: pick(s.name) })))}>
                  {t('builder.up')} <span className="visually-hidden">{pick(s.name)}</span>
                </button>
                <button type="button" className="button button--secondary" disabled={i === steps.length - 1} onClick={() => (onChange(move(steps, i, 1)), setStatus(t('builder.moved', { field: pick(s.name) })))}>
                  {t('builder.down')} <span className="visually-hidden">{pick(s.name)}</span>
                </button>
                <button type="button" className="button button--secondary" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
                  {t('builder.remove')} <span className="visually-hidden">{pick(s.name)}</span>
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {!readOnly ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            let n = steps.length + 1;
            while (steps.some((s) => s.id === `buoc-${n}`)) n++;
            onChange([...steps, { id: `buoc-${n}`, kind: 'process', name: { vi: `Bước ${n}`, en: `Step ${n}` }, role: 'specialist', sharePercent: 0 }]);
          }}
        >
          {t('pb.addStep')}
        </button>
      ) : null}
    </section>
  );
}

export function ResultEditor({ content, readOnly, onChange }: Change<ProcedureVersionInput['result']> & { content: ProcedureVersionInput }) {
  const { t, pick } = useI18n();
  const r = content.result;
  const lines = r.template?.fields ?? [];
  const setLines = (fields: Array<{ label: string; bind: string }>) => onChange({ ...r, template: { ...(r.template ?? {}), fields } });
  const binds = [...fieldOptions(content, pick), { value: '$procedure', label: t('pb.bindProcedure') }];
  return (
    <section id="part-result" aria-labelledby="part-result-h">
      <h2 id="part-result-h">{t('pb.result')}</h2>
      <div className="two-cols">
        <TextInput id="result-vi" label={t('pb.resultNameVi')} value={r.name.vi} readOnly={readOnly} onChange={(v) => onChange({ ...r, name: { ...r.name, vi: v } })} />
        <TextInput id="result-en" label={t('pb.resultNameEn')} value={r.name.en} readOnly={readOnly} onChange={(v) => onChange({ ...r, name: { ...r.name, en: v } })} />
      </div>
      <TextInput id="result-type" label={t('pb.resultType')} value={r.documentType} readOnly={readOnly} onChange={(v) => onChange({ ...r, documentType: v })} />
      <h3>{t('pb.templateLines')}</h3>
      <ol>
        {lines.map((l, i) => (
          <li key={i} className="two-cols">
            <TextInput id={`tpl-${i}-label`} label={t('pb.lineLabel', { n: i + 1 })} value={l.label} readOnly={readOnly} onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, label: v } : x)))} />
            <Select id={`tpl-${i}-bind`} label={t('pb.lineBind', { n: i + 1 })} value={l.bind} disabled={readOnly} onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, bind: v } : x)))} options={binds} />
          </li>
        ))}
      </ol>
      {!readOnly ? (
        <button type="button" className="button button--secondary" onClick={() => setLines([...lines, { label: binds[0]?.label ?? 'Trường', bind: binds[0]?.value ?? '$procedure' }])}>
          {t('pb.addLine')}
        </button>
      ) : null}
    </section>
  );
}

const PART_ANCHOR: Record<string, string> = { identity: 'part-identity', legal: 'part-identity', time: 'part-identity', fees: 'part-fees', documents: 'part-documents', eform: 'part-eform', workflow: 'part-workflow', result: 'part-result', other: 'part-identity' };

export function ChecksPanel({ versionId, revision }: { versionId: string; revision: number }) {
  const { t, lang } = useI18n();
  const [checks, setChecks] = useState<BuilderChecks | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<BuilderChecks>(`/api/admin/procedure-versions/${versionId}/checks`).then(setChecks, setError);
  }, [versionId, revision]);
  return (
    <section aria-labelledby="checks-h" className="notice">
      <h2 id="checks-h">{t('pb.checks')}</h2>
      <ProblemNotice error={error} />
      {checks ? (
        checks.ready ? (
          <p role="status">{t('pb.checksReady')}</p>
        ) : (
          <>
            <p role="status">{t('pb.checksN', { n: checks.problems.length })}</p>
            <ul>
              {checks.problems.map((p, i) => (
                <li key={i}>
                  <a href={`#${PART_ANCHOR[p.part]}`}>
                    {t(`pb.part.${p.part}`)}: {p.message[lang]}
                  </a>{' '}
                  <code>{p.field}</code>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </section>
  );
}

/**
 * The review of a draft: send for approval, approve (now or at a date) or send back. It is the only way a draft is
 * published. `onRefused` may take a refusal (the completeness problems of a submission) to show it where the fields are.
 */
export function ReviewPanel({ versionId, isDraft, onPublished, beforeSubmit, onRefused }: { versionId: string; isDraft: boolean; onPublished(): void; beforeSubmit(): Promise<boolean>; onRefused?(e: unknown): boolean }) {
  const { t } = useI18n();
  const [review, setReview] = useState<ReviewStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.get<ReviewStatus>(`/api/admin/procedure-versions/${versionId}/review`).then(setReview, setError);
  }, [versionId]);
  const act = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ReviewStatus>(`/api/admin/procedure-versions/${versionId}/review/${path}`, body);
      setReview(r);
      if (r.status === 'published') onPublished();
    } catch (e) {
      if (!onRefused?.(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!review) return <ProblemNotice error={error} />;
  // A version published without a review (the demo catalogue's seed) has nothing to show here.
  if (!isDraft && review.status === 'editing') return null;
  return (
    <section aria-labelledby="review-h">
      <h2 id="review-h">{t('pb.review')}</h2>
      <p role="status" id="review-status">
        {t(`pb.review.${review.status}`)}
        {review.publishAt ? ` — ${t('pb.publishAtShown', { at: new Date(review.publishAt).toLocaleString() })}` : ''}
      </p>
      <ProblemNotice error={error} />
      {isDraft && review.status === 'editing' ? (
        <button type="button" className="button" disabled={busy} onClick={() => void beforeSubmit().then((ok) => (ok ? act('submit', {}) : undefined))}>
          {t('pb.submit')}
        </button>
      ) : null}
      {isDraft && review.status === 'submitted' ? (
        <>
          <div className="form-group">
            <label htmlFor="publish-at">{t('pb.publishAt')}</label>
            <span className="hint" id="publish-at-hint">
              {t('pb.publishAtHint')}
            </span>
            <input id="publish-at" type="datetime-local" value={at} aria-describedby="publish-at-hint" onChange={(e) => setAt(e.target.value)} />
          </div>
          <div className="button-group">
            <button type="button" className="button" disabled={busy} onClick={() => void act('approve', at ? { publishAt: new Date(at).toISOString() } : {})}>
              {at ? t('pb.approveAt') : t('pb.approveNow')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act('return', { reason: t('pb.returnReason') })}>
              {t('pb.return')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

export function DiffView({ versionId }: { versionId: string }) {
  const { t } = useI18n();
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const show = (x: unknown) => (x === undefined ? '—' : JSON.stringify(x).slice(0, 160));
  return (
    <section aria-labelledby="diff-h">
      <h2 id="diff-h">{t('pb.diff')}</h2>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          if (!diff) api.get<VersionDiff>(`/api/admin/procedure-versions/${versionId}/diff`).then(setDiff, setError);
        }}
      >
        {open ? t('builder.close') : t('pb.diffShow')}
      </button>
      <ProblemNotice error={error} />
      {open && diff ? (
        diff.changes.length === 0 ? (
          <p>{t('pb.diffNone')}</p>
        ) : (
          <table className="responsive-table">
            <caption>{t('pb.diffCaption', { from: diff.from.version, to: diff.to.version, n: diff.changes.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pb.diffPart')}</th>
                <th scope="col">{t('pb.diffPath')}</th>
                <th scope="col">{t('pb.diffBefore')}</th>
                <th scope="col">{t('pb.diffAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.changes.slice(0, 200).map((c, i) => (
                <tr key={i}>
                  <td data-label={t('pb.diffPart')}>{t(`pb.part.${c.part}`)}</td>
                  <td data-label={t('pb.diffPath')}>
                    <code>{c.path}</code>
                  </td>
                  <td data-label={t('pb.diffBefore')}>{show(c.before)}</td>
                  <td data-label={t('pb.diffAfter')}>{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
