import type { ProcedureVersionInput } from './demo/types';

export type { ProcedureVersionInput } from './demo/types';
export * from './demo/types';

/** What a version stores: the whole input except the catalogue key, which belongs to the procedure. */
export type ProcedureContent = Omit<ProcedureVersionInput, 'key' | 'sampleData'> & { sampleData?: Record<string, unknown> };

/** A version as the rest of the platform sees it (the dossier module reads this). */
export interface ProcedureVersion extends ProcedureContent {
  id: string;
  procedureId: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  publishedAt: string | null;
}
