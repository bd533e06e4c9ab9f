import type { DbOrTx } from '../../../platform/db/client';
import type { AssuranceLevel } from '../assurance';

/** A person as the population registry (Cơ sở dữ liệu quốc gia về dân cư) knows them. */
export interface CitizenRecord {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthdate: string;
  sex: 'male' | 'female';
  /** The person's VNeID account level (mức độ định danh). */
  assuranceLevel: AssuranceLevel;
}

/**
 * Lookup of people by personal ID number. The demo list implements it today; the population registry module
 * replaces it later without changes to its callers.
 */
export interface CitizenDirectory {
  /** `db`: the caller's transaction, to read (and log the read) through it (PGlite has one connection). */
  findByPersonalId(personalId: string, db?: DbOrTx): Promise<CitizenRecord | null>;
}
