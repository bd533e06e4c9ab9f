/** Request and response schemas of the transparency-log API, shared by the server routes and the web app. */
import { Type, type Static } from 'typebox';

const Obj = <T extends Parameters<typeof Type.Object>[0]>(props: T, opts: Record<string, unknown> = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' });

export const ProofBundleSchema = Obj(
  {
    format: Type.Literal('motcua-tlog-proof/v1'),
    kind: Type.String(),
    ref: Type.String(),
    leaf: Obj({ index: Type.Integer({ minimum: 0 }), data: Type.String({ description: 'The leaf: canonical JSON (RFC 8785), hashed as SHA-256(0x00 ‖ data)' }) }),
    proof: Obj({ treeSize: Type.Integer({ minimum: 1 }), hashes: Type.Array(Base64, { description: 'RFC 9162 inclusion proof, base64 hashes' }) }),
    checkpoint: Type.String({ description: 'C2SP signed checkpoint with the log signature and witness cosignatures' }),
    disclosure: Type.Union([
      Obj({
        salt: Base64,
        value: Type.Object({}, { additionalProperties: true, description: 'The record the leaf commits to (only for the data subject)' }),
        digests: Type.Optional(Type.Object({}, { additionalProperties: true })),
      }),
      Type.Null(),
    ]),
    log: Obj({ origin: Type.String(), key: Type.String(), witnesses: Type.Array(Type.String()) }),
  },
  { description: 'Proof that one record is in the transparency log; check it with the shared verifier or `motcua log verify bundle.json`' },
);
export type ProofBundleDto = Static<typeof ProofBundleSchema>;

export const ProofStatus = Type.Union([Type.Literal('logged'), Type.Literal('pending'), Type.Literal('not_found')], {
  description: 'logged: in a signed checkpoint (bundle given); pending: written, not yet in a checkpoint (retry in a few seconds)',
});

export const ProofItemSchema = Obj({ entry: Type.String(), status: ProofStatus, bundle: Type.Optional(ProofBundleSchema) });
export const ProofListSchema = Obj({ items: Type.Array(ProofItemSchema) });
export type ProofList = Static<typeof ProofListSchema>;

export const AboutItemSchema = Obj({ entry: Type.String(), action: Type.String(), at: Type.String({ format: 'date-time' }), status: ProofStatus, bundle: Type.Optional(ProofBundleSchema) });
export const AboutListSchema = Obj({ items: Type.Array(AboutItemSchema) });
export type AboutList = Static<typeof AboutListSchema>;

export const LogInfoSchema = Obj({
  origin: Type.String({ description: 'Checkpoint origin line and log key name' }),
  publicKey: Type.String({ description: 'The log verifier key (C2SP signed-note vkey): pin it to check proofs' }),
  witnesses: Type.Array(Obj({ key: Type.String(), url: Type.String() })),
  checkpoint: Type.Union([Obj({ size: Type.Integer(), note: Type.String() }), Type.Null()]),
  pending: Type.Integer({ description: 'Leaves written, not yet in the tree' }),
});
export type LogInfo = Static<typeof LogInfoSchema>;

export const ConsistencySchema = Obj({ from: Type.Integer(), to: Type.Integer(), hashes: Type.Array(Base64) });
export type ConsistencyDto = Static<typeof ConsistencySchema>;
