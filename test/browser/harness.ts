import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../../src/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testConfig, TEST_PASSWORD } from '../helpers/app.js';
import { freePort } from '../helpers/ports.js';

/** Debian's Chromium; CHROMIUM_PATH overrides it on other machines. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.resolve('test-results');


export interface RunningHub {
  baseUrl: string;
  testDb: TestDatabase;
  stop(): Promise<void>;
}

/** startHub serves the real app on a free loopback port with a fresh database. */
export async function startHub(): Promise<RunningHub> {
  const testDb = await createTestDatabase({ shareable: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = createApp({ db: testDb.db, config: testConfig({ BASE_URL: baseUrl }) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    baseUrl,
    testDb,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.destroy();
    },
  };
}

/** launchChromium starts headless Chromium with no background traffic (this machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * watchPage collects what a person would never see but must not happen: console errors (a CSP
 * violation shows up there) and failed requests for our own files.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    // "Failed to load resource" is Chromium's note on any 4xx page (a 422 form re-render is one);
    // failures of our own files are caught by the response check below.
    if (msg.type() !== 'error' || auditing.has(page) || msg.text().startsWith('Failed to load resource')) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.url().includes('/static/') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

// axe-core itself sets inline styles while it measures, which our CSP blocks and reports; those
// reports are about the audit, not the page, so they are not counted while axe runs.
const auditing = new WeakSet<Page>();

/** expectAccessible runs axe-core with the WCAG 2.1 A/AA rules and expects zero violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds for it.
  auditing.add(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  // Console messages arrive asynchronously; let the audit's own ones pass before watching again.
  await page.waitForTimeout(50);
  auditing.delete(page);
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // caret: 'initial' — hiding the caret injects an inline style, which our CSP (rightly) blocks and reports.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, caret: 'initial' });
}

export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', javaScriptEnabled: opts.javaScriptEnabled ?? true });
}

/** signIn: through the login form, as a person would; waits until the page says who is signed in. */
export async function signIn(page: Page, hub: RunningHub, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${hub.baseUrl}/login`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText('Angemeldet als').waitFor();
}
