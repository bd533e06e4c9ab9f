/**
 * Who an account is and what it may do, as the platform's access policies name them. The platform owns these names
 * (the auth hook enforces policies written with them); the identity module stores them and the web app shows them.
 */

/** officer = civil servant; citizen = natural person (công dân); system = machine client with bearer tokens. */
export const ACCOUNT_KINDS = ['officer', 'citizen', 'system'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Roles granted within an agency (and optionally its sub-agencies). */
export const ROLES = [
  'receiving_officer', // cán bộ tiếp nhận (one-stop-shop desk)
  'specialist', // chuyên viên xử lý
  'approver', // lãnh đạo phê duyệt
  'result_officer', // cán bộ trả kết quả
  'agency_admin', // quản trị cơ quan
  'platform_admin', // quản trị hệ thống
  'inspector', // thanh tra: reads the audit log of the agencies in the grant, changes nothing
] as const;
export type Role = (typeof ROLES)[number];
