/** Once-only prefill (điền sẵn từ cơ sở dữ liệu quốc gia): what a draft's bound fields got from the registries. */
import { Type, type Static } from 'typebox';
import { Obj } from './schema';

export const PREFILL_SOURCES = ['population', 'business'] as const;
/** `withdrawn_by_subject`: the data is a relative's (the spouse, a parent) who withdrew his own consent to prefill. */
export const PREFILL_SKIP_REASONS = ['consent_required', 'withdrawn_by_subject', 'not_in_registry', 'not_available'] as const;

/** A value the prefill put in a field, and where it came from (the form's "from the national database" badge). */
export const PrefilledFieldSchema = Obj({
  source: Type.Union([Type.Literal('population'), Type.Literal('business')]),
  binding: Type.String({ description: 'The e-form’s registryBinding, e.g. parent.mother.fullName' }),
  editable: Type.Boolean({ description: 'False: locked, a different value is refused (registry_mismatch)' }),
  value: Type.Unknown(),
});

/** A bound field the prefill left empty, and why. */
export const PrefillSkipSchema = Obj({
  field: Type.String(),
  binding: Type.String(),
  reason: Type.Union([Type.Literal('consent_required'), Type.Literal('withdrawn_by_subject'), Type.Literal('not_in_registry'), Type.Literal('not_available')]),
  purpose: Type.Optional(Type.String()),
});

export type PrefilledField = Static<typeof PrefilledFieldSchema>;
export type PrefillSkip = Static<typeof PrefillSkipSchema>;
