/**
 * Renders e-form fields from a definition: one control per widget, labels and help in the current language,
 * the error message next to each field, conditional fields shown as the answers change, repeatable groups.
 */
import type { ReactNode } from 'react';
import type { EFormDefinition, EFormFieldUi, JsonScalar } from '@shared/eform/eform.types';
import { formatDateVi, isIsoDate } from '@shared/eform/eform.formats';
import { useI18n } from '../i18n';
import { ErrorMessage } from '../ui/Fields';
import { AdminUnitPicker } from './AdminUnitPicker';
import { compiled, inputIdOf, visibleFields, type CompiledField, type FormData } from './model';

export interface FieldMessages {
  /** Error message by field path (`childFullName`, `children[0].fullName`). */
  [path: string]: string;
}

interface Ctx {
  def: EFormDefinition;
  data: FormData;
  visible: Set<string>;
  errors: FieldMessages;
  /** Fields filled in from a national database: a note under the label, and read-only when locked. */
  notes: Record<string, FieldNote>;
  onChange(next: FormData): void;
  readOnly?: boolean;
}

const AUTOCOMPLETE: Record<string, string> = {
  'population.fullName': 'name',
  'population.phone': 'tel',
  'population.email': 'email',
  'population.dateOfBirth': 'bday',
  'population.permanentAddress': 'street-address',
};

function optionsOf(f: CompiledField): { value: JsonScalar; label: { vi: string; en: string } }[] {
  if (f.ui.options?.length) return f.ui.options;
  if (f.options?.length) return f.options;
  const values = f.allowed ?? (f.scalar?.type === 'boolean' ? [true, false] : []);
  return values.map((v) => ({ value: v, label: { vi: String(v), en: String(v) } }));
}

export interface FieldNote {
  text: string;
  locked: boolean;
}

/** Text typed into a number box: a number when it reads as one (comma or dot decimals), else the text as typed. */
function toNumberish(s: string, integer: boolean): unknown {
  const t = s.trim();
  if (t === '') return undefined;
  const normal = t.replace(',', '.');
  if (integer ? /^-?\d+$/.test(normal) : /^-?\d+(\.\d+)?$/.test(normal)) return Number(normal);
  return s;
}

function describedBy(id: string, hint: boolean, error: boolean) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface ControlProps {
  f: CompiledField;
  path: string;
  value: unknown;
  set(v: unknown): void;
  ctx: Ctx;
  locked: boolean;
}

