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
import { newToken } from '../../src/auth/secrets.js';
import type { SessionUser } from '../../src/auth/sessions.js';
import { seedDemo } from '../../src/demo/seed.js';
import { submitEntry } from '../../src/directory/entries.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { saveMinutes, setMinutesStatus } from '../../src/minutes/minutes.js';

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

/** startDemoHub: a hub filled with the demo's data (the ten cities, figures, programmes …) and a Chromium. */
export async function startDemoHub(): Promise<[RunningHub, Browser]> {
  const [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await seedDemo(hub.testDb.db, new Date());
  return [hub, browser];
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

/**
 * Best-practice rules (not WCAG) that the hub keeps too: landmarks with unique names, so that a screen
 * reader's list of regions tells them apart, and headings that go down one level at a time.
 */
export const HOUSE_RULES = ['landmark-unique', 'heading-order'];

/** expectAccessible runs axe-core with the WCAG 2.1 A/AA rules (plus the given rules) and expects zero violations. */
export async function expectAccessible(page: Page, label: string, rules: string[] = []): Promise<void> {
  expect(await axeViolations(page, undefined, rules), `axe violations on ${label}`).toEqual([]);
}

/**
 * axeViolations runs axe-core with the WCAG 2.1 A/AA rules (or the given tags), plus the given rules,
 * and returns one line per violated rule.
 */
export async function axeViolations(page: Page, tags: string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], rules: string[] = []): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds for it.
  auditing.add(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async ({ values, extra }) => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values },
      rules: Object.fromEntries(extra.map((id) => [id, { enabled: true }])),
      // Only the violations are read: skipping the details of passes makes a run markedly faster.
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, { values: tags, extra: rules });
  // Console messages arrive asynchronously; let the audit's own ones pass before watching again.
  await page.waitForTimeout(50);
  auditing.delete(page);
  return violations;
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

/** The demo logins the sweep and the keyboard tests sign in with (all with DEMO_PASSWORD). */
export const DEMO_LOGINS = {
  admin: 'admin@demo.arbeitskreis-hub.de',
  secretariat: 'geschaeftsstelle@demo.arbeitskreis-hub.de',
  /** A member (user role) who chairs the external group: the organiser's view of a group. */
  organiser: 'k.lange@caritas-mettmann.demo',
  /** A plain member of the internal group. */
  member: 'integration@heiligenhaus.demo',
} as const;

export interface DemoWorld {
  /** The internal group's last held meeting: circulated minutes with a decision and an action item. */
  heldMeetingId: number;
  /** The internal group's meeting before that: approved minutes. */
  approvedMeetingId: number;
  /** The external group's last held meeting: no minutes yet (the editor starts empty). */
  unwrittenMeetingId: number;
  /** The internal group's next meeting, invited; the member's reply is open. */
  invitedMeetingId: number;
  /** A directory submission waiting for review. */
  pendingEntryId: number;
  /** A published directory entry. */
  entryId: number;
  /** The member's reply link (as in the invitation mail) for the invited meeting. */
  rsvpPath: string;
}

/**
 * seedDemoWorld fills the hub with the demo data (`npm run demo`: 40 people, two groups, meetings around
 * today, about 60 directory entries) and adds what the demo lacks so that every list has entries:
 * minutes with a decision and an action item, a pending submission, mails in the outbox.
 */
