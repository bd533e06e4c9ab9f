import { AppError } from './platform/http/errors';
import type { Config } from './config';
import { openDatabase, migrateDatabase, type Database, type DbOrTx } from './platform/db/client';
import { systemClock, type AppContext, type Clock } from './platform/context';
import { InProcessEventBus, OutboxDispatcher } from './platform/events/outbox';
import { createHttpServer, type App, type RouteInfo } from './platform/http/app';
import { registerAuthHook } from './platform/auth/auth.hook';
import { sealAll } from './platform/audit/audit.service';
import { registerHealthRoutes } from './platform/http/health.routes';
import { AgencyDirectory, AgencyService, CurrentUnits, registerGeographyRoutes } from './modules/geography';
import { DemoBusinessDirectory, DemoCitizenDirectory, IdentityService, registerElectronicIdentity, registerIdentityRoutes, type ElectronicIdentity } from './modules/identity';
import { ACCESS_CLIENTS } from './shared/api/registry';
import { RegistryBusinessDirectory, RegistryCitizenDirectory, RegistryService, registerRegistryRoutes } from './modules/registry';
import { recordAccess, registerVault, vaultProofAudiences, type Vault, type VaultCatalog, type VaultDossiers } from './modules/vault';
import { CalendarService } from './platform/calendar/calendar.service';
import { CatalogService, registerCatalogRoutes, type ProcedureVersion } from './modules/catalog';
import { registerCalendarRoutes } from './platform/calendar/calendar.routes';
import { EicarScanner, registerDossiers, type DossierRow, type DossierService } from './modules/dossier';
import { registerWebApp } from './platform/http/web';
import { registerTlog, verifyLog, type TransparencyLog } from './modules/tlog';
import { AuditViewer } from './platform/audit/audit.viewer';
import { registerAuditRoutes } from './platform/audit/audit.routes';
import { registerNotify, type NotifyModule } from './modules/notify';
import { registerVerification, type VerificationModule } from './modules/verification';
import { RESULT_ISSUE_ERRORS, registerResults, renderReceiptPdf, type IssueInput, type ResultModule } from './modules/result';
import { registerVoice, type VoiceDossier, type VoiceModule } from './modules/voice';
import { registerPayments, type PaymentDossier, type PaymentModule } from './modules/payment';
import { registerOpendata, type OpendataModule } from './modules/opendata';
import { registerAnalytics, type AnalyticsModule, type ProcedureRef } from './modules/analytics';
import { registerSupervision, type SupervisionModule } from './modules/supervision';
import { meetingErrors, registerMeetings, type MeetingModule } from './modules/meeting';
import { registerInspections, type InspectionModule } from './modules/inspection';
import { registerExchange, type ExchangeModule } from './modules/exchange';
import { registerExchangeEvents, type ExchangeEventsModule } from './modules/exchange/events';
import { registerNationalPortal, type NationalPortalModule } from './modules/exchange/portal';

export interface Platform {
  ctx: AppContext;
  app: App;
  routes: RouteInfo[];
  services: {
    directory: AgencyDirectory;
    agencies: AgencyService;
    units: CurrentUnits;
    identity: IdentityService;
    eid: ElectronicIdentity;
    calendar: CalendarService;
    catalog: CatalogService;
    dossiers: DossierService;
    registry: RegistryService;
    vault: Vault;
    /** The transparency log (nhật ký minh bạch). */
    tlog: TransparencyLog;
    /** Notifications (thông báo): e-mail, SMS, Zalo, in-app. */
    notify: NotifyModule;
    /** Public verification of signed results (xác thực). */
    verification: VerificationModule;
    /** Signed electronic results (kết quả điện tử, PAdES) and their status lookup for the verifier. */
    results: ResultModule;
    /** Ratings, petitions (phản ánh, kiến nghị) and the virtual assistant. */
    voice: VoiceModule;
    payments: PaymentModule;
    /** Open data: the dataset catalogue, the CKAN Action API, DCAT-AP. */
    opendata: OpendataModule;
    analytics: AnalyticsModule;
    /** Online supervision (giám sát trực tuyến): reporting obligations, deliveries, receipts, compliance. */
    supervision: SupervisionModule;
    /** Paperless meetings (họp không gặp mặt). */
    meetings: MeetingModule;
    /** Online inspection (kiểm tra trực tuyến). */
    inspections: InspectionModule;
    /** Agency-to-agency data exchange (X-Road REST gateway). */
    exchange: ExchangeModule;
    /** Events between nodes on NATS JetStream (remote consultations). */
    exchangeEvents: ExchangeEventsModule;
    /** Status sync to the National Public Service Portal. */
    nationalPortal: NationalPortalModule;
  };
  /** Starts background work: outbox dispatcher, audit sealer, the procedure search index. */
  startBackground(): void;
  close(): Promise<void>;
}

