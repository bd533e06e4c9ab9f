import { randomBytes } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { leafData, leafHash, type JsonValue } from '../../shared/tlog';
import { tlogPending } from './tlog.schema';

/** One record to log: its public fields and the private value the leaf only commits to. */
export interface LeafInput {
  /** e.g. 'result'. ('audit', 'data_access' and 'consent' leaves are written by database triggers.) */
  kind: string;
  /** The record's key in its own table, to find its proof later. */
  ref: string;
  /** Public fields: no personal data (no names, personal IDs, addresses); ids of agencies, codes, times, hashes. */
  fields: Record<string, JsonValue>;
  /** Identifiers and anything personal: committed to with a fresh random salt, disclosed only to the subject. */
  private: unknown;
}

/** The insert of a leaf (or of several, one multi-row INSERT), not yet executed (to compose into a transaction or a write batch). */
export function leafInsert(db: DbOrTx, leaf: LeafInput | LeafInput[]): SQLWrapper {
  const leaves = Array.isArray(leaf) ? leaf : [leaf];
  const salts = randomBytes(32 * leaves.length);
  return db.insert(tlogPending).values(
    leaves.map((l, i) => {
      const salt = new Uint8Array(salts.subarray(32 * i, 32 * (i + 1)));
      const data = leafData(l.kind, l.fields, l.private, salt);
      return { kind: l.kind, ref: l.ref, data, hash: leafHash(data), salt };
    }),
  );
}

/**
 * Appends a leaf inside the caller's transaction, like enqueueEvent: the leaf exists if and only if the record
 * committed. The log integrator gives it its tree index within seconds; its proof is then available.
 */
export async function appendLeaf(tx: DbOrTx, leaf: LeafInput): Promise<void> {
  await (leafInsert(tx, leaf) as unknown as Promise<unknown>);
}
