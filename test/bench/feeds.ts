import { sql } from 'kysely';
import { createApp } from '../../src/app.js';
import { eventCacheFor } from '../../src/calendar/event-cache.js';
import { feedCacheFor } from '../../src/calendar/feed-cache.js';
import { markMeetingChanged, markPersonChanged } from '../../src/calendar/stamps.js';
import { loadConfig } from '../../src/config.js';
import { measure, measureSpan, openBenchDatabase, percentile, random } from './common.js';
import { createFeedToken, findFeedToken } from '../../src/calendar/feed-tokens.js';
import { loadFeedMeetings, resolveFeed } from '../../src/calendar/feeds.js';
import { assembleCalendar, calendarShell, meetingEvents } from '../../src/calendar/ics.js';
import { today } from '../../src/lib/berlin-time.js';

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
            // A cancelled meeting stays in the feed for 30 days after its cancellation.
            cancelled_at: cancelled ? at : null,
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
    const cache = feedCacheFor(db);
    const meetingIds = (await db.selectFrom('meetings').select('id').orderBy('id').execute()).map((r) => r.id);
    let edits = 0;
    // A real change, as an organiser's edit makes it: one meeting's title and its group's calendar stamp.
    const changeOneMeeting = async () => {
      const id = meetingIds[edits++ % meetingIds.length]!;
      await db.updateTable('meetings').set({ title: `Sitzung ${id}: geändert ${edits}` }).where('id', '=', id).execute();
      await markMeetingChanged(db, id, new Date());
    };
    const fresh = async () => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`expected 200, got ${res.status}`);
      return res.text();
    };
    await measureSpan('GET /feeds/:token.ics → 200, nach Änderung einer Sitzung', Math.min(runs, 100), async () => {
      await changeOneMeeting();
      const start = performance.now();
      await fresh();
      return performance.now() - start;
    });
    // Where the time of a rebuild goes, step by step (the same steps as the route's).
    const output = { baseUrl: 'http://localhost', districtName: 'Kreis Mettmann', organizer: { name: 'Büro', email: 'buero@example.org' } };
    const spans = { token: [] as number[], resolve: [] as number[], load: [] as number[], events: [] as number[], assemble: [] as number[] };
    for (let i = 0; i < Math.min(runs, 50); i++) {
      await changeOneMeeting();
      let t0 = performance.now();
      const found = (await findFeedToken(db, token))!;
      spans.token.push(-t0 + (t0 = performance.now()));
      const feed = (await resolveFeed(db, found, today(new Date()), output))!;
      spans.resolve.push(-t0 + (t0 = performance.now()));
      const meetings = await loadFeedMeetings(db, feed, today(new Date()));
      spans.load.push(-t0 + (t0 = performance.now()));
      const opts = { ...output, cancelledPrefix: 'Abgesagt:', name: 'Bench', refreshSeconds: 3600, publish: false };
      const texts = meetingEvents(meetings, opts, eventCacheFor(db));
      spans.events.push(-t0 + (t0 = performance.now()));
      Buffer.from(assembleCalendar(calendarShell(opts, true), texts));
      spans.assemble.push(performance.now() - t0);
    }
    const p50 = (list: number[]) => percentile(list.sort((a, b) => a - b), 50).toFixed(2);
    console.log(`    davon (p50): Token ${p50(spans.token)} ms, Gruppen und Validatoren ${p50(spans.resolve)} ms, Sitzungen lesen ${p50(spans.load)} ms, VEVENTs ${p50(spans.events)} ms, zusammensetzen und UTF-8 ${p50(spans.assemble)} ms`);
    await measureSpan('GET /feeds/:token.ics → 200, nach eigener Zusage', Math.min(runs, 100), async (i) => {
      const id = meetingIds[(i * 7) % meetingIds.length]!;
      await db.updateTable('rsvps').set({ answer: (['accepted', 'declined', 'tentative'] as const)[i % 3], answered_at: new Date().toISOString() }).where('meeting_id', '=', id).where('person_id', '=', person.id).execute();
      await markPersonChanged(db, person.id, new Date());
      const start = performance.now();
      await fresh();
      return performance.now() - start;
    });
    await measure('GET /feeds/:token.ics → 200, ganz neu geschrieben (ohne Caches)', Math.min(runs, 20), async () => {
      cache.clear(); // as after a restart: every VEVENT is written by ical-generator
      eventCacheFor(db).clear();
      return fresh();
    });
    await measure('GET /feeds/:token.ics → 200, unverändert (Cache)', runs, async () => (await app.request(path)).text());
    const etag = (await app.request(path)).headers.get('etag')!;
    await measure('GET /feeds/:token.ics → 304 (If-None-Match)', runs * 10, async () => {
      const res = await app.request(path, { headers: { 'If-None-Match': etag } });
      if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
    });
  } finally {
    await cleanup();
  }
}
