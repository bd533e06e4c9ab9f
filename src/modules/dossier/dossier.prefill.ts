/**
 * Once-only prefill (nguyên tắc chỉ cung cấp thông tin một lần): a new draft's registry-bound fields are read from
 * the national registries (by the vault module's hook, in the draft's transaction); the values are kept with a hash
 * that every later save and the submission check.
 */
import type { Tx } from '../../platform/db/client';
import { canonicalJson, sha256 } from '../../platform/audit/canonical';
import type { PrefilledFieldView } from '../../shared/api/dossier';
import type { DossierContext, PrefillRequest } from './dossier.deps';
import type { DossierRow } from './dossier.repo';
import type { StoredPrefill } from './dossier.schema';
import { dossierErrors } from './dossier.errors';

/** Where a prefilled value comes from, for the form's "from the national database" badge. */
export const PREFILL_SOURCE_LABELS = {
  population: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National population database' },
  business: { vi: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', en: 'National business register' },
} as const;

export const prefillValues = (p: StoredPrefill | null | undefined): Record<string, unknown> => Object.fromEntries(Object.entries(p?.fields ?? {}).map(([k, f]) => [k, f.value]));
export const prefillHashOf = (p: StoredPrefill) => sha256(canonicalJson(prefillValues(p)));

/** The draft's prefilled fields for the client: value, source (with its label) and whether it is read-only. */
export function prefilledView(row: Pick<DossierRow, 'prefill'>): Record<string, PrefilledFieldView> {
  const out: Record<string, PrefilledFieldView> = {};
  for (const [k, f] of Object.entries(row.prefill?.fields ?? {})) out[k] = { source: f.source, sourceLabel: PREFILL_SOURCE_LABELS[f.source], binding: f.binding, editable: f.editable, readOnly: !f.editable, value: f.value };
  return out;
}

/** Asks the registries (through the vault's hook) for the draft's bound fields, in the draft's transaction. */
export async function runPrefill(ctx: DossierContext, tx: Tx, req: PrefillRequest): Promise<StoredPrefill | null> {
  if (!ctx.hooks.prefill) return null;
  const out = await ctx.hooks.prefill(tx, req);
  if (!Object.keys(out.fields).length && !out.skipped.length) return null;
  return { at: req.now.toISOString(), fields: out.fields, skipped: out.skipped };
}

/**
 * Completes the applicant's data with the prefilled values: on creation every locked prefilled field (the registry's
 * value replaces the client's) and the editable ones the client did not send; on update the locked ones left out.
 * A value put in by the server for a field the form now hides (e.g. the father's details before "declare the
 * father" is ticked) is left out again.
 */
export async function mergePrefill(ctx: DossierContext, tx: Tx, versionId: string, data: Record<string, unknown>, prefill: StoredPrefill | null, mode: 'create' | 'update'): Promise<Record<string, unknown>> {
  if (!prefill) return data;
  const merged = { ...data };
  const inserted = new Set<string>();
  for (const [name, f] of Object.entries(prefill.fields)) {
    // On creation the registry's value replaces what the client sent for a locked field; an editable one keeps it.
    const locked = !f.editable && mode === 'create';
    if (!locked && (merged[name] !== undefined || (mode === 'update' && f.editable))) continue;
    merged[name] = f.value;
    inserted.add(name);
  }
  if (!inserted.size) return merged;
  const r = await ctx.catalog.validateData(versionId, merged, {}, tx);
  if (!r.ok) for (const e of r.errors) if (e.code === 'hidden_field_provided' && inserted.has(e.field)) delete merged[e.field];
  return merged;
}

/** The stored prefill must still match its hash (no change behind the server's back). */
export function checkPrefillIntegrity(row: Pick<DossierRow, 'prefill' | 'prefillHash'>): void {
  if (!row.prefill && !row.prefillHash) return;
  if (!row.prefill || prefillHashOf(row.prefill) !== row.prefillHash) throw dossierErrors.prefillIntegrity();
}
