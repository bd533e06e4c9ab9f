/**
 * Who may act on a dossier (hồ sơ). The officer roles are the same strings as the identity module's `ROLES`
 * (a type test keeps them in step); this folder does not import it so that the web app can use the machine
 * without pulling in the database schema.
 */
import type { Label } from './states';

export const OFFICER_ROLES = [
  'receiving_officer', // cán bộ tiếp nhận (one-stop-shop desk, Bộ phận Một cửa)
  'specialist', // chuyên viên xử lý
  'approver', // lãnh đạo phê duyệt
  'result_officer', // cán bộ trả kết quả
  'agency_admin', // quản trị cơ quan
  'platform_admin', // quản trị hệ thống
  'inspector', // thanh tra (reads the audit log; acts on no dossier)
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/**
 * Every role the machine knows. `applicant` is the owner of the dossier or their authorised agent (người nộp /
 * người được ủy quyền); `system` is an automated actor (national portal connector, payment gateway, e-signing).
 * Whether this applicant owns this dossier, or this officer's agency has jurisdiction, is checked by the server.
 */
export const ACTOR_ROLES = [...OFFICER_ROLES, 'applicant', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ROLE_LABELS: Record<ActorRole, Label> = {
  receiving_officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  specialist: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  approver: { vi: 'Lãnh đạo phê duyệt', en: 'Approver' },
  result_officer: { vi: 'Cán bộ trả kết quả', en: 'Result officer' },
  agency_admin: { vi: 'Quản trị cơ quan', en: 'Agency administrator' },
  platform_admin: { vi: 'Quản trị hệ thống', en: 'Platform administrator' },
  inspector: { vi: 'Thanh tra', en: 'Inspector' },
  applicant: { vi: 'Người nộp hồ sơ', en: 'Applicant' },
  system: { vi: 'Hệ thống', en: 'System' },
};
