/**
 * Refusals of the gateway, as X-Road names them in `X-Road-Error` (standards §5: 400 for protocol violations, 500
 * for technical faults; body `{type, message, detail}`). `Server.ServerProxy.*`: found by the provider's gateway;
 * `Server.ClientProxy.*`: by the client's own gateway; `Client.*`: the request itself is at fault.
 */
import { confExpired, memberOf, type GlobalConf } from './globalconf';
import { isExchangePurpose } from './purposes';

export const XROAD_ERRORS = {
  badRequest: { type: 'Client.BadRequest', status: 400, message: 'The request is not a valid X-Road REST request' },
  unknownClient: { type: 'Server.ServerProxy.UnknownMember', status: 400, message: 'The client is not a member of the global configuration' },
  clientSuspended: { type: 'Server.ServerProxy.MemberSuspended', status: 400, message: 'The client member is suspended' },
  clientRevoked: { type: 'Server.ServerProxy.MemberRevoked', status: 400, message: 'The client member is revoked' },
  missingSignature: { type: 'Client.MissingSignature', status: 400, message: 'The request is not signed' },
  unknownKey: { type: 'Client.UnknownKey', status: 400, message: 'The signing key is not in the global configuration for this client' },
  badSignature: { type: 'Client.InvalidSignatureValue', status: 400, message: 'The request signature does not verify' },
  bodyTampered: { type: 'Client.InvalidBodyHash', status: 400, message: 'The body does not match the signed body hash' },
  staleRequest: { type: 'Client.StaleRequest', status: 400, message: 'The request time is outside the accepted window' },
  replayed: { type: 'Client.ReplayedRequest', status: 400, message: 'A request with this nonce was already received' },
  unknownService: { type: 'Server.ServerProxy.UnknownService', status: 400, message: 'This node offers no such service' },
  accessDenied: { type: 'Server.ServerProxy.AccessDenied', status: 400, message: 'The client has no access right to this service' },
  purposeRequired: { type: 'Client.PurposeRequired', status: 400, message: 'A personal-data service needs a purpose code from the catalogue (X-MotCua-Purpose)' },
  issueRequired: { type: 'Client.IssueRequired', status: 400, message: 'A personal-data service needs the case it serves (X-Road-Issue: the dossier code)' },
  noGlobalConf: { type: 'Server.ServerProxy.OutdatedGlobalConf', status: 500, message: 'This node holds no valid global configuration' },
  serviceFailed: { type: 'Server.ServerProxy.ServiceFailed', status: 500, message: 'The service failed' },
  // Client side (this node's gateway towards the provider).
  localClientRefused: { type: 'Server.ClientProxy.ClientNotAllowed', status: 400, message: 'Local consumers may only speak as this node’s subsystem, from an allowed address' },
  clientNoGlobalConf: { type: 'Server.ClientProxy.OutdatedGlobalConf', status: 500, message: 'This node holds no valid global configuration' },
  unknownProvider: { type: 'Server.ClientProxy.UnknownMember', status: 400, message: 'The provider is not a member of the global configuration' },
  providerSuspended: { type: 'Server.ClientProxy.MemberSuspended', status: 400, message: 'The provider member is suspended or revoked' },
  selfSuspended: { type: 'Server.ClientProxy.MemberSuspended', status: 400, message: 'This node’s member is suspended or revoked' },
  networkError: { type: 'Server.ClientProxy.NetworkError', status: 500, message: 'The provider node could not be reached' },
  timeout: { type: 'Server.ClientProxy.Timeout', status: 500, message: 'The provider node did not answer in time' },
  badResponseSignature: { type: 'Server.ClientProxy.InvalidResponseSignature', status: 500, message: 'The provider’s answer is not signed by its key in the global configuration' },
} as const;

export type XRoadErrorName = keyof typeof XROAD_ERRORS;
export interface XRoadErrorBody {
  type: string;
  message: string;
  detail: string;
}

export const xroadErrorBody = (name: XRoadErrorName, detail: string): XRoadErrorBody => ({ type: XROAD_ERRORS[name].type, message: XROAD_ERRORS[name].message, detail });

/** The facts about an incoming signed request that decide whether it is refused, before any service runs. */
export interface IncomingFacts {
  now: Date;
  conf: GlobalConf | null;
  client: string;
  keyId: string | undefined;
  signatureValid: (publicKey: string) => boolean;
  bodyHashMatches: boolean;
  timestamp: string | undefined;
  /** Accepted clock difference, in seconds, either way. */
  skewSeconds: number;
  service: { exists: boolean; personalData: boolean };
  accessGranted: boolean;
  purpose: string | undefined;
  issue: string | undefined;
}

/**
 * The provider's checks, in the order X-Road makes them: configuration, client membership and status, signature
 * and body, freshness, service and access right, then MotCua's purpose and case. Replays (the nonce) are checked in
 * the message's transaction. Returns the first refusal, or null.
 */
export function refuseIncoming(f: IncomingFacts): { name: XRoadErrorName; detail: string } | null {
  if (!f.conf || confExpired(f.conf, f.now)) return { name: 'noGlobalConf', detail: f.conf ? `version ${f.conf.version} expired at ${f.conf.expiresAt}` : 'none fetched yet' };
  const m = memberOf(f.conf, f.client);
  if (!m) return { name: 'unknownClient', detail: f.client };
  if (m.status === 'suspended') return { name: 'clientSuspended', detail: f.client };
  if (m.status === 'revoked') return { name: 'clientRevoked', detail: f.client };
  if (!f.keyId) return { name: 'missingSignature', detail: 'X-MotCua-Key and X-MotCua-Signature are required' };
  const key = m.keys.find((k) => k.id === f.keyId);
  if (!key) return { name: 'unknownKey', detail: `${f.keyId} (global configuration version ${f.conf.version})` };
  if (!f.signatureValid(key.publicKey)) return { name: 'badSignature', detail: `key ${f.keyId}` };
  if (!f.bodyHashMatches) return { name: 'bodyTampered', detail: 'SHA-512 of the body received differs from X-MotCua-Body-Hash' };
  const t = f.timestamp ? Date.parse(f.timestamp) : NaN;
  if (!Number.isFinite(t) || Math.abs(f.now.getTime() - t) > f.skewSeconds * 1000) return { name: 'staleRequest', detail: `X-MotCua-Timestamp ${f.timestamp ?? '(none)'}; accepted: ±${f.skewSeconds} s` };
  if (!f.service.exists) return { name: 'unknownService', detail: 'see listMethods' };
  if (!f.accessGranted) return { name: 'accessDenied', detail: `${f.client}` };
  if (f.service.personalData) {
    if (!isExchangePurpose(f.purpose)) return { name: 'purposeRequired', detail: f.purpose ? `unknown purpose ${f.purpose}` : 'none given' };
    if (!f.issue || !f.issue.trim()) return { name: 'issueRequired', detail: 'none given' };
  }
  return null;
}
