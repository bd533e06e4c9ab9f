import http from 'node:http';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A small OpenID provider the tests control, to produce what a real provider never would: ID tokens with a broken
 * signature, from an unknown key, for another audience or nonce, expired… Authorization and token endpoints,
 * discovery, JWKS and userinfo, over real HTTP, so the platform checks them through its production code path.
 */
export type Forgery =
  | 'none'
  | 'tampered_signature'
  | 'unknown_key'
  | 'wrong_nonce'
  | 'wrong_audience'
  | 'expired'
  | 'wrong_issuer'
  | 'alg_none'
  | 'token_error'
  | 'userinfo_other_subject'
  | 'no_personal_id';

export interface CraftedProvider {
  issuer: string;
  /** What the next token response carries. */
  forge: Forgery;
  /** PKCE results of the token requests, in order: true when the verifier matched the challenge. */
  pkceChecks: boolean[];
  close(): Promise<void>;
}

const b64u = (v: string | Buffer) => Buffer.from(v).toString('base64url');

function es256Key(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, jwk: { ...(publicKey.export({ format: 'jwk' }) as object), kid, alg: 'ES256', use: 'sig' } };
}

function jwt(payload: object, key: { kid: string; privateKey: KeyObject }) {
  const input = `${b64u(JSON.stringify({ alg: 'ES256', kid: key.kid, typ: 'JWT' }))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

export async function startCraftedProvider(opts: { port: number; clientId: string; clientSecret: string; person: Record<string, unknown> }): Promise<CraftedProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const key = es256Key('crafted-1');
  const stranger = es256Key('crafted-1'); // same kid, different key: a forger's
  const codes = new Map<string, { nonce: string; challenge: string; used: boolean }>();
  const tokens = new Set<string>();
  const sub = 'external-subject-42';
  const state: CraftedProvider = { issuer, forge: 'none', pkceChecks: [], close: async () => undefined };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, issuer);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/logout`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
          authorization_response_iss_parameter_supported: true,
        });
      case '/jwks':
        return json(res, 200, { keys: [key.jwk] });
      case '/authorize': {
        const p = url.searchParams;
        const code = randomBytes(16).toString('base64url');
        codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', used: false });
        const back = new URL(p.get('redirect_uri')!);
        back.search = new URLSearchParams({ code, state: p.get('state') ?? '', iss: issuer }).toString();
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      case '/token': {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding.
        const [id, secret] = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map((v) => decodeURIComponent(v.replace(/\+/g, ' ')));
        if (id !== opts.clientId || secret !== opts.clientSecret) return json(res, 401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        const pkceOk = !!grant && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === grant.challenge;
        state.pkceChecks.push(pkceOk);
        if (!grant || grant.used || !pkceOk || state.forge === 'token_error') return json(res, 400, { error: 'invalid_grant' });
        grant.used = true;
        const now = Math.floor(Date.now() / 1000);
        const f = state.forge;
        const claims = {
          iss: f === 'wrong_issuer' ? 'http://127.0.0.1:1/someone-else' : issuer,
          sub,
          aud: f === 'wrong_audience' ? 'another-client' : opts.clientId,
          iat: f === 'expired' ? now - 7200 : now,
          exp: f === 'expired' ? now - 3600 : now + 300,
          nonce: f === 'wrong_nonce' ? 'not-the-nonce-that-was-sent' : grant.nonce,
          acr: 'urn:motcua:eid:level2',
        };
        let idToken = jwt(claims, f === 'unknown_key' ? stranger : key);
        if (f === 'tampered_signature') {
          // Signed as level 1, then raised to level 2 by the forger: only the signature can tell.
          const [h, , s] = jwt({ ...claims, acr: 'urn:motcua:eid:level1' }, key).split('.');
          idToken = `${h}.${b64u(JSON.stringify(claims))}.${s}`;
        }
        if (f === 'alg_none') idToken = `${b64u(JSON.stringify({ alg: 'none' }))}.${b64u(JSON.stringify(claims))}.`;
        const accessToken = randomBytes(16).toString('base64url');
        tokens.add(accessToken);
        return json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      case '/userinfo': {
        const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!tokens.has(token)) return json(res, 401, { error: 'invalid_token' });
        const { personal_id: _omit, ...withoutId } = opts.person;
        const person = state.forge === 'no_personal_id' ? withoutId : opts.person;
        return json(res, 200, { sub: state.forge === 'userinfo_other_subject' ? 'another-subject' : sub, ...person });
      }
      default:
        return json(res, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
