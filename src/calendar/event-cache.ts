import type { Kysely } from 'kysely';

/**
 * EventTextCache keeps the folded VEVENT texts of meetings (src/calendar/ics.ts meetingEvents), under a
 * key that is everything the text is made of, least recently used first out, up to a byte budget.
 *
 * Why: ical-generator 10 needs about 0.7 ms for one meeting's VEVENT (it folds lines one character at
 * a time), so writing a feed of 1,000 meetings anew after any change took 0.7 s, though the change
 * touched one meeting or one reply. With the texts kept, only what changed is written again.
 *
 * Why it cannot be stale: the key holds the inputs themselves, as read from the database for the answer
 * being made, not a time or a version that some writer must remember to move. Each app process keeps
 * its own cache, one per database; a change made on another instance gives other inputs, so another key.
 * The budget counts two bytes a character, for keys and texts (V8 may store them in one).
 */
export class EventTextCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = 24 * 1024 * 1024) {}

  get(key: string): string | undefined {
    const text = this.entries.get(key);
    if (text !== undefined) {
      // Map keeps insertion order: moving the entry to the end makes the first one the least recent.
      this.entries.delete(key);
      this.entries.set(key, text);
    }
    return text;
  }

  set(key: string, text: string): void {
    const size = (key.length + text.length) * 2;
    if (size > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, text);
    this.bytes += size;
    for (const [old, oldText] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(old);
      this.bytes -= (old.length + oldText.length) * 2;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

const caches = new WeakMap<Kysely<any>, EventTextCache>();

/** eventCacheFor: the VEVENT texts of one database's feeds (tests run many databases in one process). */
export function eventCacheFor(db: Kysely<any>): EventTextCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new EventTextCache()));
  return cache;
}
