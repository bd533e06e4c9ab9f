/**
 * Debian's Chromium driven by playwright-core (no browser download), an accessibility scan with axe-core, and
 * screenshots under test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh headless Chromium (playwright gives it a new, empty profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * How long a browser test waits for a condition. Generous on purpose: on a loaded machine (2 cores shared by several
 * test files and a Chromium) a page can take seconds to render, and vitest's expect.poll gives up after 1 s by default.
 */
export const WAIT_MS = 30_000;

/**
 * The guard against a hung journey, not a measure of speed: a journey is dozens of pages, each scanned twice by axe,
 * and on a machine running several suites at once it has taken over four minutes. Each wait inside is bounded by WAIT_MS.
 */
export const JOURNEY_GUARD_MS = 900_000;

/** Re-reads `read` every 100 ms until the assertion chained on it holds, for up to WAIT_MS: `await eventually(() => x).toBe(true)`. */
export function eventually<T>(read: () => T | Promise<T>, opts: { timeout?: number; message?: string } = {}) {
  return expect.poll(read, { interval: 100, timeout: WAIT_MS, ...opts });
}

/** Waits for `read` to give a value (not null, undefined or false) and returns it; fails after `timeout` naming `what`. */
export async function until<T>(read: () => Promise<T | null | undefined | false>, what: string, timeout = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** WCAG 2.x A and AA, including 2.1 and 2.2 success criteria. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
  page: string;
  lang: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export async function axeScan(page: Page, name: string, lang: string): Promise<AxeFinding[]> {
  const r = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return r.violations.map((v) => ({ page: name, lang, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when the page is wider than the viewport (horizontal scrolling). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** A minimal valid one-page PDF (the server checks the magic bytes). */
export function samplePdf(text: string): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >> endobj',
    `4 0 obj << /Length ${text.length + 30} >> stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += `${o}\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
