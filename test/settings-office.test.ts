import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solidPng } from './helpers/png.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../src/mail/outbox.js';
import { sendDueMails, type Transport } from '../src/mail/sender.js';
import { issueSetupToken } from '../src/setup/setup.js';
import { svgProblem } from '../src/settings/svg.js';
import { adminHarness, type AdminTestPerson } from './helpers/admin.js';
import { createHarness, type Browser, type TestHarness } from './helpers/app.js';

// The office's details at /admin/settings (issue #17): every field, the logo (checked by content, served
// at /logo, in the page header and on the PDFs), the mails' sign-off and Reply-To, and the legal texts
// filled from them.

let h: TestHarness;
let dir: string;
let who: Record<AdminTestPerson, Browser>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'settings-office-'));
  ({ h, who } = await adminHarness());
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const settings = async () => Object.fromEntries((await h.db.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
const auditCount = async () => (await h.db.selectFrom('audit_log').select('id').where('action', '=', 'settings.update').execute()).length;

const FULL = {
  district_name: 'Kreis Mettmann',
  office_name: 'Sachgebiet Integration',
  postal_address: 'Kreissozialamt Mettmann\r\nDüsseldorfer Straße 47  \r\nVerwaltungsgebäude 4\r\n40822 Mettmann',
  phone: '+49 2104 00-000',
  office_email: 'integration@kreis.example',
  reply_to: 'antworten@kreis.example',
  sign_off: 'Mit freundlichen Grüßen\r\nIhr Sachgebiet Integration',
  dpo_contact: 'Datenschutzbeauftragte des Kreises\nDüsseldorfer Straße 26, 40822 Mettmann\ndatenschutz@kreis.example',
  submission_digest: 'on',
};

// --- test files -------------------------------------------------------------------------------------

/** A real PNG of w×h red pixels. */
const png = (w = 4, h = 2) => solidPng(w, h, [0xc0, 0x10, 0x20]);

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/><title>Logo</title></svg>\n';
const enc = (s: string) => new TextEncoder().encode(s);

function logoForm(bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.set('logo', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return form;
}

describe('/admin/settings: the office’s details', () => {
  it('saves every field, with one audit entry; the form shows them again', async () => {
    const before = await auditCount();
    const res = await who.ada!.post('/admin/settings', FULL);
    expect(res.status).toBe(303);
    expect(await settings()).toMatchObject({
      district_name: 'Kreis Mettmann',
      postal_address: 'Kreissozialamt Mettmann\nDüsseldorfer Straße 47\nVerwaltungsgebäude 4\n40822 Mettmann',
      phone: '+49 2104 00-000',
      office_email: 'integration@kreis.example',
      reply_to: 'antworten@kreis.example',
      sign_off: 'Mit freundlichen Grüßen\nIhr Sachgebiet Integration',
      dpo_contact: FULL.dpo_contact,
    });
    expect(await auditCount()).toBe(before + 1);
    const entry = await h.db.selectFrom('audit_log').select('after_json').where('action', '=', 'settings.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(entry.after_json!)).sort()).toEqual(['dpo_contact', 'office_email', 'phone', 'reply_to', 'sign_off']);
    const html = await (await who.ada!.get('/admin/settings')).text();
    expect(html).toContain('value="+49 2104 00-000"');
    expect(html).toContain('value="antworten@kreis.example"');
    expect(html).toMatch(/<textarea[^>]*name="dpo_contact"[^>]*>Datenschutzbeauftragte des Kreises\nDüsseldorfer Straße 26/);
  });

  it('refuses bad input with 422 and a German message next to the field, writing nothing', async () => {
    const stored = await settings();
    const before = await auditCount();
    for (const [form, field, message] of [
      [{ ...FULL, district_name: ' ' }, 'district_name', 'Bitte füllen Sie dieses Feld aus.'],
      [{ ...FULL, reply_to: 'kein-at-zeichen' }, 'reply_to', 'gültige E-Mail-Adresse'],
      [{ ...FULL, reply_to: 'a@example.org\r\nBcc: x@example.org' }, 'reply_to', 'gültige E-Mail-Adresse'],
      [{ ...FULL, phone: 'ruf mich an' }, 'phone', 'Telefonnummer aus Ziffern'],
      [{ ...FULL, postal_address: 'x'.repeat(501) }, 'postal_address', 'zu lang'],
      [{ ...FULL, sign_off: 'x'.repeat(1001) }, 'sign_off', 'zu lang'],
      [{ ...FULL, dpo_contact: 'x'.repeat(1001) }, 'dpo_contact', 'zu lang'],
    ] as const) {
      const res = await who.ada!.post('/admin/settings', form);
      expect(res.status, field).toBe(422);
      expect(await res.text(), field).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message}`));
    }
    expect(await settings()).toEqual(stored);
    expect(await auditCount()).toBe(before);
  });

  it('is for admins only (the logo upload and removal too)', async () => {
    const stored = await settings();
    for (const path of ['/admin/settings/logo', '/admin/settings/logo/delete']) {
      for (const name of ['sek', 'mia'] as const) expect((await who[name]!.upload(path, logoForm(png(), 'logo.png'))).status, `${name} ${path}`).toBe(403);
      expect((await h.browser().upload(path, logoForm(png(), 'logo.png'))).status, path).toBe(401);
    }
    for (const name of ['sek', 'mia'] as const) expect((await who[name]!.post('/admin/settings', { ...FULL, phone: '0' })).status).toBe(403);
    expect(await settings()).toEqual(stored);
    expect(await h.db.selectFrom('site_logo').select('id').execute()).toEqual([]);
  });
});

describe('mails', () => {
  function recording() {
    const sent: { replyTo?: string }[] = [];
    const transport: Transport = {
      async sendMail(message) {
        sent.push({ replyTo: message.replyTo });
      },
    };
    return { sent, transport };
  }

  it('are signed with the sign-off from the settings and answered to the reply-to address', async () => {
    await h.db.deleteFrom('outbox').execute();
    await enqueueMail(h.db, { to: 'a@example.org', subject: 'S', text: 'Guten Tag,\n\nText.\n' }, h.clock.now());
    const row = await h.db.selectFrom('outbox').select('body_text').executeTakeFirstOrThrow();
    expect(row.body_text).toBe('Guten Tag,\n\nText.\n\n-- \nMit freundlichen Grüßen\nIhr Sachgebiet Integration\n');
    const mail = recording();
    expect(await sendDueMails(h.db, mail.transport, 'Hub <no-reply@hub.example>', 'test', h.clock.now)).toBe(1);
    expect(mail.sent).toEqual([{ replyTo: 'antworten@kreis.example' }]);
  });

  it('fall back to the office’s details and address while sign-off and reply-to are empty', async () => {
    expect((await who.ada!.post('/admin/settings', { ...FULL, sign_off: '', reply_to: '' })).status).toBe(303);
    const html = await (await who.ada!.get('/admin/settings')).text();
    expect(html).toContain('Sachgebiet Integration\nKreis Mettmann\nKreissozialamt Mettmann');
    await h.db.deleteFrom('outbox').execute();
    await enqueueMail(h.db, { to: 'a@example.org', subject: 'S', text: 'Text.\n' }, h.clock.now());
    const row = await h.db.selectFrom('outbox').select('body_text').executeTakeFirstOrThrow();
    expect(row.body_text).toBe(
      'Text.\n\n-- \nSachgebiet Integration\nKreis Mettmann\nKreissozialamt Mettmann\nDüsseldorfer Straße 47\nVerwaltungsgebäude 4\n40822 Mettmann\nTelefon: +49 2104 00-000\nE-Mail: integration@kreis.example\n',
    );
    const mail = recording();
    await sendDueMails(h.db, mail.transport, 'Hub <no-reply@hub.example>', 'test', h.clock.now);
    expect(mail.sent).toEqual([{ replyTo: 'integration@kreis.example' }]);
  });
});

describe('the legal texts', () => {
  it('show the settings at once; the public never sees a placeholder, admins a warning naming what is missing', async () => {
    expect((await who.ada!.post('/admin/settings', { ...FULL, phone: '', dpo_contact: '' })).status).toBe(303);
    for (const b of [h.browser(), who.sek!, who.mia!]) {
      const privacy = await (await b.get('/datenschutz')).text();
      expect(privacy).toContain('Kreissozialamt Mettmann<br/>Düsseldorfer Straße 47');
      expect(privacy).toContain('E-Mail: integration@kreis.example');
      expect(privacy).toContain('Telefon: Diese Angabe wird ergänzt.');
      expect(privacy).not.toMatch(/\[\[|\{\{|Bitte ergänzen|Fehlt in den Einstellungen|<mark|href="\/admin\/settings"/);
      const imprint = await (await b.get('/impressum')).text();
      expect(imprint).not.toMatch(/\[\[|\{\{|Bitte ergänzen|<mark/);
    }
    const html = await (await who.ada!.get('/datenschutz')).text();
    expect(html).toMatch(/In den Einstellungen fehlen noch Angaben, die dieser Text zeigt: Telefon, Kontakt der oder des Datenschutzbeauftragten\./);
    expect(html).toContain('<a href="/admin/settings">Angaben in den Einstellungen ergänzen</a>');
    expect(html).toContain('<mark class="placeholder">Fehlt in den Einstellungen: Telefonnummer</mark>');

    // Filled in, the warning goes and the text shows the new values on the next request.
    expect((await who.ada!.post('/admin/settings', FULL)).status).toBe(303);
    const after = await (await who.ada!.get('/datenschutz')).text();
    expect(after).not.toContain('In den Einstellungen fehlen');
    expect(after).toContain('Telefon: +49 2104 00-000');
    expect(after).toContain('Datenschutzbeauftragte des Kreises<br/>Düsseldorfer Straße 26, 40822 Mettmann');
  });

  it('an admin’s own text keeps working, and may use the settings’ placeholders too', async () => {
    expect((await who.ada!.post('/admin/texts/impressum', { body: '## Anbieter\n\n{{district}}\n{{address}}\n\nTelefon: {{phone}}\n\n{{unbekannt}} *bleibt*' })).status).toBe(303);
    const html = await (await h.browser().get('/impressum')).text();
    expect(html).toContain('<p>Kreis Mettmann<br/>Kreissozialamt Mettmann<br/>Düsseldorfer Straße 47');
    expect(html).toContain('Telefon: +49 2104 00-000');
    expect(html).toContain('{{unbekannt}} <em>bleibt</em>');
    expect(await (await who.ada!.get('/admin/texts/impressum')).text()).toContain('{{address}}');
    // A setting's value is text, never Markdown or markup.
    expect((await who.ada!.post('/admin/settings', { ...FULL, postal_address: '**Fett** <b>x</b>\n1. Etage' })).status).toBe(303);
    const escaped = await (await h.browser().get('/impressum')).text();
    expect(escaped).toContain('**Fett** &lt;b&gt;x&lt;/b&gt;<br/>1. Etage');
    expect((await who.ada!.post('/admin/settings', FULL)).status).toBe(303);
    expect((await who.ada!.post('/admin/texts/impressum/reset', {})).status).toBe(303);
  });
});

describe('the logo', () => {
  it('refuses what is no PNG or plain SVG, or too large, with 422 next to the field, storing nothing', async () => {
    const before = await auditCount();
    for (const [bytes, name, message] of [
      [enc('Das ist nur Text, kein Bild.\n'), 'logo.png', 'kein PNG- oder SVG-Bild'],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'logo.png', 'kein PNG- oder SVG-Bild'],
      [png().slice(0, 30), 'kaputt.png', 'kein PNG- oder SVG-Bild'],
      [enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', 'aktive Inhalte'],
      [enc('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'), 'logo.svg', 'aktive Inhalte'],
      [enc('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>'), 'logo.svg', 'verweist auf andere Dateien'],
      [new Uint8Array([...png(), ...new Uint8Array(600 * 1024)]), 'gross.png', 'zu groß'],
      [new Uint8Array(), 'leer.png', 'Bitte wählen Sie eine Datei aus.'],
    ] as const) {
      const res = await who.ada!.upload('/admin/settings/logo', logoForm(bytes, name, name.endsWith('.svg') ? 'image/svg+xml' : 'image/png'));
      expect(res.status, name + message).toBe(422);
      expect(await res.text(), message).toMatch(new RegExp(`id="field-logo-error"[^>]*>[^<]*${message}`));
    }
    expect(await h.db.selectFrom('site_logo').select('id').execute()).toEqual([]);
    expect(await auditCount()).toBe(before);
    expect((await h.browser().get('/logo')).status).toBe(404);
  });

  it('checks SVGs carefully: script in any namespace, handlers, external references, entities', () => {
    expect(svgProblem(enc(SVG))).toBeNull();
    for (const bad of [
      '<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)"><rect/></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="x"/></svg>',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/#a)"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK = "x"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><![CDATA[<script>x</script>]]></svg>',
      '<html><svg xmlns="http://www.w3.org/2000/svg"></svg></html>',
      '<svg xmlns="http://www.w3.org/2000/svg"></svg><script>x</script>',
    ]) {
      expect(svgProblem(enc(bad)), bad).not.toBeNull();
    }
  });

  it('stores a PNG, shows it in the header, serves it at /logo with ETag and a sandboxing policy, and draws it on the PDFs', async () => {
    const before = await auditCount();
    const res = await who.ada!.upload('/admin/settings/logo', logoForm(png(40, 20), 'logo.txt', 'text/plain'));
    expect(res.status).toBe(303);
    expect(await auditCount()).toBe(before + 1);
    const row = await h.db.selectFrom('site_logo').select(['content_type', 'sha256']).executeTakeFirstOrThrow();
    expect(row.content_type).toBe('image/png');

    const page = await (await h.browser().get('/')).text();
    const src = /<img class="site-header__logo" src="([^"]+)" alt=""/.exec(page)?.[1];
    expect(src).toBe(`/logo?v=${row.sha256.slice(0, 16)}`);

    const logo = await h.browser().get(src!);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('etag')).toBe(`"${row.sha256}"`);
    expect(logo.headers.get('cache-control')).toContain('immutable');
    expect(logo.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox");
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(png(40, 20));
    const bare = await h.browser().get('/logo');
    expect(bare.headers.get('cache-control')).toBe('public, no-cache');
    expect((await h.browser().get('/logo', { 'If-None-Match': `"${row.sha256}"` })).status).toBe(304);

    // On a PDF: the invitation of a meeting.
    expect((await who.sek!.post('/groups', { name: 'AK Logo', slug: 'logo', kind: 'internal' })).status).toBe(303);
    const created = await who.sek!.post('/groups/logo/meetings', { title: 'Sitzung', day: '2026-12-02', start_time: '18:00', end_time: '19:00', location: 'Kreishaus' });
    const meetingId = Number(created.headers.get('location')!.split('/').pop());
    const pdf = await who.sek!.get(`/meetings/${meetingId}/invitation.pdf`);
    expect(pdf.status).toBe(200);
    const file = path.join(dir, 'invitation.pdf');
    writeFileSync(file, new Uint8Array(await pdf.arrayBuffer()));
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+40\s+20\s+rgb/);
  });

  it('takes a plain SVG (shown on the pages, left off the PDFs) and can be removed again', async () => {
    expect((await who.ada!.upload('/admin/settings/logo', logoForm(enc(SVG), 'logo.svg', 'image/svg+xml'))).status).toBe(303);
    const logo = await h.browser().get('/logo');
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('content-security-policy')).toContain('sandbox');
    expect(await logo.text()).toBe(SVG);
    expect((await who.ada!.post('/admin/settings/logo/delete', {})).status).toBe(303);
    expect(await h.db.selectFrom('site_logo').select('id').execute()).toEqual([]);
    expect((await h.browser().get('/logo')).status).toBe(404);
    expect(await (await h.browser().get('/')).text()).not.toContain('site-header__logo');
    expect(await (await who.ada!.get('/admin/settings')).text()).toContain('Es ist noch kein Logo hochgeladen.');
  });
});

describe('first setup', () => {
  it('may take the office’s phone too (optional, checked), and starts with the Kreis Mettmann’s address', async () => {
    const fresh = await createHarness();
    try {
      const rows = Object.fromEntries((await fresh.db.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
      expect(rows).toMatchObject({ postal_address: 'Kreissozialamt Mettmann\nDüsseldorfer Straße 47\nVerwaltungsgebäude 4\n40822 Mettmann', phone: '', reply_to: '', sign_off: '', dpo_contact: '' });
      const token = (await issueSetupToken(fresh.db, fresh.clock.now()))!;
      const b = fresh.browser();
      expect(await (await b.get(`/setup?token=${token}`)).text()).toContain('Telefonnummer der Geschäftsstelle');
      const admin = { name: 'Jürgen Weiß', email: 'juergen@kreis.example', password: 'ein-sicheres-passwort', password_confirm: 'ein-sicheres-passwort' };
      const bad = await b.post(`/setup?token=${token}`, { ...admin, phone: 'bitte anrufen' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toMatch(/id="field-phone-error"[^>]*>[^<]*Telefonnummer aus Ziffern/);
      expect(await fresh.db.selectFrom('users').select('id').execute()).toHaveLength(0);
      expect((await b.post(`/setup?token=${token}`, { ...admin, phone: '02104 00-000' })).status).toBe(303);
      expect((await fresh.db.selectFrom('settings').select('value').where('key', '=', 'phone').executeTakeFirstOrThrow()).value).toBe('02104 00-000');
    } finally {
      await fresh.close();
    }
  });
});
