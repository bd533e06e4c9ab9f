import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { notifyKeys } from './notify.schema';

export type KeyName = 'address' | 'unsubscribe' | 'callback';

/**
 * The module's secrets: generated once per installation and kept in the database (like the e-ID provider's keys),
 * unless configured (the callback secret, which carriers must share).
 */
export class NotifyKeys {
  private cache = new Map<KeyName, Buffer>();
  constructor(
    private readonly db: Db,
    private readonly configured: Partial<Record<KeyName, string>> = {},
  ) {}

  async get(name: KeyName): Promise<Buffer> {
    const hit = this.cache.get(name);
    if (hit) return hit;
    let secret = this.configured[name];
    if (!secret) {
      await this.db.insert(notifyKeys).values({ name, secret: randomBytes(32).toString('base64url'), createdAt: new Date() }).onConflictDoNothing();
      const [row] = await this.db.select().from(notifyKeys).where(eq(notifyKeys.name, name));
      secret = row.secret;
    }
    const key = Buffer.from(secret, 'utf8');
    this.cache.set(name, key);
    return key;
  }

  /** Loads every key (before the first message is planned, so planning never waits on a key insert). */
  async warm(): Promise<void> {
    for (const k of ['address', 'unsubscribe', 'callback'] as const) await this.get(k);
  }

  /** The in-memory key (after warm()). */
  key(name: KeyName): Buffer {
    const k = this.cache.get(name);
    if (!k) throw new Error(`notify key ${name} not loaded`);
    return k;
  }

  hmac(name: KeyName, data: string): string {
    return createHmac('sha256', this.key(name)).update(data).digest('hex');
  }
}

export const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
