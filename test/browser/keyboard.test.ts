import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { DEMO_LOGINS, launchChromium, newContext, SCREENSHOT_DIR, seedDemoWorld, startHub, watchPage, type DemoWorld, type RunningHub } from './harness.js';

/**
 * The main flows by keyboard alone (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7, 3.3.1, 3.3.2): Tab, Shift+Tab,
 * Enter, Space and the arrow keys; no clicks, no fill(). At every stop the focus must be visible, on a
 * shown element, and a form control must have a label; a failed form puts the focus on its error
 * summary and ties each message to its field.
 */

let hub: RunningHub;
let browser: Browser;
let world: DemoWorld;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  world = await seedDemoWorld(hub);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

interface Focus {
  tag: string;
  id: string;
  type: string;
  /** The label of a form control, else aria-label or the text. */
  name: string;
  href: string;
  /** The control's label element(s) or aria-label(ledby): every form control needs one. */
  labelled: boolean;
  /** Whether the element is shown inside the viewport (not off-screen, not zero-sized). */
  onScreen: boolean;
  /** The focused look (outline, box-shadow) and the look of the same element unfocused. */
  focusedLook: string;
  plainLook: string;
  focusVisible: boolean;
  invalid: string | null;
  /** The texts the control's aria-describedby points to. */
  description: string;
}

/**
 * focusedElement describes the focused element. Its unfocused look comes from a shallow twin put next
 * to it for a moment: same tag, classes and place in the cascade, but without the focus.
 */
async function focusedElement(page: Page): Promise<Focus | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const look = (s: CSSStyleDeclaration) => `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`;
    const focusedLook = look(getComputedStyle(el));
    const twin = el.cloneNode(false) as HTMLElement;
    for (const attr of ['id', 'name', 'autofocus', 'hx-get', 'hx-post', 'hx-trigger']) twin.removeAttribute(attr);
    twin.setAttribute('aria-hidden', 'true');
    el.after(twin);
    const plainLook = look(getComputedStyle(twin));
    twin.remove();
    const control = el as HTMLInputElement;
    const labels = control.labels ? Array.from(control.labels).map((l) => l.textContent ?? '') : [];
    const byIds = (attr: string) =>
      (el.getAttribute(attr) ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const rect = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') ?? byIds('aria-labelledby')) || labels.join(' ') || (el.textContent ?? '');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: control.type ?? '',
      name: name.replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href') ?? '',
      labelled: labels.length > 0 || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'),
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
      focusedLook,
      plainLook,
      // Date and time fields keep the focus on a part inside them (day, month, year, calendar button).
      focusVisible: el.matches(':focus-visible') || (el.matches(':focus-within') && ['date', 'time'].includes(control.type)),
      invalid: el.getAttribute('aria-invalid'),
      description: byIds('aria-describedby').replace(/\s+/g, ' ').trim(),
    };
  });
}

/** expectVisibleFocus: the focus is on a shown element and looks different from the element unfocused. */
function expectVisibleFocus(f: Focus | null, step: string): asserts f is Focus {
  expect(f, `${step}: nothing focused`).not.toBeNull();
  expect(f!.onScreen, `${step}: focused ${f!.tag} "${f!.name}" is not on screen`).toBe(true);
  expect(f!.focusVisible, `${step}: ${f!.tag} "${f!.name}" does not match :focus-visible`).toBe(true);
  expect(f!.focusedLook, `${step}: ${f!.tag} "${f!.name}" looks the same focused and unfocused`).not.toBe(f!.plainLook);
  if (['input', 'select', 'textarea'].includes(f!.tag) && f!.type !== 'hidden') expect(f!.labelled, `${step}: ${f!.tag}#${f!.id} has no label`).toBe(true);
}

/**
 * tabTo presses Tab (or Shift+Tab) until the focused element is the wanted one, checking the focus at
 * every stop on the way.
 */
async function tabTo(page: Page, wanted: (f: Focus) => boolean, what: string, opts: { back?: boolean; max?: number } = {}): Promise<Focus> {
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focusedElement(page);
    expectVisibleFocus(f, `tabbing to ${what}`);
    if (wanted(f)) return f;
  }
  throw new Error(`${what} not reached by keyboard`);
}

/** screenshot of what is in view (where the focus is), for a person to look at the focus indicator. */
async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), caret: 'initial' });
}

const named = (name: string | RegExp) => (f: Focus) => (typeof name === 'string' ? f.name === name : name.test(f.name));

/** expectErrorSummaryFocused: after a failed submit the focus is on the error summary, which is shown. */
async function expectErrorSummaryFocused(page: Page) {
  await page.locator('.error-summary').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
  const summary = await page.evaluate(() => ({ role: document.activeElement!.getAttribute('role'), text: document.activeElement!.textContent ?? '' }));
  expect(summary.role).toBe('alert');
  expect(summary.text).toContain('Bitte prüfen Sie Ihre Eingaben:');
}

