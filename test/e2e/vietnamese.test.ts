/**
 * No English in the Vietnamese interface (issue 10, item 11). A citizen, the ward's officers and the administrator
 * sign in; every page of the portal, the back office and the administration is opened in Vietnamese — the pages
 * are read from the routers' own route lists (web/src/citizen/routes.tsx, web/src/officer/OfficerApp.tsx,
 * web/src/admin/AdminApp.tsx), so a new page is walked too, and a route whose parameters this test cannot fill
 * fails it. On each page the visible text (and the labels of controls) must hold no message key of the catalogue
 * (an untranslated key shows as itself) and no word of the English list below. Codes (`<code>`) and text marked as
 * another language (`lang="en"`, the language switch) are left out, as are the values typed into fields. An internal
 * id (the first group of a UUID) shown where a code belongs fails it too.
 * One Chromium at desktop width; the data the pages show is made through the API first.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, launchChromium, until } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, fileDossier, officerApi } from './support/api';
import { vi as catalogue } from '../../web/src/i18n/vi';
import { PROCEDURE_FIELDS, LIFE_EVENTS } from '../../src/shared/catalog/taxonomy';
import { readCatalogueFiles } from '../../src/modules/catalog';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * English words that must not reach a Vietnamese page: registry and agency codes, e-form and API field keys,
 * what a program prints for a missing value, and the words of untranslated messages. Matched as whole words,
 * ignoring case. A camelCase or snake_case identifier is refused too (a field key or an enum value shown as is).
 */
const ENGLISH = [
  'population', 'business', 'department', 'commune', 'province', 'ministry', 'central', 'unit',
  'fullName', 'birthDate', 'sex', 'permanentResidence', 'currentResidence', 'placeOfOrigin', 'personalId',
  'body', 'params', 'querystring', 'headers', 'undefined', 'null', 'NaN', 'Invalid', 'Error', 'true', 'false', 'object',
  'citizen', 'officer', 'portal', 'prefill', 'identity', 'draft', 'submitted', 'received', 'approved', 'returned', 'pending',
  'status', 'required', 'field', 'dossier', 'certificate', 'birth', 'marriage', 'loading', 'submit', 'cancel', 'save',
  'search', 'page', 'not', 'found', 'the', 'and', 'of', 'with',
  'dept', 'pc', 'justice', 'police', 'construction', 'health', 'education', 'finance', 'self', 'access',
];
/** Proper nouns and product names that are the same in both languages. */
const PROPER = new Set(['MotCua', 'VNeID', 'PAdES', 'Zalo', 'SMS', 'PDF', 'Email', 'OTP', 'LGSP']);

/** The route patterns of one area's router, read from its source (the `ROUTES` table). */
function routesOf(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const table = /const ROUTES: RouteDef\[\] = \[([\s\S]*?)\n\];/.exec(src);
  if (!table) throw new Error(`no ROUTES table in ${file}`);
  const paths = [...table[1].matchAll(/\{\s*path:\s*'([^']+)'/g)].map((m) => m[1]);
  if (paths.length < 5) throw new Error(`only ${paths.length} routes read from ${file}`);
  return paths;
}

interface Finding {
  who: string;
  page: string;
  problem: string;
}

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Requests in flight per page (the app's API calls and lazy chunks), to know when a page has settled. */
const inflight = new WeakMap<Page, Set<unknown>>();
function track(page: Page): Page {
  if (inflight.has(page)) return page;
  const open = new Set<unknown>();
  inflight.set(page, open);
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return page;
}

/** Waits until the page has a heading, nothing is loading and no request has been in flight for a moment. */
async function settle(page: Page, url: string) {
  const open = inflight.get(track(page))!;
  let quietSince = 0;
  await until(async () => {
    const ready = open.size === 0 && (await page.locator('h1').count()) > 0 && (await page.locator('.loading').count()) === 0;
    if (!ready) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    return ready && Date.now() - quietSince >= 150;
  }, `${url} to load`);
}

/** The page's Vietnamese text: visible text nodes, option texts and the labels of controls; codes and English parts left out. */
function pageText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null) => !!el?.closest('code, kbd, samp, script, style, noscript, textarea, [lang]:not([lang^="vi"])');
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !n.textContent?.trim()) continue;
      if (el.closest('option') ? false : !el.checkVisibility()) continue;
      out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt], [aria-description]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v.trim());
      }
    }
    return out;
  });
}

