import type { Kysely } from 'kysely';
import type { Day } from '../db/schema.js';
import type { ResolvedFeed } from './feeds.js';

/** What the answer to a feed URL depends on, kept from the last time it was read from the database. */
export interface FeedValidators {
  kind: ResolvedFeed['kind'];
  etag: string;
  lastModified: Date;
}

interface Entry extends FeedValidators {
  day: Day;
  version: string;
}

/**
 * FeedMemo remembers, per feed URL, the validators it had when the database was at a given version
 * (src/calendar/feeds-version.ts: SQLite's change counter, or feeds_version on PostgreSQL). Calendar apps poll every feed about hourly and nearly always hear "not
 * modified"; while the database has not changed, that answer needs no query at all. Any write anywhere
 * moves the version and so empties the memo in effect: it trades nothing in correctness for speed.
 * Unknown tokens are not kept (a flood of made-up URLs must not fill the memory).
 */
export class FeedMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max = 10_000) {}

  get(file: string, day: Day, version: string): FeedValidators | undefined {
    const entry = this.entries.get(file);
    if (!entry) return undefined;
    if (entry.day !== day || entry.version !== version) {
      this.entries.delete(file);
      return undefined;
    }
    return entry;
  }

  set(file: string, day: Day, version: string, validators: FeedValidators): void {
    this.entries.delete(file);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(file, { kind: validators.kind, etag: validators.etag, lastModified: validators.lastModified, day, version });
  }
}

const memos = new WeakMap<Kysely<any>, FeedMemo>();

/** feedMemoFor: the memo of one database's feeds (tests run many databases in one process). */
export function feedMemoFor(db: Kysely<any>): FeedMemo {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new FeedMemo()));
  return memo;
}
