/** The result module's API (src/modules/result): the signed electronic results of a dossier. */
import type { ResultList, ResultView } from '@shared/api/result';
import { api } from './client';

export type { ResultList, ResultView };

export const resultApi = {
  ofDossier: (dossierId: string) => api.get<ResultList>(`/api/dossiers/${dossierId}/results`),
};
