import type { Kysely } from 'kysely';

/**
 * FeedCache keeps rendered feeds by ETag, least recently used first out, up to a byte budget.
 *
 * Why: writing a feed is costly (ical-generator 10 folds lines character by character: about 0.4 s for
 * 1,000 meetings), and calendar apps that send no If-None-Match (Google Calendar among them) fetch the
 * whole feed on every poll. The ETag is a digest of everything the feed's bytes depend on, so a feed
 * cached under it can never be stale; each app process keeps its own cache, one per database.
 */
export class FeedCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  get(etag: string): string | undefined {
    const body = this.entries.get(etag);
    if (body !== undefined) {
      // Map keeps insertion order: moving the entry to the end makes the first one the least recent.
      this.entries.delete(etag);
      this.entries.set(etag, body);
    }
    return body;
  }

  set(etag: string, body: string): void {
    const size = body.length * 2;
    if (size > this.maxBytes) return;
    if (this.entries.has(etag)) return;
    this.entries.set(etag, body);
    this.bytes += size;
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= old.length * 2;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

const caches = new WeakMap<Kysely<any>, FeedCache>();

/** feedCacheFor: the cache of one database's feeds (tests run many databases in one process). */
export function feedCacheFor(db: Kysely<any>): FeedCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new FeedCache()));
  return cache;
}
