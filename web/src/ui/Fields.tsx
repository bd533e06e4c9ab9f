/** Labelled form controls with hint and error message wired to the input (aria-describedby, aria-invalid). */
import type { ChangeEvent, HTMLAttributes, ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Base {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

function describedBy(id: string, hint?: ReactNode, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <span className="error-message" id={id}>
      <span className="visually-hidden">{t('errors.prefix')}: </span>
      {children}
    </span>
  );
}

function Frame({ id, label, hint, error, children }: Base & { children: ReactNode }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

type InputExtras = Pick<HTMLAttributes<HTMLInputElement>, 'inputMode'> & {
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'date';
  autoComplete?: string;
  readOnly?: boolean;
  width?: 'w10' | 'w20';
  spellCheck?: boolean;
  maxLength?: number;
};

export function TextInput({
  value,
  onChange,
  type = 'text',
  width,
  ...p
}: Base & InputExtras & { value: string; onChange(v: string): void }) {
  return (
    <Frame {...p}>
      <input
        id={p.id}
        name={p.id}
        type={type}
        className={[p.error ? 'input--error' : '', width ? `input--${width}` : ''].filter(Boolean).join(' ') || undefined}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        readOnly={p.readOnly}
        spellCheck={p.spellCheck}
        maxLength={p.maxLength}
      />
    </Frame>
  );
}

export function TextArea({ value, onChange, rows = 4, ...p }: Base & { value: string; onChange(v: string): void; rows?: number }) {
  return (
    <Frame {...p}>
      <textarea
        id={p.id}
        name={p.id}
        rows={rows}
        className={p.error ? 'input--error' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      />
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  value,
  onChange,
  options,
  placeholder,
  disabled,
  ...p
}: Base & { value: string; onChange(v: string): void; options: Option[]; placeholder?: string; disabled?: boolean }) {
  return (
    <Frame {...p}>
      <select
        id={p.id}
        name={p.id}
        className={p.error ? 'input--error' : undefined}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A group of radio buttons in a fieldset; the first radio carries `id` so that error links can focus it. */
export function Radios({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  inline,
}: Base & { value: string; onChange(v: string): void; options: Option[]; inline?: boolean }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend>{label}</legend>
        {hint ? (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <div className={`choices${inline ? ' choices--inline' : ''}`}>
          {options.map((o, i) => {
            const oid = i === 0 ? id : `${id}-${i}`;
            return (
              <div className="choice" key={o.value}>
                <input type="radio" id={oid} name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
                <label htmlFor={oid}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({ id, label, hint, error, checked, onChange }: Base & { checked: boolean; onChange(v: boolean): void }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <div className="choice">
        <input type="checkbox" id={id} name={id} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
