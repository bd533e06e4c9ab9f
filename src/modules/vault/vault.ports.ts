import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { Bilingual } from '../../platform/http/errors';
import type { AccessEntry } from './access-log';
import type { BusinessRow, PersonRow } from '../registry';

/**
 * What the vault needs from other modules, declared here as small interfaces and wired in main.ts, so the vault
 * depends on no other module's files (and the dossier module can change behind them).
 */

/** A dossier (hồ sơ) as the vault sees it. */
export interface DossierRef {
  id: string;
  code: string | null;
  subjectType: 'citizen' | 'business';
  subjectId: string;
  procedureVersionId: string;
}

/** A dossier summary in a data-subject copy. */
export interface DossierSummary {
  id: string;
  code: string | null;
  procedureKey: string;
  procedureName: unknown;
  agencyCode: string;
  state: string;
  createdAt: string;
  submittedAt: string | null;
  finishedAt: string | null;
}

/** A file attached to a dossier, as the caller may download it. */
export interface DossierFile {
  documentId: string;
  fileName: string;
  bytes: Buffer;
}

/** A data-store item attached to a dossier (the same blob, no new upload). */
export interface StoreItemRef {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
}

/** The dossier module, as the vault uses it. Each method applies the dossier module's own access rules. */
export interface VaultDossiers {
  /** The dossier if the caller may see it (the dossier module's 404/403 otherwise), and whether they are its applicant. */
  readable(principal: Principal, dossierId: string, db?: DbOrTx): Promise<{ dossier: DossierRef; applicant: boolean }>;
  /** An attachment's file, if the caller may read the dossier. */
  attachment(principal: Principal, dossierId: string, attachmentId: string): Promise<DossierFile>;
  /** The required documents (ids) already attached from the data store. */
  attachedFromStore(principal: Principal, dossierId: string): Promise<string[]>;
  /** Attaches a store item to a required document, in the caller's transaction. */
  attachFromStore(tx: Tx, principal: Principal, actor: Actor, dossierId: string, input: { documentId: string; item: StoreItemRef }): Promise<unknown>;
  /** The codes of dossiers by id (drafts have none), to name the dossier a read was for in the data tracker. */
  codesOf(ids: readonly string[]): Promise<Map<string, string>>;
  /** Every dossier of a person (filed by, for or as agent of them), for a data-subject copy. */
  summariesOf(accountId: string, personalId: string): Promise<DossierSummary[]>;
}

/** A procedure's required document (thành phần hồ sơ), as the catalogue describes it. */
export interface RequiredDocumentRef {
  id: string;
  name: Bilingual;
  requirement: string;
  fromDataStore: boolean;
}

/** The catalogue, as the vault uses it. */
export interface VaultCatalog {
  requiredDocuments(procedureVersionId: string): Promise<RequiredDocumentRef[]>;
}

/** A person's record in the population registry, the columns the vault uses (the registry's own type). */
export type RegistryPerson = Pick<PersonRow, 'personalId' | 'fullName' | 'birthDate' | 'sex' | 'nationality' | 'ethnicity' | 'originCommune' | 'permanentCommune' | 'permanentStreet' | 'currentCommune' | 'currentStreet' | 'spouseId' | 'marriageRef'>;

/** An enterprise in the business register, the columns the vault uses. */
export type RegistryBusiness = Pick<BusinessRow, 'enterpriseCode' | 'nameVi' | 'communeCode' | 'street' | 'legalRepId'>;

/** A read made for the vault's purpose, logged against the data subject by the registry. */
export type RegistryRead = Omit<AccessEntry, 'subjectType' | 'subjectId' | 'source' | 'sensitive'>;

/** The registry module, as the vault uses it: reads that the registry logs in the access log. */
export interface VaultRegistry {
  /** `db`: the caller's transaction, to read (and log the read) through it. */
  readPerson(personalId: string, read: RegistryRead, db?: DbOrTx): Promise<RegistryPerson | null>;
  readBusiness(enterpriseCode: string, read: RegistryRead, db?: DbOrTx): Promise<RegistryBusiness | null>;
  /** Every field of the person's record, as a data-subject copy hands it out. */
  copyOfPerson(personalId: string, read: Omit<RegistryRead, 'fields'>, db?: DbOrTx): Promise<object | null>;
}

/** Where file bytes live (the dossier attachments' blob store: one copy per content). */
export interface Blobs {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
}

/** Malware scan of an uploaded file before it is stored. */
export interface Scanner {
  scan(bytes: Buffer): Promise<{ clean: boolean }>;
}

/** An electronic result just issued on a dossier, to add to its subject's store (in the issuing transaction). */
export interface IssuedResult {
  dossierId: string;
  code: string | null;
  agencyId: string;
  agencyCode: string;
  subject: { type: 'citizen' | 'business'; id: string; name: string };
  result: { name: Bilingual; documentType: string; validityMonths: number | null };
  /** The signed file (the result module's), stored as is: bytes, their SHA-256 (hex) and an ASCII file name. */
  file: { bytes: Buffer; sha256: string; fileName: string };
}


/** A result's new status in the issuing agency's register, for its store item (in the result module's transaction). */
export interface ResultStatusChange {
  dossierId: string;
  /** The SHA-256 (hex) of the signed file whose status changed. */
  sha256: string;
  status: 'valid' | 'revoked' | 'replaced';
  /** The verification code of the replacing result. */
  replacedBy: string | null;
}
