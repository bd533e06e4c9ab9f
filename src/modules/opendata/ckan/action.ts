/**
 * The contract of one CKAN Action API v3 action (`/api/3/action/{name}` and `/api/action/{name}`), shared by the
 * catalogue actions (package_*, organization_*, group_*, tag_list, …) and the DataStore actions (datastore_*).
 * The dispatcher (ckan.routes.ts) owns the HTTP side: it reads GET query strings or POST JSON bodies, resolves the
 * caller from an API token, wraps a handler's result in CKAN's envelope and maps a thrown `CkanError` to CKAN's
 * error object and status code. Handlers only see parameters and the caller.
 */
import type { TSchema } from 'typebox';

/** CKAN's `error.__type` values (ckan/logic/__init__.py and the action views). */
export type CkanErrorType =
  | 'Not Found Error'
  | 'Authorization Error'
  | 'Validation Error'
  | 'Search Query Error'
  | 'Search Error'
  | 'Integrity Error'
  | 'Internal Server Error';

/** The HTTP status CKAN answers with for each error type. */
export const CKAN_ERROR_STATUS: Record<CkanErrorType, number> = {
  'Not Found Error': 404,
  'Authorization Error': 403,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Search Error': 409,
  'Integrity Error': 409,
  'Internal Server Error': 500,
};

/**
 * An action's failure. `message` is shown to the caller (Vietnamese first, English after " / " where the action
 * answers in both); `fields` are CKAN's per-field lists for a Validation Error (`{"name": ["Missing value"]}`),
 * merged into the error object beside `__type` and `message`.
 */
export class CkanError extends Error {
  constructor(
    readonly type: CkanErrorType,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'CkanError';
  }
}

/** Who calls an action: nobody (anonymous reads) or the owner of an API token. */
export interface CkanCaller {
  accountId: string;
  /** The agencies (ids) the token's owner may publish for (her organisation memberships). */
  agencyIds: string[];
  /** Platform roles of the owner (e.g. `platform_admin` may act for every agency). */
  roles: string[];
}

export interface CkanActionContext {
  caller: CkanCaller | null;
  lang: 'vi' | 'en';
  /** The portal's public URL (for `_links`, resource URLs). */
  baseUrl: string;
  now: Date;
}

export interface CkanActionDef {
  name: string;
  /** Write actions need an API token; read actions are public (private datasets need a token of their agency). */
  write: boolean;
  /** The `help` text (CKAN gives the action's docstring); one or two sentences in English, as CKAN does. */
  help: string;
  /** The parameters' schema (documentation in the OpenAPI description; the handler validates what it needs). */
  params?: TSchema;
  handler(params: Record<string, unknown>, ctx: CkanActionContext): Promise<unknown>;
}
