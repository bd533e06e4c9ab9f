/**
 * The dossier API (src/modules/dossier): calls, with the types derived from the API's schemas
 * (src/shared/api/dossier.ts) — imported as types only, so the schemas stay out of the bundle.
 */
import type { ActionType } from '@shared/dossier/actions';
import type { State } from '@shared/dossier/states';
import type { ActionRequestOf, AttachmentView, CounterDraftBody, CreateDraftBody, DeletedDraft, DossierView, DraftView, DossierDetail, InboxPage, MyDossiersPage, PublicDossier, RemovedAttachment, RequestType } from '@shared/api/dossier';
import { ACTION_PATHS } from '@shared/api/dossier-paths';
import { createMergePatch } from '@shared/api/merge-patch';
import { api, upload, withQuery } from './client';

export type { ActionType, RequestType, State };
export type { AttachmentView, DossierDetail, DossierView, DraftView, InboxPage, MyDossiersPage, PublicDossier, PublicTimelineEntry, TimelineEntry, PrefilledFieldView as PrefilledField, PrefillSkip } from '@shared/api/dossier';
export { QUEUES, type Queue } from '@shared/dossier/queues';
export { ACTION_PATHS };

/** An item of the citizen's electronic data store (kho dữ liệu điện tử) that may stand for a required document. */
export interface StoreItem {
  id: string;
  documentType: string;
  title: string;
  issuer: string | null;
  validUntil: string | null;
  source: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface StoreSuggestions {
  documents: { documentId: string; requirement: string; attachedFromStore: boolean; items: StoreItem[] }[];
}

/** A fresh Idempotency-Key for one user intention (a double click or a retry replays instead of repeating). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const idem = (key: string) => ({ headers: { 'idempotency-key': key } });

/** The body of an action's route (none for receive and claim). */
export type ActionBody<T extends RequestType> = Omit<ActionRequestOf<T>, 'type'>;

export const dossierApi = {
  get: (id: string) => api.get<DossierDetail>(`/api/dossiers/${id}`),
  mine: (cursor?: string) => api.get<MyDossiersPage>(withQuery('/api/my/dossiers', { cursor, limit: 50 })),
  create: (body: CreateDraftBody, key: string) => api.post<DraftView>('/api/dossiers', body, idem(key)),
  createAtCounter: (body: CounterDraftBody, key: string) => api.post<DossierView>('/api/officer/dossiers', body, idem(key)),
  /** Saves the answers: sends the JSON Merge Patch (RFC 7396) from the data as loaded (`from`) to `to`. */
  saveDraft: (id: string, from: Record<string, unknown>, to: Record<string, unknown>) => api.patch<DraftView>(`/api/dossiers/${id}`, { data: createMergePatch(from, to) }),
  submit: (id: string, key: string) => api.post<DossierView>(`/api/dossiers/${id}/submit`, undefined, idem(key)),
  act: <T extends RequestType>(id: string, type: T, body: ActionBody<T> | Record<string, unknown> | undefined, key: string) =>
    api.post<DossierView>(`/api/dossiers/${id}/${ACTION_PATHS[type]}`, body, idem(key)),
  upload: (id: string, documentId: string, file: File, onProgress: (f: number) => void, signal?: AbortSignal) =>
    upload<AttachmentView>(`/api/dossiers/${id}/attachments`, file, { formField: 'file', fields: { documentId }, onProgress, signal, headers: { 'idempotency-key': newIdempotencyKey() } }),
  storeSuggestions: (id: string) => api.get<StoreSuggestions>(`/api/dossiers/${id}/store-suggestions`),
  attachFromStore: (id: string, documentId: string, storeItemId: string) =>
    api.post<AttachmentView>(`/api/dossiers/${id}/attachments/from-store`, { documentId, storeItemId }, idem(newIdempotencyKey())),
  /** Removes a file attached by mistake (a draft's, or one added while supplementing). */
  removeAttachment: (id: string, attachmentId: string, key = newIdempotencyKey()) => api.delete<RemovedAttachment>(`/api/dossiers/${id}/attachments/${attachmentId}`, idem(key)),
  /** Deletes a draft that was never filed. */
  deleteDraft: (id: string, key = newIdempotencyKey()) => api.delete<DeletedDraft>(`/api/dossiers/${id}`, idem(key)),
  /** The citizen's drafts of one procedure, newest first (to continue one instead of starting anew). */
  draftsOf: (procedure: string) => api.get<MyDossiersPage>(withQuery('/api/my/dossiers', { state: 'draft', procedure, limit: 20 })),
  attachmentUrl: (id: string, attachmentId: string) => `/api/dossiers/${id}/attachments/${attachmentId}`,
  lookup: (code: string) => api.get<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(code)}`),
  inbox: (q: Record<string, string | number | boolean | undefined>) => api.get<InboxPage>(withQuery('/api/officer/inbox', q)),
};
