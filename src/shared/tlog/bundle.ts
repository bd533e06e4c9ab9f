/**
 * A proof bundle: everything needed to check, offline and without trusting the server, that one record is in the
 * log — the leaf (index and canonical data), its inclusion proof, the signed checkpoint (with witness
 * cosignatures) it leads to, and, for the data subject, the opening of the leaf's commitment. The verifier needs only
 * the log's public key (and the witnesses' keys) pinned by the caller, never the ones the bundle names.
 */
import { fromBase64 } from './bytes';
import { canonicalize } from './canonical';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { leafHash } from './hash';
import { commitmentOf, digestHex, saltFrom } from './leaves';
import { verifyInclusion } from './merkle';
import { openNote, parseVerifierKey, type Verifier } from './note';

export const BUNDLE_FORMAT = 'motcua-tlog-proof/v1';

export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  kind: string;
  ref: string;
  leaf: { index: number; data: string };
  proof: { treeSize: number; hashes: string[] };
  /** The signed checkpoint (C2SP signed note), with the log's signature and any cosignatures. */
  checkpoint: string;
  /** The opening of the leaf's commitment (for its data subject): the salt and the committed value. */
  disclosure?: { salt: string; value: Record<string, unknown>; digests?: Record<string, unknown> } | null;
  /** What the log says about itself (informational: a verifier pins its own keys). */
  log?: { origin: string; key: string; witnesses: string[] };
}

export type BundleFailure =
  | 'malformed'
  | 'log_signature'
  | 'origin'
  | 'witness_quorum'
  | 'tree_size'
  | 'inclusion'
  | 'leaf_not_canonical'
  | 'kind'
  | 'disclosure'
  | 'expectation';

export interface TrustPolicy {
  /** The log's verifier key (pinned by the caller). */
  log: Verifier | string;
  /** Witness verifier keys the caller trusts, and how many of them must have cosigned (default 0). */
  witnesses?: Array<Verifier | string>;
  quorum?: number;
  /** Values the disclosed record must have, e.g. { subjectId: '031085001234' }. */
  expect?: Record<string, unknown>;
}

export interface BundleCheck {
  ok: boolean;
  failure?: BundleFailure;
  /** Plain-English detail of the failure (the web page translates the failure code). */
  detail?: string;
  checkpoint?: Checkpoint;
  /** Names of the trusted witnesses that cosigned, with their timestamps. */
  cosigned: Array<{ name: string; timestamp: number }>;
  leaf?: Record<string, unknown>;
}

const asVerifier = (v: Verifier | string) => (typeof v === 'string' ? parseVerifierKey(v) : v);

export function verifyBundle(bundle: unknown, policy: TrustPolicy): BundleCheck {
  const fail = (failure: BundleFailure, detail: string, extra: Partial<BundleCheck> = {}): BundleCheck => ({ ok: false, failure, detail, cosigned: [], ...extra });
  const b = bundle as ProofBundle;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT || typeof b.checkpoint !== 'string' || !b.leaf || typeof b.leaf.data !== 'string' || !Number.isSafeInteger(b.leaf.index) || !b.proof || !Array.isArray(b.proof.hashes) || !Number.isSafeInteger(b.proof.treeSize)) {
    return fail('malformed', 'not a MotCua proof bundle');
  }
  let logKey: Verifier;
  let witnesses: Verifier[];
  try {
    logKey = asVerifier(policy.log);
    witnesses = (policy.witnesses ?? []).map(asVerifier);
  } catch (e) {
    return fail('malformed', `bad trusted key: ${(e as Error).message}`);
  }
  let opened: ReturnType<typeof openNote>;
  let cp: Checkpoint;
  try {
    opened = openNote(b.checkpoint, [logKey, ...witnesses]);
    cp = parseCheckpoint(opened.text);
  } catch (e) {
    return fail('malformed', `checkpoint: ${(e as Error).message}`);
  }
  if (opened.failed.some((v) => v === logKey) || !opened.verified.some((s) => s.verifier === logKey)) return fail('log_signature', 'the checkpoint is not signed by the log key');
  if (cp.origin !== logKey.name) return fail('origin', `checkpoint origin ${cp.origin} is not the log ${logKey.name}`);
  const cosigned = opened.verified.filter((s) => s.verifier !== logKey).map((s) => ({ name: s.verifier.name, timestamp: s.timestamp ?? 0 }));
  const quorum = policy.quorum ?? 0;
  if (cosigned.length < quorum) return fail('witness_quorum', `${cosigned.length} of ${quorum} required witness cosignatures`, { checkpoint: cp, cosigned });
  if (b.proof.treeSize !== cp.size) return fail('tree_size', `proof for size ${b.proof.treeSize}, checkpoint of size ${cp.size}`, { checkpoint: cp, cosigned });
  let hashes: Uint8Array[];
  try {
    hashes = b.proof.hashes.map((h) => fromBase64(h));
    if (hashes.some((h) => h.length !== 32)) throw new Error('hash length');
  } catch {
    return fail('malformed', 'proof hashes are not base64 SHA-256 values');
  }
  if (!verifyInclusion(b.leaf.index, cp.size, leafHash(b.leaf.data), hashes, cp.root)) return fail('inclusion', `leaf ${b.leaf.index} is not in the tree of size ${cp.size} with this root`, { checkpoint: cp, cosigned });
  let leaf: Record<string, unknown>;
  try {
    leaf = JSON.parse(b.leaf.data);
    if (canonicalize(leaf) !== b.leaf.data) throw new Error('not canonical');
  } catch {
    return fail('leaf_not_canonical', 'the leaf is not canonical JSON', { checkpoint: cp, cosigned });
  }
  if (leaf.kind !== b.kind) return fail('kind', `leaf of kind ${String(leaf.kind)}, bundle says ${b.kind}`, { checkpoint: cp, cosigned, leaf });
  if (b.disclosure) {
    let commit: string;
    try {
      commit = commitmentOf(saltFrom(b.disclosure.salt), b.disclosure.value);
    } catch {
      return fail('disclosure', 'the disclosed value cannot be canonicalised', { checkpoint: cp, cosigned, leaf });
    }
    if (commit !== leaf.commit) return fail('disclosure', 'the disclosed record does not match the leaf', { checkpoint: cp, cosigned, leaf });
    for (const [k, v] of Object.entries(b.disclosure.digests ?? {})) {
      if (digestHex(v) !== b.disclosure.value[k]) return fail('disclosure', `the disclosed ${k} does not match the record`, { checkpoint: cp, cosigned, leaf });
    }
  }
  for (const [k, v] of Object.entries(policy.expect ?? {})) {
    const got = b.disclosure?.value?.[k];
    if (canonicalize(got ?? null) !== canonicalize(v)) return fail('expectation', `the record's ${k} is not the expected one`, { checkpoint: cp, cosigned, leaf });
  }
  return { ok: true, checkpoint: cp, cosigned, leaf };
}

