import type { Browser as Chromium } from 'playwright-core';
import type { RunningHub } from '../browser/harness.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './app.js';

/** The three people the admin pages' tests sign in as: an admin, the secretariat, a member. */
export const ADMIN_TEST_PEOPLE = [
  { key: 'ada', name: 'Ada Admin', role: 'admin' },
  { key: 'sek', name: 'Sina Sekretariat', role: 'secretariat' },
  { key: 'mia', name: 'Mia Mitglied', role: 'member' },
] as const;
export type AdminTestPerson = (typeof ADMIN_TEST_PEOPLE)[number]['key'];

/**
 * adminHarness: the app on a fresh database with an admin (ada@example.org), the secretariat
 * (sek@example.org) and a member (mia@example.org), each signed in in a browser of their own; for the
 * tests of pages whose use depends on the role (settings, lists).
 */
export async function adminHarness(): Promise<{ h: TestHarness; who: Record<AdminTestPerson, Browser> }> {
  const h = await createHarness();
  const who = {} as Record<AdminTestPerson, Browser>;
  for (const person of ADMIN_TEST_PEOPLE) {
    await createUser(h.db, { name: person.name, email: `${person.key}@example.org`, role: person.role });
    who[person.key] = h.browser();
    await who[person.key].login(`${person.key}@example.org`, TEST_PASSWORD);
  }
  return { h, who };
}

/**
 * adminHub: for the browser tests of the admin pages: the hub served on a free port, Chromium, and an
 * admin (admin@example.org, signed in with harness.signIn); stop() ends both.
 */
export async function adminHub(): Promise<{ hub: RunningHub; browser: Chromium; stop(): Promise<void> }> {
  // Imported here, so that the HTTP tests using adminHarness do not load Playwright and axe-core.
  const { launchChromium, startHub } = await import('../browser/harness.js');
  const [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  return {
    hub,
    browser,
    async stop() {
      await browser.close();
      await hub.stop();
    },
  };
}
