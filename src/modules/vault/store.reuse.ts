import type { Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { BusinessDirectory } from '../identity';
import { platformErrors } from '../../platform/http/errors';
import { storeTypesFor, storeItemView, type DataStore, type StoreItemView, type StoreOwner, type StoreRow } from './store.service';
import { storeErrors, vaultErrors } from './vault.errors';
import type { DossierRef, VaultCatalog, VaultDossiers } from './vault.ports';

/** For one required document that may come from the data store: the caller's matching items. */
export interface StoreSuggestion {
  documentId: string;
  name: { vi: string; en: string };
  requirement: string;
  storeTypes: string[];
  attachedFromStore: boolean;
  items: StoreItemView[];
}

const personalIdOf = (principal: Principal): string => {
  if (!principal.personalId) throw vaultErrors.noPersonalId();
  return principal.personalId;
};

/**
 * The data store in use: whose store a caller acts on, and its reuse in dossiers (once-only: a paper the state
 * already holds is not asked for again). Dossiers are reached only through the VaultDossiers port.
 */
/** A dossier attachment on its way into a data store. */
export interface KeptAttachment {
  owner: StoreOwner;
  file: { documentId: string; fileName: string; bytes: Buffer };
  dossierId: string;
}

export class StoreReuse {
  constructor(
    private readonly store: DataStore,
    private readonly dossiers: VaultDossiers,
    private readonly catalog: VaultCatalog,
    private readonly businesses: BusinessDirectory,
  ) {}

  /** The store the caller acts on: their own, or an enterprise's they legally represent. */
  async ownerOf(principal: Principal, enterpriseCode?: string): Promise<StoreOwner> {
    const pid = personalIdOf(principal);
    if (!enterpriseCode) return { type: 'person', id: pid };
    const b = await this.businesses.findByCode(enterpriseCode);
    if (!b || b.legalRepresentativePersonalId !== pid || b.status === 'dissolved') throw storeErrors.notRepresentative();
    return { type: 'business', id: enterpriseCode };
  }

  /** The stores a dossier may take items from: the caller's own, and the enterprise's for a business filing. */
  private ownersFor(principal: Principal, dossier: DossierRef): StoreOwner[] {
    const owners: StoreOwner[] = [];
    if (principal.personalId) owners.push({ type: 'person', id: principal.personalId });
    if (dossier.subjectType === 'business') owners.push({ type: 'business', id: dossier.subjectId });
    return owners;
  }

  /** For each required document of the dossier that may come from the store, the applicant's matching items. */
  async suggestions(principal: Principal, dossierId: string): Promise<StoreSuggestion[]> {
    const { dossier, applicant } = await this.dossiers.readable(principal, dossierId);
    if (!applicant) throw platformErrors.notFound();
    const [documents, attached] = await Promise.all([this.catalog.requiredDocuments(dossier.procedureVersionId), this.dossiers.attachedFromStore(principal, dossier.id)]);
    const owners = this.ownersFor(principal, dossier);
    const out: StoreSuggestion[] = [];
    for (const d of documents.filter((x) => x.fromDataStore)) {
      const types = storeTypesFor(d.id);
      const items = owners.length ? await this.store.list(owners, types) : [];
      out.push({ documentId: d.id, name: d.name, requirement: d.requirement, storeTypes: [...types], attachedFromStore: attached.includes(d.id), items: items.map(storeItemView) });
    }
    return out;
  }

  /** Keeps an attachment of one of the caller's dossiers in the dossier subject's store. */
  /**
   * What keeping a dossier's attachment needs before the write: the file (read through the dossier module, which
   * cannot join the store's transaction) and the store it goes to.
   */
  async prepareKeep(principal: Principal, input: { dossierId: string; attachmentId: string }): Promise<KeptAttachment> {
    const file = await this.dossiers.attachment(principal, input.dossierId, input.attachmentId);
    const { dossier } = await this.dossiers.readable(principal, input.dossierId);
    const owner: StoreOwner = dossier.subjectType === 'business' ? await this.ownerOf(principal, dossier.subjectId) : { type: 'person', id: personalIdOf(principal) };
    if (owner.type === 'person' && dossier.subjectId !== owner.id) throw storeErrors.notFound();
    return { owner, file, dossierId: dossier.id };
  }

  /** Copies a dossier's attachment into its subject's store (`kept` from prepareKeep); in `outer` when given. */
  async keepAttachment(principal: Principal, actor: Actor, now: Date, input: { documentType?: string; title?: string }, kept: KeptAttachment, outer?: Tx): Promise<StoreRow> {
    const { owner, file, dossierId } = kept;
    const documentType = input.documentType ?? storeTypesFor(file.documentId)[0];
    return this.store.upload(owner, principal, actor, now, { documentType, title: input.title, fileName: file.fileName, bytes: file.bytes, dossierId }, outer);
  }

  /** Attaches one of the caller's store items to a required document of a draft; the write runs in `tx`. */
  /** Attaches a store item to a dossier's required document: every read and the write in the caller's transaction. */
  async attachToDossier(tx: Tx, principal: Principal, actor: Actor, dossierId: string, input: { documentId: string; storeItemId: string }): Promise<unknown> {
    const { dossier } = await this.dossiers.readable(principal, dossierId, tx);
    const item = await this.store.get(this.ownersFor(principal, dossier), input.storeItemId, tx);
    return this.dossiers.attachFromStore(tx, principal, actor, dossier.id, { documentId: input.documentId, item });
  }
}
