/**
 * The e-form as the browser handles it, on top of the shared engine (src/shared/eform): the same compiled
 * definition, visibility rules and validation as the server, plus what a page needs — which errors belong to which
 * section, the id of the input an error points at, and pruning of answers that no longer apply.
 */
import { compileDefinition, type CompiledField } from '@shared/eform/eform.definition';
import { validate, visibleFields } from '@shared/eform/eform.validate';
import { parseDateVi, isIsoDate } from '@shared/eform/eform.formats';
import type { EFormDefinition, EFormSection, FieldError } from '@shared/eform/eform.types';

export type FormData = Record<string, unknown>;
export type { CompiledField, EFormDefinition, EFormSection, FieldError };

export function compiled(def: EFormDefinition) {
  return compileDefinition(def);
}

/** `children[1].fullName` → `f-children-1-fullName`; `channels[0]` → `f-channels`. */
export function inputIdOf(path: string): string {
  const clean = path.replace(/\[(\d+)\]\./g, '-$1-').replace(/\[\d+\]$/, '');
  return `f-${clean.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The top-level field an error path belongs to. */
export function topFieldOf(path: string): string {
  return path.split(/[[.]/)[0];
}

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Drops answers to questions that are hidden by the other answers (the server refuses them with
 * `hidden_field_provided`) and empty values.
 */
export function pruneHidden(def: EFormDefinition, data: FormData): FormData {
  const visible = new Set(visibleFields(def, data));
  const form = compileDefinition(def);
  const out: FormData = {};
  for (const f of form.root.fields) {
    if (!visible.has(f.name)) continue;
    const v = data[f.name];
    if (isEmpty(v)) continue;
    if (f.kind === 'repeat' && Array.isArray(v)) {
      out[f.name] = v.map((item, i) => {
        const o: FormData = {};
        if (!item || typeof item !== 'object') return o;
        for (const inner of f.item!.fields) {
          const iv = (item as FormData)[inner.name];
          if (visible.has(`${f.name}[${i}].${inner.name}`) && !isEmpty(iv)) o[inner.name] = iv;
        }
        return o;
      });
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

/** Dates typed as dd/mm/yyyy become ISO before they are stored (the server does the same on submission). */
export function normalizeDates(def: EFormDefinition, data: FormData): FormData {
  const form = compileDefinition(def);
  const fix = (f: CompiledField, v: unknown) => (f.format === 'date' && typeof v === 'string' && !isIsoDate(v.trim()) ? (parseDateVi(v) ?? v) : v);
  const out: FormData = { ...data };
  for (const f of form.root.fields) {
    const v = out[f.name];
    if (f.kind === 'repeat' && Array.isArray(v)) {
      out[f.name] = v.map((item) => {
        if (!item || typeof item !== 'object') return item;
        const o: FormData = { ...(item as FormData) };
        for (const inner of f.item!.fields) if (inner.name in o) o[inner.name] = fix(inner, o[inner.name]);
        return o;
      });
    } else if (v !== undefined) {
      out[f.name] = fix(f, v);
    }
  }
  return out;
}

/** What is stored for a draft: visible answers only, dates in ISO. */
export function cleanData(def: EFormDefinition, data: FormData): FormData {
  return normalizeDates(def, pruneHidden(def, data));
}

export interface CheckOptions {
  prefilled?: FormData;
}

/** Every error of the form (same rules as the server, without the commune-exists lookup). */
export function checkForm(def: EFormDefinition, data: FormData, opts: CheckOptions = {}): FieldError[] {
  const r = validate(def, pruneHidden(def, data), { prefilled: opts.prefilled });
  return r.ok ? [] : r.errors;
}

/** The errors that belong to the fields of one section. */
export function errorsOfSection(section: EFormSection, errors: FieldError[]): FieldError[] {
  const names = new Set(section.fields);
  return errors.filter((e) => names.has(topFieldOf(e.field)));
}

/** The index of the first section with an error, or -1. */
export function firstSectionWithErrors(def: EFormDefinition, errors: FieldError[]): number {
  return def.ui.sections.findIndex((s) => errorsOfSection(s, errors).length > 0);
}

/** Sections with at least one visible field (a section whose questions all depend on an unanswered one is skipped). */
export function visibleSections(def: EFormDefinition, data: FormData): EFormSection[] {
  const visible = new Set(visibleFields(def, data));
  return def.ui.sections.filter((s) => s.fields.some((f) => visible.has(f)));
}

export { visibleFields };
