import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, ORIGIN, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addGroup } from './privacy-fixtures.js';

// The error summary at the top of a failed form names the field of each message: "Bitte füllen Sie
// dieses Feld aus." twice tells nobody which two fields are meant (WCAG 3.3.1).

let h: TestHarness;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await addGroup(h.db, 'intern');
});
afterAll(() => h.close());

const emptyLogin = (lang: 'de' | 'en') =>
  h.app.request('/login', { method: 'POST', body: 'email=&password=', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, cookie: `lang=${lang}` } });

describe('error summary', () => {
  it('names the field of each message and links to it', async () => {
    const res = await emptyLogin('de');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#field-email">E-Mail-Adresse: Bitte füllen Sie dieses Feld aus.</a>');
    expect(html).toContain('<a href="#field-password">Passwort: Bitte füllen Sie dieses Feld aus.</a>');
    // At the field itself the label stands right above: the message alone.
    expect(html).toContain('<p class="field__error" id="field-email-error">Bitte füllen Sie dieses Feld aus.</p>');
  });

  it('pages rendered at the same time keep their own labels', async () => {
    const pages = await Promise.all([emptyLogin('en'), emptyLogin('de'), emptyLogin('en'), emptyLogin('de')].map(async (r) => (await r).text()));
    for (const [i, html] of pages.entries()) {
      const [own, other] = i % 2 === 0 ? ['E-mail address: Please fill in this field.', 'E-Mail-Adresse:'] : ['E-Mail-Adresse: Bitte füllen Sie dieses Feld aus.', 'E-mail address:'];
      expect(html).toContain(own);
      expect(html).not.toContain(other);
    }
  });

  it('works in an htmx fragment too (the add-member panel)', async () => {
    const sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    const res = await sek.post('/groups/intern/members', { person: '', role: 'member', starts_on: '2026-11-25' }, { 'HX-Request': 'true' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('<a href="#field-person">Person (E-Mail-Adresse oder Name): Bitte füllen Sie dieses Feld aus.</a>');
  });
});
