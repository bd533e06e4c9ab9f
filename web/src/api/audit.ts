/** The audit viewer's API (src/platform/audit): search, verification of the hash chain, export. */
import type { AuditPage, AuditQuery, AuditRecord, AuditVerify } from '@shared/api/audit';
import { api, withQuery } from './client';

export type { AuditPage, AuditQuery, AuditRecord, AuditVerify };
export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor'>;

export const auditApi = {
  search: (filters: AuditFilters, cursor?: string | null, limit = 50) => api.get<AuditPage>(withQuery('/api/admin/audit', { ...filters, limit, cursor })),
  verify: () => api.get<AuditVerify>('/api/admin/audit/verify'),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (filters: AuditFilters, format: 'csv' | 'json') => withQuery('/api/admin/audit/export', { ...filters, format }),
};
