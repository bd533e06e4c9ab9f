/** The dossier API (src/modules/dossier/dossier.routes.ts): shapes and calls. */
import type { ActionType } from '@shared/dossier/actions';
import type { State } from '@shared/dossier/states';
import type { Consultation } from '@shared/dossier/machine';
import { api, upload, withQuery, type LocalizedText } from './client';

export type { ActionType, State };
type ConsultationView = Consultation;
interface StepDeadlineView {
  stepId: string;
  kind: 'receive' | 'process' | 'consult' | 'approve' | 'return';
  role: string;
  dueAt: string;
}

export interface DossierView {
  id: string;
  code: string | null;
  procedure: { key: string; nationalCode: string | null; name: LocalizedText; versionId: string };
  agency: { id: string; code: string };
  channel: 'in_person' | 'online' | 'post';
  state: State;
  stateLabel: LocalizedText;
  nationalStatus: number;
  nationalStatusLabel: LocalizedText;
  subject: { type: 'citizen' | 'business'; id: string; name: string };
  agent: { name: string } | null;
  filedByOfficer: boolean;
  assigneeId: string | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  dueSoonAt: string | null;
  finishedAt: string | null;
  deadline: 'ok' | 'due_soon' | 'overdue' | null;
  supplementRequest: { reason: string; missingItems: string[] } | null;
  extension: { reason: string; previousDueAt: string | null; newDueAt: string } | null;
  refusalReason: string | null;
  consultations: ConsultationView[];
  clockStops: { kind: string; from: string; to?: string }[];
  stepDeadlines: StepDeadlineView[];
  createdAt: string;
  updatedAt: string;
  availableActions?: ActionType[];
}

export interface AttachmentView {
  id: string;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  /** 'store' when taken from the citizen's data store (once-only). */
  source?: string;
  fromDataStore?: boolean;
}

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

export interface TimelineEntry {
  seq: number;
  type: ActionType;
  label: LocalizedText;
  at: string;
  fromState: string;
  toState: string;
  toStateLabel: LocalizedText;
  actorRole: string;
  stepDueAt: string | null;
  handOff: 'early' | 'on_time' | 'late' | null;
  forms: string[];
  actorName?: string | null;
  comment?: string | null;
  payload?: Record<string, unknown>;
}

/** A field the server prefilled from a national registry when the draft was created (once-only principle). */
export interface PrefilledField {
  source: 'population' | 'business';
  sourceLabel: LocalizedText;
  binding: string;
  editable: boolean;
  readOnly: boolean;
  value: unknown;
}

export interface PrefillSkip {
  field: string;
  binding: string;
  reason: 'consent_required' | 'not_in_registry' | 'not_available';
  purpose?: string;
}

export interface DossierDetail extends DossierView {
  data: Record<string, unknown>;
  prefilled?: Record<string, PrefilledField>;
  prefillSkipped?: PrefillSkip[];
  attachments: AttachmentView[];
  timeline: TimelineEntry[];
}

export interface PublicDossier {
  code: string;
  procedure: { nationalCode: string | null; name: LocalizedText };
  agency: { code: string; name: LocalizedText | null };
  state: State;
  stateLabel: LocalizedText;
  nationalStatus: number;
  nationalStatusLabel: LocalizedText;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  timeline: TimelineEntry[];
}

export const QUEUES = ['to_receive', 'to_process', 'to_approve', 'to_return', 'due_soon', 'overdue', 'waiting_applicant', 'consultations'] as const;
export type Queue = (typeof QUEUES)[number];

export interface InboxPage {
  counts: Record<Queue, number>;
  items: DossierView[];
  nextCursor: string | null;
}

/** The route of each action (POST /api/dossiers/:id/<path>). */
export const ACTION_PATHS: Partial<Record<ActionType | 'hand_back', string>> = {
  receive: 'receive',
  refuse_reception: 'refuse-reception',
  request_supplement: 'request-supplement',
  resubmit_supplement: 'resubmit-supplement',
  assign: 'assign',
  start_processing: 'claim',
  hand_back: 'hand-back',
  request_consultation: 'request-consultation',
  answer_consultation: 'answer-consultation',
  request_payment: 'request-payment',
  confirm_payment: 'confirm-payment',
  propose: 'propose',
  approve: 'approve',
  reject: 'reject',
  return_to_specialist: 'return-to-specialist',
  issue_result: 'issue-result',
  return_result: 'return-result',
  request_withdrawal: 'withdraw',
  stop: 'stop',
  extend: 'extend',
  comment: 'comments',
};

/** A fresh Idempotency-Key for one user intention (a double click or a retry replays instead of repeating). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const idem = (key: string) => ({ headers: { 'idempotency-key': key } });

export const dossierApi = {
  get: (id: string) => api.get<DossierDetail>(`/api/dossiers/${id}`),
  mine: (cursor?: string) => api.get<{ items: DossierView[]; nextCursor: string | null }>(withQuery('/api/my/dossiers', { cursor, limit: 50 })),
  create: (body: { procedure: string; agencyId: string; data?: Record<string, unknown> }, key: string) => api.post<DossierView>('/api/dossiers', body, idem(key)),
  createAtCounter: (
    body: { procedure: string; agencyId: string; channel: 'in_person' | 'post'; applicant: { type: 'citizen'; personalId: string; fullName: string }; data?: Record<string, unknown> },
    key: string,
  ) => api.post<DossierView>('/api/officer/dossiers', body, idem(key)),
  saveDraft: (id: string, data: Record<string, unknown>) => api.patch<DossierView>(`/api/dossiers/${id}`, { data }),
  submit: (id: string, key: string) => api.post<DossierView>(`/api/dossiers/${id}/submit`, undefined, idem(key)),
  act: (id: string, type: ActionType | 'hand_back', body: Record<string, unknown> | undefined, key: string) =>
    api.post<DossierView>(`/api/dossiers/${id}/${ACTION_PATHS[type]}`, body, idem(key)),
  upload: (id: string, documentId: string, file: File, onProgress: (f: number) => void, signal?: AbortSignal) =>
    upload<AttachmentView>(`/api/dossiers/${id}/attachments`, file, { formField: 'file', fields: { documentId }, onProgress, signal, headers: { 'idempotency-key': newIdempotencyKey() } }),
  storeSuggestions: (id: string) => api.get<StoreSuggestions>(`/api/dossiers/${id}/store-suggestions`),
  attachFromStore: (id: string, documentId: string, storeItemId: string) =>
    api.post<AttachmentView>(`/api/dossiers/${id}/attachments/from-store`, { documentId, storeItemId }, idem(newIdempotencyKey())),
  attachmentUrl: (id: string, attachmentId: string) => `/api/dossiers/${id}/attachments/${attachmentId}`,
  lookup: (code: string) => api.get<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(code)}`),
  inbox: (q: Record<string, string | number | boolean | undefined>) => api.get<InboxPage>(withQuery('/api/officer/inbox', q)),
};