export async function seedDemoWorld(hub: RunningHub): Promise<DemoWorld> {
  const db = hub.testDb.db;
  const now = new Date();
  await seedDemo(db, now);
  const userOf = async (email: string): Promise<SessionUser> => {
    const row = await db
      .selectFrom('users')
      .innerJoin('persons', 'persons.id', 'users.person_id')
      .select(['users.id', 'users.person_id', 'users.role', 'persons.name', 'persons.email'])
      .where('persons.email', '=', email)
      .executeTakeFirstOrThrow();
    return { id: row.id, personId: row.person_id, name: row.name, email: row.email!, role: row.role };
  };
  const staff = await userOf(DEMO_LOGINS.secretariat);
  const member = await userOf(DEMO_LOGINS.member);
  const meetingsOf = (slug: string, status: 'held' | 'invited') =>
    db
      .selectFrom('meetings')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select(['meetings.id', 'meetings.group_id'])
      .where('groups.slug', '=', slug)
      .where('meetings.status', '=', status)
      .orderBy('meetings.starts_at', 'desc')
      .execute();
  const [held, earlier] = await meetingsOf('ak-integration-intern', 'held');
  const [unwritten] = await meetingsOf('ak-integration-extern', 'held');
  // The demo leaves the external group's last minutes in draft; the browser tests write minutes from an
  // empty editor, so that draft goes (its notes, decisions and versions go with it by ON DELETE CASCADE).
  await db.deleteFrom('minutes').where('meeting_id', '=', unwritten!.id).execute();
  const [invited] = await meetingsOf('ak-integration-intern', 'invited');
  const items = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', held!.id).orderBy('position').execute();
  const due = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  await saveMinutes(
    db,
    staff,
    held!,
    {
      minute_taker: 'Thomas Becker',
      notes: new Map([
        [items[0]!.id, 'Das Protokoll der letzten Sitzung wird ohne Änderungen genehmigt.'],
        [items[1]!.id, 'Die Städte berichten:\n\n- Hilden: neuer Sprachkurs\n- **Ratingen**: Beratung ausgebaut'],
      ]),
      decisions: [{ agendaItemId: items[1]!.id, text: 'Der Bericht wird zur Kenntnis genommen.', yes: 9, no: 0, abstain: 1 }],
      actions: [
        { agendaItemId: items[1]!.id, description: 'Übersicht der Sprachkurse an alle schicken', personId: member.personId, dueOn: due },
        { agendaItemId: items[2]!.id, description: 'Fallzahlen für das nächste Treffen zusammenstellen', organisation: 'Kommunales Integrationszentrum', dueOn: due },
      ],
    },
    0,
    now,
  );
  await setMinutesStatus(db, staff, held!.id, 'circulated', { now });
  // The meeting before it: minutes approved (they can only be corrected now, with a reason).
  const earlierItems = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', earlier!.id).orderBy('position').execute();
  await saveMinutes(db, staff, earlier!, { notes: new Map([[earlierItems[1]!.id, 'Kurzer Bericht aus Hilden und Velbert.']]), decisions: [], actions: [] }, 0, now);
  await setMinutesStatus(db, staff, earlier!.id, 'circulated', { now });
  await setMinutesStatus(db, staff, earlier!.id, 'approved', { now, approvedInMeetingId: held!.id });
  // The member's reply to the next meeting is still open (the demo answers some invitations for them).
  const link = newToken();
  await db
    .updateTable('rsvps')
    .set({ answer: null, answered_at: null, comment: null, substitute: null, link_id: link.id, link_secret_hash: link.secretHash })
    .where('meeting_id', '=', invited!.id)
    .where('person_id', '=', member.personId)
    .execute();
  const pendingEntryId = await db.transaction().execute(async (trx) => {
    const id = await submitEntry(
      trx,
      {
        entry: { name: 'Eritreischer Kulturverein Hilden e. V.', kind: 'migrant_organisation', city_id: null, descriptions: { de: 'Kulturabende und Hausaufgabenhilfe.' }, languages: ['de', 'ti'], fields: [], cities: [], targets: [] },
        submitter: { name: 'Semhar Tesfay', email: 'semhar@example.org' },
      },
      now,
    );
    await enqueueMail(trx, { to: 'semhar@example.org', subject: 'Ihr Eintrag im Verzeichnis', text: 'Vielen Dank, wir prüfen Ihren Eintrag.' }, now);
    await enqueueMail(trx, { to: DEMO_LOGINS.member, subject: 'Einladung: Sitzung Arbeitskreis intern', text: 'Guten Tag,\n\nbitte antworten Sie auf die Einladung.' }, now);
    return id;
  });
  const entry = await db.selectFrom('organisations').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
  return { heldMeetingId: held!.id, approvedMeetingId: earlier!.id, unwrittenMeetingId: unwritten!.id, invitedMeetingId: invited!.id, pendingEntryId, entryId: entry.id, rsvpPath: `/rsvp/${link.token}` };
}
