import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProgrammesDemo } from '../../src/programmes/demo.js';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// Advice requests (issue #19) in Chromium with axe-core: a visitor asks for advice on a programme's
// page in German and in Arabic (right to left) at 1280 and 320 px, errors first; the secretariat finds
// the request in the work queue, takes it, answers by mail and closes it, at both widths.
let hub: RunningHub;
let browser: Browser;
let programmeId: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await seedProgrammesDemo(db, new Date());
  programmeId = (await db.selectFrom('programmes').select('id').where('name', '=', 'KOMM-AN NRW').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function fits(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('advice requests in Chromium', () => {
  for (const lang of ['de', 'ar'] as const) {
    for (const width of [1280, 320]) {
      it(`a visitor asks for advice in ${lang} (${width} px), errors first; axe finds nothing`, async () => {
        const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'ar', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
        await context.addCookies([{ name: 'lang', value: lang, url: hub.baseUrl }]);
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const problems = watchPage(page);
        await page.goto(`${hub.baseUrl}/programmes/${programmeId}`);
        await page.locator('#advice-form').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        if (lang === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        await expectAccessible(page, `programme page with advice form ${lang} (${width} px)`);
        await fits(page, width);

        // Sent without consent and with a broken address: the errors stand next to the fields.
        await page.locator('#field-organisation').fill('Frauencafé Mosaik Velbert');
        await page.locator('#field-contact_name').fill(lang === 'ar' ? 'سلمى حداد' : 'Derya Sonnenfeld');
        await page.locator('#field-email').fill('kaputt');
        await page.locator('#advice-form ~ form button[type="submit"]').click();
        await page.locator('#field-email-error').waitFor();
        await page.locator('#field-consent-error').waitFor();
        expect(await page.locator('#field-contact_name').inputValue()).toBe(lang === 'ar' ? 'سلمى حداد' : 'Derya Sonnenfeld');
        if (lang === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        await expectAccessible(page, `advice form with errors ${lang} (${width} px)`);
        await fits(page, width);

        await page.locator('#field-email').fill(`anfrage-${lang}-${width}@example.org`);
        await page.locator('#field-idea').fill('Sprachkurse mit Kinderbetreuung für neu zugewanderte Frauen.');
        await page.locator('#field-question').fill('Können Ehrenamtsstunden als Eigenanteil zählen?');
        await page.locator('#field-consent').check();
        await page.locator('#advice-form ~ form button[type="submit"]').click();
        await page.waitForURL(/\/advice\/thanks$/);
        await page.locator('h1').waitFor();
        expect(await page.locator('h1').textContent()).toBe(lang === 'ar' ? 'وصل طلب الاستشارة الخاص بك' : 'Ihre Beratungsanfrage ist angekommen');
        await expectAccessible(page, `advice thanks ${lang} (${width} px)`);
        await fits(page, width);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('the secretariat takes a request from the work queue, answers it by mail and closes it; axe finds nothing at 1280 and 320 px', async () => {
    const db = hub.testDb.db;
    // Its own request (the visitors' ones wait in the queue too), sent from the Arabic form.
    const at = new Date().toISOString();
    const request = await db
      .insertInto('advice_requests')
      .values({ programme_id: programmeId, organisation_id: null, organisation_name: 'Syrisch-Deutscher Kulturverein', contact_name: 'سلمى حداد', contact_email: 'salma.haddad@example.org', contact_phone: null, idea: 'Mentoring für Auszubildende.', question: 'Welche Frist gilt?', lang: 'ar', consent_at: at, assigned_user_id: null, assigned_at: null, answered_at: null, closed_at: null, close_note: null, created_at: at, updated_at: at })
      .returning(['id', 'contact_email'])
      .executeTakeFirstOrThrow();
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/`);
    const line = page.locator(`a[href="/admin/advice/${request.id}"]`);
    expect(await line.textContent()).toContain('noch niemand zuständig');
    await line.click();
    await page.getByRole('heading', { level: 1, name: `Beratungsanfrage Nr. ${request.id}` }).waitFor();
    await expectAccessible(page, 'advice request (new)');

    await page.getByRole('button', { name: 'Mir zuweisen' }).click();
    await page.getByText('Die Anfrage ist zugewiesen.').waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Sina Sekretariat');

    // An empty answer is refused next to its field; then a real one goes out.
    await page.locator('#field-subject').fill('');
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await page.locator('#field-subject-error').waitFor();
    await expectAccessible(page, 'advice request with answer errors');
    await page.locator('#field-subject').fill('Ihre Anfrage zu KOMM-AN NRW');
    await page.locator('#field-text').fill('Guten Tag,\n\nja, Ehrenamtsstunden können angerechnet werden.');
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await page.getByText('Die Antwort ist im Postausgang').waitFor();
    await page.getByText('ja, Ehrenamtsstunden können angerechnet werden.').waitFor();
    const mail = await db.selectFrom('outbox').select(['to_address', 'subject']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail).toEqual({ to_address: request.contact_email, subject: 'Ihre Anfrage zu KOMM-AN NRW' });

    await page.locator('#field-note').fill('Beraten; Antrag folgt.');
    await page.getByRole('button', { name: 'Anfrage abschließen' }).click();
    await page.getByText('Die Anfrage ist abgeschlossen.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Anfrage wieder öffnen' }).waitFor();
    await expectAccessible(page, 'advice request (closed)');
    expect(await page.locator('ol').last().textContent()).toContain('Sina Sekretariat hat die Anfrage abgeschlossen');

    await page.goto(`${hub.baseUrl}/admin/advice?status=all`);
    await page.getByRole('heading', { level: 1, name: 'Beratungsanfragen' }).waitFor();
    await expectAccessible(page, 'advice list');
    // Narrow: the list and a request still fit and pass.
    await page.setViewportSize({ width: 320, height: 900 });
    await expectAccessible(page, 'advice list (320 px)');
    await fits(page, 320);
    await page.goto(`${hub.baseUrl}/admin/advice/${request.id}`);
    await expectAccessible(page, 'advice request (320 px)');
    await fits(page, 320);
    expect(problems).toEqual([]);
    await context.close();
  });
});
