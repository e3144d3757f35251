import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeViolations, DEMO_LOGINS, HOUSE_RULES, launchChromium, newContext, SCREENSHOT_DIR, seedDemoWorld, signIn, startHub, watchPage, type DemoWorld, type RunningHub } from './harness.js';

/**
 * The accessibility sweep (WCAG 2.1 AA, the base of BITV 2.0): for every role, crawl the pages reachable
 * from the start page and the navigation, breadth-first, plus the first entry of every list, and check
 * each page with axe-core (plus the house's best-practice rules, HOUSE_RULES) and for a meaningful title, one h1 and lang="de". The pages covered are
 * logged and written to test-results/a11y-sweep.json. Two test files share the roles between them
 * (a11y-sweep.test.ts, a11y-sweep-staff.test.ts), so that each stays well within its time.
 */

const SITE_NAME = 'Arbeitskreis-Hub';
const MAX_DEPTH = 3;
// A role with more pages than this fails the sweep, so that a growing hub is never covered only in part.
const MAX_PAGES = 140;

// Never followed: downloads (calendar files, exports, vCards, attachments), feeds, static files.
const DOWNLOAD = /\.(ics|csv|vcf|json|md|txt|pdf|svg|png)$/;
const NOT_PAGES = /^\/(files|feeds|static|healthz|logout)(\/|$)/;
// Query parameters that switch what a page is (its mode), not which slice of the data it shows.
const MODE_PARAMS = new Set(['view', 'mine', 'status', 'live']);

/**
 * pageKey: one key per kind of page, so that a list of 60 entries is visited through its first one:
 * numeric ids and tokens become placeholders; of the query only the parameters that switch a page's
 * mode are kept, and any other (a filter, a page number) counts as one "filtered" view of the page.
 */
function pageKey(url: URL): string {
  const pathKey = url.pathname.replace(/\/[0-9]+(?=\/|$)/g, '/:id').replace(/^\/rsvp\/[^/]+/, '/rsvp/:token')
    // A reference list's entries (keys and language codes, not numbers) are one kind of page.
    .replace(/^\/admin\/lists\/([a-z]+)\/[a-z0-9_]+$/, '/admin/lists/$1/:entry');
  const keys = [...new Set(url.searchParams.keys())].sort();
  const params = keys.filter((k) => MODE_PARAMS.has(k)).map((k) => `${k}=${url.searchParams.get(k)}`);
  if (keys.some((k) => !MODE_PARAMS.has(k))) params.push('…');
  return params.length ? `${pathKey}?${params.join('&')}` : pathKey;
}

interface Covered {
  key: string;
  url: string;
  title: string;
}

