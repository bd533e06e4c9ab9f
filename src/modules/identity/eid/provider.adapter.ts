import { and, eq, lt, sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../../platform/db/client';
import { eidProviderStore } from './eid.schema';

/** Expired artefacts are swept at most this often, by whichever process writes next. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * oidc-provider storage in the platform database (not the memory adapter), so the provider's sessions, interactions,
 * grants and codes survive restarts and are shared by every process. Expiry uses the provider's own (real) clock.
 */
export class DrizzleProviderAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly model: string,
    /** Shared by the adapters of one provider: when expired rows were last swept. */
    private readonly sweepState: { last: number },
  ) {}

  private key(id: string) {
    return and(eq(eidProviderStore.model, this.model), eq(eidProviderStore.id, id));
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    const row = {
      payload,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt,
    };
    await this.db
      .insert(eidProviderStore)
      .values({ model: this.model, id, ...row })
      .onConflictDoUpdate({ target: [eidProviderStore.model, eidProviderStore.id], set: row });
    await this.sweep();
  }

  private async findWhere(where: ReturnType<typeof and>): Promise<AdapterPayload | undefined> {
    const [row] = await this.db.select().from(eidProviderStore).where(and(where, sql`(${eidProviderStore.expiresAt} is null or ${eidProviderStore.expiresAt} > now())`));
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }

  find(id: string) {
    return this.findWhere(this.key(id));
  }

  findByUid(uid: string) {
    return this.findWhere(and(eq(eidProviderStore.model, this.model), eq(eidProviderStore.uid, uid)));
  }

  findByUserCode(userCode: string) {
    return this.findWhere(and(eq(eidProviderStore.model, this.model), eq(eidProviderStore.userCode, userCode)));
  }

  async consume(id: string): Promise<void> {
    await this.db.update(eidProviderStore).set({ consumedAt: new Date() }).where(this.key(id));
  }

  async destroy(id: string): Promise<void> {
    await this.db.delete(eidProviderStore).where(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.delete(eidProviderStore).where(eq(eidProviderStore.grantId, grantId));
  }

  private async sweep() {
    const now = Date.now();
    if (now - this.sweepState.last < SWEEP_EVERY_MS) return;
    this.sweepState.last = now;
    await this.db.delete(eidProviderStore).where(lt(eidProviderStore.expiresAt, new Date(now)));
  }
}