const KEYS = Object.keys(catalogue);
const WORDS = new Set(ENGLISH.map((w) => w.toLowerCase()));

/** What is wrong with a page's texts: raw message keys, English words, identifiers. */
function problemsIn(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const k of KEYS) if (text.includes(k)) found.add(`untranslated key “${k}” in “${text.slice(0, 120)}”`);
    // A web address is an address, not words (a notification's link to its dossier page).
    for (const token of text.replace(/https?:\/\/\S+/g, ' ').split(/[^\p{L}\p{N}_]+/u)) {
      if (!token || PROPER.has(token)) continue;
      if (WORDS.has(token.toLowerCase())) found.add(`English word “${token}” in “${text.slice(0, 120)}”`);
      else if (/^[a-z]+[A-Z][a-z]/.test(token) || /^[A-Za-z]+_[A-Za-z_]+$/.test(token)) found.add(`identifier “${token}” in “${text.slice(0, 120)}”`);
      // An internal id shown instead of a code ("Hồ sơ 8d023117"): the first group of a UUID.
      else if (/^[0-9a-f]{8}$/.test(token) && /[a-f]/.test(token) && /\d/.test(token)) found.add(`internal id “${token}” in “${text.slice(0, 120)}”`);
    }
  }
  return [...found];
}

/** The value of each route parameter, by route pattern (ids of the data made for the walk). */
type Fill = Record<string, string>;

async function walk(page: Page, who: string, base: string, routes: string[], fill: (route: string) => Fill | null, findings: Finding[], walked: string[]) {
  track(page);
  for (const route of routes) {
    const values = fill(route);
    const url = route.replace(/:(\w+)/g, (m, name: string) => {
      const v = values?.[name];
      if (!v) throw new Error(`${who}: no value for ${m} of ${route} — give this new page's parameters to the Vietnamese walk`);
      return encodeURIComponent(v);
    });
    await page.goto(`${base}${url}`);
    await settle(page, url);
    walked.push(`${who} ${url}`);
    const h1 = (await page.locator('h1').first().innerText()).trim();
    if (h1 === catalogue['notFound.title']) findings.push({ who, page: url, problem: 'not found (the walk filled the route wrongly)' });
    for (const problem of problemsIn(await pageText(page))) findings.push({ who, page: url, problem });
    // The pages this issue changed keep no accessibility violation (the other pages are scanned by their own tests).
    if (AXE_ROUTES.has(route)) for (const f of await axeScan(page, url, 'vi')) findings.push({ who, page: url, problem: `axe ${f.id}: ${f.help} (${f.targets.join(', ')})` });
  }
}

/** Routes whose pages issue 10 item 11 changed: the data tracker and the agencies. */
const AXE_ROUTES = new Set(['/du-lieu/ai-da-xem', '/quan-tri/co-quan', '/quan-tri/co-quan/:id']);

