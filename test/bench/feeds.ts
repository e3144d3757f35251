import { sql } from 'kysely';
import { createApp } from '../../src/app.js';
import { feedCacheFor } from '../../src/calendar/feed-cache.js';
import { createFeedToken } from '../../src/calendar/feed-tokens.js';
import { loadConfig } from '../../src/config.js';
import { measure, openBenchDatabase, random } from './common.js';

/**
 * Feed benchmark: one person in 5 groups with N meetings (default 1,000, each with 4 TOPs, half of them
 * answered) within the feed's window, and the median and 95th percentile of GET /feeds/:token.ics: a
 * 200 right after a change (the feed is written anew), a 200 of an unchanged feed (from the cache, what
 * apps without If-None-Match get), and a 304 when the calendar app's copy is current.
 * Usage: npm run bench -- feeds [--meetings=N] [--runs=N]
 */
export async function benchFeeds(args: Record<string, string>): Promise<void> {
  const count = Number(args.meetings ?? 1000);
  const runs = Number(args.runs ?? 200);
  const { db, cleanup, kind } = await openBenchDatabase();
  try {
    console.log(`Kalender-Feed einer Person: ${count} Sitzungen, ${runs} Messungen je Fall, ${kind}`);
    const rnd = random(7);
    const now = new Date();
    const at = now.toISOString();
    const person = await db.insertInto('persons').values({ name: 'Petra Wagner', name_folded: 'petra wagner', email: 'petra@example.org', email_normalized: 'petra@example.org', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const user = await db.insertInto('users').values({ person_id: person.id, role: 'member', active: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const groups: number[] = [];
    for (let g = 0; g < 5; g++) {
      const row = await db.insertInto('groups').values({ name: `Arbeitskreis ${g + 1}`, slug: `ak-${g + 1}`, kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, calendar_stamp: at, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('memberships').values({ group_id: row.id, person_id: person.id, role: g === 0 ? 'chair' : 'member', starts_on: '2020-01-01', created_at: at, updated_at: at }).execute();
      groups.push(row.id);
    }
    const day = 24 * 60 * 60 * 1000;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        // Spread over the feed's window: from 300 days ago to 300 days ahead, at 18:00 UTC.
        const start = new Date(now.getTime() + Math.floor((i / count) * 600 - 300) * day);
        start.setUTCHours(17, 0, 0, 0);
        const cancelled = rnd() < 0.02;
        const meeting = await trx
          .insertInto('meetings')
          .values({
            group_id: groups[i % groups.length]!,
            title: `Sitzung ${i + 1}: Integration, Sprache; Übergänge`,
            starts_at: start.toISOString(),
            ends_at: new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString(),
            location: 'Kreishaus Mettmann, Düsseldorfer Straße 26',
            room: 'Raum 1.23',
            online_url: rnd() < 0.3 ? 'https://meet.example.org/ak' : null,
            status: cancelled ? 'cancelled' : 'planned',
            cancel_reason: cancelled ? 'Krankheit' : null,
            sequence: Math.floor(rnd() * 3),
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const titles = ['Begrüßung und Protokoll', 'Bericht aus den Städten', 'Planung 2027: Sprachkurse, Beratung', 'Verschiedenes'];
        await trx.insertInto('agenda_items').values(titles.map((title, n) => ({ meeting_id: meeting.id, position: n + 1, title, created_at: at, updated_at: at }))).execute();
        const answer = rnd() < 0.5 ? (['accepted', 'declined', 'tentative'] as const)[i % 3] : null;
        await trx.insertInto('rsvps').values({ meeting_id: meeting.id, person_id: person.id, invited_at: at, answer, answered_at: answer ? at : null, link_id: `bench${i}`, link_secret_hash: 'x' }).execute();
      }
    });
    await sql`analyze`.execute(db);
    const actor = { id: user.id, personId: person.id, name: 'Petra Wagner', email: 'petra@example.org', role: 'member' as const };
    const { token } = await createFeedToken(db, actor, { scope: 'person', groupId: null, name: 'Bench' }, now);
    const app = createApp({ db, config: loadConfig({ BASE_URL: 'http://localhost', LOG_REQUESTS: 'false' }) });
    const path = `/feeds/${token}.ics`;
    const first = await app.request(path);
    const body = await first.text();
    const events = body.split('BEGIN:VEVENT').length - 1;
    console.log(`  Feed: ${events} Termine, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`);
    if (first.status !== 200 || events !== count) throw new Error(`unexpected feed: status ${first.status}, ${events} events`);
    const etag = first.headers.get('etag')!;
    const cache = feedCacheFor(db);
    await measure('GET /feeds/:token.ics → 200, neu geschrieben', Math.min(runs, 30), async () => {
      cache.clear(); // as after a change: the feed is read and written anew
      return (await app.request(path)).text();
    });
    await measure('GET /feeds/:token.ics → 200, unverändert (Cache)', runs, async () => (await app.request(path)).text());
    await measure('GET /feeds/:token.ics → 304 (If-None-Match)', runs * 10, async () => {
      const res = await app.request(path, { headers: { 'If-None-Match': etag } });
      if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
    });
  } finally {
    await cleanup();
  }
}
