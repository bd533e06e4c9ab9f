/**
 * X-Road identifiers. A member is `{instance}/{class}/{memberCode}`, a subsystem (what a MotCua node is) adds
 * `/{subsystem}`, a service adds `/{serviceCode}`. Parts never contain '/'; the member code is the agency's
 * electronic identifier (mã định danh điện tử, e.g. 000.00.00.H31).
 */
export interface SubsystemId {
  instance: string;
  memberClass: string;
  memberCode: string;
  subsystem: string;
}
export interface ServiceId extends SubsystemId {
  serviceCode: string;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const isIdPart = (s: string): boolean => PART.test(s);

export function formatSubsystemId(id: SubsystemId): string {
  return `${id.instance}/${id.memberClass}/${id.memberCode}/${id.subsystem}`;
}
export function formatServiceId(id: ServiceId): string {
  return `${formatSubsystemId(id)}/${id.serviceCode}`;
}

/** `VN/GOV/000.00.00.H31/motcua` → its parts, or null when malformed. */
export function parseSubsystemId(s: string): SubsystemId | null {
  const p = s.split('/');
  if (p.length !== 4 || !p.every(isIdPart)) return null;
  return { instance: p[0], memberClass: p[1], memberCode: p[2], subsystem: p[3] };
}

/**
 * The path of an X-Road REST request after `/r1/`: `{instance}/{class}/{member}/{subsystem}/{service}[/rest]`.
 * Returns the service and the rest of the path (always starting with '/', '' when none), or null when malformed.
 */
export function parseServicePath(path: string): { service: ServiceId; rest: string } | null {
  const clean = path.replace(/^\/+/, '');
  const p = clean.split('/');
  if (p.length < 5) return null;
  const head = p.slice(0, 5);
  if (!head.every(isIdPart)) return null;
  const rest = p.length > 5 ? `/${p.slice(5).join('/')}` : '';
  return { service: { instance: head[0], memberClass: head[1], memberCode: head[2], subsystem: head[3], serviceCode: head[4] }, rest };
}

export const subsystemOf = (s: ServiceId): SubsystemId => ({ instance: s.instance, memberClass: s.memberClass, memberCode: s.memberCode, subsystem: s.subsystem });