/** signInByKeyboard: skip link, then the form; a first empty submit shows the error handling. */
async function signInByKeyboard(page: Page, email: string) {
  await page.goto(`${hub.baseUrl}/login`);
  // The first Tab reaches the skip link, which shows itself; Enter moves on to the main content.
  await page.keyboard.press('Tab');
  const skip = await focusedElement(page);
  expectVisibleFocus(skip, 'skip link');
  expect(skip.name).toBe('Zum Inhalt springen');
  expect(skip.href).toBe('#main');
  await screenshot(page, 'keyboard-skip-link');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  // The next Tab lands in the form: the header's links were skipped.
  await page.keyboard.press('Tab');
  const emailField = await focusedElement(page);
  expectVisibleFocus(emailField, 'e-mail field after the skip link');
  expect(emailField.name).toBe('E-Mail-Adresse (Pflichtfeld)');
  expect(emailField.labelled).toBe(true);

  // Enter in the empty form: the error summary takes the focus; the messages sit at their fields.
  await page.keyboard.press('Enter');
  await expectErrorSummaryFocused(page);
  const link = await tabTo(page, (f) => f.href === '#field-email', 'the summary link to the e-mail field', { max: 3 });
  // The summary names the field: both fields have the same message.
  expect(link.name).toBe('E-Mail-Adresse: Bitte füllen Sie dieses Feld aus.');
  await page.keyboard.press('Enter');
  const invalid = await focusedElement(page);
  expectVisibleFocus(invalid, 'e-mail field from the error summary');
  expect(invalid.id).toBe('field-email');
  expect(invalid.invalid).toBe('true');
  expect(invalid.description).toBe('Bitte füllen Sie dieses Feld aus.');

  await page.keyboard.type(email);
  const password = await tabTo(page, (f) => f.id === 'field-password', 'password', { max: 2 });
  expect(password.invalid).toBe('true');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByText('Angemeldet als').waitFor();
}

