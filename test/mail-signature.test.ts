import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import { translator } from '../src/i18n/index.js';
import { enqueueMail } from '../src/mail/outbox.js';
import { greeting, mailSignature, signed } from '../src/mail/signature.js';
import { createHarness, type TestHarness } from './helpers/app.js';

let h: TestHarness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function setSetting(key: string, value: string) {
  await h.db.deleteFrom('settings').where('key', '=', key).execute();
  await h.db.insertInto('settings').values({ key, value }).execute();
}

async function lastMailBody(): Promise<string> {
  const row = await h.db.selectFrom('outbox').select('body_text').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.body_text;
}

/** Every mail text of the hub: the keys the mails are written from. */
const mailKeys = (messages: Record<string, string>) => Object.keys(messages).filter((k) => /(\.mail\.|^notify\.)[\w.]*body$|\.mail\.withdraw$/.test(k));

// The installation default (migration 0026): the Kreissozialamt's postal address, in every signature.
const ADDRESS = 'Kreissozialamt Mettmann\nDüsseldorfer Straße 47\nVerwaltungsgebäude 4\n40822 Mettmann';

describe('one sign-off for every mail', () => {
  it('signs every mail in the outbox with the office, the district and the office address from the settings', async () => {
    await setSetting('office_name', 'Geschäftsstelle der Arbeitskreise Integration');
    await setSetting('district_name', 'Kreis Mettmann');
    await setSetting('office_email', 'integration@kreis.example');
    await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'a@example.org', subject: 'S', text: 'Guten Tag,\n\nText.\n\n' }, new Date()));
    expect(await lastMailBody()).toBe(`Guten Tag,\n\nText.\n\n-- \nGeschäftsstelle der Arbeitskreise Integration\nKreis Mettmann\n${ADDRESS}\nE-Mail: integration@kreis.example\n`);
  });

  it('names no address to answer to while the office has none (the sender may be a no-reply box)', async () => {
    await setSetting('office_email', '');
    await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'a@example.org', subject: 'S', text: 'Text.\n' }, new Date()));
    const body = await lastMailBody();
    expect(body).toBe(`Text.\n\n-- \nGeschäftsstelle der Arbeitskreise Integration\nKreis Mettmann\n${ADDRESS}\n`);
    expect(body).not.toMatch(/E-Mail:|antworten/i);
  });

  it('puts what a mail appends (the consent withdrawal of a directory submission) before the signature', async () => {
    const res = await h.browser().post('/directory/new', {
      name: 'Verein für Signaturtests',
      kind: 'migrant_organisation',
      offers: 'Sprachcafé',
      description_de: 'Wir helfen beim Ankommen.',
      street: 'Mittelstraße 5',
      postal_code: '40721',
      place: 'Hilden',
      city_id: '4',
      cities: '4',
      fields: ['1'],
      languages: ['de'],
      submitter_name: 'Iryna Bondar',
      submitter_email: 'iryna@example.org',
      publish_contact: 'on',
      consent: 'on',
    });
    expect(res.status).toBe(303);
    const body = await lastMailBody();
    expect(body.indexOf('/directory/withdraw/')).toBeGreaterThan(0);
    expect(body.indexOf('/directory/withdraw/')).toBeLessThan(body.indexOf('\n-- \n'));
    expect(body.endsWith(`-- \nGeschäftsstelle der Arbeitskreise Integration\nKreis Mettmann\n${ADDRESS}\n`)).toBe(true);
    // The public form's typed name is not repeated: the form must not make the office mail a text of one's choosing.
    expect(body.startsWith('Guten Tag,\n')).toBe(true);
    expect(body).not.toContain('Iryna');
  });

  it('uses the sign-off from the settings in place of the one made from the office’s details, and names the phone in that one', async () => {
    await setSetting('phone', '02104 99-0000');
    await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'a@example.org', subject: 'S', text: 'Text.\n' }, new Date()));
    expect(await lastMailBody()).toBe(`Text.\n\n-- \nGeschäftsstelle der Arbeitskreise Integration\nKreis Mettmann\n${ADDRESS}\nTelefon: 02104 99-0000\n`);
    await setSetting('sign_off', 'Mit freundlichen Grüßen\r\nIhr Team Integration\n');
    await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'a@example.org', subject: 'S', text: 'Text.\n' }, new Date()));
    expect(await lastMailBody()).toBe('Text.\n\n-- \nMit freundlichen Grüßen\nIhr Team Integration\n');
    await setSetting('sign_off', '');
    await setSetting('phone', '');
  });

  it('leaves the signature out when the settings hold no office or district', () => {
    expect(mailSignature({ officeName: '', districtName: ' ', officeEmail: '' })).toBe('');
    expect(signed('Text.\n', { officeName: '', districtName: '', officeEmail: '' })).toBe('Text.\n');
  });

  for (const [locale, messages] of [['de', de], ['en', en]] as const) {
    it(`no mail text (${locale}) signs itself or asks for an answer: the signature does`, () => {
      const keys = mailKeys(messages);
      expect(keys.length).toBeGreaterThan(12);
      for (const key of keys) {
        const text = (messages as Record<string, string>)[key]!;
        expect(text, key).not.toMatch(/Geschäftsstelle\n|Sachgebiet Integration|secretariat\n|integration office|antworten Sie|reply to/i);
      }
    });
  }
});

describe('salutation', () => {
  const t = translator('de');
  it('greets with the name where it is known', () => {
    expect(greeting(t, 'Katharina Lange')).toBe('Guten Tag Katharina Lange,');
    expect(greeting(t, '  ')).toBe('Guten Tag,');
    expect(greeting(t, null)).toBe('Guten Tag,');
    expect(greeting(translator('en'), 'Ada')).toBe('Hello Ada,');
  });
});
