import type { EFormDefinition } from '../eform/eform.types';
import { conditionHolds } from '../eform/eform.validate';
import type { RequiredDocument } from './documents';

/**
 * Which documents a case needs, from the answers (pure; the server's submission check and form 01, and the web's
 * attachments and review pages use the same rules).
 * - `required`: mandatory, or conditional with a `requiredIf` that the answers meet;
 * - `optional`: conditional with only a written condition (the applicant judges);
 * - `not_applicable`: conditional with a `requiredIf` the answers do not meet — not asked at all.
 */
export type DocumentNeed = 'required' | 'optional' | 'not_applicable';

export function documentNeed(doc: RequiredDocument, def: EFormDefinition, data: unknown): DocumentNeed {
  if (doc.requirement === 'mandatory') return 'required';
  if (!doc.requiredIf) return 'optional';
  return conditionHolds(def, data, doc.requiredIf) ? 'required' : 'not_applicable';
}

/** The applicant uploads it: not replaced by the e-form, not read from a national registry, not only shown at the desk. */
export function isUploadedByApplicant(doc: RequiredDocument): boolean {
  return !doc.replacedByEForm && !doc.fromRegistry && doc.form !== 'present-original';
}

/** The documents that apply to these answers, each with its need (documents that do not apply are left out). */
export function applicableDocuments(docs: readonly RequiredDocument[], def: EFormDefinition, data: unknown): { doc: RequiredDocument; need: Exclude<DocumentNeed, 'not_applicable'> }[] {
  const out: { doc: RequiredDocument; need: Exclude<DocumentNeed, 'not_applicable'> }[] = [];
  for (const doc of docs) {
    const need = documentNeed(doc, def, data);
    if (need !== 'not_applicable') out.push({ doc, need });
  }
  return out;
}

/** Required documents the applicant must upload and has not: what blocks the submission. */
export function missingDocuments(docs: readonly RequiredDocument[], def: EFormDefinition, data: unknown, attached: Iterable<string>): RequiredDocument[] {
  const have = new Set(attached);
  return applicableDocuments(docs, def, data)
    .filter(({ doc, need }) => need === 'required' && isUploadedByApplicant(doc) && !have.has(doc.id))
    .map(({ doc }) => doc);
}
