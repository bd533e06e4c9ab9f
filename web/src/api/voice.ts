/** The voice module's API (src/modules/voice): ratings, petitions and the virtual assistant. */
import type { AssistantAnswerView, MyRating, PetitionBody, PetitionView, RatingBody, RatingView } from '@shared/api/voice';
import { api, withQuery } from './client';
import { newIdempotencyKey } from './dossier';

export type { AssistantAnswerView, MyRating, PetitionBody, PetitionView, RatingBody, RatingView };

export const voiceApi = {
  myRating: (dossierId: string) => api.get<MyRating>(`/api/dossiers/${dossierId}/rating`),
  rate: (dossierId: string, body: RatingBody, key = newIdempotencyKey()) => api.post<RatingView>(`/api/dossiers/${dossierId}/rating`, body, { headers: { 'idempotency-key': key } }),
  changeRating: (dossierId: string, body: RatingBody, key = newIdempotencyKey()) => api.put<RatingView>(`/api/dossiers/${dossierId}/rating`, body, { headers: { 'idempotency-key': key } }),
  file: (body: PetitionBody, key = newIdempotencyKey()) => api.post<PetitionView>('/api/petitions', body, { headers: { 'idempotency-key': key } }),
  lookup: (code: string) => api.get<PetitionView>(`/api/public/petitions/${encodeURIComponent(code)}`),
  ask: (q: string) => api.get<AssistantAnswerView>(withQuery('/api/assistant', { q })),
};
