import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type ClientMetadata } from 'oidc-provider';

/**
 * A second, separate oidc-provider playing an external identity provider (a VNeID-like one naming its claims in
 * Vietnamese), on its own port, with its own keys (RS256) and oidc-provider's development login pages: any login
 * name that is in `people` signs in with any password (with the person's `amr`, when given, as its methods).
 */
export interface ExternalProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startExternalProvider(opts: { port: number; clients: ClientMetadata[]; people: Record<string, Record<string, unknown>> }): Promise<ExternalProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: opts.clients,
    jwks: { keys: [{ ...(privateKey.export({ format: 'jwk' }) as object), kid: 'external-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub', 'amr'],
      cong_dan: ['so_dinh_danh', 'ho_ten', 'ngay_sinh', 'muc_dinh_danh'],
      profile: ['preferred_username', 'name'],
    },
    scopes: ['openid', 'cong_dan', 'profile'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    async findAccount(_ctx, sub) {
      const person = opts.people[sub];
      return person ? { accountId: sub, claims: async () => ({ sub, ...person }) } : undefined;
    },
  });
  // A person's `amr` (RFC 8176) is how the development login says it authenticated them (a second factor or not):
  // oidc-provider puts the login result's `amr`, not an account claim, into the ID token.
  const finish = provider.interactionResult.bind(provider);
  provider.interactionResult = (req, res, result, options) => {
    const login = result.login;
    const amr = login ? opts.people[login.accountId]?.amr : undefined;
    return finish(req, res, login && Array.isArray(amr) ? { ...result, login: { ...login, amr: amr.map(String) } } : result, options);
  };
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
