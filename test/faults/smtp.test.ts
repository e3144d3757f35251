import { afterEach, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/mail/outbox.js';
import { SmtpPeer } from './peers.js';
import { createFixture, dialects, freePort, request, seedMeeting, sleep, startHub, stopAll, waitUntil } from './process.js';

// The mail server first down (connection refused), then there but refusing (550), then accepting:
// mails stay queued, admins see why at /admin/outbox, and each goes out once when the server takes it.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await stopAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(dialects())('SMTP down or refusing (%s)', (dialect) => {
  it('keeps mails queued with the error visible to admins and sends them once it is back', async () => {
    const fx = await createFixture(dialect);
    cleanups.push(() => fx.dispose());
    const seed = await seedMeeting(fx.db, { members: 0 });
    const subjects = ['Einladung: Sitzung am 02.12.2026', 'Protokoll zur Durchsicht'];
    const ids: number[] = [];
    for (const subject of subjects) ids.push(await enqueueMail(fx.db, { to: 'anna@example.org', subject, text: 'Guten Tag' }, new Date()));
    const smtp = await SmtpPeer.on(await freePort(), false);
    cleanups.push(() => smtp.stop());
    // The first retry after a second (production: a minute), then 2, 4 … seconds.
    const hub = await startHub({ DATABASE_URL: fx.url, SMTP_URL: smtp.url, MAIL_RETRY_SECONDS: '1' });
    const row = (id: number) => fx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const admin = (path: string) => request(hub.baseUrl, path, { token: seed.admin.token });

    // Down: the mails wait, with the reason.
    const down = await waitUntil('a failed attempt', async () => ((await row(ids[0]!)).attempts >= 1 ? row(ids[0]!) : undefined));
    expect(down).toMatchObject({ status: 'pending', sent_at: null });
    expect(down.last_error).toContain('ECONNREFUSED');
    const list = await admin('/admin/outbox');
    expect(list.status).toBe(200);
    for (const subject of subjects) expect(list.body).toContain(subject);
    expect(list.body).toContain('<td>wartet</td>');
    expect(list.body).toMatch(/<th scope="col">Letzter Fehler<\/th>[\s\S]*ECONNREFUSED/);
    const detail = await admin(`/admin/outbox/${ids[0]}`);
    expect(detail.body).toContain('<dt>Letzter Fehler</dt>');
    expect(detail.body).toContain('ECONNREFUSED');
    // Members do not see the outbox.
    expect((await request(hub.baseUrl, '/admin/outbox', { token: seed.organiser.token })).status).toBe(403);

    // Refusing: the server answers but will not take the mail.
    smtp.mode = 'refuse';
    await smtp.start();
    await waitUntil('a refusal recorded', async () => (await row(ids[0]!)).last_error?.includes('550'), 10_000);
    expect((await row(ids[0]!)).status).toBe('pending');
    expect((await admin(`/admin/outbox/${ids[0]}`)).body).toContain('550 Postfach voll, bitte später erneut');
    expect(smtp.received).toEqual([]);

    // Back: each mail goes out, once, and the error is gone.
    smtp.mode = 'accept';
    await waitUntil('both mails sent', async () => (await row(ids[0]!)).status === 'sent' && (await row(ids[1]!)).status === 'sent', 15_000, 100);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: 'sent', last_error: null, claimed_by: null });
    await sleep(1500);
    expect(smtp.received.map((r) => r.subject).sort()).toEqual([...subjects].sort());
    expect((await admin('/admin/outbox')).body).not.toContain('<td>wartet</td>');

    expect(await hub.kill('SIGTERM')).toBe(0);
    expect(hub.stderr()).toBe('');
  }, 60_000);
});
