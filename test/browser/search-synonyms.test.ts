import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { addEntry } from '../helpers/directory.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// The staff's synonym list (issue #21) in Chromium with axe-core: adding a group with an error first,
// an error in a group's own row, deleting; and the public directory search following the new group.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await addEntry(hub.testDb.db, { name: 'Schachclub Königsspringer', offers: 'Schach für alle' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the search synonyms page in Chromium', () => {
  it('the secretariat adds, corrects and deletes a group; axe finds nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Suchbegriffe mit gleicher Bedeutung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Suchbegriffe mit gleicher Bedeutung' }).waitFor();
    await expectAccessible(page, 'synonyms page');

    await page.locator('#field-words').fill('Schach');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.locator('#field-words-error').waitFor();
    expect(await page.locator('#field-words').inputValue()).toBe('Schach');
    await expectAccessible(page, 'synonyms page with an error');
    await page.locator('#field-words').fill('Schach ~ Brettspiel');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Die Gruppe ist hinzugefügt.').waitFor();

    // The public search now finds the club by the partner word.
    const visitor = await newContext(browser);
    const search = await visitor.newPage();
    const searchProblems = watchPage(search);
    await search.goto(`${hub.baseUrl}/directory?q=Brettspiele`);
    await search.getByRole('link', { name: 'Schachclub Königsspringer' }).waitFor();
    expect(searchProblems).toEqual([]);
    await visitor.close();

    const field = page.getByRole('textbox', { name: 'Gruppe „Schach ~ Brettspiel“' });
    await field.fill('Schach');
    await page.getByRole('button', { name: /^Speichern\s*: Schach ~ Brettspiel$/ }).click();
    await page.locator('.field__error').first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Gruppe „Schach ~ Brettspiel“' }).inputValue()).toBe('Schach');
    await expectAccessible(page, 'synonyms page with an error in a group');
    await page.getByRole('button', { name: /^Gruppe löschen\s*: Schach ~ Brettspiel$/ }).click();
    await page.getByText('Die Gruppe ist gelöscht.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Gruppe „Schach ~ Brettspiel“' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