/** crawl visits the role's pages breadth-first and returns them with every problem found on them. */
async function crawl(page: Page, baseUrl: string, starts: string[]): Promise<{ covered: Covered[]; problems: string[] }> {
  const origin = new URL(baseUrl).origin;
  const pageErrors = watchPage(page);
  // The start pages are all visited (they are chosen); pages found by the crawl once per kind.
  const seen = new Set<string>();
  const queue: { url: string; depth: number; chosen?: boolean }[] = starts.map((s) => ({ url: new URL(s, baseUrl).href, depth: 0, chosen: true }));
  for (const q of queue) seen.add(pageKey(new URL(q.url)));
  const covered: Covered[] = [];
  const problems: string[] = [];
  const titles = new Map<string, string>();
  const visitedFinal = new Set<string>();

  while (queue.length > 0 && covered.length < MAX_PAGES) {
    const { url, depth, chosen } = queue.shift()!;
    const response = await page.goto(url);
    const final = new URL(page.url());
    const key = pageKey(final);
    const where = `${final.pathname}${final.search}`;
    // A redirect (e.g. /login when signed in) may land on a page already checked.
    if (visitedFinal.has(chosen ? where : key)) continue;
    visitedFinal.add(key).add(where);
    seen.add(key);
    if (response?.status() !== 200) problems.push(`${where}: HTTP ${response?.status()} (from ${url})`);

    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      h1: document.querySelectorAll('h1').length,
      links: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).filter((a) => !a.hasAttribute('download')).map((a) => a.href),
    }));
    if (facts.lang !== 'de') problems.push(`${where}: <html lang="${facts.lang}">, expected "de"`);
    if (facts.h1 !== 1) problems.push(`${where}: ${facts.h1} h1 elements, expected 1`);
    const topic = facts.title.endsWith(` – ${SITE_NAME}`) ? facts.title.slice(0, -` – ${SITE_NAME}`.length).trim() : '';
    if (!topic || topic === SITE_NAME) problems.push(`${where}: title "${facts.title}" does not name the page`);
    // Views of one page (a filter, another month) may share its title; different pages may not.
    const pathKey = key.split('?')[0]!;
    const earlier = titles.get(facts.title);
    if (earlier !== undefined && earlier !== pathKey) problems.push(`${where}: title "${facts.title}" also names ${earlier}`);
    titles.set(facts.title, pathKey);
    // SWEEP_TAGS=best-practice (or any axe tags) runs other rules for a look beyond the WCAG 2.1 AA set.
    for (const v of await axeViolations(page, process.env.SWEEP_TAGS?.split(','), HOUSE_RULES)) problems.push(`${where}: ${v}`);
    covered.push({ key, url: where, title: facts.title });

    if (depth >= MAX_DEPTH) continue;
    for (const href of facts.links) {
      const next = new URL(href);
      next.hash = '';
      if (next.origin !== origin || DOWNLOAD.test(next.pathname) || NOT_PAGES.test(next.pathname)) continue;
      const nextKey = pageKey(next);
      if (seen.has(nextKey)) continue;
      seen.add(nextKey);
      queue.push({ url: next.href, depth: depth + 1 });
    }
  }
  if (queue.length > 0) problems.push(`more than ${MAX_PAGES} kinds of page: raise MAX_PAGES (not visited: ${queue.map((q) => new URL(q.url).pathname).join(', ')})`);
  problems.push(...pageErrors);
  return { covered, problems };
}

export interface Role {
  name: string;
  email: string | null;
  /** Start pages besides "/": each list's first entries, which the crawl might otherwise reach too deep. */
  starts: (w: DemoWorld) => string[];
  /** Kinds of page (see pageKey) the sweep must have covered for this role. */
  expected: string[];
  minPages: number;
}

export const ROLES: Role[] = [
  {
    name: 'public visitor',
    email: null,
    starts: (w) => ['/directory', `/directory/${w.entryId}`, '/directory/new', '/directory/overview', '/groups', '/calendar', '/calendar?view=list', '/login', '/password/reset', w.rsvpPath],
    expected: ['/', '/login', '/password/reset', '/directory', '/directory/:id', '/directory/new', '/directory/overview', '/groups', '/groups/ak-integration-extern', '/calendar', '/rsvp/:token', '/datenschutz', '/impressum'],
    minPages: 12,
  },
  {
    name: 'member',
    email: DEMO_LOGINS.member,
    starts: (w) => [`/meetings/${w.heldMeetingId}`, `/meetings/${w.heldMeetingId}/minutes`, `/meetings/${w.approvedMeetingId}/minutes`, `/meetings/${w.invitedMeetingId}`, '/actions', '/minutes/search', '/calendar', '/calendar?view=list', '/calendar/feeds', '/profile'],
    expected: ['/', '/groups', '/groups/ak-integration-intern', '/groups/ak-integration-intern/members', '/groups/ak-integration-intern/minutes', '/meetings/:id', '/meetings/:id/minutes', '/actions', '/minutes/search', '/calendar', '/calendar?view=list', '/calendar/feeds', '/profile', '/directory/:id'],
    minPages: 18,
  },
  {
    name: 'organiser (chair of a group)',
    email: DEMO_LOGINS.organiser,
    starts: (w) => [`/meetings/${w.unwrittenMeetingId}`, `/meetings/${w.unwrittenMeetingId}/attendance`, `/meetings/${w.unwrittenMeetingId}/agenda`, `/meetings/${w.unwrittenMeetingId}/minutes`, '/groups/ak-integration-extern/members'],
    expected: ['/', '/groups/ak-integration-extern', '/groups/ak-integration-extern/members', '/meetings/:id', '/meetings/:id/attendance', '/meetings/:id/agenda', '/meetings/:id/minutes', '/actions', '/calendar/feeds'],
    minPages: 18,
  },
  {
    name: 'secretariat',
    email: DEMO_LOGINS.secretariat,
    starts: (w) => [
      `/meetings/${w.heldMeetingId}`,
      `/meetings/${w.heldMeetingId}/minutes`,
      `/meetings/${w.heldMeetingId}/attendance`,
      `/meetings/${w.heldMeetingId}/attendance/print`,
      `/meetings/${w.heldMeetingId}/agenda`,
      `/meetings/${w.heldMeetingId}/edit`,
      `/meetings/${w.unwrittenMeetingId}/minutes`,
      `/meetings/${w.approvedMeetingId}/minutes`,
      `/meetings/${w.approvedMeetingId}/minutes/correction`,
      '/people',
      '/admin',
      `/admin/directory/${w.pendingEntryId}`,
    ],
    expected: ['/', '/people', '/people/:id', '/people/new', '/groups/new', '/meetings/:id/edit', '/meetings/:id/attendance', '/meetings/:id/attendance/print', '/meetings/:id/agenda', '/meetings/:id/minutes', '/meetings/:id/minutes/correction', '/admin', '/admin/directory', '/admin/directory/:id', '/admin/directory/:id/contacts'],
    minPages: 25,
  },
  {
    name: 'admin',
    email: DEMO_LOGINS.admin,
    starts: () => ['/admin', '/admin/users', '/admin/outbox', '/admin/audit', '/admin/directory', '/admin/directory/import'],
    expected: ['/', '/admin', '/admin/users', '/admin/outbox', '/admin/outbox/:id', '/admin/audit', '/admin/directory', '/admin/directory/import', '/people', '/admin/texts'],
    minPages: 25,
  },
];

