import path from 'node:path';
import { ROLES, type Role } from './shared/auth/roles';

/** RFC 8176 authentication methods that are, or include, a factor besides a password. */
const OFFICER_MFA_AMR = 'mfa,otp,hwk,swk,sc,sms,tel,fpt,face,iris,retina,vbm';

/** Configuration from environment variables with validated defaults. A wrong value stops start-up. */
export interface Config {
  port: number;
  host: string;
  /** PGlite data folder, used when databaseUrl is not set. */
  dataDir: string;
  /** postgres://… — a PostgreSQL server instead of embedded PGlite. */
  databaseUrl: string | undefined;
  /** Analytics: a read replica for dashboard reads (default the main database) and the index weights/thresholds. */
  analytics: { databaseUrl: string | undefined; index: Record<string, unknown>; seedHistory: number };
  dbPoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Public base URL (for links, QR codes, OIDC redirect URIs). */
  publicUrl: string;
  /** Load the demo data set on first start. */
  seedDemo: boolean;
  bodyLimitBytes: number;
  /** Cookies get the Secure flag. */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  /** Drafts not saved for this many days are deleted by a background job; 0 = never. */
  draftExpiryDays: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  authRateLimitPerMinute: number;
  /** Officers holding one of these roles must enrol a second factor (TOTP) before using anything else. */
  mfaRequiredRoles: Role[];
  /** Public lookups of a dossier by its code, per minute and client address (codes are sequential per day). */
  publicLookupRateLimitPerMinute: number;
  outboxPollMs: number;
  /** Dossier codes a process reserves at a time per agency and day on PostgreSQL (1: drawn in each submission, gapless). */
  dossierCodeBlock: number;
  /** Procedure search from an in-memory index (false: SQL full text only). */
  catalogSearchIndex: boolean;
  /** How often the search index follows the outbox for other processes' procedure changes. */
  catalogSearchSyncMs: number;
  auditSealMs: number;
  /** Electronic identity (định danh điện tử) login for citizens. */
  eid: EidConfig;
  /** OpenID Connect login for officers; null = password login only. */
  /**
   * `mfaAmr`/`mfaAcr`: the `amr` methods (RFC 8176) or `acr` values by which the officers' provider says it checked
   * a second factor; an officer holding a role of MFA_REQUIRED_ROLES is let in by single sign-on only with one.
   */
  officerOidc: (OidcClientConfig & { claim: string; mfaAmr: string[]; mfaAcr: string[] }) | null;
  /** Transparency log (nhật ký minh bạch). */
  tlog: TlogConfig;
  /** Notifications (e-mail, SMS, Zalo ZNS, in-app). */
  notify: NotifyConfig;
  /** Public verification of signed results (xác thực kết quả). */
  verification: VerificationConfig;
  /** Signed electronic results (PAdES): keys, time-stamping, trust anchors. */
  results: ResultsConfig;
  /** Ratings, petitions (phản ánh, kiến nghị) and the virtual assistant. */
  voice: VoiceConfig;
  /** Agency-to-agency data exchange (X-Road REST gateway between MotCua nodes). */
  exchange: ExchangeConfig;
  /** Cashless fees: VietQR transfers, the payment gateway, receipts. */
  payment: PaymentConfig;
  /** Online supervision (giám sát trực tuyến): the key that signs delivery receipts. */
  supervision: { receiptKeyFile: string };
  /** Paperless meetings: the video room's address, `{meetingId}` filled in; null = no video system. */
  meeting: { videoUrlTemplate: string | null };
  /** Events between MotCua nodes on NATS JetStream; null = off (NATS_URL unset). */
  natsEvents: NatsEventsConfig | null;
  /** Sync of dossier statuses to the National Public Service Portal; null = off (NATIONAL_PORTAL_URL unset). */
  nationalPortal: NationalPortalConfig | null;
}

export interface NatsEventsConfig {
  url: string;
  stream: string;
  /** Subject prefix: messages to an agency go to `<prefix>.agency.<code>.<type>`. */
  subjectPrefix: string;
  /** This node's name (durable consumer names, the messages' sender). */
  node: string;
  /** Agencies this node consumes for (electronic identifiers); null = every local agency not registered as remote. */
  agencies: string[] | null;
  duplicateWindowMs: number;
  maxAgeMs: number;
  relayPollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  publishTimeoutMs: number;
}

export interface NationalPortalConfig {
  url: string;
  key: string | null;
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
}

export interface PaymentConfig {
  /** Minutes after which an unfinished payment expires. */
  expiryMinutes: number;
  /** Shared secret of the bank's (or aggregator's) balance-change notifications; null = generated once and kept in the database. */
  bankSecret: string | null;
  /** The payment gateway (national payment platform, cards, e-wallets); null = none, or the simulated one when `gatewaySimulator`. */
  gateway: { url: string; key: string } | null;
  /** Start a simulated gateway on loopback when none is configured (the demo). */
  gatewaySimulator: boolean;
  /** Bank notifications accepted per minute and client address. */
  notificationRateLimitPerMinute: number;
  /** Group commits of bank notifications in flight at once on a PostgreSQL server (PGlite: always 1). */
  notificationGroups: number;
}

export interface ExchangeConfig {
  instance: string;
  memberClass: string;
  memberCode: string;
  subsystem: string;
  /** The node's subsystem id `{instance}/{class}/{memberCode}/{subsystem}`. */
  id: string;
  /** Folder of the node's exchange keys, the last good global configuration and (authority) the authority's files. */
  dir: string;
  /** Where the global configuration is fetched from (the authority node's base URL); null = not joined. */
  authorityUrl: string | null;
  /** The configuration authority's Ed25519 public key (base64url); null = read DIR/authority.pub (written by init/join). */
  authorityKey: string | null;
  refreshMs: number;
  timeoutMs: number;
  skewSeconds: number;
  logBodies: boolean;
  /** Addresses local consumers may call this node's client gateway (/r1/…) from. */
  localClients: string[];
  /** Hours a published global configuration is valid (authority role). */
  confValidityHours: number;
}

export interface VoiceConfig {
  /** Days during which an applicant may change her rating of a dossier. */
  ratingEditDays: number;
  /** Petitions received after this local time 'HH:MM' count from the next working day; null = no cutoff. */
  petitionCutoff: string | null;
  /** Petitions filed and petition lookups per minute and client address. */
  publicRateLimitPerMinute: number;
  /** How often overdue petitions are escalated to the parent agency. */
  escalationMs: number;
  /** How often the assistant rebuilds its index from the catalogue, the FAQ and the published answers. */
  assistantRefreshMs: number;
  /**
   * An optional OpenAI-compatible chat endpoint that phrases the assistant's answer from its cited passages (never
   * the source of a fact: an answer citing nothing it was given is dropped). null = answer with the passages.
   */
  assistantLlm: null | {
    /** Base URL; `/chat/completions` is appended (e.g. https://llm.example.vn/v1). */
    url: string;
    model: string;
    key: string | null;
    timeoutMs: number;
    /** Whether the question may reach it as typed; otherwise personal IDs, phone numbers, e-mail addresses and dossier codes are masked. */
    allowPersonalData: boolean;
  };
}

