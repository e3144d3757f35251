import { afterEach, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/mail/outbox.js';
import { answerFor, ReplyWriter } from './load.js';
import { SmtpPeer } from './peers.js';
import { addMeeting, createFixture, dialects, freePort, request, seedMeeting, sqliteIntegrity, startHub, stopAll, waitUntil } from './process.js';

// Two app processes on one SQLite file or one PostgreSQL database, written to at the same time: no
// request may fail because of the other process's locks, and the minutes' optimistic locking must turn
// every pair of saves of the same version into one success and one conflict, never a lost update.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await stopAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ROUNDS = 12;
const FIRST_SAVES = 8;
const REPLIES = 12;
const MAILS = 20;

describe.each(dialects())('two processes (%s)', (dialect) => {
  it('write concurrently without a 500 or a lost update, and send each mail once', async () => {
    const fx = await createFixture(dialect);
    cleanups.push(() => fx.dispose());
    const seed = await seedMeeting(fx.db, { members: 6 });
    const fresh = [];
    for (let i = 0; i < FIRST_SAVES; i++) fresh.push(await addMeeting(fx.db, seed.groupId));
    for (let i = 0; i < MAILS; i++) await enqueueMail(fx.db, { to: `empfaenger${i}@example.org`, subject: `Zwei Prozesse ${i}`, text: 'x' }, new Date());
    const smtp = await SmtpPeer.on(await freePort());
    cleanups.push(() => smtp.stop());
    smtp.holdMs = 5;
    const env = { DATABASE_URL: fx.url, SMTP_URL: smtp.url, MAIL_RETRY_SECONDS: '1' };
    const [a, b] = await Promise.all([startHub(env), startHub(env)]);
    const hubs = [a!, b!];

    // Members answer, alternating between the processes, all at once.
    const writers = seed.members.map((m) => new ReplyWriter(seed, m));
    const replying = Promise.all(
      writers.map(async (w, i) => {
        for (let k = 0; k < REPLIES; k++) await w.once(hubs[(i + k) % 2]!.baseUrl);
      }),
    );

    // Meanwhile the organiser saves the minutes from two tabs, one on each process, with the same version.
    const outcomes: number[][] = [];
    const notes = `notes_${seed.agendaItemId}`;
    for (let version = 0; version < ROUNDS; version++) {
      const save = (hub: 0 | 1) => request(hubs[hub]!.baseUrl, `/meetings/${seed.meetingId}/minutes`, { token: seed.organiser.token, form: { version: String(version), [notes]: `Stand ${version} aus Prozess ${hub}` } });
      const [fromA, fromB] = await Promise.all([save(0), save(1)]);
      outcomes.push([fromA.status, fromB.status]);
      expect([fromA.status, fromB.status].sort(), hubs.map((h) => h.stderr()).join('\n')).toEqual([303, 409]);
      // The conflict page keeps the loser's text, and the stored text is the winner's.
      const loser = fromA.status === 409 ? fromA : fromB;
      expect(loser.body).toContain(`Stand ${version} aus Prozess ${fromA.status === 409 ? 0 : 1}`);
      const stored = await fx.db.selectFrom('minutes').innerJoin('minute_notes', 'minute_notes.minutes_id', 'minutes.id').select(['minutes.version', 'minute_notes.notes']).where('minutes.meeting_id', '=', seed.meetingId).executeTakeFirstOrThrow();
      expect(stored).toEqual({ version: version + 1, notes: `Stand ${version} aus Prozess ${fromA.status === 303 ? 0 : 1}` });
    }
    // The very first save of minutes that do not exist yet, from both processes at once.
    for (const m of fresh) {
      const save = (hub: 0 | 1) => request(hubs[hub]!.baseUrl, `/meetings/${m.meetingId}/minutes`, { token: seed.organiser.token, form: { version: '0', [`notes_${m.agendaItemId}`]: `Erster Stand aus Prozess ${hub}` } });
      const answers = await Promise.all([save(0), save(1)]);
      expect(answers.map((a) => a.status).sort(), hubs.map((h) => h.stderr()).join('\n')).toEqual([303, 409]);
      const winner = answers[0]!.status === 303 ? 0 : 1;
      const stored = await fx.db.selectFrom('minutes').innerJoin('minute_notes', 'minute_notes.minutes_id', 'minutes.id').select('minute_notes.notes').where('minutes.meeting_id', '=', m.meetingId).execute();
      expect(stored).toEqual([{ notes: `Erster Stand aus Prozess ${winner}` }]);
    }
    await replying;

    // Every reply was answered with success, and each member's row holds their last one.
    expect(writers.flatMap((w) => w.wrong)).toEqual([]);
    const rows = await fx.db.selectFrom('rsvps').select(['person_id', 'answer', 'comment']).where('meeting_id', '=', seed.meetingId).execute();
    for (const w of writers) {
      expect(w.acked).toBe(REPLIES);
      expect(rows.find((r) => r.person_id === w.member.personId)).toMatchObject({ answer: answerFor(REPLIES), comment: `Antwort ${REPLIES}` });
    }

    // Both mail loops ran on the same outbox: every mail arrived once.
    await waitUntil('every mail sent', async () => (await fx.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).length === 0, 15_000, 100);
    expect(smtp.received.map((r) => r.subject).sort()).toEqual(Array.from({ length: MAILS }, (_, i) => `Zwei Prozesse ${i}`).sort());

    expect(await Promise.all(hubs.map((h) => h.kill('SIGTERM')))).toEqual([0, 0]);
    expect(hubs.map((h) => h.stderr())).toEqual(['', '']);
    if (fx.dialect === 'sqlite') expect(await sqliteIntegrity(fx.db)).toEqual([]);
  }, 60_000);
});