export interface BuildOptions {
  database?: Database;
  clock?: Clock;
  logger?: boolean;
  /** Where JSON logs go (default: standard output). */
  logStream?: NodeJS.WritableStream;
  migrate?: boolean;
}

/** Wires the platform: database, services, HTTP routes. Used by `motcua start`, the tests and the benchmarks. */
export async function buildPlatform(config: Config, opts: BuildOptions = {}): Promise<Platform> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  if (opts.migrate !== false) await migrateDatabase(database);
  const db = database.db;
  const clock = opts.clock ?? systemClock;
  const bus = new InProcessEventBus();
  const dispatcher = new OutboxDispatcher(db, bus, { pollMs: config.outboxPollMs, now: () => clock.now() });
  const ctx: AppContext = { config, database, db, clock, bus, dispatcher, startup: { pending: null } };

  const directory = new AgencyDirectory(db);
  const units = new CurrentUnits(db);
  const agencies = new AgencyService(db, directory, units);
  const identity = new IdentityService(db, config, clock, directory);
  const calendar = new CalendarService(db);
  const catalog = new CatalogService(db);

  const { app, routes } = await createHttpServer(ctx, { logger: opts.logger, logStream: opts.logStream });
  registerAuthHook(app, identity);
  registerHealthRoutes(app, ctx);
  registerIdentityRoutes(app, ctx, identity);
  // The e-ID provider's citizens and the businesses come from the national registries; in demo mode only, the demo
  // lists answer while the registry has no such record (e.g. before the demo registry is loaded).
  const demo = config.seedDemo ? demoDirectories() : null;
  const businesses = new RegistryBusinessDirectory(db, clock, demo?.businesses);
  const eid = await registerElectronicIdentity(app, ctx, identity, { citizens: new RegistryCitizenDirectory(db, clock, demo?.citizens), businesses });
  registerGeographyRoutes(app, ctx, agencies);
  registerCalendarRoutes(app, ctx, calendar);
  registerCatalogRoutes(app, ctx, catalog, directory, units);
  const dossiers = registerDossiers(app, ctx, { catalog, calendar, directory, units, identity, filing: eid }, { issue_result: RESULT_ISSUE_ERRORS, documents: RESULT_ISSUE_ERRORS });
  const registry = new RegistryService(db, clock);
  registerRegistryRoutes(app, registry);
  // The once-only parts: the vault reaches dossiers and the catalogue only through its ports, the dossier module
  // reaches the vault only through its hooks (registry prefill of new drafts, results into the data store).
  const vault = registerVault(app, ctx, { directory, units, calendar, businesses, registry, dossiers: vaultDossiers(dossiers), catalog: vaultCatalog(catalog), blobs: dossiers.blobs, scanner: new EicarScanner() });
  // Results: rendered and signed by the result module, then stored in the subject's data store, all in the
  // transaction of the issue-result action.
  // A revocation or replacement (cấp lại) is told to the subject's data store in the same transaction; a
  // replacement is re-rendered from the dossier as its issue-result action renders it.
  const issueInput = (row: DossierRow, version: ProcedureVersion): IssueInput => ({ dossierId: row.id, code: row.code, agencyId: row.agencyId, procedureName: row.procedureName.vi, subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName }, data: row.data, labels: eformLabels(version.eform), result: version.result });
  const results = registerResults(app, ctx, {
    agencies: directory,
    units,
    dossiers: {
      readable: (principal, id, db) => dossiers.readable(principal, id, db),
      async issueInput(principal, id, tx) {
        const { row } = await dossiers.readable(principal, id, tx);
        return issueInput(row, await catalog.getVersion(row.procedureVersionId, tx));
      },
      async copyTarget(principal, id, tx) {
        const { row } = await dossiers.readable(principal, id, tx);
        return { input: issueInput(row, await catalog.getVersion(row.procedureVersionId, tx)), state: row.state, agencyCode: row.agencyCode };
      },
    },
    people: { displayNameOf: async (accountId, db) => (await identity.displayNamesOf([accountId], db)).get(accountId) ?? null },
    // A certified copy goes to the subject's data store like a result, in the certifying transaction.
    copyIssued: (tx, { input, agencyCode, file }, now) => vault.store.addResult(tx, { dossierId: input.dossierId, code: input.code, agencyId: input.agencyId, agencyCode, subject: input.subject, result: input.result, file }, now),
    blobs: dossiers.blobs,
    async statusChanged(tx, change, now) {
      const r = change.replacement;
      if (r) await vault.store.addResult(tx, { dossierId: change.dossierId, code: r.input.code, agencyId: r.input.agencyId, agencyCode: r.agencyCode, subject: r.input.subject, result: r.input.result, file: r.file }, now);
      await vault.store.setResultStatus(tx, { dossierId: change.dossierId, sha256: change.sha256, status: change.status, replacedBy: change.replacedBy }, now);
    },
  });
  dossiers.useHooks({
    // Forms 01–05 signed with the receiving agency's certificate, the signer of its results.
    signForm: ({ pdf, agencyId, form, code }, now) => results.signPdf({ pdf, agencyId, reason: `Mẫu số ${form} của hồ sơ ${code}` }, now),
    prefill: (tx, req) => vault.prefill.prefill(req, tx),
    // An officer's download of an attachment, in the subject's access log (data tracker) before the bytes go out.
    attachmentRead: (db, r) =>
      recordAccess(db, [
        { at: r.at, subjectType: r.subject.type === 'citizen' ? 'person' : 'business', subjectId: r.subject.id, source: 'dossier-attachment', operation: 'lookup', accountId: r.accountId, accountKind: r.accountKind, agencyId: r.agencyId, client: ACCESS_CLIENTS.officerWorkspace, purpose: r.dossierCode, dossierId: r.dossierId, fields: ['attachment'], sensitive: false, requestId: r.requestId },
      ]),
    resultIssued: async (tx, row, version, now) => {
      const subject = { type: row.subjectType, id: row.subjectId, name: row.subjectName };
      const signed = await results.issue(tx, issueInput(row, version), now);
      await vault.store.addResult(tx, { dossierId: row.id, code: row.code, agencyId: row.agencyId, agencyCode: row.agencyCode, subject, result: version.result, file: { bytes: signed.bytes, sha256: signed.row.sha256, fileName: signed.row.fileName } }, now);
    },
  });
  // Citizens open the commitments of reads of their data and of their consents; a dossier's readers see the proofs
  // of its actions.
  const tlog = registerTlog(app, ctx, {
    audiences: vaultProofAudiences,
    about: { dossier: async (principal, id) => !!(await dossiers.readable(principal, id)) },
  });
  // The audit viewer (platform): agencies and accounts through their modules; the log's head checked by the log's
  // own verifier (its tree against the stored head and signed checkpoints).
  const auditViewer = new AuditViewer(
    db,
    {
      agencies: { agenciesFor: (principal, roles) => directory.agenciesFor(principal, roles) },
      people: { displayNamesOf: (ids) => identity.displayNamesOf(ids), accountIdsMatching: (text) => identity.accountIdsMatching(text) },
      async logStatus() {
        const r = await verifyLog(db, { logKey: tlog.verifier(), maxProblems: 20 });
        return { ok: r.ok, size: r.size, checkpoints: r.checkpoints, pending: r.pending, problems: r.problems.map((p) => ({ code: p.code, detail: p.detail })) };
      },
    },
    () => clock.now(),
  );
  registerAuditRoutes(app, auditViewer, () => clock.now());
  const notify = await registerNotify(app, ctx, { dossiers, directory, identity, calendar });
  // Until the result module is wired, the register of issued results is empty (its lookup answers nothing).
  // The verifier trusts the roots in TRUST_ANCHORS_FILE (the results module writes the demo root there) and asks the
  // results module whether a signed file is one this installation issued, and whether it still stands.
  const verification = registerVerification(app, ctx, { lookup: results.lookup });
  const voiceDossier = (row: DossierRow): VoiceDossier => ({ id: row.id, code: row.code, state: row.state, agencyId: row.agencyId, procedureKey: row.procedureKey, procedureName: row.procedureName.vi, assigneeId: row.assigneeId });
  const voice = registerVoice(app, ctx, {
    dossiers: {
      async readable(principal, id, db) {
        const { row, access } = await dossiers.readable(principal, id, db);
        return { dossier: voiceDossier(row), applicant: access.applicant };
      },
      byCode: async (code, db) => {
        const row = await dossiers.loadByCode(code, db);
        return row ? voiceDossier(row) : undefined;
      },
    },
    agencies: directory,
    people: { displayNamesOf: (ids) => identity.displayNamesOf(ids) },
    calendar: (db) => calendar.calendar(db),
    blobs: dossiers.blobs,
    scanner: new EicarScanner(),
    async officerDossier(principal, id) {
      const d = await dossiers.detail(principal, id);
      return { id: d.id, code: d.code, state: d.state, procedureKey: d.procedure.key, versionId: d.procedure.versionId, availableActions: d.availableActions ?? [] };
    },
    async procedureVersion(ref) {
      const v = await ('versionId' in ref ? catalog.getVersion(ref.versionId) : catalog.currentVersion(ref.key)).catch(() => null);
      return v ? { key: v.key, name: v.name, legalBases: v.legalBases, feeBases: v.fees.flatMap((f) => f.legalBasis ?? []), eform: v.eform } : null;
    },
    // The current published version of every procedure (a retired or never published one is left out).
    async publishedProcedures() {
      const out = [];
      for (const { key } of await catalog.exportAll()) out.push(await catalog.currentVersion(key).catch(() => null));
      return out.filter((v): v is ProcedureVersion => !!v);
    },
  });
  // Payments: the dossier's fees and its officer's request through ports; receipts rendered on the results' layout
  // and signed with the agency's certificate; a successful payment confirms a dossier waiting for it in the same
  // transaction.
  const paymentDossier = async (row: DossierRow, db: DbOrTx): Promise<PaymentDossier> => {
    const version = await catalog.getVersion(row.procedureVersionId, db);
    return { id: row.id, code: row.code, agencyId: row.agencyId, agencyCode: row.agencyCode, state: row.state, channel: row.channel, subjectName: row.subjectName, subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName }, procedureName: row.procedureName.vi, fees: version.fees, data: row.data, paymentRequest: await dossiers.paymentRequestOf(row, db) };
  };
  const payments = await registerPayments(
    app,
    ctx,
    {
      dossiers: {
        async readable(principal, id, db) {
          const { row, access } = await dossiers.readable(principal, id, db);
          return { dossier: await paymentDossier(row, db), applicant: access.applicant };
        },
        async load(id, db) {
          const row = await dossiers.load(id, db);
          return row ? paymentDossier(row, db) : undefined;
        },
        async confirmPaid(tx, id, reference) {
          await dossiers.confirmPaidBySystem(tx, id, reference);
        },
      },
      agencies: directory,
      // A receipt is kept in the subject's data store like a result of the dossier (document type fee-receipt).
      storeReceipt: (tx, { dossier, title, file }, now) =>
        vault.store.addResult(tx, { dossierId: dossier.id, code: dossier.code, agencyId: dossier.agencyId, agencyCode: dossier.agencyCode, subject: dossier.subject, result: { name: { vi: title, en: 'Fee receipt' }, documentType: 'fee-receipt', validityMonths: null }, file }, now),
      sign: (input, now, db) => results.signPdf(input, now, db),
    },
    { renderer: { render: renderReceiptPdf } },
  );
  // Open data: agencies are CKAN organisations; the DataStore's actions join the same dispatcher (extraActions).
  const opendata = registerOpendata(app, ctx, { agencies: directory, dossierCounts: () => dossiers.monthlyCounts() }, { extraActions: [] });
  // Analytics: the outbox into rollups; agencies and the published procedures through ports; dashboard reads on the
  // replica when ANALYTICS_DATABASE_URL is set.
  const analyticsRead = config.analytics.databaseUrl ? await openDatabase({ databaseUrl: config.analytics.databaseUrl, poolSize: 4 }) : null;
  const agencyRef = (a: { id: string; code: string; name: string; kind: string; parentId: string | null }) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, parentId: a.parentId });
  const analytics = registerAnalytics(app, ctx, {
    textPdf: (input, at) => results.textPdf(input, at),
    ...(analyticsRead ? { readDb: analyticsRead.db } : {}),
    agencies: {
      get: async (id) => {
        const a = await directory.get(id);
        return a ? agencyRef(a) : undefined;
      },
      all: async () => (await directory.all()).map(agencyRef),
      descendants: (id) => directory.descendants(id),
      agenciesFor: (principal, roles) => directory.agenciesFor(principal, roles),
    },
    agencyByCode: async (code) => {
      const a = (await directory.all()).find((x) => x.code === code);
      return a ? agencyRef(a) : undefined;
    },
    async procedures() {
      const out: ProcedureRef[] = [];
      for (const { key } of await catalog.exportAll()) {
        const v = await catalog.currentVersion(key).catch(() => null);
        if (!v) continue;
        const withFee = v.fees.some((f) => f.type !== 'exempt');
        const complete = !!(v.steps.length && v.documents.length && v.fees.length && v.legalBases.length && v.applicantTypes.length && v.processingTime && v.result);
        out.push({ key: v.key, name: v.name.vi, agencyKind: v.agencyKind, online: v.onlineLevel === 'full', withFee, payable: withFee && v.onlineLevel === 'full', national: v.nationalCode !== null, complete });
      }
      return out;
    },
  });
  // Supervision: enterprises from the business registry (through the identity module's directory and the registry's
  // class query), who may act for one from the organisation accounts, alerts' recipients from the identity module.
  const supervision = registerSupervision(app, ctx, {
    agencies: directory,
    businesses: {
      find: (code, db) => businesses.registerEntry(code, db),
      inClass: (cls, db) => registry.businessesInClass(cls, db),
    },
    async mayActFor(db, principal, enterpriseCode) {
      if (principal.kind !== 'citizen' || !principal.personalId) return false;
      const s = await eid.organisations.standingOf(db, principal.personalId, enterpriseCode);
      return !!s && s.rights.includes('file_dossiers');
    },
    people: { citizenAccountOf: (id) => identity.citizenAccountOf(id), holdersOf: (roles, agencyId) => identity.holdersOf(roles, agencyId) },
    calendar: (db) => calendar.calendar(db),
  });
  // Paperless meetings: agencies and names through their modules, minutes signed by the result module.
  const agencyOf = async (id: string, db?: DbOrTx) => {
    const a = await directory.get(id, db);
    return a ? { id: a.id, name: a.name, parentId: a.parentId } : undefined;
  };
  const meetings = registerMeetings(
    app,
    ctx,
    {
      agencies: { get: agencyOf, roleIn: (principal, roles, agencyId, db) => directory.roleIn(principal, roles, agencyId, db) },
      people: { displayNamesOf: (ids, db) => identity.displayNamesOf(ids, db), holdersOf: (roles, agencyId) => identity.holdersOf(roles, agencyId) },
      results: { signPdf: (input, now, db) => results.signPdf(input, now, db), textPdf: (input, at) => results.textPdf(input, at) },
    },
    RESULT_ISSUE_ERRORS,
  );
  // Online inspection: the entity from the business registry, the remote session a meeting, the minutes signed by
  // the agency and countersigned by the entity's representative through the result module.
  const inspections = registerInspections(
    app,
    ctx,
    {
      agencies: { get: agencyOf, roleIn: (principal, roles, agencyId, db) => directory.roleIn(principal, roles, agencyId, db) },
      people: { displayNamesOf: (ids, db) => identity.displayNamesOf(ids, db) },
      businesses: { findByCode: (code, db) => businesses.registerEntry(code, db), findByLegalRepresentative: (personalId) => businesses.findByLegalRepresentative(personalId) },
      meetings: { create: (tx, actor, createdBy, body, names, now) => meetings.service.create(tx, actor, createdBy, body, names, now) },
      results: { signPdf: (input, now, db) => results.signPdf(input, now, db), countersignPdf: (input, now) => results.countersignPdf(input, now), textPdf: (input, at) => results.textPdf(input, at) },
    },
    { signing: RESULT_ISSUE_ERRORS, meeting: [meetingErrors.badTimes, meetingErrors.duplicateParticipant] },
  );
  // The exchange gateway: the registries read in the message's transaction (logged in the subject's tracker), the
  // dossier status and result register through their public lookups.
  const exchange = registerExchange(app, ctx, {
    registry: { readPerson: (id, read, db) => registry.readPerson(id, read, db), readBusiness: (code, read, db) => registry.readBusiness(code, read, db) },
    dossierStatus: async (code) => (await dossiers.loadByCode(code)) ? dossiers.publicLookup(code) : undefined,
    resultStatus: (code) => results.lookup.byCode(code),
    // Reports from regulated enterprises' nodes: the supervision module's delivery; its refusals answered as such.
    async supervisionDelivery(input, at) {
      try {
        const d = await supervision.service.deliverFromExchange(input, at);
        return { status: d.duplicate ? 200 : 201, body: d };
      } catch (e) {
        if (e instanceof AppError && e.status < 500) return { status: e.status, body: { error: e.code, detail: e.detail?.en ?? e.title.en, detailVi: e.detail?.vi ?? e.title.vi } };
        throw e;
      }
    },
  });
  // Events between nodes: local agencies through the directory, the dossier's remote consultation through its port;
  // a remote agency's name on form 06 through the dossier's hook.
  const localAgency = (a: { id: string; code: string; name: string; active: boolean }) => ({ id: a.id, code: a.code, name: a.name, active: a.active });
  const exchangeEvents = registerExchangeEvents(app, ctx, {
    agencies: {
      get: async (id, at) => {
        const a = await directory.get(id, at);
        return a ? localAgency(a) : undefined;
      },
      // Loaded through the caller's transaction first (the directory's all() reads through its own connection).
      all: async (at) => {
        await directory.get('00000000-0000-0000-0000-000000000000', at);
        return (await directory.all()).map(localAgency);
      },
      agenciesFor: (principal, roles, at) => directory.agenciesFor(principal, roles, at),
    },
    dossiers: {
      requestRemoteConsultation: (tx, principal, actor, id, req, key) => dossiers.requestRemoteConsultation(tx, principal, actor, id, req, key),
      answerRemoteConsultation: (tx, id, answer) => dossiers.answerRemoteConsultation(tx, id, answer),
      requestRemoteTransfer: (tx, principal, actor, id, req, key) => dossiers.requestRemoteTransfer(tx, principal, actor, id, req, key),
      recordTransferOutcome: (tx, id, outcome) => dossiers.recordTransferOutcome(tx, id, outcome),
      openTransferred: (tx, input) => dossiers.openTransferred(tx, input),
    },
  });
  dossiers.useHooks({ remoteAgencyName: (code, at) => exchangeEvents.remoteAgencyName(code, at) });
  // The National Public Service Portal: dossier status changes from the outbox, agencies by id for their codes.
  const nationalPortal = registerNationalPortal(app, ctx, {
    agencyCode: async (id, at) => (await directory.get(id, at))?.code ?? null,
    agencyName: async (code) => (await directory.all()).find((a) => a.code === code)?.name ?? null,
    agenciesFor: async (principal, roles) => {
      const ids = await directory.agenciesFor(principal, roles);
      return (await directory.all()).filter((a) => ids.has(a.id)).map((a) => a.code);
    },
  });
  await registerWebApp(app);

  let sealer: NodeJS.Timeout | null = null;
  let sealing: Promise<unknown> | null = null;
  // Old untouched drafts expire (DRAFT_EXPIRY_DAYS): checked soon after start, then every hour.
  let draftSweep: NodeJS.Timeout | null = null;
  let firstSweep: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  const sweepDrafts = () => {
    sweeping ??= dossiers
      .expireDrafts(config.draftExpiryDays)
      .catch((err) => app.log.error({ err }, 'draft expiry failed'))
      .finally(() => (sweeping = null));
  };
  return {
    ctx,
    app,
    routes,
    services: { directory, agencies, units, identity, eid, calendar, catalog, dossiers, registry, vault, tlog, notify, results, verification, voice, payments, opendata, analytics, supervision, meetings, inspections, exchange, exchangeEvents, nationalPortal },
    startBackground() {
      dispatcher.start();
      // Procedure search from memory: built now (SQL answers meanwhile), then kept in step with the outbox.
      if (config.catalogSearchIndex) catalog.searchIndex.start(config.catalogSearchSyncMs).catch((err) => app.log.error({ err }, 'search index build failed'));
      notify.start();
      voice.start();
      payments.start();
      analytics.start();
      supervision.start();
      meetings.start();
      exchange.start();
      exchangeEvents.start();
      nationalPortal.start();
      // Approved procedure versions whose publication date has come (the procedure builder's "publish at").
      catalog.startScheduledPublishing(() => clock.now(), 60_000, (err) => app.log.error({ err }, 'scheduled publication failed'));
      sealer ??= setInterval(() => {
        if (sealing) return;
        // Seal until caught up, so the chain keeps pace with the write rate.
        sealing = sealAll(db)
          .catch((err) => app.log.error({ err }, 'audit sealing failed'))
          .finally(() => (sealing = null));
      }, config.auditSealMs);
      tlog.start(config.tlog.integrateMs, config.tlog.checkpointMs);
      if (config.draftExpiryDays > 0 && !draftSweep) {
        draftSweep = setInterval(sweepDrafts, 3_600_000);
        draftSweep.unref();
        firstSweep = setTimeout(sweepDrafts, 5_000);
        firstSweep.unref();
      }
    },
    async close() {
      if (sealer) clearInterval(sealer);
      if (draftSweep) clearInterval(draftSweep);
      if (firstSweep) clearTimeout(firstSweep);
      await sealing;
      await sweeping;
      await tlog.stop();
      await notify.stop();
      await voice.stop();
      await payments.stop();
      await analytics.stop();
      await supervision.stop();
      await meetings.stop();
      await exchange.stop();
      await exchangeEvents.stop();
      await nationalPortal.stop();
      await catalog.stopScheduledPublishing();
      await dispatcher.stop();
      await catalog.searchIndex.stop();
      await app.close();
      await database.close();
      await analyticsRead?.close();
    },
  };
}