export interface VerificationConfig {
  /** PEM bundle of the trust anchors (root CAs) signatures must chain to (the results' TRUST_ANCHORS_FILE); a missing file = an empty trust list. */
  trustAnchorsFile: string;
  /** Uploads per minute and client address on the public verification API. */
  rateLimitPerMinute: number;
}

/** Where the result module's keys, time-stamps and trust anchors come from. */
export interface ResultsConfig {
  /** Folder of the PKI files (demo root, TSA, CRLs). */
  pkiDir: string;
  /** Generate and use the DEMO trust setup (root CA, TSA, one certificate per agency) in pkiDir. */
  demo: boolean;
  /** Folder of the agencies' PKCS#12 key stores, `<agency code>.p12`. */
  p12Dir: string;
  /** Password of the key stores (demo: generated beside them when unset). */
  p12Password: string | null;
  /** RFC 3161 TSA; null = the built-in one (demo only). */
  tsaUrl: string | null;
  tsaTimeoutMs: number;
  /** PEM file of the trusted roots the verifier reads (demo: written there). */
  trustAnchorsFile: string;
}

export interface TlogConfig {
  /** Checkpoint origin line and log key name, e.g. `motcua.haiphong.gov.vn/tlog`. */
  origin: string;
  /** The log's Ed25519 signing key (C2SP note format), created there on first use when missing. */
  keyFile: string;
  /** How often committed leaves are integrated into the tree. */
  integrateMs: number;
  /** How often a new checkpoint is signed when the tree grew. */
  checkpointMs: number;
  /** Witnesses asked to cosign each checkpoint (C2SP tlog-witness). */
  witnesses: Array<{ vkey: string; url: string }>;
}

/** Channels and delivery rules of the notification module. */
export interface NotifyConfig {
  /** SMTP relay; null = no e-mail (unless the simulator stands in). */
  smtp: { host: string; port: number; tls: 'starttls' | 'implicit' | 'none'; user?: string; password?: string; caFile?: string } | null;
  emailFrom: string;
  /** SMS aggregator (brandname) HTTP API; null = no SMS (unless the simulator stands in). */
  sms: { url: string; apiKey: string; brandname: string; unicode: boolean } | null;
  /** Zalo ZNS API; null = no Zalo (unless the simulator stands in). */
  zalo: { url: string; accessToken: string; oaId: string } | null;
  /** Simulated carriers on loopback for the channels not configured (demo). */
  simulator: boolean;
  ratePerSecond: Record<'email' | 'sms' | 'zalo', number>;
  dailyQuota: Record<'email' | 'sms' | 'zalo', number>;
  maxAttempts: number;
  retryBaseMs: number;
  /** A message left 'sending' this long without the carrier's answer recorded is sent again (same reference). */
  sendingLeaseMs: number;
  /** An e-mail whose SMTP answer was not recorded: send again (at least once) or mark it a technical failure. */
  smtpUnconfirmed: 'resend' | 'fail';
  /** Local time (Asia/Ho_Chi_Minh) of the officers' due-tomorrow digest on working days. */
  digestAt: string;
  retentionDays: number;
  /** Shared secret carriers sign their delivery callbacks with; null = generated once and kept in the database. */
  callbackSecret: string | null;
}

/** A relying-party registration at an OpenID provider. */
export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Space-separated, including `openid`. */
  scopes: string;
}

