import type { AssuranceLevel } from '../assurance';
import type { VerifiedCitizen } from '../identity.service';
import { isPersonalId } from '../../../shared/identity/personal-id';

/** Which claim carries which fact, per provider (EID_CLAIM_*). */
export interface ClaimMapping {
  personalId: string;
  name: string;
  birthdate: string;
  level: string;
}

/** Values of the level claim meaning level 1 and level 2 (EID_LEVEL1_VALUES, EID_LEVEL2_VALUES). */
export type LevelValues = Record<AssuranceLevel, string[]>;

/** Pure: the verified person in a provider's claims, or null when the personal ID or the name is missing or malformed. */
export function mapCitizenClaims(claims: Record<string, unknown>, mapping: ClaimMapping, levels: LevelValues): VerifiedCitizen | null {
  // Only a string keeps the leading zeros of a personal ID (province codes 001–096).
  const rawId = claims[mapping.personalId];
  const personalId = typeof rawId === 'string' ? rawId.replace(/\s+/g, '') : null;
  const rawName = claims[mapping.name];
  const fullName = typeof rawName === 'string' ? rawName.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
  if (!isPersonalId(personalId) || !fullName || fullName.length > 200) return null;
  return { personalId, fullName, birthdate: normaliseBirthdate(claims[mapping.birthdate]), assuranceLevel: levelOf(claims[mapping.level], levels) };
}

/** The level a claim value stands for. An absent or unknown value counts as level 1: never assume more assurance than stated. */
export function levelOf(value: unknown, levels: LevelValues): AssuranceLevel {
  const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  return values.some((v) => levels[2].includes(v)) ? 2 : 1;
}

/** YYYY-MM-DD from YYYY-MM-DD, DD/MM/YYYY or YYYYMMDD; null when absent or not a real date. */
export function normaliseBirthdate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : dmy ? [dmy[3], dmy[2].padStart(2, '0'), dmy[1].padStart(2, '0')] : [];
  if (!y) return null;
  const iso = `${y}-${mo}-${d}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}
