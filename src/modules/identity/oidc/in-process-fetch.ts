import type { IncomingMessage, ServerResponse } from 'node:http';
import inject from 'light-my-request';
import type { CustomFetch } from 'openid-client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A fetch for the relying party to reach the built-in provider inside this process: the request goes straight to the
 * provider's handler (the one the HTTP server mounts under /oidc), not through PUBLIC_URL — a server often cannot
 * call its own public address (NAT hairpin, a proxy in front), and this works before the server listens. Only URLs
 * under the issuer are served; the request carries the public host and scheme, so the provider builds the same URLs
 * as it does for a browser.
 */
export function inProcessFetch(handler: Handler, issuer: string): CustomFetch {
  const origin = new URL(issuer);
  const https = origin.protocol === 'https:';
  const dispatch: Handler = (req, res) => {
    // This socket is our own in-process one: let the provider see the public scheme.
    if (https) Object.assign(req.socket, { encrypted: true });
    handler(req, res);
  };
  return async (url, options) => {
    const target = new URL(url);
    if (!`${target.origin}${target.pathname}`.startsWith(issuer)) throw new TypeError(`in-process fetch refuses ${target.origin}${target.pathname}`);
    const body = options.body;
    const res = await inject(dispatch, {
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...options.headers, host: origin.host },
      ...(body === undefined || body === null ? {} : { payload: typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : Buffer.from(body as ArrayBuffer) }),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) for (const one of [v ?? []].flat()) headers.append(k, String(one));
    const noBody = res.statusCode === 204 || res.statusCode === 304;
    return new Response(noBody ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  };
}
