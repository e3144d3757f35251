import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// The staff's pages of the Datensammlung (/admin/statistics) in Chromium with axe-core: the overview,
// an indicator's form with errors, the import from upload through preview to confirmation, the manual
// entry with an error, and the history.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the Datensammlung admin pages in Chromium', () => {
  it('import, entry, indicator form and history work and axe finds nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Datensammlung verwalten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Datensammlung verwalten' }).waitFor();
    await expectAccessible(page, 'statistics overview');

    await page.getByRole('link', { name: 'Neue Kennzahl' }).click();
    await page.getByLabel('Schlüssel').fill('Falsch!');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Bitte nur Kleinbuchstaben').first().waitFor();
    await expectAccessible(page, 'indicator form with errors');

    const file = path.join(os.tmpdir(), `zahlen-${process.pid}.csv`);
    writeFileSync(file, 'Stadt;Jahr;Bevölkerung insgesamt;Ausländische Bevölkerung\nHaan;2024;30.000;3.000\nHilden;2024;55.000;.\n');
    await page.goto(`${hub.baseUrl}/admin/statistics/import`);
    await expectAccessible(page, 'import upload');
    await page.locator('#field-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Vorschau' }).click();
    await page.getByRole('button', { name: 'Import bestätigen' }).waitFor();
    await expectAccessible(page, 'import preview');
    await page.getByRole('button', { name: 'Import bestätigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Änderungen der Zahlen' }).waitFor();
    await expectAccessible(page, 'history');
    expect(await page.getByRole('cell', { name: 'Import (zahlen' }).count()).toBeGreaterThan(0);

    await page.goto(`${hub.baseUrl}/admin/statistics/values`);
    await page.locator('#field-city').selectOption({ label: 'Haan' });
    await page.locator('#field-year').fill('2024');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Haan, 31.12.2024' }).waitFor();
    await expectAccessible(page, 'manual entry');
    await page.locator('input[name^="v_"]').first().fill('viele');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Bitte eine Zahl oder eines der Sonderzeichen').first().waitFor();
    await expectAccessible(page, 'manual entry with an error');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
