import { solidPng } from '../helpers/png.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHub } from '../helpers/admin.js';
import { expectAccessible, newContext, screenshot, signIn, watchPage, type RunningHub } from './harness.js';

// The office's settings in Chromium, with axe-core (issue #17): the form with an error, the logo upload,
// the logo in the header, and the admin's warning on the privacy notice.
let hub: RunningHub;
let browser: Browser;
let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ hub, browser, stop } = await adminHub());
});
afterAll(() => stop?.());

/** A PNG of 60×30 dark blue pixels. */
const png = (w = 60, h = 30) => Buffer.from(solidPng(w, h, [0x00, 0x33, 0x66]));

describe('the office settings in Chromium', () => {
  it('the admin fills the details and uploads a logo; errors stand next to their field; the logo shows in the header', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'admin@example.org');
    await page.goto(`${hub.baseUrl}/admin/settings`);
    await expectAccessible(page, 'settings');

    await page.getByLabel('Telefon').fill('ruf an');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#field-phone-error').waitFor();
    await expectAccessible(page, 'settings with an error');

    await page.getByLabel('Telefon').fill('02104 00-000');
    await page.getByLabel('Kontakt der oder des Datenschutzbeauftragten').fill('Datenschutzbeauftragte\ndatenschutz@kreis.example');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Die Einstellungen sind gespeichert.').waitFor();

    await page.locator('#field-logo').setInputFiles({ name: 'logo.txt', mimeType: 'text/plain', buffer: Buffer.from('kein Bild') });
    await page.getByRole('button', { name: 'Logo hochladen' }).click();
    await page.locator('#field-logo-error').waitFor();
    await expectAccessible(page, 'settings with a refused logo');

    await page.locator('#field-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png() });
    await page.getByRole('button', { name: 'Logo hochladen' }).click();
    await page.getByText('Das Logo ist gespeichert.').waitFor();
    const header = page.locator('header img.site-header__logo');
    await header.waitFor();
    expect(await header.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(60);
    await expectAccessible(page, 'settings with a logo');
    await screenshot(page, 'settings');

    // The admin sees on the privacy notice what the settings still lack (the e-mail address).
    await page.goto(`${hub.baseUrl}/datenschutz`);
    await page.getByText('In den Einstellungen fehlen noch Angaben').waitFor();
    await expectAccessible(page, 'privacy notice for the admin');
    expect(problems).toEqual([]);
    await context.close();
  });
});
