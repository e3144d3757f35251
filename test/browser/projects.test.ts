import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { addEntry } from '../helpers/directory.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// The office's projects (issue #19) in Chromium with axe-core: the secretariat creates a project with a
// partner and a deadline and uploads its grant notice; the partner's representative signs in and sees
// the project, its deadline and document, without the accounts; at 1280 and 320 px.
let hub: RunningHub;
let browser: Browser;
let pdfPath: string;
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  const pia = await createUser(db, { name: 'Pia Partnerin', email: 'pia@example.org' });
  const org = await addEntry(db, { name: 'Verein Brücke e. V.' });
  await addEntry(db, { name: 'Kulturverein Anderswo' });
  const at = '2026-01-01T00:00:00.000Z';
  const group = await db.insertInto('groups').values({ name: 'AK extern', slug: 'extern', kind: 'external', description: '', colour: '#1d70b8', dates_public: 0, archived_at: null, calendar_stamp: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('memberships')
    .values({ group_id: group.id, person_id: pia.personId, role: 'member', organisation_id: org, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at, representation_confirmed_at: at })
    .execute();
  pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'projects-')), 'Zuwendungsbescheid 2027.pdf');
  fs.writeFileSync(pdfPath, PDF);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('projects in Chromium', () => {
  it('the secretariat creates a project with a partner and a deadline and uploads a document, errors first; axe finds nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.getByRole('link', { name: 'Projekte', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Projekte' }).waitFor();
    await expectAccessible(page, 'projects list (empty)');
    await page.getByRole('link', { name: 'Neues Projekt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neues Projekt' }).waitFor();
    await expectAccessible(page, 'project form');
    await page.locator('#field-short_name').fill('BRÜ');
    await page.locator('#field-starts_on').fill('2027-05-01');
    await page.locator('#field-ends_on').fill('2027-04-01');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#field-name-error').waitFor();
    await page.locator('#field-ends_on-error').waitFor();
    expect(await page.locator('#field-short_name').inputValue()).toBe('BRÜ');
    await expectAccessible(page, 'project form with errors');
    await page.locator('#field-name').fill('Brückenbau im Kreis');
    await page.locator('#field-ends_on').fill('2028-04-30');
    await page.locator('#field-status').selectOption('running');
    await page.locator('#field-responsible_user_id').selectOption({ label: 'Sina Sekretariat' });
    await page.getByLabel('Verein Brücke e. V.').check();
    await page.getByLabel('Hilden').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Das Projekt ist gespeichert.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'BRÜ: Brückenbau im Kreis' }).waitFor();
    expect(await page.getByRole('link', { name: 'Abrechnung' }).count()).toBe(1);

    await page.locator('#field-kind').selectOption('interim_report');
    await page.locator('#field-title').fill('Zwischenbericht 2027');
    await page.locator('#field-due_on').fill('2027-09-30');
    await page.getByRole('button', { name: 'Frist hinzufügen' }).click();
    await page.getByText('Die Frist ist eingetragen.').waitFor();
    await page.getByRole('cell', { name: 'Zwischenbericht 2027', exact: true }).waitFor();

    await page.locator('#document-kind').selectOption('grant_notice');
    await page.locator('#field-file').setInputFiles(pdfPath);
    await page.getByRole('button', { name: 'Datei hochladen' }).click();
    await page.getByText('Die Datei ist hochgeladen.').waitFor();
    await page.getByRole('link', { name: 'Zuwendungsbescheid 2027.pdf' }).waitFor();
    await expectAccessible(page, 'project page (staff)');
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const width of [1280, 320]) {
    it(`the partner's representative sees the project, its deadline and document, not the accounts (${width} px); axe finds nothing`, async () => {
      const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems = watchPage(page);
      await signIn(page, hub, 'pia@example.org');
      await page.goto(`${hub.baseUrl}/projects`);
      await expectAccessible(page, `projects list (partner, ${width} px)`);
      expect(await page.locator('form[role="search"]').count()).toBe(0);
      await page.getByRole('link', { name: /Brückenbau im Kreis/ }).click();
      await page.getByRole('heading', { level: 1, name: 'BRÜ: Brückenbau im Kreis' }).waitFor();
      await page.getByRole('cell', { name: 'Zwischenbericht 2027', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Zuwendungsbescheid 2027.pdf' }).waitFor();
      expect(await page.getByRole('link', { name: 'Abrechnung' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Frist hinzufügen' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Projekt bearbeiten' }).count()).toBe(0);
      await expectAccessible(page, `project page (partner, ${width} px)`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const id = page.url().split('/').pop();
      const accounts = await page.goto(`${hub.baseUrl}/projects/${id}/accounts`);
      expect([403, 404]).toContain(accounts!.status());
      expect(problems.filter((p) => !/status of 40[34]/.test(p))).toEqual([]);
      await context.close();
    });
  }
});
