/**
 * Events between MotCua nodes on NATS JetStream (standards §8), the pure part: subjects per agency, the message
 * envelope and its check, durable consumer names, the stream's configuration, the back-off of retries. No I/O.
 */

/** An agency electronic identifier (Decision 20/2020/QĐ-TTg): `A1A2A3.B1B2.C1C2.D1D2D3`, e.g. `000.00.05.H38`. */
export const AGENCY_CODE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/;

export function isAgencyCode(code: unknown): code is string {
  return typeof code === 'string' && AGENCY_CODE.test(code);
}

/** A subject prefix: NATS tokens of letters, digits, `_` and `-`, separated by dots (no wildcards). */
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`invalid NATS subject prefix: ${prefix}`);
  return prefix;
}

/** The message types nodes exchange. */
export const MESSAGE_TYPES = ['consultation.requested', 'consultation.answered', 'transfer.requested', 'transfer.answered'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Subject of a message to an agency: `<prefix>.agency.<code>.<type>` — the agency code keeps its dots, so it is four
 * tokens and `<prefix>.agency.<code>.>` is everything for that agency.
 */
export function agencySubject(prefix: string, code: string, type: MessageType): string {
  if (!isAgencyCode(code)) throw new Error(`invalid agency code: ${code}`);
  return `${prefix}.agency.${code}.${type}`;
}

/** Everything addressed to one agency (a consumer's filter). */
export function agencyFilter(prefix: string, code: string): string {
  if (!isAgencyCode(code)) throw new Error(`invalid agency code: ${code}`);
  return `${prefix}.agency.${code}.>`;
}

/** The stream's subjects: every agency under the prefix. */
export const streamSubjects = (prefix: string): string[] => [`${prefix}.agency.>`];

/** A durable consumer's name (no dots or spaces allowed): per node and hosted agency. */
export function durableName(node: string, code: string): string {
  return `${node}_${code}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export interface AgencyRef {
  code: string;
  name: string;
}

export interface ConsultationRequested {
  consultationId: string;
  dossierCode: string;
  procedureName: string;
  question: string;
  /** The consultation's own deadline (the asking node's working calendar), ISO. */
  stepDueAt: string | null;
  askedAt: string;
}

export interface ConsultationAnswered {
  consultationId: string;
  dossierCode: string;
  opinion: string;
  answeredBy: string;
  answeredAt: string;
}

/**
 * A dossier transferred (liên thông) to an agency on another node: what the receiving agency needs to open its own
 * dossier (the procedure, the applicant, the form data), keyed by the transfer id (idempotent on both sides).
 */
export interface TransferRequested {
  transferId: string;
  dossierCode: string;
  procedureKey: string;
  procedureName: string;
  applicant: { type: 'citizen' | 'business'; id: string; name: string };
  data: Record<string, unknown>;
  note: string | null;
  /** The origin's step deadline for the hand-off (its working calendar), ISO. */
  stepDueAt: string | null;
  sentAt: string;
}

/** The receiving agency's outcome, back to the origin: its dossier's code, final state and national status code. */
export interface TransferAnswered {
  transferId: string;
  dossierCode: string;
  remoteDossierCode: string;
  outcome: 'result_issued' | 'rejected' | 'refused' | 'stopped';
  nationalStatus: number;
  summary: string;
  answeredBy: string;
  answeredAt: string;
}

export const TRANSFER_OUTCOMES = ['result_issued', 'rejected', 'refused', 'stopped'] as const;

export interface BodyOf {
  'consultation.requested': ConsultationRequested;
  'consultation.answered': ConsultationAnswered;
  'transfer.requested': TransferRequested;
  'transfer.answered': TransferAnswered;
}

/** What travels on the wire (JSON): the event id is also the `Nats-Msg-Id`. */
export interface NodeMessage<T extends MessageType = MessageType> {
  v: 1;
  id: string;
  type: T;
  fromNode: string;
  from: AgencyRef;
  to: AgencyRef;
  at: string;
  body: BodyOf[T];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const iso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const agencyRef = (v: unknown): v is AgencyRef => isObj(v) && isAgencyCode(v.code) && str(v.name, 500);

/** Checks a received message; returns why it is refused (it is then acknowledged and dropped, never applied). */
export function checkMessage(value: unknown): { ok: true; message: NodeMessage } | { ok: false; reason: string } {
  if (!isObj(value)) return { ok: false, reason: 'not an object' };
  if (value.v !== 1) return { ok: false, reason: 'unknown version' };
  if (typeof value.id !== 'string' || !UUID.test(value.id)) return { ok: false, reason: 'bad id' };
  if (!(MESSAGE_TYPES as readonly unknown[]).includes(value.type)) return { ok: false, reason: 'unknown type' };
  if (!str(value.fromNode, 200)) return { ok: false, reason: 'bad fromNode' };
  if (!agencyRef(value.from) || !agencyRef(value.to)) return { ok: false, reason: 'bad agency' };
  if (!iso(value.at)) return { ok: false, reason: 'bad time' };
  const b = value.body;
  if (!isObj(b) || !str(b.dossierCode, 100)) return { ok: false, reason: 'bad body' };
  if (value.type === 'transfer.requested' || value.type === 'transfer.answered') {
    if (typeof b.transferId !== 'string' || !UUID.test(b.transferId)) return { ok: false, reason: 'bad body' };
    if (value.type === 'transfer.requested') {
      const a = b.applicant;
      if (!str(b.procedureKey, 200) || !str(b.procedureName, 1000) || !isObj(b.data) || !(b.note === null || str(b.note)) || !iso(b.sentAt) || !(b.stepDueAt === null || iso(b.stepDueAt))) return { ok: false, reason: 'bad body' };
      if (!isObj(a) || (a.type !== 'citizen' && a.type !== 'business') || !str(a.id, 100) || !str(a.name, 500)) return { ok: false, reason: 'bad body' };
    } else if (!str(b.remoteDossierCode, 100) || !(TRANSFER_OUTCOMES as readonly unknown[]).includes(b.outcome) || typeof b.nationalStatus !== 'number' || !str(b.summary) || !str(b.answeredBy, 500) || !iso(b.answeredAt)) return { ok: false, reason: 'bad body' };
    return { ok: true, message: value as unknown as NodeMessage };
  }
  if (typeof b.consultationId !== 'string' || !UUID.test(b.consultationId)) return { ok: false, reason: 'bad body' };
  if (value.type === 'consultation.requested') {
    if (!str(b.procedureName, 1000) || !str(b.question) || !iso(b.askedAt) || !(b.stepDueAt === null || iso(b.stepDueAt))) return { ok: false, reason: 'bad body' };
  } else if (!str(b.opinion) || !str(b.answeredBy, 500) || !iso(b.answeredAt)) return { ok: false, reason: 'bad body' };
  return { ok: true, message: value as unknown as NodeMessage };
}

/** The message's subject must name the agency it is addressed to (a message is applied only where it belongs). */
export function subjectMatches(prefix: string, subject: string, m: NodeMessage): boolean {
  return subject === agencySubject(prefix, m.to.code, m.type);
}

/** Delay before retry `attempt` (1-based): base · 2^(attempt−1), capped, with up to 20 % jitter from `random`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(raw * (1 - 0.2 * random()));
}

export interface StreamSettings {
  name: string;
  prefix: string;
  /** How long JetStream remembers a `Nats-Msg-Id` (de-duplication), ms. */
  duplicateWindowMs: number;
  /** How long messages are kept, ms (0: for ever). */
  maxAgeMs: number;
  replicas: number;
}

/** The stream's configuration (durations in nanoseconds, as JetStream wants them). */
export function streamConfig(s: StreamSettings) {
  const ns = (ms: number) => ms * 1_000_000;
  return {
    name: s.name,
    subjects: streamSubjects(s.prefix),
    duplicate_window: ns(s.duplicateWindowMs),
    max_age: ns(s.maxAgeMs),
    num_replicas: s.replicas,
  };
}
