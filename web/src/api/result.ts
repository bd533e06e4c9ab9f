/** The result module's API (src/modules/result): the signed electronic results of a dossier, their revocation and replacement. */
import { resultReplacePath, resultRevokePath, type ResultList, type ResultReplacement, type ResultView } from '@shared/api/result';
import { api } from './client';
import { newIdempotencyKey } from './dossier';

export type { ResultList, ResultReplacement, ResultView };
export { MAX_RESULT_REASON } from '@shared/api/result';

export const resultApi = {
  ofDossier: (dossierId: string) => api.get<ResultList>(`/api/dossiers/${dossierId}/results`),
  /** Thu hồi (the issuing agency's approver or result officer); `key` is the Idempotency-Key of this attempt. */
  revoke: (resultId: string, reason: string, key = newIdempotencyKey()) => api.post<ResultView>(resultRevokePath(resultId), { reason }, { headers: { 'idempotency-key': key } }),
  /** Cấp lại: a new signed result in place of this one. */
  replace: (resultId: string, reason: string, key = newIdempotencyKey()) => api.post<ResultReplacement>(resultReplacePath(resultId), { reason }, { headers: { 'idempotency-key': key } }),
};
