import { afterEach, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/mail/outbox.js';
import { answerFor, CommentWriter, ReplyWriter, runLoad } from './load.js';
import { SmtpPeer } from './peers.js';
import { createFixture, dialects, freePort, seedMeeting, sleep, sqliteIntegrity, startHub, stopAll, waitUntil } from './process.js';

// SIGKILL, several times, while members write through HTTP and the mail loop sends: nothing that was
// answered with success may be missing afterwards, nothing may be half-written, the SQLite file must
// pass its integrity check, and every mail must arrive exactly once.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await stopAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MAILS = 40;
const KILLS = 4;

describe.each(dialects())('crash (%s)', (dialect) => {
  it('keeps every answered write, stays intact and sends each mail once across SIGKILL restarts', async () => {
    const fx = await createFixture(dialect);
    cleanups.push(() => fx.dispose());
    const seed = await seedMeeting(fx.db, { members: 6, minutes: 'circulated' });
    for (let i = 0; i < MAILS; i++) await enqueueMail(fx.db, { to: `empfaenger${i}@example.org`, subject: `Absturztest ${i}`, text: `Nachricht ${i}` }, new Date());
    const smtp = await SmtpPeer.on(await freePort());
    cleanups.push(() => smtp.stop());
    // A slow mail server (each message waits a moment for its 250), so that the mail loop is busy
    // throughout the load.
    smtp.holdMs = 20;
    const port = await freePort();
    // A short claim, so that a mail the killed process had claimed is free again within the test.
    const env = { DATABASE_URL: fx.url, SMTP_URL: smtp.url, MAIL_CLAIM_SECONDS: '2', MAIL_RETRY_SECONDS: '1' };
    const replies = seed.members.slice(0, 3).map((m) => new ReplyWriter(seed, m));
    const comments = seed.members.slice(3).map((m) => new CommentWriter(seed, m));
    const load = runLoad(() => `http://127.0.0.1:${port}`, [...replies, ...comments]);
    cleanups.push(() => load.stop());

    let killedWhileSending = 0;
    for (let round = 0; round < KILLS; round++) {
      const hub = await startHub(env, { port });
      await sleep(250 + Math.random() * 400);
      // While mails remain, kill in the middle of a delivery: claimed, on the wire, its 250 withheld
      // until the killed sender's connection is gone (so the mail server never accepted it).
      smtp.freeze();
      if (smtp.received.length < MAILS) await waitUntil('a mail on the wire', () => smtp.held().count > 0, 3000, 2).catch(() => undefined);
      await hub.kill('SIGKILL');
      await waitUntil("the killed sender's connections closed", () => smtp.held().allGone, 5000, 5);
      if (smtp.held().count > 0) killedWhileSending += 1;
      smtp.thaw();
    }
    const hub = await startHub(env, { port });
    await sleep(500);
    await load.stop();
    await waitUntil('every mail sent', async () => (await fx.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).length === 0, 20_000, 100);
    expect(await hub.kill('SIGTERM')).toBe(0);
    expect(hub.stderr()).toBe('');

    // The load really ran, and no request got anything but its success answer (no 500, no 503).
    const writers = [...replies, ...comments];
    expect(writers.flatMap((w) => w.wrong)).toEqual([]);
    expect(writers.reduce((n, w) => n + w.okCount, 0)).toBeGreaterThan(30);

    // Replies: each member's row holds the last answered reply, or the one after it that was in flight
    // when the process died, and always as a whole (answer and comment of the same reply).
    const rows = await fx.db.selectFrom('rsvps').select(['person_id', 'answer', 'comment']).where('meeting_id', '=', seed.meetingId).execute();
    for (const w of replies) {
      const row = rows.find((r) => r.person_id === w.member.personId)!;
      const n = Number(/^Antwort (\d+)$/.exec(row.comment ?? '')?.[1]);
      expect(n).toBeGreaterThanOrEqual(w.acked);
      expect(n).toBeLessThanOrEqual(w.attempted);
      expect(row.answer).toBe(answerFor(n));
    }
    // Comments: every answered one is there, once; none is there twice.
    const stored = (await fx.db.selectFrom('minute_comments').select('body').execute()).map((r) => r.body);
    expect(new Set(stored).size).toBe(stored.length);
    for (const w of comments) for (const body of w.acked) expect(stored).toContain(body);

    // The mail loop: every mail accepted by the mail server exactly once.
    const sent = await fx.db.selectFrom('outbox').select(['id', 'subject', 'status']).orderBy('id').execute();
    expect(sent).toHaveLength(MAILS);
    const subjects = smtp.received.map((r) => r.subject).sort();
    expect(subjects).toEqual(sent.map((m) => m.subject).sort());
    expect(new Set(smtp.received.map((r) => r.messageId)).size).toBe(MAILS);
    // The kills did hit deliveries in flight (so the claim of a dead process was taken over).
    expect(killedWhileSending).toBeGreaterThan(0);
    expect(smtp.dropped).toBe(killedWhileSending);

    if (fx.dialect === 'sqlite') expect(await sqliteIntegrity(fx.db)).toEqual([]);
  }, 90_000);
});
