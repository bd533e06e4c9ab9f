/**
 * What the dossier module needs from the rest of the platform, as narrow interfaces (wired in main.ts with the
 * catalogue, geography, calendar and identity services). Every read method takes the transaction to read through:
 * the dossier's writes read what decides them in the same transaction (on PGlite, with its one connection, a read
 * outside the open transaction would wait for it forever).
 */
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { DossierCodes } from './dossier.code';
import type { Clock } from '../../platform/context';
import type { Grant, Principal } from '../../platform/auth/policy';
import type { Calendar } from '../../shared/calendar';
import type { OfficerRole } from '../../shared/dossier';
import type { ValidateOptions, ValidationResult } from '../../shared/eform';
import type { PrefillSkip, StoredPrefill, PrefilledField } from './dossier.schema';
import type { BlobStore, VirusScanner } from './dossier.attachments';
import type { DossierRow } from './dossier.repo';
// Types of other modules, from their public faces.
import type { ProcedureVersion } from '../catalog';
import type { AgencyRow } from '../geography';
import type { FilingIdentity, FilingRequest, OnBehalfOf } from '../identity';

export type { AgencyRow, FilingIdentity, FilingRequest, OnBehalfOf, ProcedureVersion };

/** The procedure catalogue (CatalogService). */
export interface ProcedureCatalog {
  getVersion(versionId: string, db?: DbOrTx): Promise<ProcedureVersion>;
  currentVersion(procedureRef: string, db?: DbOrTx): Promise<ProcedureVersion>;
  validateData(versionId: string, data: unknown, opts?: ValidateOptions, db?: DbOrTx): Promise<ValidationResult>;
}

/** Agencies and jurisdiction (geography's AgencyDirectory). */
export interface Agencies {
  get(id: string, db?: DbOrTx): Promise<AgencyRow | undefined>;
  roleIn(principal: Principal | null, roles: readonly OfficerRole[], agencyId: string, db?: DbOrTx): Promise<string | null>;
  agenciesFor(principal: Principal, roles: readonly OfficerRole[], db?: DbOrTx): Promise<Set<string>>;
}

/** Names of administrative units, for the letterheads of the forms (geography's CurrentUnits). */
export interface UnitNames {
  placeOf(code: string, db?: DbOrTx): Promise<{ name: string; provinceName: string | null } | null>;
}

/** The working-day calendar (CalendarService). */
export interface WorkingCalendar {
  calendar(db?: DbOrTx): Promise<Calendar>;
}

/** Role grants of accounts (IdentityService). */
export interface Accounts {
  grantsOf(accountId: string, db?: DbOrTx): Promise<Grant[]>;
  /** Display names by account id (unknown ids left out). */
  displayNamesOf(ids: readonly string[], db?: DbOrTx): Promise<Map<string, string>>;
  /** Active officers holding one of `roles` over the agency (granted there, or on a parent with its sub-agencies). */
  holdersOf(roles: readonly OfficerRole[], agencyId: string): Promise<string[]>;
}

/** The identity module's filing check (ElectronicIdentity.resolveFilingIdentity): whose dossier, and as whose agent. */
export interface FilingResolver {
  resolveFilingIdentity(db: DbOrTx, principal: Principal, request: FilingRequest): Promise<FilingIdentity>;
}

export interface DossierDeps {
  db: Db;
  clock: Clock;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  directory: Agencies;
  units: UnitNames;
  identity: Accounts;
  filing: FilingResolver;
  blobs: BlobStore;
  scanner: VirusScanner;
  /**
   * Dossier codes reserved at a time per (agency, day) by this process (dossier.code.ts): 1 = drawn in the
   * submitting transaction, gapless (the default; PGlite); more = blocks from memory, off the hot counter row.
   */
  codeBlock?: number;
}

// --- Once-only hooks (implemented by the vault module, wired in registry/index.ts) ---------------------------------

/** What the prefill needs to know about a new draft. */
export interface PrefillRequest {
  principal: Principal;
  requestId: string | null;
  dossierId: string;
  agencyId: string;
  version: ProcedureVersion;
  /** Whose dossier (the principal under an authorisation, the business for an organisation filing). */
  subject: { type: 'citizen' | 'business'; id: string };
  /** True when the caller files as agent (authorisation or business). */
  asAgent: boolean;
  now: Date;
}
export interface PrefillOutcome {
  fields: Record<string, PrefilledField>;
  skipped: PrefillSkip[];
}
export type { StoredPrefill };

/** An officer's read of an attachment's bytes, to be logged against the dossier's subject (the data tracker). */
export interface AttachmentRead {
  at: Date;
  subject: { type: 'citizen' | 'business'; id: string };
  accountId: string;
  accountKind: string;
  /** The agency the officer reads for (the handling agency, or the consulted one). */
  agencyId: string | null;
  dossierId: string;
  /** The dossier code (or its id while it has none): the purpose of the read. */
  dossierCode: string;
  documentId: string;
  requestId: string | null;
}

export interface DossierHooks {
  /** An officer reads an attachment: logged in the subject's access log BEFORE the bytes are handed out. */
  attachmentRead?(db: DbOrTx, read: AttachmentRead): Promise<void>;
  /** Reads the registries for the draft's bound fields (logged, consent-checked), in the draft's transaction. */
  prefill?(tx: Tx, req: PrefillRequest): Promise<PrefillOutcome>;
  /** An electronic result was issued: adds it to the subject's data store, in the action's transaction. */
  resultIssued?(tx: Tx, row: DossierRow, version: ProcedureVersion, now: Date): Promise<void>;
  /** Signs a rendered form (01–05) with the receiving agency's certificate (the result module's signer). */
  signForm?(input: { pdf: Buffer; agencyId: string; form: string; code: string }, now: Date): Promise<Buffer>;
  /** The name of an agency hosted on another node, by its electronic identifier (a remote consultation's form 06). */
  remoteAgencyName?(code: string, db: DbOrTx): Promise<string | null>;
}

/** The dependencies and hooks every part of the module works with. */
export interface DossierContext extends DossierDeps {
  hooks: DossierHooks;
  /** This process's source of dossier codes. */
  codes: DossierCodes;
  /** Now, to the millisecond, from the injected clock. */
  now(): Date;
}