/**
 * sweepRoles defines the sweep's tests for some of the roles, on a hub of their own with the demo data.
 * `selfCheck` adds a test that the audit does notice a violation.
 */
export function sweepRoles(roleNames: string[], opts: { selfCheck?: boolean } = {}): void {
  let hub: RunningHub;
  let browser: Browser;
  let world: DemoWorld;
  const report: Record<string, string[]> = {};

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startHub(), launchChromium()]);
    world = await seedDemoWorld(hub);
  });
  afterAll(async () => {
    // Both sweep files add their roles to one report.
    const file = path.join(SCREENSHOT_DIR, 'a11y-sweep.json');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>) : {};
    fs.writeFileSync(file, `${JSON.stringify({ ...earlier, ...report }, null, 2)}\n`);
    await browser?.close();
    await hub?.stop();
  });

  describe('accessibility sweep: every page of every role (axe-core, WCAG 2.1 AA)', () => {
    if (opts.selfCheck) {
      it('notices a violation (the audit is not vacuous)', async () => {
        const context = await newContext(browser);
        const page = await context.newPage();
        await page.goto(`${hub.baseUrl}/login`);
        expect(await axeViolations(page)).toEqual([]);
        await page.evaluate(() => {
          const input = document.createElement('input');
          document.querySelector('main')!.append(input);
        });
        expect((await axeViolations(page)).join('\n')).toMatch(/^label:/m);
        await context.close();
      });
    }

    for (const role of ROLES.filter((r) => roleNames.includes(r.name))) {
      it(`as ${role.name}`, async () => {
        const context = await newContext(browser);
        const page = await context.newPage();
        if (role.email) await signIn(page, hub, role.email, DEMO_PASSWORD);
        const { covered, problems } = await crawl(page, hub.baseUrl, ['/', ...role.starts(world)]);
        await context.close();
        report[role.name] = covered.map((c) => `${c.url}  (${c.title})`);
        console.log(`a11y sweep as ${role.name}: ${covered.length} pages\n${covered.map((c) => `  ${c.url}  – ${c.title}`).join('\n')}`);
        expect(problems, `problems found as ${role.name}`).toEqual([]);
        const keys = covered.map((c) => c.key);
        expect(role.expected.filter((k) => !keys.includes(k)), `pages not reached as ${role.name}`).toEqual([]);
        expect(covered.length).toBeGreaterThanOrEqual(role.minPages);
      }, 240_000);
    }
  });
}
