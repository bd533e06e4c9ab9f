import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { JWK } from 'oidc-provider';
import type { Db } from '../../../platform/db/client';
import { appendAudit } from '../../../platform/audit/audit.service';
import { platformActor } from '../../../platform/auth/actor';
import { eidSecrets } from './eid.schema';

/**
 * Returns the secret of this name, generating and storing it at first use. Several processes starting at once agree
 * on one value: the first insert wins and the others read it back. Kept in the database so restarts keep sessions
 * and issued tokens valid (an installation with a key vault would load them from there instead).
 */
export async function loadOrCreateSecret<T>(db: Db, name: string, make: () => T): Promise<T> {
  const [row] = await db.select().from(eidSecrets).where(eq(eidSecrets.name, name));
  if (row) return row.value as T;
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(eidSecrets).values({ name, value: make() }).onConflictDoNothing().returning({ name: eidSecrets.name });
    if (inserted.length) await appendAudit(tx, platformActor('eid:secrets'), { action: 'eid.secret_created', targetType: 'eid_secret', targetId: name });
  });
  const [again] = await db.select().from(eidSecrets).where(eq(eidSecrets.name, name));
  return again.value as T;
}

/** A new ES256 (P-256) signing key as a private JWK, its key id the SHA-256 thumbprint (RFC 7638). */
export function newSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK & { crv: string; x: string; y: string };
  const kid = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y })).digest('base64url');
  return { ...jwk, kid, alg: 'ES256', use: 'sig' };
}

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
