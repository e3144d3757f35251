import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, screenshot, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// The project accounts (issue #19) in Chromium with axe-core: the secretariat enters a budget line, an
// expense with a receipt (after a refused amount), funds received, and reads the summary, at 1280 and
// 320 px. The project is a row of its own (the project pages are built elsewhere).

const NBSP = '\u00a0';
// Chromium reads the visually hidden context after a space: "Beleg : Rechnung …".
const RECEIPT_LINK = /^Beleg ?: Rechnung Bürgerhaus\.pdf$/;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let hub: RunningHub;
let browser: Browser;
let projectId: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  const at = new Date().toISOString();
  projectId = (
    await db
      .insertInto('projects')
      .values({ name: 'MoKMe – Migrantenorganisationen als Bündnispartner', short_name: 'MoKMe', description: null, reference_no: 'FKZ 4711', starts_on: '2026-01-01', ends_on: '2027-12-31', responsible_user_id: null, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the project accounts in Chromium', () => {
  it('the secretariat enters a line, an expense with a receipt and a tranche and sees the summary (1280 px); axe finds nothing', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/projects/${projectId}/accounts`);
    await page.getByRole('heading', { level: 1, name: /Projektabrechnung: MoKMe/ }).waitFor();
    await expectAccessible(page, 'empty accounts');

    for (const [category, name, planned] of [
      ['fees', 'Workshops', '4.500'],
      ['material', 'Raummiete', '100'],
    ]) {
      await page.locator('#field-category').selectOption(category!);
      await page.locator('#field-name').fill(name!);
      await page.locator('#field-planned').fill(planned!);
      await page.getByRole('button', { name: 'Position hinzufügen' }).click();
      await page.getByRole('rowheader', { name: name! }).waitFor();
    }

    // An amount with three decimals is refused at its field; what was typed stays.
    await page.locator('#field-budget_line_id').selectOption({ label: 'Sachkosten: Raummiete' });
    await page.locator('#field-spent_on').fill('2026-11-03');
    await page.locator('#field-amount').fill('120,505');
    await page.locator('#field-payee').fill('Bürgerhaus Hilden');
    await page.locator('#field-receipt_no').fill('M-11');
    await page.locator('#field-receipt').setInputFiles({ name: 'Rechnung Bürgerhaus.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Ausgabe speichern' }).click();
    await page.locator('#field-amount-error').waitFor();
    expect(await page.locator('#field-amount-error').textContent()).toContain('höchstens zwei Nachkommastellen');
    expect(await page.locator('#field-payee').inputValue()).toBe('Bürgerhaus Hilden');
    await expectAccessible(page, 'expense form with errors');

    await page.locator('#field-amount').fill('120,50');
    // A file input is never filled again after a refused form: the receipt is chosen once more.
    await page.locator('#field-receipt').setInputFiles({ name: 'Rechnung Bürgerhaus.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Ausgabe speichern' }).click();
    await page.getByText('Die Ausgabe ist gespeichert.').waitFor();
    await page.getByRole('link', { name: RECEIPT_LINK }).waitFor();

    // The tranche form is boosted by htmx: its 422 is swapped in like a page, with the error at the field.
    await page.locator('#tranche-received_on').fill('2026-03-01');
    await page.locator('#tranche-amount').fill('-1.000');
    await page.getByRole('button', { name: 'Eingang speichern' }).click();
    await page.locator('#tranche-amount-error').waitFor();
    expect(await page.locator('#tranche-amount-error').textContent()).toContain('keinen negativen Betrag');
    await expectAccessible(page, 'tranche form with errors');
    await page.locator('#tranche-amount').fill('1.000');
    await page.locator('#tranche-note').fill('1. Mittelabruf');
    await page.getByRole('button', { name: 'Eingang speichern' }).click();
    await page.getByText('Der Mitteleingang ist gespeichert.').waitFor();

    // The summary: the room hire is over plan, said in words; the balance is received minus spent.
    const summary = page.locator('dl.facts');
    expect(await summary.textContent()).toContain(`120,50${NBSP}€`);
    expect(await summary.textContent()).toContain(`879,50${NBSP}€`);
    const over = page.locator('#lines-caption').locator('xpath=..').getByRole('row', { name: /Raummiete/ });
    expect(await over.textContent()).toContain('über Plan');
    expect(await over.textContent()).toContain(`-20,50${NBSP}€`);
    await expectAccessible(page, 'accounts with a line over plan');
    await screenshot(page, 'project-accounts-1280');

    // The receipt is a download; the exports are linked.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: RECEIPT_LINK }).click();
    expect((await download).suggestedFilename()).toBe('Rechnung Bürgerhaus.pdf');
    expect(await page.getByRole('link', { name: 'Zusammenfassung für den Verwendungsnachweis (PDF)' }).getAttribute('href')).toBe(`/projects/${projectId}/accounts.pdf`);

    // Editing a line with an expense: the page says why it cannot be deleted.
    await page.getByRole('link', { name: /^Bearbeiten ?: Raummiete$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Budgetposition „Raummiete“ bearbeiten' }).waitFor();
    await page.getByText('Auf dieser Position sind Ausgaben gebucht (1).').waitFor();
    await expectAccessible(page, 'budget line edit page');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads at 320 px without sideways scrolling of the page; axe finds nothing', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/projects/${projectId}/accounts`);
    await page.getByRole('heading', { level: 1, name: /Projektabrechnung: MoKMe/ }).waitFor();
    await expectAccessible(page, 'accounts at 320 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await screenshot(page, 'project-accounts-320');
    const expense = page.getByRole('link', { name: /^Bearbeiten ?: 03\.11\.2026, Bürgerhaus Hilden/ });
    await expense.click();
    await page.getByRole('heading', { level: 1, name: /Ausgabe bearbeiten/ }).waitFor();
    await expectAccessible(page, 'expense edit page at 320 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(problems).toEqual([]);
    await context.close();
  });
});
