import type { DbOrTx } from '../../../platform/db/client';

/** An enterprise as the national business registration database (Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp) knows it. */
export interface BusinessRecord {
  /** 10-digit enterprise code (mã số doanh nghiệp, also the tax code). */
  enterpriseCode: string;
  name: string;
  legalRepresentativePersonalId: string;
  status: 'active' | 'suspended' | 'dissolved';
}

/**
 * Lookup of enterprises and their legal representatives. The demo list implements it today; the business registry
 * module replaces it later.
 */
export interface BusinessDirectory {
  /** `db`: the caller's transaction, for a directory kept in this database (PGlite has one connection). */
  findByCode(enterpriseCode: string, db?: DbOrTx): Promise<BusinessRecord | null>;
  /** Enterprises whose legal representative (người đại diện theo pháp luật) is this person. */
  findByLegalRepresentative(personalId: string): Promise<BusinessRecord[]>;
}
