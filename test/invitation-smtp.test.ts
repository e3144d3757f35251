import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueMails, smtpTransport } from '../src/mail/sender.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

// The invitation as it really leaves the hub: through SMTP to an in-process server, then parsed like a
// mail program would (MIME, then iCalendar).
let h: TestHarness;
let server: SMTPServer;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Jürgen Weiß', email: 'juergen@example.org' });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

describe('an invitation over SMTP', () => {
  it('arrives with the agenda in the text and a parseable calendar attachment', async () => {
    const sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK Integration', slug: 'ak', kind: 'internal' });
    await sek.post('/groups/ak/members', { person: 'juergen@example.org', role: 'member', starts_on: '2026-01-01' });
    const res = await sek.post('/groups/ak/meetings', { title: 'Frühjahrssitzung', day: '2027-03-31', start_time: '18:00', end_time: '20:00', location: 'Rathaus Hilden', default_agenda: 'on' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    await sek.post(`/meetings/${id}/invite`, {});
    expect(await sendDueMails(h.db, smtpTransport(url), 'Hub <hub@example.org>', 'test', () => new Date())).toBe(1);

    const mail = await simpleParser(received[0]!);
    expect(mail.subject).toBe('Einladung: Frühjahrssitzung am 31.03.2027');
    expect(mail.text).toContain('Guten Tag Jürgen Weiß');
    expect(mail.text).toContain('TOP 1: Begrüßung und Genehmigung des Protokolls der letzten Sitzung');
    // The calendar entry and the invitation as a PDF (src/pdf/), which arrives byte for byte as a PDF.
    expect(mail.attachments).toHaveLength(2);
    const pdf = mail.attachments[1]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('Einladung_Fruehjahrssitzung_2027-03-31.pdf');
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const attachment = mail.attachments[0]!;
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.filename).toBe('sitzung.ics');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(attachment.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Frühjahrssitzung');
    expect(event.location).toBe('Rathaus Hilden');
    // 18:00 in Berlin in summer time (31 March 2027 is after the change): 16:00 UTC.
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-31T16:00:00.000Z');
    expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
  });
});