describe('keyboard only', () => {
  it('sign in (skip link, error summary) and reply to an invitation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInByKeyboard(page, DEMO_LOGINS.member);

    // From the dashboard's open invitations to the meeting.
    await page.getByRole('heading', { name: 'Offene Einladungen' }).waitFor();
    await tabTo(page, (f) => f.href === `/meetings/${world.invitedMeetingId}`, 'the invitation');
    await screenshot(page, 'keyboard-focused-link');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ihre Rückmeldung' }).waitFor();

    // Sending without an answer: the summary takes the focus, the message is tied to the answers.
    await tabTo(page, named('Antwort senden'), 'the reply button');
    await page.keyboard.press('Enter');
    await expectErrorSummaryFocused(page);
    expect(await page.locator('fieldset[aria-describedby="field-answer-error"]').count()).toBe(1);
    expect(await page.locator('#field-answer-error').textContent()).toBe('Bitte wählen Sie eine Antwort.');
    await tabTo(page, (f) => f.href === '#field-answer', 'the summary link to the answers', { max: 3 });
    await page.keyboard.press('Enter');
    let f = await focusedElement(page);
    expectVisibleFocus(f, 'first answer from the error summary');
    expect(f.name).toBe('Zusage');

    // Space chooses, the arrow keys move within the group.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    f = await focusedElement(page);
    expectVisibleFocus(f, 'answers with the arrow keys');
    expect(f.name).toBe('Absage');
    await page.keyboard.press('ArrowUp');
    expect((await focusedElement(page))!.name).toBe('Zusage');
    expect(await page.locator('#field-answer').isChecked()).toBe(true);
    await tabTo(page, named('Bemerkung (optional)'), 'the comment');
    await page.keyboard.type('Ich komme etwas später.');
    await tabTo(page, named('Antwort senden'), 'the reply button');
    // Back once and forward again: Shift+Tab works as well.
    await tabTo(page, named('E-Mail-Adresse der Vertretung (optional)'), "the substitute's address", { back: true, max: 1 });
    await tabTo(page, named('Antwort senden'), 'the reply button', { max: 1 });
    await page.keyboard.press('Enter');
    await page.getByText('Vielen Dank! Ihre Antwort ist gespeichert.').waitFor();

    const reply = await hub.testDb.db
      .selectFrom('rsvps')
      .innerJoin('persons', 'persons.id', 'rsvps.person_id')
      .select(['rsvps.answer', 'rsvps.comment'])
      .where('rsvps.meeting_id', '=', world.invitedMeetingId)
      .where('persons.email', '=', DEMO_LOGINS.member)
      .executeTakeFirstOrThrow();
    expect(reply).toEqual({ answer: 'accepted', comment: 'Ich komme etwas später.' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('write minutes: open the editor, type, fix a wrong entry, save', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInByKeyboard(page, DEMO_LOGINS.secretariat);
    await page.goto(`${hub.baseUrl}/meetings/${world.unwrittenMeetingId}`);
    // The meeting took place: writing the minutes is its main action.
    await tabTo(page, named('Protokoll schreiben'), 'the minutes link');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Protokoll:/, level: 1 }).waitFor();

    // The notes of TOP 2, typed with line breaks, then a decision with a wrong vote count.
    const items = await hub.testDb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', world.unwrittenMeetingId).orderBy('position').execute();
    const top2 = items[1]!.id;
    const notes = await tabTo(page, (f) => f.id === `notes_${top2}`, 'the notes of TOP 2');
    expect(notes.name).toBe('Notizen');
    expect(notes.description).toContain('**fett**');
    await page.keyboard.type('Frau Kovalenko stellt die Gemeinde vor.\n- Sprachcafé jeden Dienstag\n- Beratung auf Ukrainisch');
    await tabTo(page, (f) => f.id === `decision_${top2}_0_text`, 'decision 1', { max: 2 });
    await page.keyboard.type('Die Vorstellung wird zur Kenntnis genommen.');
    await tabTo(page, (f) => f.id === `decision_${top2}_0_yes`, 'yes votes', { max: 1 });
    await page.keyboard.type('zwölf');
    // Enter in a text field sends the form.
    await page.keyboard.press('Enter');
    await expectErrorSummaryFocused(page);
    await tabTo(page, (f) => f.href === `#decision_${top2}_0_yes`, 'the summary link to the votes', { max: 3 });
    await page.keyboard.press('Enter');
    const votes = await focusedElement(page);
    expectVisibleFocus(votes, 'votes from the error summary');
    expect(votes.id).toBe(`decision_${top2}_0_yes`);
    expect(votes.invalid).toBe('true');
    expect(votes.description).toBe('Bitte eine Zahl von 0 bis 999.');
    await screenshot(page, 'keyboard-minutes-error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.getByText('Der Entwurf ist gespeichert.').waitFor();

    const minutes = await hub.testDb.db.selectFrom('minutes').select('id').where('meeting_id', '=', world.unwrittenMeetingId).executeTakeFirstOrThrow();
    const stored = await hub.testDb.db.selectFrom('minute_notes').select('notes').where('minutes_id', '=', minutes.id).where('agenda_item_id', '=', top2).executeTakeFirstOrThrow();
    expect(stored.notes).toBe('Frau Kovalenko stellt die Gemeinde vor.\n- Sprachcafé jeden Dienstag\n- Beratung auf Ukrainisch');
    const decision = await hub.testDb.db.selectFrom('decisions').select(['text', 'votes_yes']).where('minutes_id', '=', minutes.id).executeTakeFirstOrThrow();
    expect(decision).toEqual({ text: 'Die Vorstellung wird zur Kenntnis genommen.', votes_yes: 12 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('search the directory: type a query, choose a filter with the arrow keys, open a hit', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/directory`);
    await tabTo(page, named('Zum Inhalt springen'), 'the skip link', { max: 1 });
    await page.keyboard.press('Enter');
    const search = await tabTo(page, named('Suche (Name, Angebot, Ort, Ansprechperson)'), 'the search field');
    expect(search.type).toBe('search');
    const searched = page.waitForResponse((r) => r.url().includes('q=verein') && r.status() === 200);
    await page.keyboard.type('verein');
    await searched;
    const count = page.locator('#results-count');
    await expect.poll(() => count.textContent()).toMatch(/^Treffer: \d+$/);
    await page.waitForURL(/q=verein/);
    const all = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(all).toBeGreaterThan(1);

    // The city filter: the arrow keys change a closed select, and the search follows at once.
    await tabTo(page, named('Stadt'), 'the city filter', { max: 2 });
    const filtered = page.waitForResponse((r) => r.url().includes('city=') && r.status() === 200);
    await page.keyboard.press('ArrowDown');
    await filtered;
    await page.waitForURL(/city=/);
    await expect.poll(async () => Number((await count.textContent())!.replace(/\D/g, '')), { timeout: 10_000 }).toBeLessThan(all);
    // The filters are swapped with their new counts; the focus stays on the one just used.
    const city = await focusedElement(page);
    expectVisibleFocus(city, 'the city filter after the search ran');
    expect(city.id).toBe('field-city');
    await screenshot(page, 'keyboard-directory-filter');

    // On to the first hit and open it.
    const hit = await tabTo(page, (f) => /^\/directory\/\d+$/.test(f.href), 'the first hit');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: hit.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(hit.href);
    expect(problems).toEqual([]);
    await context.close();
  });
});