function ScalarControl({ f, path, value, set, ctx, locked }: ControlProps) {
  const { t, pick, lang } = useI18n();
  const id = inputIdOf(path);
  const error = ctx.errors[path];
  const help = f.ui.help ? pick(f.ui.help) : '';
  const optional = !f.required && f.widget !== 'checkbox';
  const label = (
    <>
      {pick(f.ui.label)}
      {optional ? <span className="secondary-text"> {t('form.optional')}</span> : null}
    </>
  );
  const note = ctx.notes[path]?.text ?? '';
  const hintText = [help, note, f.widget === 'date' && !locked ? t('form.dateHint') : ''].filter(Boolean).join(' ');
  const hint = hintText ? (
    <span className="hint" id={`${id}-hint`}>
      {hintText}
    </span>
  ) : null;
  const err = error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null;
  const aria = describedBy(id, !!hintText, !!error);
  const cls = error ? 'input--error' : undefined;
  const disabled = ctx.readOnly;
  const groupClass = `form-group${error ? ' form-group--error' : ''}`;

  // Choices in a fieldset: radios, multiple-choice check boxes.
  if (f.widget === 'radio' || (f.widget === 'checkbox' && f.kind === 'multi')) {
    const opts = optionsOf(f);
    const multi = f.kind === 'multi';
    const current = multi ? (Array.isArray(value) ? value : []) : value;
    return (
      <div className={groupClass}>
        <fieldset aria-describedby={aria}>
          <legend>{label}</legend>
          {hint}
          {err}
          <div className={`choices${opts.length <= 2 && !multi ? ' choices--inline' : ''}`}>
            {opts.map((o, i) => {
              const oid = i === 0 ? id : `${id}-${i}`;
              const checked = multi ? (current as unknown[]).includes(o.value) : current === o.value;
              return (
                <div className="choice" key={String(o.value)}>
                  <input
                    type={multi ? 'checkbox' : 'radio'}
                    id={oid}
                    name={id}
                    checked={checked}
                    disabled={disabled || locked}
                    onChange={(e) => {
                      if (!multi) set(o.value);
                      else {
                        const list = (current as unknown[]).filter((x) => x !== o.value);
                        set(e.target.checked ? [...list, o.value] : list);
                      }
                    }}
                  />
                  <label htmlFor={oid}>{pick(o.label)}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
    );
  }

  if (f.widget === 'checkbox') {
    return (
      <div className={groupClass}>
        {err}
        <div className="choice">
          <input type="checkbox" id={id} checked={value === true} disabled={disabled || locked} aria-describedby={aria} aria-invalid={error ? true : undefined} onChange={(e) => set(e.target.checked ? true : undefined)} />
          <label htmlFor={id}>{label}</label>
        </div>
        {hint}
      </div>
    );
  }

  if (f.widget === 'adminUnit') {
    return (
      <div className={groupClass}>
        <fieldset aria-describedby={aria}>
          <legend>{label}</legend>
          {hint}
          {err}
          <AdminUnitPicker id={id} value={typeof value === 'string' ? value : ''} onChange={(c) => set(c || undefined)} invalid={!!error} disabled={disabled || locked} />
        </fieldset>
      </div>
    );
  }

  let control: ReactNode;
  if (f.widget === 'select') {
    const opts = optionsOf(f);
    const index = opts.findIndex((o) => o.value === value);
    control = (
      <select id={id} className={cls} value={index >= 0 ? String(index) : ''} disabled={disabled || locked} aria-describedby={aria} aria-invalid={error ? true : undefined} onChange={(e) => set(e.target.value === '' ? undefined : opts[Number(e.target.value)].value)}>
        <option value="">{t('form.choose')}</option>
        {opts.map((o, i) => (
          <option key={String(o.value)} value={String(i)}>
            {pick(o.label)}
          </option>
        ))}
      </select>
    );
  } else if (f.widget === 'textarea') {
    control = <textarea id={id} className={cls} rows={4} value={typeof value === 'string' ? value : ''} readOnly={locked} disabled={disabled} aria-describedby={aria} aria-invalid={error ? true : undefined} onChange={(e) => set(e.target.value)} />;
  } else {
    const isNumber = f.widget === 'number';
    const shown = value === undefined || value === null ? '' : f.widget === 'date' && typeof value === 'string' && isIsoDate(value) ? formatDateVi(value) : String(value);
    const type = f.widget === 'email' ? 'email' : f.widget === 'phone' ? 'tel' : 'text';
    const inputMode = isNumber ? (f.scalar?.type === 'integer' ? 'numeric' : 'decimal') : f.widget === 'personalId' || f.widget === 'enterpriseCode' ? 'numeric' : f.widget === 'phone' ? 'tel' : f.widget === 'email' ? 'email' : undefined;
    const width = isNumber || f.widget === 'date' ? 'input--w10' : f.widget === 'personalId' || f.widget === 'enterpriseCode' || f.widget === 'phone' ? 'input--w20' : '';
    const binding = f.ui.registryBinding ?? '';
    control = (
      <input
        id={id}
        type={type}
        className={[cls, width].filter(Boolean).join(' ') || undefined}
        value={shown}
        readOnly={locked}
        disabled={disabled}
        inputMode={inputMode}
        autoComplete={AUTOCOMPLETE[binding] ?? (f.widget === 'email' ? 'email' : f.widget === 'phone' ? 'tel' : 'off')}
        spellCheck={f.widget === 'text' ? undefined : false}
        aria-describedby={aria}
        aria-invalid={error ? true : undefined}
        lang={f.widget === 'text' ? lang : undefined}
        onChange={(e) => set(isNumber ? toNumberish(e.target.value, f.scalar?.type === 'integer') : e.target.value)}
      />
    );
  }
  return (
    <div className={groupClass}>
      <label htmlFor={id}>{label}</label>
      {hint}
      {err}
      {control}
    </div>
  );
}

function RepeatGroup({ f, ctx }: { f: CompiledField; ctx: Ctx }) {
  const { t, pick } = useI18n();
  const items = Array.isArray(ctx.data[f.name]) ? (ctx.data[f.name] as FormData[]) : [];
  const itemLabel = pick(f.ui.itemLabel ?? f.ui.label);
  const max = (f.schema as { maxItems?: number }).maxItems;
  const id = inputIdOf(f.name);
  const error = ctx.errors[f.name];
  const setItems = (next: FormData[]) => ctx.onChange({ ...ctx.data, [f.name]: next });
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset>
        <legend>
          {pick(f.ui.label)}
          {!f.required ? <span className="secondary-text"> {t('form.optional')}</span> : null}
        </legend>
        {f.ui.help ? <span className="hint">{pick(f.ui.help)}</span> : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        {items.map((item, i) => (
          <fieldset className="fieldset-box" key={i}>
            <legend>
              {itemLabel} {i + 1}
            </legend>
            {f.item!.fields
              .slice()
              .sort((a, b) => (a.ui.order ?? 0) - (b.ui.order ?? 0))
              .filter((inner) => ctx.visible.has(`${f.name}[${i}].${inner.name}`))
              .map((inner) => {
                const path = `${f.name}[${i}].${inner.name}`;
                return (
                  <ScalarControl
                    key={path}
                    f={inner}
                    path={path}
                    value={item?.[inner.name]}
                    locked={false}
                    ctx={ctx}
                    set={(v) => setItems(items.map((it, j) => (j === i ? { ...it, [inner.name]: v } : it)))}
                  />
                );
              })}
            {!ctx.readOnly ? (
              <button type="button" className="button button--secondary" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                {t('form.removeItem', { item: `${itemLabel} ${i + 1}` })}
              </button>
            ) : null}
          </fieldset>
        ))}
        {!ctx.readOnly && (max === undefined || items.length < max) ? (
          <button type="button" id={id} className="button button--secondary" aria-describedby={error ? `${id}-error` : undefined} onClick={() => setItems([...items, {}])}>
            {items.length ? t('form.addAnother', { item: itemLabel.toLowerCase() }) : t('form.addItem', { item: itemLabel.toLowerCase() })}
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}

export interface EFormFieldsProps {
  def: EFormDefinition;
  /** Field names to render (one section's), in order. */
  fields: string[];
  data: FormData;
  onChange(next: FormData): void;
  errors?: FieldMessages;
  /** Prefilled fields by name: the note to show, and whether the answer is locked. */
  notes?: Record<string, FieldNote>;
  readOnly?: boolean;
}

export function EFormFields({ def, fields, data, onChange, errors = {}, notes = {}, readOnly }: EFormFieldsProps) {
  const form = compiled(def);
  const visible = new Set(visibleFields(def, data));
  const ctx: Ctx = { def, data, visible, errors, notes, onChange, readOnly };
  return (
    <>
      {fields
        .filter((name) => visible.has(name))
        .map((name) => {
          const f = form.root.byName.get(name);
          if (!f) return null;
          if (f.kind === 'repeat') return <RepeatGroup key={name} f={f} ctx={ctx} />;
          return (
            <ScalarControl
              key={name}
              f={f}
              path={name}
              value={data[name]}
              locked={!!notes[name]?.locked}
              ctx={ctx}
              set={(v) => {
                const next = { ...data };
                if (v === undefined || v === '') delete next[name];
                else next[name] = v;
                onChange(next);
              }}
            />
          );
        })}
    </>
  );
}

/** A field's answer as text, for check-your-answers lists. */
export function answerText(f: CompiledField | undefined, v: unknown, pick: (l: { vi: string; en: string }) => string, yesNo: { yes: string; no: string }): string {
  if (v === undefined || v === null || v === '') return '';
  if (!f) return String(v);
  const opts = (f.ui.options ?? f.options) as EFormFieldUi['options'];
  const label = (x: unknown) => {
    const o = opts?.find((op) => op.value === x);
    if (o) return pick(o.label);
    if (typeof x === 'boolean') return x ? yesNo.yes : yesNo.no;
    if (f.format === 'date' && typeof x === 'string' && isIsoDate(x)) return formatDateVi(x);
    return String(x);
  };
  return Array.isArray(v) ? v.map(label).join(', ') : label(v);
}
