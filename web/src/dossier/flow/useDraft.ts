import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { dossierApi, type DossierDetail } from '../../api/dossier';
import type { ProcedureVersion, RequiredDocument } from '../../api/types';
import type { EFormDefinition } from '@shared/eform/eform.types';
import { applicableDocuments, documentNeed, isUploadedByApplicant } from '@shared/catalog/document-rules';

export interface DraftState {
  detail: DossierDetail | null;
  version: ProcedureVersion | null;
  error: ApiError | null;
  loading: boolean;
  reload(): Promise<void>;
  setDetail(d: DossierDetail): void;
}

const versions = new Map<string, Promise<ProcedureVersion>>();

/** The procedure version a dossier was filed under (its e-form and documents); versions never change once published. */
export function loadVersion(id: string): Promise<ProcedureVersion> {
  let p = versions.get(id);
  if (!p) {
    p = api.get<ProcedureVersion>(`/api/procedure-versions/${id}`).catch((e) => {
      versions.delete(id);
      throw e;
    });
    versions.set(id, p);
  }
  return p;
}

/** A dossier with the procedure version it belongs to. */
export function useDossierWithVersion(id: string): DraftState {
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [version, setVersion] = useState<ProcedureVersion | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    try {
      const d = await dossierApi.get(id);
      const v = await loadVersion(d.procedure.versionId);
      setDetail(d);
      setVersion(v);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { title: String(e), status: 0, code: 'client_error' }));
    } finally {
      setLoading(false);
    }
  }, [id]);
  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);
  return { detail, version, error, loading, reload, setDetail };
}

/**
 * Documents the applicant uploads: not replaced by the e-form, not read from a registry, not only shown at the desk;
 * with the e-form and the answers, only those that apply to them (shared rules, as the server's submission check).
 */
export function uploadableDocuments(docs: RequiredDocument[], def?: EFormDefinition, data?: Record<string, unknown> | null): RequiredDocument[] {
  const applicable = def ? applicableDocuments(docs, def, data ?? {}).map((x) => x.doc) : docs;
  // A paper the applicant keeps in their data store is offered too (one click, once-only), even where the agency
  // could read it from a registry or would only look at the original at the desk.
  return applicable.filter((d) => d.fromDataStore || isUploadedByApplicant(d));
}

/** Is the document required for these answers (mandatory, or its `requiredIf` holds)? */
export function isRequiredFor(doc: RequiredDocument, def: EFormDefinition, data: Record<string, unknown> | null): boolean {
  return documentNeed(doc, def, data ?? {}) === 'required';
}
