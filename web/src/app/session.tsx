import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionEnded, setCsrfToken } from '../api/client';
import type { Session } from '../api/types';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';

interface SessionValue {
  session: Session | null;
  /** True until the first answer of /api/auth/session. */
  loading: boolean;
  refresh(): Promise<Session | null>;
  /** Signs out; for an e-ID session returns the provider's logout address to visit, if any. */
  logout(): Promise<void>;
  /** Officer password login: the session, or — with a second factor enrolled — the challenge for its code. */
  login(username: string, password: string): Promise<LoginOutcome>;
  /** The second step of an officer login: the app's 6-digit code or a recovery code. */
  loginSecondFactor(challengeId: string, code: string): Promise<Session>;
  /** The second step with a passkey (WebAuthn). */
  loginPasskey(challengeId: string): Promise<Session>;
}

export type LoginOutcome = { session: Session; challengeId?: undefined } | { session?: undefined; challengeId: string; methods: string[] };

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const s = await api.get<Session>('/api/auth/session');
      setCsrfToken(s.csrfToken);
      setSession(s);
      return s;
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 403)) console.warn('session check failed', err);
      setCsrfToken(null);
      setSession(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A request answered "not signed in": the session ended on the server, so it ends here too.
  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(null);
      setSession(null);
    });
    return () => onSessionEnded(null);
  }, []);

  const established = useCallback(
    async (csrfToken: string) => {
      setCsrfToken(csrfToken);
      const s = await refresh();
      if (!s) throw new Error('session not established');
      return s;
    },
    [refresh],
  );

  const login = useCallback(
    async (username: string, password: string): Promise<LoginOutcome> => {
      const r = await api.post<{ csrfToken: string } | { secondFactor: { challengeId: string; methods: string[] } }>('/api/auth/login', { username, password });
      if ('secondFactor' in r) return { challengeId: r.secondFactor.challengeId, methods: r.secondFactor.methods };
      return { session: await established(r.csrfToken) };
    },
    [established],
  );

  const loginSecondFactor = useCallback(
    async (challengeId: string, code: string) => established((await api.post<{ csrfToken: string }>('/api/auth/login/second-factor', { challengeId, code })).csrfToken),
    [established],
  );

  const logout = useCallback(async () => {
    const current = session;
    let logoutUrl: string | null = null;
    try {
      if (current?.kind === 'citizen') {
        logoutUrl = (await api.post<{ logoutUrl: string | null }>('/api/auth/eid/logout')).logoutUrl;
      } else {
        await api.post('/api/auth/logout');
      }
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    setCsrfToken(null);
    setSession(null);
    if (logoutUrl) window.location.assign(logoutUrl);
  }, [session]);

  const loginPasskey = useCallback(
    async (challengeId: string) => {
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/login/passkey/options', { challengeId });
      const credential = await startAuthentication({ optionsJSON });
      return established((await api.post<{ csrfToken: string }>('/api/auth/login/passkey', { challengeId, credential })).csrfToken);
    },
    [established],
  );

  const value = useMemo(() => ({ session, loading, refresh, logout, login, loginSecondFactor, loginPasskey }), [session, loading, refresh, logout, login, loginSecondFactor, loginPasskey]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The address that starts an e-ID login and comes back to `returnTo`. */
export function eidLoginUrl(returnTo: string): string {
  return `/api/auth/eid/login?returnTo=${encodeURIComponent(returnTo)}`;
}

export function hasRole(session: Session | null, ...roles: string[]): boolean {
  return !!session?.grants.some((g) => roles.includes(g.role));
}
