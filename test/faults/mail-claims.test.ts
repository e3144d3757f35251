import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueueMail } from '../../src/mail/outbox.js';
import { messageIdOf, sendDueMails, type MailTiming, type Transport } from '../../src/mail/sender.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitUntil } from './process.js';

// The outbox's claims in the moments a crash test cannot aim at: a mail server slower than the claim,
// and the database failing right after the mail server accepted a mail. In-process, with a clock the
// test moves, on two connections to one database (two instances).

let t: TestDatabase;
let clock = new Date('2026-11-25T09:00:00.000Z');
const now = () => clock;
const FROM = 'Arbeitskreis-Hub <hub@kreis-mettmann.example>';

beforeAll(async () => {
  t = await createTestDatabase({ shareable: true });
});
afterAll(() => t.destroy());
beforeEach(async () => {
  await t.db.deleteFrom('outbox').execute();
  clock = new Date('2026-11-25T09:00:00.000Z');
});

interface Delivery {
  by: string;
  to: string;
  messageId: string | undefined;
}

function recordingTransport(by: string, deliveries: Delivery[], delayMs = 0, after?: () => void): Transport {
  return {
    async sendMail(message) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      deliveries.push({ by, to: message.to, messageId: message.messageId });
      after?.();
    },
  };
}

/** A database whose next `failures` UPDATE statements fail as if the connection had been lost. */
function flakyUpdates() {
  const state = { failures: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (state.failures > 0 && args.node.kind === 'UpdateQueryNode') {
        state.failures -= 1;
        throw new Error('Connection terminated unexpectedly');
      }
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: t.db.withPlugin(plugin), state };
}

describe('outbox claims', () => {
  it('a delivery slower than the claim keeps it: another instance does not send the mail again', async () => {
    await enqueueMail(t.db, { to: 'langsam@example.org', subject: 'Langsam', text: 'x' }, now());
    // Real time here: the claim (2 s, renewed every 0.67 s) is renewed by a timer while the mail server
    // takes 4 s. The margins are wide, so a busy test machine that stalls the event loop for a moment
    // does not let the claim run out.
    const realNow = () => new Date();
    const timing: MailTiming = { retryMs: 1000, claimMs: 2000 };
    const deliveries: Delivery[] = [];
    const first = sendDueMails(t.openAnother(), recordingTransport('a', deliveries, 4000), FROM, 'a', realNow, timing);
    // Instance b starts once a holds the claim.
    await waitUntil('the claim of instance a', async () => (await t.db.selectFrom('outbox').select('claimed_by').executeTakeFirst())?.claimed_by === 'a', 5000, 5);
    const other = t.openAnother();
    for (let i = 0; i < 30; i++) {
      await sendDueMails(other, recordingTransport('b', deliveries), FROM, 'b', realNow, timing);
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(await first).toBe(1);
    expect(deliveries.map((d) => d.by)).toEqual(['a']);
    expect((await t.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status).toBe('sent');
  });

  it('a failed send after the claim ran out does not put a mail back that another instance has sent', async () => {
    const id = await enqueueMail(t.db, { to: 'spaet@example.org', subject: 'Spät', text: 'x' }, now());
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Instance a's mail server hangs, and then refuses.
    const hanging: Transport = {
      async sendMail() {
        await released;
        throw new Error('421 timeout');
      },
    };
    const first = sendDueMails(t.openAnother(), hanging, FROM, 'a', now, { retryMs: 1000, claimMs: 60_000 });
    await waitUntil('the claim of instance a', async () => (await t.db.selectFrom('outbox').select('claimed_by').where('id', '=', id).executeTakeFirst())?.claimed_by === 'a', 5000, 5);
    // a's claim runs out (its renewals could not reach the database); b takes the mail and sends it.
    clock = new Date(clock.getTime() + 61_000);
    const deliveries: Delivery[] = [];
    expect(await sendDueMails(t.openAnother(), recordingTransport('b', deliveries), FROM, 'b', now, { retryMs: 1000, claimMs: 60_000 })).toBe(1);
    release();
    expect(await first).toBe(0);
    const row = await t.db.selectFrom('outbox').select(['status', 'claimed_by', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', claimed_by: null, last_error: null });
    expect(deliveries.map((d) => d.by)).toEqual(['b']);
  });

  it('a database failure after the mail server accepted a mail is not taken for a failed delivery', async () => {
    const id = await enqueueMail(t.db, { to: 'anna@example.org', subject: 'Einladung', text: 'x' }, now());
    const flaky = flakyUpdates();
    const deliveries: Delivery[] = [];
    // The mail server accepts; the next two writes to the database fail (it is restarting).
    const transport = recordingTransport('a', deliveries, 0, () => (flaky.state.failures = 2));
    expect(await sendDueMails(flaky.db, transport, FROM, 'a', now)).toBe(1);
    const row = await t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, claimed_by: null });
    // Long after any claim would have run out, nothing is sent again.
    clock = new Date(clock.getTime() + 60 * 60 * 1000);
    expect(await sendDueMails(t.db, recordingTransport('b', deliveries), FROM, 'b', now)).toBe(0);
    expect(deliveries).toEqual([{ by: 'a', to: 'anna@example.org', messageId: messageIdOf(row, FROM) }]);
  });

  it('the limit: a database away for longer than the claim after acceptance means a second copy, with the same Message-ID', async () => {
    const id = await enqueueMail(t.db, { to: 'ben@example.org', subject: 'Protokoll', text: 'x' }, now());
    const flaky = flakyUpdates();
    const deliveries: Delivery[] = [];
    const timing: MailTiming = { retryMs: 1000, claimMs: 2000 };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const transport = recordingTransport('a', deliveries, 0, () => (flaky.state.failures = 1000));
      // Real time: the instance tries to note the mail every second while its claim lasts (2 s).
      expect(await sendDueMails(flaky.db, transport, FROM, 'a', () => new Date(), timing)).toBe(1);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        `Postausgang: E-Mail ${id} ist versendet, konnte aber nicht als versendet vermerkt werden (Connection terminated unexpectedly); sie kann ein zweites Mal versendet werden.`,
      ]);
    } finally {
      errors.mockRestore();
    }
    flaky.state.failures = 0;
    await sendDueMails(t.db, recordingTransport('b', deliveries), FROM, 'b', () => new Date(Date.now() + 5000), timing);
    expect(deliveries.map((d) => d.by)).toEqual(['a', 'b']);
    expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(1);
  });

  it('gives every mail a Message-ID of its own that stays the same on every attempt', () => {
    const a = messageIdOf({ id: 7, created_at: '2026-11-25T09:00:00.000Z' }, FROM);
    expect(a).toMatch(/^<outbox\.7\.[0-9a-z]+@kreis-mettmann\.example>$/);
    expect(messageIdOf({ id: 7, created_at: '2026-11-25T09:00:00.000Z' }, FROM)).toBe(a);
    expect(messageIdOf({ id: 8, created_at: '2026-11-25T09:00:00.000Z' }, FROM)).not.toBe(a);
    expect(messageIdOf({ id: 7, created_at: '2026-11-25T09:00:00.000Z' }, 'no-reply@localhost')).toBe(`<outbox.7.${Date.parse('2026-11-25T09:00:00.000Z').toString(36)}@localhost>`);
  });
});