/** The Vietnamese labels of an e-form's fields, for the result templates. */
function eformLabels(eform: { ui: unknown }): Record<string, string> {
  const fields = (eform.ui as { fields?: Record<string, { label?: { vi?: string } }> }).fields ?? {};
  return Object.fromEntries(Object.entries(fields).flatMap(([k, f]) => (f.label?.vi ? [[k, f.label.vi]] : [])));
}

/** The demo citizen and business lists, imported only in demo mode. */
function demoDirectories() {
  return { citizens: new DemoCitizenDirectory(), businesses: new DemoBusinessDirectory() };
}

/** The vault's view of the dossier module (its port), over the dossier service's public methods. */
function vaultDossiers(dossiers: DossierService): VaultDossiers {
  return {
    async readable(principal, id, db) {
      const { row, access } = await dossiers.readable(principal, id, db);
      return { dossier: { id: row.id, code: row.code, subjectType: row.subjectType, subjectId: row.subjectId, procedureVersionId: row.procedureVersionId }, applicant: access.applicant };
    },
    async attachment(principal, id, attachmentId) {
      const { meta, bytes } = await dossiers.download(principal, id, attachmentId);
      return { documentId: meta.documentId, fileName: meta.fileName, bytes };
    },
    async attachedFromStore(principal, id) {
      return (await dossiers.detail(principal, id)).attachments.filter((a) => a.source === 'store').map((a) => a.documentId);
    },
    attachFromStore: (tx, principal, actor, id, input) => dossiers.attachFromStore(tx, principal, actor, id, input),
    codesOf: (ids) => dossiers.codesOf(ids),
    async summariesOf(accountId, personalId) {
      const rows = await dossiers.summariesOfSubject({ personalId, accountId });
      return rows.map((d) => ({ id: d.id, code: d.code, procedureKey: d.procedureKey, procedureName: d.procedureName, agencyCode: d.agencyCode, state: d.state, createdAt: d.createdAt.toISOString(), submittedAt: d.submittedAt?.toISOString() ?? null, finishedAt: d.finishedAt?.toISOString() ?? null }));
    },
  };
}

/** The vault's view of the catalogue (its port). */
function vaultCatalog(catalog: CatalogService): VaultCatalog {
  return { requiredDocuments: async (versionId) => (await catalog.getVersion(versionId)).documents };
}
