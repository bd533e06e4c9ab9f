import net from 'node:net';

/**
 * A headless stand-in for a browser: Node fetch, a cookie jar (host + path, no port, as browsers do), redirects
 * followed by hand, and HTML forms read with their hidden fields.
 */
interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export interface Page {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

export class Browser {
  private cookies: Cookie[] = [];
  /** Every URL visited, in order. */
  readonly visited: string[] = [];

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  dropCookie(name: string) {
    this.cookies = this.cookies.filter((c) => c.name !== name);
  }

  private store(url: URL, setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const a of attrs) {
        const [k, v = ''] = a.split('=');
        if (/^path$/i.test(k)) path = v || '/';
        if (/^max-age$/i.test(k) && Number(v) <= 0) expired = true;
        if (/^expires$/i.test(k) && new Date(v).getTime() < Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path && c.host === url.hostname));
      if (!expired) this.cookies.push({ name, value, host: url.hostname, path });
    }
  }

  private header(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Page> {
    const u = new URL(url);
    this.visited.push(url);
    const headers: Record<string, string> = { accept: 'text/html,application/json', ...init.headers };
    const cookie = this.header(u);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(u, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(u, res.headers.getSetCookie());
    return { url, status: res.status, headers: res.headers, body: await res.text() };
  }

  /** Follows redirects until a page that is not one, or until `stop` says a redirect target is where to stop. */
  async follow(url: string, init: Parameters<Browser['request']>[1] = {}, stop: (location: string) => boolean = () => false): Promise<Page & { location?: string }> {
    let page = await this.request(url, init);
    for (let hops = 0; page.status >= 300 && page.status < 400; hops++) {
      if (hops > 20) throw new Error('too many redirects');
      const location = new URL(page.headers.get('location')!, page.url).href;
      if (stop(location)) return { ...page, location };
      page = await this.request(location);
    }
    return page;
  }

  /** Fills and submits a form of the page (the first whose action matches). */
  async submit(page: Page, actionPattern: RegExp, values: Record<string, string> = {}, stop?: (location: string) => boolean) {
    const form = forms(page.body).find((f) => actionPattern.test(f.action));
    if (!form) throw new Error(`no form ${actionPattern} on ${page.url}: ${page.body.slice(0, 500)}`);
    return this.follow(new URL(form.action, page.url).href, { method: form.method, form: { ...form.fields, ...values } }, stop);
  }
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function forms(html: string): HtmlForm[] {
  const out: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields: Record<string, string> = {};
    for (const input of m[2].matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], 'name');
      if (name) fields[name] = unescape(attr(input[0], 'value') ?? '');
    }
    out.push({ action: unescape(attr(m[1], 'action') ?? ''), method: (attr(m[1], 'method') ?? 'get').toUpperCase(), fields });
  }
  return out;
}

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it: listen on port 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