describe('the interface in Vietnamese', () => {
  it('shows no untranslated key and no English word on any page of the portal, the back office and the administration', async () => {
    const base = server.url;
    const citizenRoutes = routesOf('web/src/citizen/routes.tsx');
    const officerRoutes = routesOf('web/src/officer/OfficerApp.tsx');
    const adminRoutes = routesOf('web/src/admin/AdminApp.tsx');
    const j = new Journey({ base, browser, viewport: { width: 1280, height: 900 }, tag: 'vietnamese', axe: false, citizen: DUNG });
    const findings: Finding[] = [];
    const walked: string[] = [];
    try {
      // The citizen signs in with e-ID; her dossiers: one returned with its signed result, one filed, one draft.
      const { page: citizen } = await j.context();
      await citizen.goto(`${base}/ho-so`);
      await citizen.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(citizen);
      const returned = await fileDossier(citizen, base);
      const desk = await officerApi(base, 'tiepnhan.hongbang');
      const specialist = await officerApi(base, 'chuyenvien.hongbang');
      await desk(`/api/dossiers/${returned.id}/receive`);
      await specialist(`/api/dossiers/${returned.id}/claim`);
      await specialist(`/api/dossiers/${returned.id}/propose`, { recommendation: 'approve' });
      await (await officerApi(base, 'lanhdao.hongbang'))(`/api/dossiers/${returned.id}/approve`, {});
      const resultOfficer = await officerApi(base, 'trakq.hongbang');
      await resultOfficer(`/api/dossiers/${returned.id}/issue-result`, { electronic: true });
      await resultOfficer(`/api/dossiers/${returned.id}/return-result`, { method: 'online' });
      const filed = await fileDossier(citizen, base);
      const session = await (await citizen.request.get(`${base}/api/auth/session`)).json();
      const headers = { 'x-csrf-token': session.csrfToken };
      const agencies = (await (await citizen.request.get(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
      const hongBang = agencies.find((a) => a.code === '000.00.21.H38')!.id;
      const birth = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-registration')!;
      const draftRes = await citizen.request.post(`${base}/api/dossiers`, { headers, data: { procedure: birth.key, agencyId: hongBang, data: birth.sampleData } });
      expect(draftRes.status(), await draftRes.text()).toBe(201);
      const draft = (await draftRes.json()) as { id: string };
      const petitionRes = await citizen.request.post(`${base}/api/petitions`, {
        headers: { ...headers, 'idempotency-key': randomUUID() },
        data: { kind: 'conduct', title: 'Hẹn trả kết quả chưa rõ', content: 'Tôi đề nghị ghi rõ giờ hẹn trả kết quả trên giấy tiếp nhận.', dossierCode: returned.code, consentPublish: false },
      });
      expect(petitionRes.status(), await petitionRes.text()).toBe(201);
      const petition = (await petitionRes.json()) as { id: string };
      const counter = await desk('/api/officer/dossiers', { procedure: birth.key, agencyId: hongBang, channel: 'in_person', applicant: { type: 'citizen', personalId: '031188002468', fullName: 'Vũ Thị Hà' } });

      const [openPlan] = (await (await citizen.request.get(`${base}/api/opendata/plans`)).json()) as Array<{ id: string }>;

      const firstSection = 'applicant';
      const citizenFill = (route: string): Fill | null => {
        if (route === '/linh-vuc/:key') return { key: Object.keys(PROCEDURE_FIELDS)[0] };
        if (route === '/su-kien/:key') return { key: Object.keys(LIFE_EVENTS)[0] };
        if (route.startsWith('/thu-tuc/')) return { ref: birth.key };
        if (route === '/tra-cuu/:code') return { code: returned.code };
        if (route === '/du-lieu-mo/:name') return { name: 'danh-muc-thu-tuc-hanh-chinh' };
        if (route === '/doanh-nghiep/bao-cao/bien-nhan/:id') return { id: '00000000-0000-4000-8000-000000000000' };
        // A meeting, an inspection: any id (the page shows the refusal in Vietnamese).
        if (route === '/hop/:id' || route === '/kiem-tra/:id') return { id: '00000000-0000-4000-8000-000000000000' };
        if (route === '/du-lieu-mo/ke-hoach/:id') return { id: openPlan.id };
        if (route === '/du-lieu-mo/to-chuc/:name') return { name: '000-00-00-h38' };
        if (/^\/ho-so\/:id\/(khai|dinh-kem|kiem-tra)/.test(route)) return { id: draft.id, section: firstSection };
        if (/^\/ho-so\/:id\/(da-nop|rut|bo-sung)$/.test(route)) return { id: filed.id };
        if (route.startsWith('/ho-so/:id')) return { id: returned.id };
        return null;
      };
      await walk(citizen, 'citizen', base, citizenRoutes, citizenFill, findings, walked);
      // The data tracker names the dossiers the reads were for by their codes, and the draft as a draft.
      await citizen.goto(`${base}/du-lieu/ai-da-xem`);
      await settle(citizen, '/du-lieu/ai-da-xem');
      const reads = citizen.getByRole('list', { name: 'Các lượt xem dữ liệu' });
      await until(async () => (await reads.getByText(returned.code, { exact: true }).count()) > 0, `the tracker to name ${returned.code}`);
      expect(await reads.getByText('Cơ sở dữ liệu quốc gia về dân cư').count()).toBeGreaterThan(0);

      const officerFill = (route: string): Fill | null => {
        if (route === '/can-bo/ho-so/:id/thao-tac/:action') return { id: filed.id, action: 'tiep-nhan' };
        if (route.startsWith('/can-bo/ho-so/:id')) return { id: returned.id };
        if (route.startsWith('/can-bo/nop/:id')) return { id: counter.id, section: firstSection };
        if (route === '/can-bo/phan-anh/:id') return { id: petition.id };
        // Supervision: any id (the page shows the agency's refusal in Vietnamese for another agency's officer).
        if (route === '/can-bo/giam-sat/:id') return { id: '00000000-0000-4000-8000-000000000000' };
        if (route === '/can-bo/hop/:id' || route === '/can-bo/kiem-tra/:id') return { id: '00000000-0000-4000-8000-000000000000' };
        return null;
      };
      // Staff sign in through the API in their browser (the login page itself is walked by other tests).
      const signIn = async (username: string) => {
        const { page } = await j.context();
        const r = await page.request.post(`${base}/api/auth/login`, { data: { username, password: 'MotCua@2026' } });
        expect(r.status(), await r.text()).toBe(200);
        return page;
      };
      // The desk walks every page of the back office; the others their inbox and a dossier, the specialist the petitions.
      await walk(await signIn('tiepnhan.hongbang'), 'tiepnhan.hongbang', base, officerRoutes, officerFill, findings, walked);
      const ownPages = (who: string) => officerRoutes.filter((r) => r === '/can-bo' || r === '/can-bo/ho-so/:id' || (who === 'chuyenvien.hongbang' && r.startsWith('/can-bo/phan-anh')));
      for (const who of ['chuyenvien.hongbang', 'lanhdao.hongbang', 'trakq.hongbang']) await walk(await signIn(who), who, base, ownPages(who), officerFill, findings, walked);

      // The administrator: every page of the administration.
      const admin = await signIn('admin');
      const get = async <T,>(p: string): Promise<T> => {
        const r = await admin.request.get(`${base}${p}`);
        expect(r.status(), `${p}: ${await r.text()}`).toBe(200);
        return r.json() as Promise<T>;
      };
      const procedure = (await get<{ items: Array<{ id: string; key: string }> }>('/api/procedures?limit=200')).items.find((p) => p.key === birth.key)!;
      const version = (await get<Array<{ id: string }>>(`/api/admin/procedures/${procedure.id}/versions`))[0];
      const account = (await get<Array<{ id: string; username: string }>>('/api/admin/accounts')).find((a) => a.username === 'tiepnhan.hongbang')!;
      const template = (await get<{ items: Array<{ kind: string; channel: string; language: string }> }>('/api/admin/notify/templates')).items.find((t) => t.language === 'vi')!;
      const adminFill = (route: string): Fill | null => {
        if (route === '/quan-tri/thu-tuc/:id') return { id: procedure.id };
        if (route === '/quan-tri/phien-ban/:versionId') return { versionId: version.id };
        if (route === '/quan-tri/co-quan/:id' || route === '/quan-tri/thong-bao/nguoi-gui/:id') return { id: hongBang };
        if (route === '/quan-tri/nguoi-dung/:id') return { id: account.id };
        if (route === '/quan-tri/thong-bao/:kind/:channel/:language') return { kind: template.kind, channel: template.channel, language: template.language };
        return null;
      };
      await walk(admin, 'admin', base, adminRoutes, adminFill, findings, walked);

      // The pages this item changed, once more on a phone (375 px): the same words, no violation, nothing cut off.
      const phone = { width: 375, height: 800 };
      await citizen.setViewportSize(phone);
      await admin.setViewportSize(phone);
      const narrow: string[] = [];
      await walk(citizen, 'citizen 375px', base, ['/du-lieu/ai-da-xem'], citizenFill, findings, narrow);
      await walk(admin, 'admin 375px', base, ['/quan-tri/co-quan', '/quan-tri/co-quan/:id'], adminFill, findings, narrow);
      for (const [who, page] of [['citizen 375px', citizen], ['admin 375px', admin]] as const) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) findings.push({ who, page: page.url(), problem: `scrolls sideways by ${overflow}px` });
      }
      expect(narrow).toHaveLength(3);
    } finally {
      await j.close();
    }
    // Every route of the three areas was opened (the desk's walk covers the back office).
    for (const r of [...citizenRoutes, ...officerRoutes, ...adminRoutes]) {
      const re = new RegExp(`^\\S+ ${r.replace(/:\w+/g, '[^/]+')}$`);
      expect(walked.some((w) => re.test(w)), `${r} was walked`).toBe(true);
    }
    expect(findings, findings.map((f) => `${f.who} ${f.page}: ${f.problem}`).join('\n')).toEqual([]);
  }, 600_000);
});
