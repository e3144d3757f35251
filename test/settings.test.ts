import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../src/mail/outbox.js';
import { sendDueMails, type Transport } from '../src/mail/sender.js';
import { issueSetupToken } from '../src/setup/setup.js';
import { adminHarness, type AdminTestPerson } from './helpers/admin.js';
import { createHarness, type Browser, type TestHarness } from './helpers/app.js';

// The office's settings at /admin/settings (name and e-mail address), what they change (every mail's
// Reply-To; the ORGANIZER of calendars is tested with the feeds and invitations), and the first setup.

let h: TestHarness;
let who: Record<AdminTestPerson, Browser>;

beforeAll(async () => {
  ({ h, who } = await adminHarness());
});
afterAll(() => h.close());

const settings = async () => Object.fromEntries((await h.db.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));

/** A transport that keeps what it was given, as the SMTP server would receive it. */
function recording() {
  const sent: { from: string; to: string; replyTo?: string }[] = [];
  const transport: Transport = {
    async sendMail(message) {
      sent.push({ from: message.from, to: message.to, replyTo: message.replyTo });
    },
  };
  return { sent, transport };
}

describe('/admin/settings', () => {
  it('is for admins only, and linked from the administration page for them alone', async () => {
    expect((await who.ada!.get('/admin/settings')).status).toBe(200);
    expect((await who.sek!.get('/admin/settings')).status).toBe(403);
    expect((await who.mia!.get('/admin/settings')).status).toBe(403);
    const visitor = await h.browser().get('/admin/settings');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/login?next=%2Fadmin%2Fsettings');
    for (const [name, status] of [['sek', 403], ['mia', 403]] as const) {
      expect((await who[name]!.post('/admin/settings', { office_name: 'Übernommen', office_email: 'boese@example.org' })).status).toBe(status);
    }
    expect((await h.browser().post('/admin/settings', { office_name: 'Übernommen', office_email: 'boese@example.org' })).status).toBe(401);
    expect(await settings()).toMatchObject({ office_name: 'Sachgebiet Integration', office_email: '' });
    expect(await (await who.ada!.get('/admin')).text()).toContain('href="/admin/settings"');
    expect(await (await who.sek!.get('/admin')).text()).not.toContain('href="/admin/settings"');
  });

  it('shows the stored values and what an empty address falls back to', async () => {
    const html = await (await who.ada!.get('/admin/settings')).text();
    expect(html).toContain('value="Sachgebiet Integration"');
    expect(html).toContain('Bleibt die Adresse leer, nutzt der Hub seine Absenderadresse: no-reply@localhost');
  });

  it('refuses bad input next to the field with 422 and stores nothing', async () => {
    for (const [form, field, message] of [
      [{ office_name: '', office_email: 'a@example.org' }, 'office_name', 'Bitte füllen Sie dieses Feld aus.'],
      [{ office_name: 'x'.repeat(201), office_email: '' }, 'office_name', 'zu lang'],
      [{ office_name: 'Büro', office_email: 'kein-at-zeichen' }, 'office_email', 'gültige E-Mail-Adresse'],
      [{ office_name: 'Büro', office_email: 'a@example.org\r\nBcc: x@example.org' }, 'office_email', 'gültige E-Mail-Adresse'],
    ] as const) {
      const res = await who.ada!.post('/admin/settings', form);
      expect(res.status, JSON.stringify(form)).toBe(422);
      const html = await res.text();
      expect(html, JSON.stringify(form)).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message}`));
    }
    expect(await settings()).toMatchObject({ office_name: 'Sachgebiet Integration', office_email: '' });
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'settings.update').execute()).toHaveLength(0);
  });

  it('saves with a German message and one audit entry of what changed; saving the same again changes nothing', async () => {
    const res = await who.ada!.post('/admin/settings', { office_name: 'Sachgebiet Integration', office_email: ' Integration@Kreis.example ', submission_digest: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings');
    expect(await (await who.ada!.get('/admin/settings')).text()).toContain('Die Einstellungen sind gespeichert.');
    expect(await settings()).toMatchObject({ office_name: 'Sachgebiet Integration', office_email: 'Integration@Kreis.example', submission_digest: 'on' });
    const entries = await h.db.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).where('action', '=', 'settings.update').execute();
    expect(entries).toEqual([{ action: 'settings.update', before_json: JSON.stringify({ office_email: '' }), after_json: JSON.stringify({ office_email: 'Integration@Kreis.example' }) }]);

    expect((await who.ada!.post('/admin/settings', { office_name: 'Sachgebiet Integration', office_email: 'Integration@Kreis.example', submission_digest: 'on' })).status).toBe(303);
    expect(await (await who.ada!.get('/admin/settings')).text()).toContain('Es gab nichts zu ändern.');
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'settings.update').execute()).toHaveLength(1);
    // The new office name shows on the next page at once.
    await who.ada!.post('/admin/settings', { office_name: 'Büro für Integration', office_email: 'Integration@Kreis.example', submission_digest: 'on' });
    expect(await (await who.ada!.get('/admin/settings')).text()).toContain('value="Büro für Integration"');
  });
});

describe('Reply-To of every mail', () => {
  it('is the office’s address, or MAIL_FROM’s while the setting is empty', async () => {
    const from = 'Arbeitskreis-Hub <no-reply@hub.example>';
    await h.db.deleteFrom('outbox').execute();
    await h.db.updateTable('settings').set({ value: '' }).where('key', '=', 'office_email').execute();
    await enqueueMail(h.db, { to: 'a@example.org', subject: 'Eins', text: 'x' }, h.clock.now());
    const before = recording();
    expect(await sendDueMails(h.db, before.transport, from, 'test', h.clock.now)).toBe(1);
    expect(before.sent).toEqual([{ from, to: 'a@example.org', replyTo: 'no-reply@hub.example' }]);

    await h.db.updateTable('settings').set({ value: 'integration@kreis.example' }).where('key', '=', 'office_email').execute();
    await enqueueMail(h.db, { to: 'b@example.org', subject: 'Zwei', text: 'x' }, h.clock.now());
    await enqueueMail(h.db, { to: 'c@example.org', subject: 'Drei', text: 'x' }, h.clock.now());
    const after = recording();
    expect(await sendDueMails(h.db, after.transport, from, 'test', h.clock.now)).toBe(2);
    expect(after.sent.map((m) => m.replyTo)).toEqual(['integration@kreis.example', 'integration@kreis.example']);
  });
});

describe('first setup', () => {
  it('asks for the office’s address (optional), checks it and stores it with the first admin', async () => {
    const fresh = await createHarness();
    try {
      const token = (await issueSetupToken(fresh.db, fresh.clock.now()))!;
      const b = fresh.browser();
      expect(await (await b.get(`/setup?token=${token}`)).text()).toContain('E-Mail-Adresse der Geschäftsstelle');
      const admin = { name: 'Jürgen Weiß', email: 'juergen@kreis.example', password: 'ein-sicheres-passwort', password_confirm: 'ein-sicheres-passwort' };
      const bad = await b.post(`/setup?token=${token}`, { ...admin, office_email: 'geschaeftsstelle' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toMatch(/id="field-office_email-error"[^>]*>[^<]*gültige E-Mail-Adresse/);
      expect(await fresh.db.selectFrom('users').select('id').execute()).toHaveLength(0);
      expect((await b.post(`/setup?token=${token}`, { ...admin, office_email: 'integration@kreis.example' })).status).toBe(303);
      const row = await fresh.db.selectFrom('settings').select('value').where('key', '=', 'office_email').executeTakeFirstOrThrow();
      expect(row.value).toBe('integration@kreis.example');
      const audit = await fresh.db.selectFrom('audit_log').select('after_json').where('action', '=', 'setup.first_admin').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ office_email: 'integration@kreis.example' });
    } finally {
      await fresh.close();
    }
  });

  it('works without it: the setting stays empty', async () => {
    const fresh = await createHarness();
    try {
      const token = (await issueSetupToken(fresh.db, fresh.clock.now()))!;
      const res = await fresh.browser().post(`/setup?token=${token}`, { name: 'Jana', email: 'jana@kreis.example', password: 'ein-sicheres-passwort', password_confirm: 'ein-sicheres-passwort' });
      expect(res.status).toBe(303);
      expect((await fresh.db.selectFrom('settings').select('value').where('key', '=', 'office_email').executeTakeFirstOrThrow()).value).toBe('');
    } finally {
      await fresh.close();
    }
  });
});
