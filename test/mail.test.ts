import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMail } from '../src/mail/outbox.js';
import { ONE_TIME_LINK_PREFIXES } from '../src/auth/link-guard.js';
import { newToken } from '../src/auth/secrets.js';
import { MAX_ATTEMPTS, redactLinks, retryDelayMs, sendDueMails, smtpTransport, startMailLoop } from '../src/mail/sender.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP peer in this process; `reject` makes it refuse recipients with a 550. */
function startSmtp() {
  const received: Received[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.reject) return callback(Object.assign(new Error('Postfach nicht erreichbar'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return new Promise<{ url: string; received: Received[]; state: typeof state; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ url: `smtp://127.0.0.1:${port}`, received, state, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const FROM = 'Arbeitskreis-Hub <hub@kreis-mettmann.example>';
let clock = new Date('2026-11-25T09:00:00.000Z');
const now = () => clock;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
  await t.destroy();
});
beforeEach(async () => {
  await t.db.deleteFrom('outbox').execute();
  smtp.received.length = 0;
  smtp.state.reject = false;
});

describe('outbox', () => {
  it('holds a mail only when the change that caused it is stored (same transaction)', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, { to: 'a@example.org', subject: 'Nie gesendet', text: 'x' }, now());
        throw new Error('Änderung fehlgeschlagen');
      }),
    ).rejects.toThrow();
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('is delivered to a real SMTP server, with umlauts and an .ics attachment', async () => {
    await enqueueMail(t.db, { to: 'anna@example.org', subject: 'Einladung: Sitzung am 25.11.2026 – Tagesordnung', text: 'Grüße aus Wülfrath' }, now());
    await enqueueMail(
      t.db,
      {
        to: 'ben@example.org',
        subject: 'Termin',
        text: 'Siehe Anhang',
        attachments: [{ filename: 'sitzung.ics', contentType: 'text/calendar; method=PUBLISH', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
      },
      now(),
    );
    const sent = await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now);
    expect(sent).toBe(2);
    expect(smtp.received.map((r) => r.to)).toEqual([['anna@example.org'], ['ben@example.org']]);
    expect(smtp.received[0]!.from).toBe('hub@kreis-mettmann.example');
    expect(smtp.received[0]!.raw).toMatch(/Subject: =\?UTF-8\?/);
    expect(smtp.received[1]!.raw).toContain('text/calendar');
    expect(smtp.received[1]!.raw).toContain('sitzung.ics');
    const rows = await t.db.selectFrom('outbox').select(['status', 'attempts', 'sent_at']).orderBy('id').execute();
    expect(rows).toEqual([
      { status: 'sent', attempts: 1, sent_at: now().toISOString() },
      { status: 'sent', attempts: 1, sent_at: now().toISOString() },
    ]);
    // Nothing is sent twice.
    expect(await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now)).toBe(0);
  });

  it('records a refused delivery, retries with growing back-off, and gives up after the last attempt', async () => {
    smtp.state.reject = true;
    const id = await enqueueMail(t.db, { to: 'weg@example.org', subject: 'Test', text: 'x' }, now());
    expect(await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now)).toBe(0);
    let row = await t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('Postfach nicht erreichbar');
    expect(row.next_attempt_at).toBe(new Date(now().getTime() + 60_000).toISOString());
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(30)).toBe(6 * 60 * 60 * 1000);

    // Not due yet: nothing happens.
    expect(await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now)).toBe(0);
    expect((await t.db.selectFrom('outbox').select('attempts').where('id', '=', id).executeTakeFirstOrThrow()).attempts).toBe(1);

    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      clock = new Date(clock.getTime() + retryDelayMs(i));
      await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now);
    }
    row = await t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(MAX_ATTEMPTS);
  });

  it('is sent by the background loop, which stops cleanly', async () => {
    await enqueueMail(t.db, { to: 'loop@example.org', subject: 'Loop', text: 'x' }, new Date());
    const loop = startMailLoop({ db: t.db, transport: smtpTransport(smtp.url), from: FROM, intervalMs: 20 });
    for (let i = 0; i < 100 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await loop.stop();
    expect(smtp.received.map((r) => r.to)).toEqual([['loop@example.org']]);
  });
});

describe('one-time links after sending', () => {
  it('are removed from the stored mail once it is delivered', async () => {
    const token = `${'a'.repeat(24)}.${'b'.repeat(24)}`;
    await enqueueMail(t.db, { to: 'link@example.org', subject: 'Einladung', text: `Zusage: http://localhost/rsvp/${token}?answer=accepted\nPasswort: http://localhost/invite/${token}` }, now());
    await sendDueMails(t.db, smtpTransport(smtp.url), FROM, 'test', now);
    expect(smtp.received.at(-1)!.raw).toContain(token.slice(0, 20));
    const row = await t.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'link@example.org').executeTakeFirstOrThrow();
    expect(row.body_text).not.toContain(token);
    expect(row.body_text).toContain('/rsvp/[nach dem Versand entfernt]?answer=accepted');
  });

  // The class: every kind of one-time link the link guard knows (group invitations and address changes
  // came later and were kept in sent mails), with a token as the hub makes them.
  it.each(ONE_TIME_LINK_PREFIXES)('are removed for /%s/ links', (prefix) => {
    const { token } = newToken();
    const text = redactLinks(`Link: https://hub.example/${prefix}/${token}?x=1`);
    expect(text).not.toContain(token.split('.')[1]);
    expect(text).toBe(`Link: https://hub.example/${prefix}/[nach dem Versand entfernt]?x=1`);
  });
});
