import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { queryNamed } from '../db/write-batch';
import { leafData, leafHash, type JsonValue } from '../../shared/tlog';
import './tlog.hash';

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

/** Fresh salts, drawn from the CSPRNG in blocks (one call per 128 leaves instead of one per leaf); each used once. */
const SALT_BLOCK = 32 * 128;
let salts = Buffer.alloc(0);
let saltAt = 0;
function freshSalt(): Buffer {
  if (saltAt + 32 > salts.length) {
    salts = randomBytes(SALT_BLOCK);
    saltAt = 0;
  }
  const s = Buffer.from(salts.subarray(saltAt, saltAt + 32));
  saltAt += 32;
  return s;
}

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** A leaf's row values, as parameters: kind, ref, data, hash, salt. */
function leafRow(l: LeafInput) {
  const salt = freshSalt();
  const data = leafData(l.kind, l.fields, l.private, salt);
  return sql`(${l.kind}, ${l.ref}, ${data}, ${buf(leafHash(data))}::bytea, ${salt}::bytea)`;
}

/**
 * The insert of a leaf (or of several, one multi-row INSERT), not yet executed (to compose into a transaction or a
 * write batch). A plain statement (not the query builder): it runs in every logged transaction.
 */
export function leafInsert(_db: DbOrTx, leaf: LeafInput | LeafInput[]): SQL {
  const leaves = Array.isArray(leaf) ? leaf : [leaf];
  return sql`insert into tlog_pending (kind, ref, data, hash, salt) values ${sql.join(leaves.map(leafRow), sql`, `)}`;
}

/** appendLeaf's statement: one text, so each pooled connection parses and plans it once (a named statement). */
const APPEND_SQL = 'insert into tlog_pending (kind, ref, data, hash, salt) values ($1, $2, $3, $4::bytea, $5::bytea)';

/**
 * Appends a leaf inside the caller's transaction, like enqueueEvent: the leaf exists if and only if the record
 * committed. One statement, the pending row only, prepared once per connection: the log integrator gives it its
 * tree index within seconds (and writes the tree's tiles then, many leaves at a time); its proof is then available.
 */
export async function appendLeaf(tx: DbOrTx, leaf: LeafInput): Promise<void> {
  const salt = freshSalt();
  const data = leafData(leaf.kind, leaf.fields, leaf.private, salt);
  await queryNamed(tx, 'tlog_append_leaf', APPEND_SQL, [leaf.kind, leaf.ref, data, buf(leafHash(data)), salt]);
}