export interface EidConfig {
  /** Serve the built-in e-ID provider under /oidc. */
  builtin: boolean;
  /** An external provider (e.g. VNeID); null = the built-in provider, when it is on. */
  provider: OidcClientConfig | null;
  /** Names of the claims carrying each fact (used with an external provider). */
  claims: { personalId: string; name: string; birthdate: string; level: string };
  /** Values of the level claim meaning assurance level 1 and 2. */
  levelValues: { 1: string[]; 2: string[] };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)}: expected true or false`);
    return def;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  }
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)}: expected one of ${logLevels.join(', ')}`);

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`).replace(/\/+$/, '');
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    problems.push(`PUBLIC_URL=${JSON.stringify(env.PUBLIC_URL)}: expected an http(s) URL`);
  }

  const str = (name: string, def: string): string => (env[name] || def).trim();
  const list = (name: string, def: string): string[] => str(name, def).split(',').map((v) => v.trim()).filter(Boolean);
  // An OpenID provider must be reached over https, except on this machine (tests, a local demo) or this server itself.
  const publicOrigin = (() => {
    try {
      return new URL(publicUrl).origin;
    } catch {
      return null;
    }
  })();
  const issuerUrl = (name: string): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      const u = new URL(raw);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.origin === publicOrigin;
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) problems.push(`${name}=${JSON.stringify(raw)}: expected an https URL (http only on localhost)`);
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)}: expected an https URL`);
    }
    return raw;
  };
  const oidcClient = (prefix: string, defaultScopes: string): OidcClientConfig | null => {
    const issuer = issuerUrl(`${prefix}_ISSUER`);
    if (!issuer) return null;
    const clientId = env[`${prefix}_CLIENT_ID`];
    if (!clientId) problems.push(`${prefix}_CLIENT_ID: required when ${prefix}_ISSUER is set`);
    const scopes = str(`${prefix}_SCOPES`, defaultScopes);
    if (!scopes.split(/\s+/).includes('openid')) problems.push(`${prefix}_SCOPES=${JSON.stringify(scopes)}: must include openid`);
    return { issuer, clientId: clientId ?? '', clientSecret: env[`${prefix}_CLIENT_SECRET`] || undefined, scopes };
  };
  const officerClient = oidcClient('OFFICER_OIDC', 'openid profile email');

  const results = resultsConfig(env, path.resolve(env.DATA_DIR || './data'), int, bool, problems);
  const config: Config = {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    analytics: analyticsConfig(env, problems),
    dbPoolSize: int('DB_POOL_SIZE', 20, 1, 500),
    logLevel,
    publicUrl,
    seedDemo: bool('SEED_DEMO', !databaseUrl),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    secureCookies: bool('SECURE_COOKIES', publicUrl.startsWith('https:')),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    draftExpiryDays: int('DRAFT_EXPIRY_DAYS', 30, 0, 3650),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    authRateLimitPerMinute: int('AUTH_RATE_LIMIT_PER_MINUTE', 30, 1, 100000),
    mfaRequiredRoles: mfaRoles(env.MFA_REQUIRED_ROLES, bool('SEED_DEMO', !databaseUrl), problems),
    publicLookupRateLimitPerMinute: int('PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE', 30, 1, 100000),
    outboxPollMs: int('OUTBOX_POLL_MS', 500, 10, 60000),
    dossierCodeBlock: int('DOSSIER_CODE_BLOCK', 100, 1, 100000),
    catalogSearchIndex: bool('CATALOG_SEARCH_INDEX', true),
    catalogSearchSyncMs: int('CATALOG_SEARCH_SYNC_MS', 1000, 50, 600000),
    auditSealMs: int('AUDIT_SEAL_MS', 1000, 10, 60000),
    eid: {
      builtin: bool('EID_BUILTIN', !databaseUrl),
      provider: oidcClient('EID', 'openid profile'),
      claims: {
        personalId: str('EID_CLAIM_PERSONAL_ID', 'personal_id'),
        name: str('EID_CLAIM_NAME', 'name'),
        birthdate: str('EID_CLAIM_BIRTHDATE', 'birthdate'),
        level: str('EID_CLAIM_LEVEL', 'acr'),
      },
      levelValues: {
        1: list('EID_LEVEL1_VALUES', '1,level1,urn:motcua:eid:level1'),
        2: list('EID_LEVEL2_VALUES', '2,level2,urn:motcua:eid:level2'),
      },
    },
    officerOidc: officerClient ? { ...officerClient, claim: str('OFFICER_OIDC_CLAIM', 'preferred_username'), mfaAmr: list('OFFICER_OIDC_MFA_AMR', OFFICER_MFA_AMR), mfaAcr: list('OFFICER_OIDC_MFA_ACR', '') } : null,
    tlog: tlogConfig(env, publicUrl, path.resolve(env.DATA_DIR || './data'), int, problems),
    notify: notifyConfig(env, problems, { int, bool, str, demo: bool('SEED_DEMO', !databaseUrl), publicUrl }),
    results,
    verification: { trustAnchorsFile: results.trustAnchorsFile, rateLimitPerMinute: int('VERIFY_RATE_LIMIT_PER_MINUTE', 30, 1, 100000) },
    supervision: { receiptKeyFile: path.resolve(env.SUPERVISION_RECEIPT_KEY_FILE || path.join(path.resolve(env.DATA_DIR || './data'), 'supervision', 'receipt-ed25519.pem')) },
    meeting: {
      videoUrlTemplate: (() => {
        const v = (env.MEETING_VIDEO_URL_TEMPLATE ?? 'https://meet.jit.si/motcua-{meetingId}').trim();
        if (v === '' || v === 'none') return null;
        if (!/^https?:\/\/[^\s]+$/.test(v) || !v.includes('{meetingId}')) problems.push('MEETING_VIDEO_URL_TEMPLATE must be an http(s) URL containing {meetingId}, or none');
        return v;
      })(),
    },
    exchange: (() => {
      const instance = str('EXCHANGE_INSTANCE', 'VN');
      const memberClass = str('EXCHANGE_MEMBER_CLASS', 'GOV');
      const memberCode = str('EXCHANGE_MEMBER_CODE', '000.00.00.H00');
      const subsystem = str('EXCHANGE_SUBSYSTEM', 'motcua');
      for (const [n, v] of [['EXCHANGE_INSTANCE', instance], ['EXCHANGE_MEMBER_CLASS', memberClass], ['EXCHANGE_MEMBER_CODE', memberCode], ['EXCHANGE_SUBSYSTEM', subsystem]] as const) {
        if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(v)) problems.push(`${n}=${JSON.stringify(v)}: letters, digits and . _ : - only`);
      }
      const authorityUrl = env.EXCHANGE_AUTHORITY_URL?.trim() ? env.EXCHANGE_AUTHORITY_URL.trim().replace(/\/+$/, '') : null;
      if (authorityUrl && !/^https?:\/\//.test(authorityUrl)) problems.push('EXCHANGE_AUTHORITY_URL: expected an http(s) URL');
      const authorityKey = env.EXCHANGE_AUTHORITY_KEY?.trim() || null;
      if (authorityKey && !/^[A-Za-z0-9_-]{43}$/.test(authorityKey)) problems.push('EXCHANGE_AUTHORITY_KEY: expected an Ed25519 public key in base64url (43 characters)');
      return {
        instance,
        memberClass,
        memberCode,
        subsystem,
        id: `${instance}/${memberClass}/${memberCode}/${subsystem}`,
        dir: path.resolve(env.EXCHANGE_DIR || path.join(path.resolve(env.DATA_DIR || './data'), 'exchange')),
        authorityUrl,
        authorityKey,
        refreshMs: int('EXCHANGE_GLOBALCONF_REFRESH_MS', 60000, 100, 86400000),
        timeoutMs: int('EXCHANGE_TIMEOUT_MS', 10000, 50, 600000),
        skewSeconds: int('EXCHANGE_CLOCK_SKEW_S', 300, 1, 3600),
        logBodies: bool('EXCHANGE_LOG_BODIES', false),
        localClients: list('EXCHANGE_LOCAL_CLIENTS', '127.0.0.1,::1,::ffff:127.0.0.1'),
        confValidityHours: int('EXCHANGE_GLOBALCONF_VALIDITY_HOURS', 24, 1, 24 * 365),
      };
    })(),
    voice: {
      ratingEditDays: int('VOICE_RATING_EDIT_DAYS', 7, 0, 365),
      petitionCutoff: (() => {
        const v = (env.VOICE_PETITION_CUTOFF ?? '15:00').trim();
        if (v === '' || v === 'none') return null;
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) problems.push('VOICE_PETITION_CUTOFF must be HH:MM or none');
        return v;
      })(),
      publicRateLimitPerMinute: int('VOICE_PUBLIC_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
      escalationMs: int('VOICE_ESCALATION_MS', 60000, 1000, 86400000),
      assistantRefreshMs: int('ASSISTANT_REFRESH_MS', 60000, 1000, 86400000),
      assistantLlm: (() => {
        const url = env.ASSISTANT_LLM_URL?.trim();
        const timeoutMs = int('ASSISTANT_LLM_TIMEOUT_MS', 8000, 100, 120000);
        const allowPersonalData = bool('ASSISTANT_LLM_PERSONAL_DATA', false);
        if (!url) return null;
        try {
          const u = new URL(url);
          if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
        } catch {
          problems.push('ASSISTANT_LLM_URL: expected an http(s) URL');
        }
        const model = env.ASSISTANT_LLM_MODEL?.trim();
        if (!model) problems.push('ASSISTANT_LLM_MODEL is required with ASSISTANT_LLM_URL');
        return { url: url.replace(/\/+$/, ''), model: model ?? '', key: env.ASSISTANT_LLM_KEY?.trim() || null, timeoutMs, allowPersonalData };
      })(),
    },
    payment: {
      expiryMinutes: int('PAYMENT_EXPIRY_MINUTES', 1440, 5, 43200),
      bankSecret: (() => {
        const v = env.PAYMENT_BANK_SECRET?.trim();
        if (v && v.length < 16) problems.push('PAYMENT_BANK_SECRET must be at least 16 characters');
        return v || null;
      })(),
      gateway: (() => {
        const url = env.PAYMENT_GATEWAY_URL?.trim();
        const key = env.PAYMENT_GATEWAY_KEY?.trim();
        if (!url && !key) return null;
        if (!url || !/^https?:\/\//.test(url) || !key) {
          problems.push('PAYMENT_GATEWAY_URL (http or https) and PAYMENT_GATEWAY_KEY go together');
          return null;
        }
        return { url: url.replace(/\/+$/, ''), key };
      })(),
      gatewaySimulator: bool('PAYMENT_GATEWAY_SIMULATOR', bool('SEED_DEMO', !databaseUrl)),
      notificationRateLimitPerMinute: int('PAYMENT_NOTIFICATION_RATE_LIMIT_PER_MINUTE', 600000, 1, 10000000),
      notificationGroups: int('PAYMENT_NOTIFICATION_GROUPS', 2, 1, 64),
    },
    natsEvents: natsEventsConfig(env, int, problems),
    nationalPortal: nationalPortalConfig(env, int, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function resultsConfig(env: Env, dataDir: string, int: (name: string, def: number, min: number, max: number) => number, bool: (n: string, d: boolean) => boolean, problems: string[]): ResultsConfig {
  const pkiDir = path.resolve(env.PKI_DIR || path.join(dataDir, 'pki'));
  const demo = bool('PKI_DEMO', !env.SIGNING_P12_DIR);
  const tsaUrl = env.TSA_URL || null;
  if (tsaUrl && !/^https?:\/\/\S+$/.test(tsaUrl)) problems.push('TSA_URL must be an http(s) URL');
  if (!demo && !tsaUrl) problems.push('TSA_URL is required when PKI_DEMO=false');
  if (!demo && !env.SIGNING_P12_PASSWORD) problems.push('SIGNING_P12_PASSWORD is required when PKI_DEMO=false');
  if (!demo && !env.TRUST_ANCHORS_FILE) problems.push('TRUST_ANCHORS_FILE is required when PKI_DEMO=false');
  return {
    pkiDir,
    demo,
    p12Dir: path.resolve(env.SIGNING_P12_DIR || path.join(pkiDir, 'agencies')),
    p12Password: env.SIGNING_P12_PASSWORD || null,
    tsaUrl,
    tsaTimeoutMs: int('TSA_TIMEOUT_MS', 3000, 100, 30000),
    trustAnchorsFile: path.resolve(env.TRUST_ANCHORS_FILE || path.join(pkiDir, 'trust-anchors.pem')),
  };
}

function tlogConfig(env: Env, publicUrl: string, dataDir: string, int: (name: string, def: number, min: number, max: number) => number, problems: string[]): TlogConfig {
  // The origin is the log's URL without its scheme (C2SP tlog-tiles), and names the log's key.
  const fallback = (() => {
    try {
      const u = new URL(publicUrl);
      return `${u.host}${u.pathname.replace(/\/+$/, '')}/tlog`;
    } catch {
      return 'localhost/tlog';
    }
  })();
  const origin = (env.TLOG_ORIGIN || fallback).trim();
  if (!/^[^\s+]{1,200}$/.test(origin)) problems.push(`TLOG_ORIGIN=${JSON.stringify(env.TLOG_ORIGIN)}: expected a key name without spaces or '+'`);
  const witnesses: TlogConfig['witnesses'] = [];
  for (const item of (env.TLOG_WITNESSES || '').split(/[\s,]+/).filter(Boolean)) {
    const at = item.indexOf('@');
    const vkey = at > 0 ? item.slice(0, at) : '';
    const url = at > 0 ? item.slice(at + 1) : '';
    if (!/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(vkey) || !/^https?:\/\//.test(url)) problems.push(`TLOG_WITNESSES: ${JSON.stringify(item)} is not <verifier key>@<http(s) URL>`);
    else witnesses.push({ vkey, url: url.replace(/\/+$/, '') });
  }
  return {
    origin,
    // One key per origin: a data folder reused with another PUBLIC_URL gets its own log key, not an error.
    keyFile: path.resolve(env.TLOG_KEY_FILE || path.join(dataDir, 'tlog', `${origin.replace(/[^A-Za-z0-9.-]+/g, '_')}.key`)),
    integrateMs: int('TLOG_INTEGRATE_MS', 500, 10, 60000),
    checkpointMs: int('TLOG_CHECKPOINT_MS', 3000, 100, 3600000),
    witnesses,
  };
}

type Readers = { int: (n: string, d: number, min: number, max: number) => number; bool: (n: string, d: boolean) => boolean; str: (n: string, d: string) => string; demo: boolean; publicUrl: string };

function notifyConfig(env: Env, problems: string[], r: Readers): NotifyConfig {
  const { int, bool, str } = r;
  const channelMap = (name: string, def: string): Record<'email' | 'sms' | 'zalo', number> => {
    const out: Record<string, number> = {};
    for (const part of str(name, def).split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = /^(email|sms|zalo)=(\d+)$/.exec(part);
      if (!m) problems.push(`${name}=${JSON.stringify(env[name])}: expected email=N,sms=N,zalo=N`);
      else out[m[1]] = Number(m[2]);
    }
    const d = Object.fromEntries(def.split(',').map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
    return { email: out.email ?? d.email, sms: out.sms ?? d.sms, zalo: out.zalo ?? d.zalo };
  };
  const url = (name: string): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))) problems.push(`${name}=${JSON.stringify(raw)}: expected an https URL (http only on localhost)`);
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)}: expected an https URL`);
    }
    return raw.replace(/\/+$/, '');
  };
  const tls = str('SMTP_TLS', 'starttls');
  if (!['starttls', 'implicit', 'none'].includes(tls)) problems.push(`SMTP_TLS=${JSON.stringify(tls)}: expected starttls, implicit or none`);
  const unconfirmed = str('NOTIFY_SMTP_UNCONFIRMED', 'resend');
  if (unconfirmed !== 'resend' && unconfirmed !== 'fail') problems.push(`NOTIFY_SMTP_UNCONFIRMED=${JSON.stringify(unconfirmed)}: expected resend or fail`);
  const digestAt = str('NOTIFY_DIGEST_AT', '07:30');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(digestAt)) problems.push(`NOTIFY_DIGEST_AT=${JSON.stringify(digestAt)}: expected HH:MM`);
  const smsUrl = url('SMS_API_URL');
  const zaloUrl = url('ZALO_API_URL');
  if (smsUrl && !env.SMS_API_KEY) problems.push('SMS_API_KEY: required when SMS_API_URL is set');
  if (zaloUrl && !env.ZALO_ACCESS_TOKEN) problems.push('ZALO_ACCESS_TOKEN: required when ZALO_API_URL is set');
  const brandname = str('SMS_BRANDNAME', 'MOTCUA');
  if (!/^[A-Za-z0-9 ._-]{1,11}$/.test(brandname)) problems.push(`SMS_BRANDNAME=${JSON.stringify(brandname)}: at most 11 letters, digits, spaces, dots, dashes`);
  const host = env.SMTP_HOST?.trim();
  let emailHost = 'motcua.local';
  try {
    const h = new URL(r.publicUrl).hostname;
    // An address literal or localhost is no mail domain.
    if (h && h.includes('.') && !/^[\d.]+$|^\[/.test(h)) emailHost = h;
  } catch {
    /* reported with PUBLIC_URL */
  }
  return {
    smtp: host
      ? { host, port: int('SMTP_PORT', tls === 'implicit' ? 465 : 587, 1, 65535), tls: tls as 'starttls' | 'implicit' | 'none', user: env.SMTP_USER || undefined, password: env.SMTP_PASSWORD || undefined, caFile: env.SMTP_CA_FILE || undefined }
      : null,
    emailFrom: str('NOTIFY_EMAIL_FROM', `MotCua <no-reply@${emailHost}>`),
    sms: smsUrl ? { url: smsUrl, apiKey: env.SMS_API_KEY ?? '', brandname, unicode: bool('SMS_UNICODE', false) } : null,
    zalo: zaloUrl ? { url: zaloUrl, accessToken: env.ZALO_ACCESS_TOKEN ?? '', oaId: str('ZALO_OA_ID', '') } : null,
    simulator: bool('NOTIFY_SIMULATOR', r.demo),
    ratePerSecond: channelMap('NOTIFY_RATE_LIMITS', 'email=50,sms=50,zalo=50'),
    dailyQuota: channelMap('NOTIFY_DAILY_QUOTAS', 'email=200000,sms=50000,zalo=20000'),
    maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs: int('NOTIFY_RETRY_BASE_MS', 30_000, 1, 3_600_000),
    sendingLeaseMs: int('NOTIFY_SENDING_LEASE_MS', 60_000, 100, 3_600_000),
    smtpUnconfirmed: unconfirmed as 'resend' | 'fail',
    digestAt,
    retentionDays: int('NOTIFY_RETENTION_DAYS', 7, 0, 3650),
    callbackSecret: env.NOTIFY_CALLBACK_SECRET || null,
  };
}

/** MFA_REQUIRED_ROLES: unset → the administrators (none in the demo); set, even to '' → exactly the roles listed. */
function mfaRoles(raw: string | undefined, demo: boolean, problems: string[]): Role[] {
  if (raw === undefined) return demo ? [] : ['platform_admin', 'agency_admin'];
  const listed = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = listed.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) problems.push(`MFA_REQUIRED_ROLES=${JSON.stringify(raw)}: unknown role ${unknown.join(', ')} (expected among ${ROLES.join(', ')})`);
  return [...new Set(listed.filter((r): r is Role => (ROLES as readonly string[]).includes(r)))];
}

/** The configuration variables, for `motcua --help` and the README. */
function analyticsConfig(env: NodeJS.ProcessEnv, problems: string[]): Config['analytics'] {
  const url = env.ANALYTICS_DATABASE_URL || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) problems.push('ANALYTICS_DATABASE_URL: expected a postgres:// or postgresql:// URL');
  let index: Record<string, unknown> = {};
  if (env.ANALYTICS_INDEX_CONFIG) {
    try {
      const v: unknown = JSON.parse(env.ANALYTICS_INDEX_CONFIG);
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      index = v as Record<string, unknown>;
    } catch {
      problems.push('ANALYTICS_INDEX_CONFIG: expected a JSON object {"weights": {...}, "thresholds": {...}}');
    }
  }
  const n = Number(env.SEED_HISTORY ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) problems.push('SEED_HISTORY: expected a whole number of dossiers (0 to 10,000,000)');
  return { databaseUrl: url, index, seedHistory: Number.isInteger(n) && n > 0 ? n : 0 };
}

type IntReader = (name: string, def: number, min: number, max: number) => number;

function natsEventsConfig(env: Env, int: IntReader, problems: string[]): NatsEventsConfig | null {
  const url = env.NATS_URL?.trim();
  if (!url) return null;
  if (!/^(nats|tls):\/\/[^\s]+$/.test(url)) problems.push('NATS_URL: expected nats://host:port (comma-separated for a cluster)');
  const token = /^[A-Za-z0-9_-]+$/;
  const stream = (env.NATS_STREAM || 'MOTCUA_EXCHANGE').trim();
  if (!token.test(stream)) problems.push('NATS_STREAM: letters, digits, _ and - only');
  const subjectPrefix = (env.NATS_SUBJECT_PREFIX || 'motcua').trim();
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(subjectPrefix)) problems.push('NATS_SUBJECT_PREFIX: dot-separated tokens of letters, digits, _ and -');
  const node = (env.NATS_NODE || 'motcua').trim();
  if (!token.test(node)) problems.push('NATS_NODE: letters, digits, _ and - only');
  const agencies = env.NATS_AGENCIES?.trim() ? env.NATS_AGENCIES.split(',').map((x) => x.trim()).filter(Boolean) : null;
  return {
    url,
    stream,
    subjectPrefix,
    node,
    agencies,
    duplicateWindowMs: int('NATS_DUPLICATE_WINDOW_MS', 120_000, 1000, 7 * 86_400_000),
    maxAgeMs: int('NATS_MAX_AGE_MS', 30 * 86_400_000, 0, 365 * 86_400_000),
    relayPollMs: int('NATS_RELAY_POLL_MS', 250, 10, 60_000),
    retryBaseMs: int('NATS_RETRY_BASE_MS', 500, 10, 600_000),
    retryMaxMs: int('NATS_RETRY_MAX_MS', 30_000, 10, 3_600_000),
    publishTimeoutMs: int('NATS_PUBLISH_TIMEOUT_MS', 3000, 100, 60_000),
  };
}

function nationalPortalConfig(env: Env, int: IntReader, problems: string[]): NationalPortalConfig | null {
  const url = env.NATIONAL_PORTAL_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) problems.push('NATIONAL_PORTAL_URL: expected an http(s) URL');
  return {
    url: url.replace(/\/+$/, ''),
    key: env.NATIONAL_PORTAL_KEY?.trim() || null,
    pollMs: int('NATIONAL_PORTAL_POLL_MS', 1000, 10, 3_600_000),
    maxAttempts: int('NATIONAL_PORTAL_MAX_ATTEMPTS', 12, 1, 1000),
    retryBaseMs: int('NATIONAL_PORTAL_RETRY_BASE_MS', 5000, 10, 3_600_000),
    retryMaxMs: int('NATIONAL_PORTAL_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
    timeoutMs: int('NATIONAL_PORTAL_TIMEOUT_MS', 5000, 100, 120_000),
  };
}

export const CONFIG_DOC: Array<[name: string, def: string, meaning: string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '127.0.0.1', 'Listen address (0.0.0.0 to accept outside connections)'],
  ['DATA_DIR', './data', 'PGlite data folder (embedded database)'],
  ['DATABASE_URL', '(unset)', 'postgres://user@host:5432/db — use a PostgreSQL server instead of PGlite'],
  ['MOTCUA_BACKUP_PASSPHRASE', '(unset)', 'Passphrase of `motcua backup` / `restore` archives (at least 12 characters; or --passphrase-file; keep it secret and apart from the archives)'],
  ['DB_POOL_SIZE', '20', 'PostgreSQL connection pool size'],
  ['ANALYTICS_DATABASE_URL', '(DATABASE_URL)', 'postgres:// read replica for the analytics dashboards and index reads (default: the main database)'],
  ['SEED_HISTORY', '0', 'Demo: on first start, generate this many past dossiers\' events for the analytics dashboards (as `motcua seed --history N`)'],
  ['ANALYTICS_INDEX_CONFIG', '(Decision 766 defaults)', 'JSON {"weights": {indicator: points}, "thresholds": {...}, "progressDenominator": "finished"|"received"} over the index defaults'],
  ['PUBLIC_URL', 'http://HOST:PORT', 'Public base URL (links, QR codes, OIDC redirects)'],
  ['SEED_DEMO', 'true on PGlite, false on PostgreSQL', 'Load demo data on first start'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['BODY_LIMIT_BYTES', '1048576', 'Largest accepted JSON request body'],
  ['SECURE_COOKIES', 'true when PUBLIC_URL is https', 'Mark session cookies Secure'],
  ['SESSION_IDLE_MINUTES', '30', 'Web session idle timeout'],
  ['SESSION_ABSOLUTE_HOURS', '12', 'Web session absolute lifetime'],
  ['DRAFT_EXPIRY_DAYS', '30', 'Drafts not saved for this many days are deleted (checked hourly by a background job); 0: never'],
  ['LOGIN_MAX_FAILURES', '5', 'Failed password logins before the account is locked'],
  ['LOGIN_LOCK_MINUTES', '15', 'How long a locked account stays locked'],
  ['MFA_REQUIRED_ROLES', 'platform_admin,agency_admin (empty with SEED_DEMO)', 'Comma list of roles whose officers must enrol a second factor (TOTP app) before using anything else; empty: none. The demo data set requires none, so a newcomer can sign in as the demo admin'],
  ['AUTH_RATE_LIMIT_PER_MINUTE', '30', 'Requests per minute and address on authentication routes'],
  ['PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE', '30', 'Public dossier lookups by code (GET /api/public/dossiers/{code}) per minute and client address; more answer 429 with Retry-After'],
  ['OUTBOX_POLL_MS', '500', 'Event dispatcher poll interval'],
  ['DOSSIER_CODE_BLOCK', '100', 'PostgreSQL: dossier code numbers each process reserves at a time per agency and day, handed out from memory (unique across processes; gaps when a submission fails or a process stops, and codes not in submission order across processes). 1: drawn in each submission, gapless. PGlite always draws in the submission'],
  ['CATALOG_SEARCH_INDEX', 'true', 'Procedure search from an in-memory index built at start (SQL full text while it builds); false: SQL only'],
  ['CATALOG_SEARCH_SYNC_MS', '1000', 'How often the search index follows the outbox for procedures other processes publish or retire'],
  ['AUDIT_SEAL_MS', '1000', 'Audit hash-chain sealing interval'],
  ['EID_BUILTIN', 'true on PGlite, false on PostgreSQL', 'Serve the built-in demo e-ID provider under PUBLIC_URL/oidc'],
  ['EID_ISSUER', '(unset: the built-in provider)', 'Issuer URL of the citizens\' e-ID OpenID provider (e.g. VNeID)'],
  ['EID_CLIENT_ID', '(unset)', 'Client id registered at EID_ISSUER (required with it)'],
  ['EID_CLIENT_SECRET', '(unset: public client with PKCE)', 'Client secret registered at EID_ISSUER'],
  ['EID_SCOPES', 'openid profile', 'Scopes asked of EID_ISSUER'],
  ['EID_CLAIM_PERSONAL_ID', 'personal_id', 'Claim with the 12-digit personal ID number'],
  ['EID_CLAIM_NAME', 'name', 'Claim with the full name'],
  ['EID_CLAIM_BIRTHDATE', 'birthdate', 'Claim with the date of birth (YYYY-MM-DD or DD/MM/YYYY)'],
  ['EID_CLAIM_LEVEL', 'acr', 'Claim with the assurance level (acr or a custom claim)'],
  ['EID_LEVEL1_VALUES', '1,level1,urn:motcua:eid:level1', 'Values of the level claim meaning level 1 (unknown values count as level 1)'],
  ['EID_LEVEL2_VALUES', '2,level2,urn:motcua:eid:level2', 'Values of the level claim meaning level 2'],
  ['OFFICER_OIDC_ISSUER', '(unset: password login only)', 'Issuer URL of the officers\' OpenID provider'],
  ['OFFICER_OIDC_CLIENT_ID', '(unset)', 'Client id registered at OFFICER_OIDC_ISSUER'],
  ['OFFICER_OIDC_CLIENT_SECRET', '(unset)', 'Client secret registered at OFFICER_OIDC_ISSUER'],
  ['OFFICER_OIDC_SCOPES', 'openid profile email', 'Scopes asked of OFFICER_OIDC_ISSUER'],
  ['OFFICER_OIDC_CLAIM', 'preferred_username', 'Claim naming the officer\'s username or e-mail address'],
  ['OFFICER_OIDC_MFA_AMR', OFFICER_MFA_AMR, 'ID-token `amr` methods (RFC 8176) that mean the officers\' provider checked a second factor'],
  ['OFFICER_OIDC_MFA_ACR', '(unset)', 'ID-token `acr` values that mean the same (e.g. a provider\'s multi-factor level)'],
  ['TLOG_ORIGIN', 'PUBLIC_URL host and path + /tlog', 'Transparency log origin (checkpoint first line, name of the log key)'],
  ['VERIFY_RATE_LIMIT_PER_MINUTE', '30', 'PDF uploads per minute and client address on the public verification API'],
  ['SUPERVISION_RECEIPT_KEY_FILE', 'DATA_DIR/supervision/receipt-ed25519.pem', 'Ed25519 key (PKCS#8 PEM) that signs the receipts of supervision reports (created on first use; keep it secret, back it up)'],
  ['VOICE_RATING_EDIT_DAYS', '7', 'Days during which an applicant may change her rating of a dossier'],
  ['MEETING_VIDEO_URL_TEMPLATE', 'https://meet.jit.si/motcua-{meetingId}', 'The video room of a paperless meeting (Jitsi Meet, BigBlueButton…), `{meetingId}` replaced by the meeting\'s id; `none`: no video link'],
  ['VOICE_PETITION_CUTOFF', '15:00', 'Petitions received after this local time count from the next working day (`none`: no cutoff)'],
  ['VOICE_PUBLIC_RATE_LIMIT_PER_MINUTE', '20', 'Petitions filed and petition lookups per minute and client address'],
  ['VOICE_ESCALATION_MS', '60000', 'How often open petitions past their answer deadline are escalated to the parent agency'],
  ['ASSISTANT_REFRESH_MS', '60000', 'How often the virtual assistant rebuilds its index from the catalogue, the FAQ and the published answers (at once after an FAQ change)'],
  ['ASSISTANT_LLM_URL', '(none)', 'An OpenAI-compatible chat endpoint (base URL, `/chat/completions` appended) that rephrases the assistant’s answers from their cited passages; unset = answers are the passages'],
  ['ASSISTANT_LLM_MODEL', '(none)', 'The model name sent to it (required with ASSISTANT_LLM_URL)'],
  ['ASSISTANT_LLM_KEY', '(none)', 'Its API key (sent as a Bearer token)'],
  ['ASSISTANT_LLM_TIMEOUT_MS', '8000', 'How long to wait for it before answering with the passages'],
  ['ASSISTANT_LLM_PERSONAL_DATA', 'false', 'true = the question is sent as typed; otherwise personal IDs, phone numbers, e-mail addresses and dossier codes are masked first'],
  ['TLOG_KEY_FILE', 'DATA_DIR/tlog/<origin>.key', 'The log\'s Ed25519 signing key (created on first use; keep it secret, back it up)'],
  ['TLOG_INTEGRATE_MS', '500', 'How often new log leaves are integrated into the Merkle tree'],
  ['TLOG_CHECKPOINT_MS', '3000', 'How often a signed checkpoint is published when the log grew'],
  ['TLOG_WITNESSES', '(unset)', 'Witnesses that cosign checkpoints: <verifier key>@<URL>, comma-separated'],
  ['SMTP_HOST', '(unset: no e-mail, or the simulator)', 'SMTP relay for notification e-mail'],
  ['SMTP_PORT', '587 (465 with SMTP_TLS=implicit)', 'SMTP port'],
  ['SMTP_TLS', 'starttls', 'starttls (required), implicit (TLS from the first byte) or none (loopback relays only)'],
  ['SMTP_USER', '(unset: no authentication)', 'SMTP user name'],
  ['SMTP_PASSWORD', '(unset)', 'SMTP password'],
  ['SMTP_CA_FILE', '(unset: system CAs)', 'PEM file of a CA to trust for the relay\'s certificate'],
  ['NOTIFY_EMAIL_FROM', 'MotCua <no-reply@PUBLIC_URL host>', 'Default From of notification e-mail (agencies may set their own)'],
  ['SMS_API_URL', '(unset: no SMS, or the simulator)', 'SMS aggregator (brandname) HTTP API base URL'],
  ['SMS_API_KEY', '(unset)', 'API key of SMS_API_URL (required with it)'],
  ['SMS_BRANDNAME', 'MOTCUA', 'Default registered brandname (agencies may set their own)'],
  ['SMS_UNICODE', 'false', 'Send Vietnamese with diacritics (UCS-2, 70 characters a part); false: without diacritics'],
  ['ZALO_API_URL', '(unset: no Zalo, or the simulator)', 'Zalo ZNS API base URL (e.g. https://business.openapi.zalo.me)'],
  ['ZALO_ACCESS_TOKEN', '(unset)', 'Zalo official account access token (required with ZALO_API_URL)'],
  ['ZALO_OA_ID', '(unset)', 'Default Zalo official account id (agencies may set their own)'],
  ['NOTIFY_SIMULATOR', 'true with SEED_DEMO', 'Simulated SMS, Zalo and SMTP carriers on loopback for the channels not configured (demo)'],
  ['NOTIFY_RATE_LIMITS', 'email=50,sms=50,zalo=50', 'Messages per second handed to each channel'],
  ['NOTIFY_DAILY_QUOTAS', 'email=200000,sms=50000,zalo=20000', 'Messages per local day per channel (Zalo: the official account\'s quota)'],
  ['NOTIFY_MAX_ATTEMPTS', '8', 'Attempts before a temporary failure is final'],
  ['NOTIFY_RETRY_BASE_MS', '30000', 'Back-off before retry n: base · 2^(n-1), capped at 6 hours'],
  ['NOTIFY_SENDING_LEASE_MS', '60000', 'A message sending this long with no carrier answer recorded is sent again (same reference)'],
  ['NOTIFY_SMTP_UNCONFIRMED', 'resend', 'An e-mail whose SMTP answer was not recorded: resend (same Message-ID) or fail'],
  ['NOTIFY_DIGEST_AT', '07:30', 'Local time of the officers\' due-tomorrow digest on working days'],
  ['NOTIFY_RETENTION_DAYS', '7', 'Days before addresses and texts of sent e-mail, SMS and Zalo messages are erased'],
  ['PKI_DIR', 'DATA_DIR/pki', 'Folder of the signing PKI files (demo root CA, TSA, CRLs in crls/*.crl)'],
  ['PKI_DEMO', 'true unless SIGNING_P12_DIR is set', 'Generate a DEMO root CA, TSA and one signing certificate per agency on first use (no legal value)'],
  ['SIGNING_P12_DIR', 'PKI_DIR/agencies', 'Folder of the agencies\' PKCS#12 signing keys, <agency code>.p12 (PBES2/AES, as OpenSSL 3 writes them)'],
  ['SIGNING_P12_PASSWORD', '(unset: demo generates one in PKI_DIR)', 'Password of the PKCS#12 signing keys (required with PKI_DEMO=false; keep it secret)'],
  ['TSA_URL', '(unset: the built-in demo TSA)', 'RFC 3161 time-stamping authority for signature time-stamps (required with PKI_DEMO=false)'],
  ['TSA_TIMEOUT_MS', '3000', 'Time allowed to TSA_URL per time-stamp; past it the result is not issued (503, try again)'],
  ['TRUST_ANCHORS_FILE', 'PKI_DIR/trust-anchors.pem', 'PEM of the trusted root certificates the verifier checks signatures against (demo: written there)'],
  ['NOTIFY_CALLBACK_SECRET', '(unset: generated and kept in the database)', 'Secret carriers sign delivery callbacks with (HMAC-SHA-256)'],
  ['PAYMENT_EXPIRY_MINUTES', '1440', 'Minutes after which an unfinished payment expires (5–43200)'],
  ['PAYMENT_BANK_SECRET', '(unset: generated and kept in the database)', 'Secret the bank or aggregator signs balance-change notifications with (HMAC-SHA-256, at least 16 characters)'],
  ['PAYMENT_GATEWAY_URL', '(unset)', 'Base URL of the payment gateway (national payment platform, cards, e-wallets); with PAYMENT_GATEWAY_KEY'],
  ['PAYMENT_GATEWAY_KEY', '(unset)', 'Merchant key shared with the payment gateway (signs requests, returns and notifications; keep it secret)'],
  ['PAYMENT_GATEWAY_SIMULATOR', 'true in demo mode', 'Start a simulated payment gateway on loopback when none is configured'],
  ['EXCHANGE_INSTANCE', 'VN', 'X-Road instance of the data exchange (the first part of every member id)'],
  ['EXCHANGE_MEMBER_CLASS', 'GOV', 'Member class of this node\'s agency'],
  ['EXCHANGE_MEMBER_CODE', '000.00.00.H00', 'Member code: the agency\'s electronic identifier (mã định danh điện tử)'],
  ['EXCHANGE_SUBSYSTEM', 'motcua', 'Subsystem code of this node; its id is EXCHANGE_INSTANCE/CLASS/MEMBER_CODE/SUBSYSTEM'],
  ['EXCHANGE_AUTHORITY_URL', '(unset: not joined)', 'Base URL of the configuration authority node; the signed global configuration is fetched from <URL>/exchange/globalconf'],
  ['EXCHANGE_AUTHORITY_KEY', '(unset: EXCHANGE_DIR/authority.pub)', 'The authority\'s Ed25519 public key (base64url) the global configuration must be signed with'],
  ['EXCHANGE_DIR', 'DATA_DIR/exchange', 'Folder of the node\'s exchange signing keys, the last good global configuration and the authority\'s files'],
  ['EXCHANGE_GLOBALCONF_REFRESH_MS', '60000', 'How often the global configuration is fetched'],
  ['EXCHANGE_GLOBALCONF_VALIDITY_HOURS', '24', 'Authority: hours a published global configuration is valid'],
  ['EXCHANGE_TIMEOUT_MS', '10000', 'Time allowed to a provider node per exchange request'],
  ['EXCHANGE_CLOCK_SKEW_S', '300', 'Accepted difference between a signed request\'s time and this node\'s clock (replay window)'],
  ['EXCHANGE_LOG_BODIES', 'false', 'true = keep request and response bodies in the message log (default: metadata, hashes and signatures only)'],
  ['EXCHANGE_LOCAL_CLIENTS', '127.0.0.1,::1,::ffff:127.0.0.1', 'Addresses from which local consumers may use this node\'s client gateway (/r1/…)'],
  ['PAYMENT_NOTIFICATION_RATE_LIMIT_PER_MINUTE', '600000', 'Bank and gateway notifications accepted per minute and client address'],
  ['NATS_URL', '(unset: no events between nodes)', 'NATS server(s) with JetStream, nats://host:port (comma-separated for a cluster): events between MotCua nodes (remote consultations, dossier transfers)'],
  ['NATS_STREAM', 'MOTCUA_EXCHANGE', 'The JetStream stream (created or updated at start)'],
  ['NATS_SUBJECT_PREFIX', 'motcua', 'Subject prefix: messages to an agency go to <prefix>.agency.<agency code>.<type>'],
  ['NATS_NODE', 'motcua', 'This node\'s name (the messages\' sender, the durable consumers\' names)'],
  ['NATS_AGENCIES', '(every local agency not registered as remote)', 'Agency codes this node consumes messages for, comma-separated'],
  ['NATS_DUPLICATE_WINDOW_MS', '120000', 'How long the stream remembers a Nats-Msg-Id (a re-publication inside it is stored once)'],
  ['NATS_MAX_AGE_MS', '2592000000', 'How long the stream keeps messages (0: for ever)'],
  ['NATS_RELAY_POLL_MS', '250', 'How often the relay looks for outgoing messages'],
  ['NATS_RETRY_BASE_MS', '500', 'Back-off of reconnects, publications and redeliveries: base · 2^(n-1), capped at NATS_RETRY_MAX_MS'],
  ['NATS_RETRY_MAX_MS', '30000', 'Longest back-off'],
  ['NATS_PUBLISH_TIMEOUT_MS', '3000', 'How long a publication waits for the stream\'s acknowledgement'],
  ['NATIONAL_PORTAL_URL', '(unset: no sync)', 'National Public Service Portal endpoint dossier status changes are pushed to (POST JSON)'],
  ['NATIONAL_PORTAL_KEY', '(unset)', 'Its API key (sent as a Bearer token; keep it secret)'],
  ['NATIONAL_PORTAL_POLL_MS', '1000', 'How often pending status changes are pushed'],
  ['NATIONAL_PORTAL_MAX_ATTEMPTS', '12', 'Attempts before a status change is recorded as failed'],
  ['NATIONAL_PORTAL_RETRY_BASE_MS', '5000', 'Back-off before retry n: base · 2^(n-1), capped at NATIONAL_PORTAL_RETRY_MAX_MS'],
  ['NATIONAL_PORTAL_RETRY_MAX_MS', '3600000', 'Longest back-off'],
  ['NATIONAL_PORTAL_TIMEOUT_MS', '5000', 'Time allowed to the portal per push'],
];
