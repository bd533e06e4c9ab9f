/**
 * The open-data module (dữ liệu mở): the catalogue of datasets agencies publish (with its publication workflow),
 * the CKAN Action API v3 over it, and the DCAT-AP 3.0.1 catalogue harvesters read. The DataStore (datastore/)
 * adds its CKAN actions through `extraActions` and checks access to a resource with `resourceAccess`. This file
 * is the module's only public face.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { ckanCallerOf, registerCkanRoutes } from './ckan/ckan.routes';
import { createDatastore, registerDatastoreRoutes, type Datastore } from './datastore';
import { catalogueActions } from './ckan/ckan.actions';
import type { CkanActionDef, CkanCaller } from './ckan/action';
import { registerDcatRoutes } from './dcat/dcat.routes';
import type { Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { OpendataService, publisherOfCaller } from './opendata.service';
import { callerRoles, publisherOf, registerOpendataRoutes } from './opendata.routes';
import type { OpendataPorts } from './opendata.ports';
import { PlanService } from './plan.service';
import { registerPlanRoutes } from './plan.routes';

export type { CkanActionDef, CkanActionContext, CkanCaller, CkanErrorType } from './ckan/action';
export { CkanError, CKAN_ERROR_STATUS } from './ckan/action';
export type { OpendataAgency, OpendataPorts } from './opendata.ports';
export { opendataErrors } from './opendata.errors';
export { seedDemoOpendata, type DemoOpendataSources } from './opendata.seed';
export type { PlanService } from './plan.service';

export interface OpendataOptions {
  /** More CKAN actions served by the same dispatcher (the DataStore's datastore_*). */
  extraActions?: CkanActionDef[];
}

export interface OpendataModule {
  service: OpendataService;
  /** The agencies' open-data plans (with progress from the catalogue) and the catalogue of their databases. */
  plans: PlanService;
  /** The DataStore: one table per CSV/XLSX resource, its datastore_* actions and dumps. */
  datastore: Datastore;
  /** For the DataStore: may this caller read (write: change) the data of this resource? */
  resourceAccess(resourceId: string, caller: CkanCaller | null, write: boolean): Promise<'ok' | 'not_found' | 'forbidden'>;
  /** The caller behind a CKAN API token (raw or `Bearer …`), or null. */
  resolveToken(token: string): Promise<CkanCaller | null>;
  /** For the DataStore: a resource with its dataset's name and agency. */
  resourceInfo: OpendataService['resourceInfo'];
  /** For the DataStore, in its own transaction: marks the resource's data as loaded (or dropped). */
  setDatastoreActive: OpendataService['setDatastoreActive'];
  /**
   * For the DataStore's uploads: appends a stored-file resource (no URL needed) to a dataset, with its audit record,
   * outbox event and activity entry, in the caller's transaction. Checks that the caller may edit the dataset.
   */
  addStoredResource(tx: Tx, caller: CkanCaller, input: { package_id: string; name: string; format: string; fileRef: string; size?: number; mimetype?: string; description?: string }, now: Date): Promise<{ id: string }>;
}

export function registerOpendata(app: App, ctx: AppContext, ports: OpendataPorts, opts: OpendataOptions = {}): OpendataModule {
  const { db, config, clock } = ctx;
  const now = () => clock.now();
  const baseUrl = config.publicUrl;
  const service = new OpendataService(db, ports, baseUrl);
  const resolveToken = (token: string) => service.resolveToken(token.replace(/^Bearer\s+/i, '').trim(), now());
  // A signed-in officer (web session or platform bearer token) acts for the agencies she prepares data for.
  const callerOfPrincipal = async (principal: Principal): Promise<CkanCaller | null> => {
    const p = await publisherOf(ports, principal);
    const agencyIds = [...p.editAgencies];
    return agencyIds.length || p.admin ? { accountId: principal.accountId, agencyIds, roles: callerRoles(principal, p) } : null;
  };
  const resourceAccess = (resourceId: string, caller: CkanCaller | null, write: boolean) => service.resourceAccess(resourceId, caller, write);
  // The DataStore: a load or a drop marks the catalogue's resource in the same transaction.
  const datastore = createDatastore(db, { resourceAccess, now, onActive: (tx, id, active, at) => service.setDatastoreActive(tx, id, active, at) });
  registerCkanRoutes(app, {
    actions: [...catalogueActions(db, service, { title: 'Cổng dữ liệu mở MotCua', version: '0.1.0' }), ...datastore.actions, ...(opts.extraActions ?? [])],
    resolveToken,
    callerOfPrincipal,
    baseUrl,
    now,
  });
  registerDatastoreRoutes(app, datastore, resourceAccess, {
    callerOf: ckanCallerOf({ resolveToken, callerOfPrincipal }),
    resourceOf: async (id) => {
      const r = await service.resourceInfo(id);
      return r ? { datasetName: r.datasetName, name: r.name, url: r.url } : null;
    },
  });
  registerDcatRoutes(app, {
    svc: service,
    now,
    info: () => ({
      baseUrl,
      title: { vi: 'Danh mục dữ liệu mở MotCua', en: 'MotCua open-data catalogue' },
      description: { vi: 'Các bộ dữ liệu mở do các cơ quan nhà nước công bố trên nền tảng MotCua.', en: 'Open datasets published by public agencies on the MotCua platform.' },
      publisherName: 'MotCua',
    }),
  });
  registerOpendataRoutes(app, { db, svc: service, ports, now });
  const plans = new PlanService(db, ports, baseUrl);
  registerPlanRoutes(app, { db, plans, ports, now, baseUrl });
  return {
    service,
    plans,
    datastore,
    resourceAccess,
    resolveToken,
    resourceInfo: (id, db) => service.resourceInfo(id, db),
    setDatastoreActive: (tx, id, active, at) => service.setDatastoreActive(tx, id, active, at),
    async addStoredResource(tx, caller, input, at) {
      const actor: Actor = { accountId: caller.accountId, kind: 'officer', role: null, agencyId: null, requestId: 'datastore' };
      const { resource } = await service.addResource(tx, publisherOfCaller(caller), actor, { ...input }, at, true, { fileRef: input.fileRef });
      return { id: resource.id };
    },
  };
}
