/**
 * What the notification module needs from other modules, as interfaces, and the adapters to today's public
 * services. This is the only file that knows those services: when the dossier module has its `index.ts`, only the
 * imports below change.
 *
 * The dossier module must provide (beyond what it has today, see `dossierReaderOf`): the facts of a dossier AT an
 * event's sequence number (today the current projection is read, so a message planned after a later action shows
 * the later facts), a supplement due date if the law sets one, and the amount and reason of a payment request.
 */
import type { Calendar } from '../../shared/calendar';
import type { Principal } from '../../platform/auth/policy';
import type { DbOrTx } from '../../platform/db/client';
import type { DossierService, DossierRow } from '../dossier';
import type { AgencyDirectory } from '../geography';
import type { IdentityService } from '../identity';
import type { Role } from '../../shared/auth/roles';

/** What a message about a dossier may say (no form data). */
export interface DossierFacts {
  id: string;
  code: string | null;
  agencyId: string;
  procedureName: { vi: string; en: string };
  state: string;
  /** The legal clock runs (received, not stopped for the applicant, not finished). */
  running: boolean;
  subject: { type: 'citizen' | 'business'; id: string };
  /** Citizen accounts that filed it (the filer, an agent); empty for a counter filing. */
  filerAccountIds: string[];
  assigneeId: string | null;
  consultAgencyId: string | null;
  dueAt: Date | null;
  supplement: { reason: string; missingItems: string[]; dueAt: Date | null } | null;
  extension: { reason: string; previousDueAt: string | null; newDueAt: string } | null;
  refusalReason: string | null;
  stopReason: string | null;
  payment: { reason: string | null; amountVnd: number | null } | null;
  returnMethod: 'online' | 'counter' | 'post' | null;
  resultElectronic: boolean | null;
  /** Every consultation asked (agency code, question, when, answer due): a message picks the one of its event. */
  consultations: Array<{ agencyCode: string; question: string; requestedAt: string; stepDueAt: string }>;
  eventCount: number;
}

export interface DossierReader {
  facts(dossierId: string): Promise<DossierFacts | null>;
  /** Who the caller is to the dossier (throws the dossier module's 404/403 when they may not see it). */
  access(principal: Principal, dossierId: string): Promise<{ applicant: boolean; officer: boolean }>;
}

export interface AgencyInfo {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  oneStopUnit: string;
  oneStopUnitEn: string | null;
  address: string | null;
}

export interface AgencyReader {
  get(id: string): Promise<AgencyInfo | undefined>;
  byCode(code: string): Promise<AgencyInfo | undefined>;
  /** Agencies the principal holds one of the roles in (for the administration pages' scope). */
  agenciesFor(principal: Principal, roles: readonly Role[]): Promise<Set<string>>;
}

export interface AccountContact {
  id: string;
  kind: 'officer' | 'citizen' | 'system';
  displayName: string;
  email: string | null;
  personalId: string | null;
}

export interface PeopleReader {
  contacts(accountIds: string[]): Promise<AccountContact[]>;
  citizenAccountOf(personalId: string): Promise<string | null>;
  /** Active officers holding one of the roles over the agency (directly or through a grant on a parent). */
  holdersOf(roles: readonly Role[], agencyId: string): Promise<string[]>;
}

export interface ConsentReader {
  hasConsent(db: DbOrTx, personalId: string, purpose: string, at: Date): Promise<boolean>;
}

export interface CalendarReader {
  calendar(): Promise<Calendar>;
}

export interface NotifyPorts {
  dossiers: DossierReader;
  agencies: AgencyReader;
  people: PeopleReader;
  consent: ConsentReader;
  calendar: CalendarReader;
}

const CLOCK_STOPPED = new Set(['draft', 'submitted', 'supplement_requested', 'payment_requested', 'result_issued', 'rejected', 'withdrawal_requested', 'refused', 'returned', 'withdrawn', 'stopped']);

/** The dossier module's public service, read for messages (DossierService.load and .readable). */
export function dossierReaderOf(service: DossierService): DossierReader {
  return {
    async facts(id) {
      let row: DossierRow;
      try {
        const found = await service.load(id);
        if (!found) return null;
        row = found;
      } catch {
        return null;
      }
      const p = row.projection;
      return {
        id: row.id,
        code: row.code,
        agencyId: row.agencyId,
        procedureName: row.procedureName,
        state: row.state,
        running: !!row.dueAt && !row.finishedAt && !CLOCK_STOPPED.has(row.state),
        subject: { type: row.subjectType, id: row.subjectId },
        filerAccountIds: [...new Set([row.ownerAccountId, row.agentAccountId].filter((x): x is string => !!x))],
        assigneeId: row.assigneeId,
        consultAgencyId: row.consultAgencyId,
        dueAt: row.dueAt,
        supplement: p.supplementRequest ? { ...p.supplementRequest, dueAt: null } : null,
        extension: p.extension,
        refusalReason: p.refusalReason,
        stopReason: p.stopReason,
        payment: null,
        returnMethod: p.returnMethod,
        resultElectronic: p.resultElectronic,
        consultations: p.consultations.map((c) => ({ agencyCode: c.agency, question: c.question, requestedAt: c.requestedAt, stepDueAt: c.stepDueAt })),
        eventCount: row.eventCount,
      };
    },
    async access(principal, id) {
      const { access } = await service.readable(principal, id);
      return { applicant: access.applicant, officer: access.roles.length > 0 || access.consultRoles.length > 0 };
    },
  };
}

export function agencyReaderOf(directory: AgencyDirectory): AgencyReader {
  const info = (a: Awaited<ReturnType<AgencyDirectory['get']>>): AgencyInfo | undefined =>
    a ? { id: a.id, code: a.code, name: a.name, nameEn: a.nameEn, oneStopUnit: a.oneStopUnit, oneStopUnitEn: a.oneStopUnitEn, address: a.address } : undefined;
  return {
    get: async (id) => info(await directory.get(id)),
    byCode: async (code) => info((await directory.all()).find((a) => a.code === code)),
    agenciesFor: (principal, roles) => directory.agenciesFor(principal, roles),
  };
}

export function peopleReaderOf(identity: IdentityService): PeopleReader {
  return {
    contacts: (ids) => identity.contactsOf(ids),
    citizenAccountOf: (personalId) => identity.citizenAccountOf(personalId),
    holdersOf: (roles, agencyId) => identity.holdersOf(roles, agencyId),
  };
}
