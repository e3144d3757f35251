import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHub } from '../helpers/admin.js';
import { expectAccessible, newContext, screenshot, signIn, watchPage, type RunningHub } from './harness.js';

// The reference lists at /admin/lists in Chromium, with axe-core on every page (issue #17): an admin adds
// a language (an error first: Lingala is already there), renames a field of action, adds one, retires it
// and merges it into the renamed one; at full width and at 320 px, without console errors or CSP reports.
let hub: RunningHub;
let browser: Browser;
let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ hub, browser, stop } = await adminHub());
});
afterAll(() => stop?.());

const RUNS = [
  { width: 1280, language: { code: 'wo', endonym: 'Wolof' }, field: { from: 'Kultur', to: 'Kultur und Begegnung' }, added: 'Digitale Teilhabe' },
  { width: 320, language: { code: 'am', endonym: 'አማርኛ' }, field: { from: 'Sport', to: 'Sport und Bewegung' }, added: 'Freizeit' },
];

async function checked(page: Page, label: string, width: number) {
  await expectAccessible(page, `${label} (${width} px)`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} fits ${width} px`).toBeLessThanOrEqual(width);
}

describe('the reference lists in Chromium', () => {
  for (const run of RUNS) {
    it(`add a language, rename, retire and merge a field of action (${run.width} px); axe finds nothing`, async () => {
      const { width } = run;
      const context = width === 320 ? await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 320, height: 900 } }) : await newContext(browser);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems = watchPage(page);
      await signIn(page, hub, 'admin@example.org');
      await page.goto(`${hub.baseUrl}/admin/lists`);
      await page.getByRole('heading', { level: 1, name: 'Auswahllisten' }).waitFor();
      await checked(page, 'the lists', width);

      // A language: a code the list has already is refused next to its field; then a new one.
      await page.getByRole('link', { name: 'Sprachen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sprachen' }).waitFor();
      await checked(page, 'the languages', width);
      await page.getByLabel('Sprachcode (ISO 639)').fill('ln');
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await page.locator('#field-code-error').getByText('Diese Sprache steht schon in der Liste.').waitFor();
      await checked(page, 'the languages with an error', width);
      await page.getByLabel('Sprachcode (ISO 639)').fill(run.language.code);
      await page.getByLabel('Name der Sprache in ihr selbst').fill(run.language.endonym);
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await page.getByText('Der Eintrag ist hinzugefügt.').waitFor();
      // The language's own name in its row, marked with its language.
      expect(await page.locator(`td[lang="${run.language.code}"]`).textContent()).toBe(run.language.endonym);
      await checked(page, 'the languages with the new one', width);

      // A field of action renamed, with its Turkish name.
      await page.goto(`${hub.baseUrl}/admin/lists/fields`);
      await page.getByRole('link', { name: run.field.from, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Handlungsfelder: ${run.field.from}` }).waitFor();
      await checked(page, 'a field of action', width);
      await page.getByLabel('Name (Deutsch)').fill(run.field.to);
      await page.getByLabel('Name (Türkisch)').fill(`${run.field.to} (tr)`);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await page.getByText('Der Eintrag ist gespeichert.').waitFor();
      await page.getByRole('heading', { level: 1, name: `Handlungsfelder: ${run.field.to}` }).waitFor();
      await checked(page, 'the renamed field', width);

      // A new field, retired, then merged into the renamed one.
      await page.goto(`${hub.baseUrl}/admin/lists/fields`);
      await page.getByLabel('Name (Deutsch)').fill(run.added);
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await page.getByText('Der Eintrag ist hinzugefügt.').waitFor();
      await page.getByRole('link', { name: run.added, exact: true }).click();
      await page.getByRole('button', { name: 'Zurückziehen' }).click();
      await page.getByText('Der Eintrag ist zurückgezogen.', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Wieder aktivieren' }).waitFor();
      await checked(page, 'a retired field', width);
      await page.getByLabel('Zusammenführen mit').selectOption({ label: run.field.to });
      await page.getByRole('button', { name: 'Zusammenführen' }).click();
      await page.getByText('Die Einträge sind zusammengeführt.').waitFor();
      await page.getByRole('heading', { level: 1, name: `Handlungsfelder: ${run.field.to}` }).waitFor();
      await checked(page, 'the field merged into', width);
      await screenshot(page, `reference-lists-${width}`);

      const fields = await hub.testDb.db.selectFrom('fields_of_action').select('name').execute();
      expect(fields.map((f) => f.name)).toContain(run.field.to);
      expect(fields.map((f) => f.name)).not.toContain(run.added);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
