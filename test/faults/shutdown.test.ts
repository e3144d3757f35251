import http from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFor } from './load.js';
import { createFixture, dialects, seedMeeting, startHub, stopAll, waitUntil, type Hub } from './process.js';

// SIGTERM while keep-alive clients are connected: a client that sends back to back on one connection
// was served on and on until the forced exit after 10 s (exit 1), which cut what was in flight. Now
// every answer after SIGTERM says `Connection: close` and ends its connection, idle connections are
// closed at once, a request in flight gets its whole answer, and the process exits 0.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await stopAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Answer {
  status: number;
  connection: string | undefined;
  location: string | undefined;
  body: string;
  socket: Socket;
}

/** send: one request over the agent's connection; resolves with the whole answer. */
function send(hub: Hub, agent: http.Agent, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; beforeBody?: () => Promise<void> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${hub.baseUrl}${path}`, { agent, method: opts.method ?? 'GET', headers: opts.headers });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, location: res.headers.location, body, socket: req.socket! }));
      res.on('error', reject);
    });
    if (opts.beforeBody) {
      // Expect: 100-continue: the server answers "100 Continue" once it has taken the request up.
      req.on('continue', () => void opts.beforeBody!().then(() => req.end(opts.body), reject));
      req.flushHeaders();
    } else req.end(opts.body);
  });
}

/** closed: resolves when the socket is closed (at once when it already is). */
const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe.each(dialects())('SIGTERM with keep-alive clients (%s)', (dialect) => {
  it('closes their connections, lets a request in flight finish with its whole answer, and exits 0', async () => {
    const fx = await createFixture(dialect);
    cleanups.push(() => fx.dispose());
    const seed = await seedMeeting(fx.db, { members: 1 });
    const member = seed.members[0]!;
    const hub = await startHub({ DATABASE_URL: fx.url });
    const cookie = `hub_session=${member.token}`;
    const signalled = () => hub.stdout().includes('SIGTERM empfangen');

    // A client that sends back to back on one connection, and notes which answers it got after it
    // saw that the hub had taken the signal.
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => busyAgent.destroy());
    const before: Answer[] = [];
    const after: Answer[] = [];
    const busy = (async () => {
      // Bounded, so that a hub that never lets go ends the loop too (the assertions below then fail).
      while (after.length < 50) {
        const seen = signalled();
        const res = await send(hub, busyAgent, `/meetings/${seed.meetingId}`, { headers: { cookie } }).catch((err: Error) => err);
        if (res instanceof Error) return res;
        (seen ? after : before).push(res);
      }
      return undefined;
    })();
    await waitUntil('answers on the busy connection', () => before.length >= 20);

    // A second client has its request taken up (the 100 Continue came) but has not sent the body yet.
    const slowAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => slowAgent.destroy());
    expect((await send(hub, slowAgent, '/healthz')).connection).toBe('keep-alive');
    const form = new URLSearchParams({ answer: answerFor(7), comment: 'Antwort 7' }).toString();
    const slow = send(hub, slowAgent, `/meetings/${seed.meetingId}/rsvp`, {
      method: 'POST',
      headers: { cookie, origin: hub.baseUrl, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)), expect: '100-continue' },
      body: form,
      beforeBody: async () => {
        hub.child.kill('SIGTERM');
        await waitUntil('the hub taking the signal', signalled);
      },
    });

    // The request in flight: its whole answer (the redirect after the saved reply), and the end of its
    // connection.
    const answered = await slow;
    expect(answered).toMatchObject({ status: 303, connection: 'close', location: `/meetings/${seed.meetingId}` });
    await closed(answered.socket);
    expect(await fx.db.selectFrom('rsvps').select(['answer', 'comment']).where('person_id', '=', member.personId).executeTakeFirst()).toEqual({ answer: answerFor(7), comment: 'Antwort 7' });

    // The busy client: kept alive before the signal; after it, at most the one answer that was under
    // way, saying Connection: close; then its connection is gone and nobody listens any more.
    const ended = await busy;
    const all = [...before, ...after];
    expect(all.every((a) => a.status === 200)).toBe(true);
    expect(all.slice(0, -1).every((a) => a.connection === 'keep-alive')).toBe(true);
    expect(after.length).toBeLessThanOrEqual(1);
    expect(after.every((a) => a.connection === 'close')).toBe(true);
    await closed(all.at(-1)!.socket);
    expect(ended).toBeInstanceOf(Error);
    expect((ended as NodeJS.ErrnoException).code).toMatch(/^(ECONNREFUSED|ECONNRESET|EPIPE)$/);

    expect(await hub.exited).toBe(0);
    expect(hub.stderr()).toBe('');
  }, 60_000);
});
