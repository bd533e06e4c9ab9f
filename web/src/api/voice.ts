/** The voice module's API (src/modules/voice): ratings, petitions and the virtual assistant. */
import type { AssistantAnswerView, FaqBody, FaqEntry, MyRating, PetitionBody, PetitionView, PublishedAnswer, RatingBody, RatingView } from '@shared/api/voice';
import { api, withQuery } from './client';
import { newIdempotencyKey } from './dossier';

export type { AssistantAnswerView, FaqBody, FaqEntry, MyRating, PetitionBody, PetitionView, PublishedAnswer, RatingBody, RatingView };

export const voiceApi = {
  myRating: (dossierId: string) => api.get<MyRating>(`/api/dossiers/${dossierId}/rating`),
  rate: (dossierId: string, body: RatingBody, key = newIdempotencyKey()) => api.post<RatingView>(`/api/dossiers/${dossierId}/rating`, body, { headers: { 'idempotency-key': key } }),
  changeRating: (dossierId: string, body: RatingBody, key = newIdempotencyKey()) => api.put<RatingView>(`/api/dossiers/${dossierId}/rating`, body, { headers: { 'idempotency-key': key } }),
  file: (body: PetitionBody, key = newIdempotencyKey()) => api.post<PetitionView>('/api/petitions', body, { headers: { 'idempotency-key': key } }),
  lookup: (code: string) => api.get<PetitionView>(`/api/public/petitions/${encodeURIComponent(code)}`),
  ask: (q: string) => api.get<AssistantAnswerView>(withQuery('/api/assistant', { q })),
  faq: () => api.get<{ items: FaqEntry[] }>('/api/public/faq'),
  publishedAnswers: () => api.get<{ items: PublishedAnswer[] }>('/api/public/petition-answers'),
  allFaq: () => api.get<{ items: FaqEntry[] }>('/api/admin/faq'),
  createFaq: (body: FaqBody, key = newIdempotencyKey()) => api.post<FaqEntry>('/api/admin/faq', body, { headers: { 'idempotency-key': key } }),
  updateFaq: (id: string, body: FaqBody, key = newIdempotencyKey()) => api.put<FaqEntry>(`/api/admin/faq/${id}`, body, { headers: { 'idempotency-key': key } }),
  deleteFaq: (id: string, key = newIdempotencyKey()) => api.delete<null>(`/api/admin/faq/${id}`, { headers: { 'idempotency-key': key } }),
};
