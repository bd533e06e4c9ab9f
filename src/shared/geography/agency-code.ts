/** Electronic identifier of Decision 20/2020/QĐ-TTg: A1A2A3.B1B2.C1C2.D1D2D3 (e.g. 000.00.05.H38). */
export const AGENCY_CODE_PATTERN = '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9A-Z]{2}$';
export const AGENCY_CODE_RE = new RegExp(AGENCY_CODE_PATTERN);

export const isAgencyCode = (s: string): boolean => AGENCY_CODE_RE.test(s);

/** A child's identifier keeps every non-zero segment of its parent's and differs from it. */
export function codeExtendsParent(child: string, parent: string): boolean {
  if (child === parent) return false;
  const c = child.split('.');
  const p = parent.split('.');
  return p.every((seg, i) => /^0+$/.test(seg) || seg === c[i]);
}
