import type { AccountKind, Role } from '../../shared/auth/roles';

/**
 * Every route declares who may call it in `config.policy`; the auth hook enforces it and a test fails on any
 * registered route without one. Finer checks (which agency, whose dossier) are made by the services.
 */
export type AccessPolicy =
  | { access: 'public' }
  | { access: 'authenticated'; accountKinds?: AccountKind[] }
  | { access: 'roles'; roles: Role[] };

export const policy = {
  /** Anyone, signed in or not. */
  public: (): AccessPolicy => ({ access: 'public' }),
  /** Any signed-in account, optionally only of some kinds. */
  authenticated: (...accountKinds: AccountKind[]): AccessPolicy => ({ access: 'authenticated', ...(accountKinds.length ? { accountKinds } : {}) }),
  citizen: (): AccessPolicy => ({ access: 'authenticated', accountKinds: ['citizen'] }),
  /** An officer or system account holding at least one of these roles in some agency. */
  roles: (...roles: Role[]): AccessPolicy => ({ access: 'roles', roles }),
};

export interface Grant {
  role: Role;
  agencyId: string;
  includeSubAgencies: boolean;
}

export interface Principal {
  accountId: string;
  kind: AccountKind;
  displayName: string;
  personalId: string | null;
  /** VNeID assurance level (mức độ định danh) of this session's e-ID login; null for other logins. */
  assuranceLevel: 1 | 2 | null;
  grants: Grant[];
  sessionId: string;
  sessionKind: 'web' | 'bearer';
  csrfToken: string | null;
  /** Holds a role that requires a second factor (MFA_REQUIRED_ROLES) and has none enrolled yet. */
  secondFactorMissing?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: AccessPolicy;
    /**
     * The error codes this operation can answer beyond the platform's own (validation, authentication): declared
     * factories from the module's errors file. Published per operation in the OpenAPI document.
     */
    errors?: readonly { code: string; status: number }[];
    /**
     * How a state-changing operation treats an `Idempotency-Key`: `'key'` — it runs through `runIdempotent`, so a
     * replay gets the first answer (documented as a header parameter in the OpenAPI document); `{ exempt }` — why
     * it takes none (a login must not hand a stored session to whoever replays it; a protocol endpoint; a read sent
     * as POST). Every POST, PUT, PATCH and DELETE route declares one (a test checks).
     */
    idempotency?: 'key' | { exempt: string };
    /**
     * Open to a signed-in officer who must still enrol a second factor (who am I, enrolment, logout); every other
     * signed-in route answers `identity.second_factor_required` to them.
     */
    beforeSecondFactor?: true;
    /**
     * The route reads its body as a stream it parses itself (a file upload sent as the raw body, e.g. text/csv):
     * its content types are the route's own parsers, and the "no body schema, no body" rule does not apply.
     */
    streamedBody?: true;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
