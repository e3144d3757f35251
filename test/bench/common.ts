import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openPostgres, openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';

// What every benchmark shares: a fresh migrated database, deterministic data, and percentiles.

/** A small deterministic random generator, so every run builds the same data. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * openBenchDatabase: a fresh, migrated database: a SQLite file in a temporary folder, or a new schema in
 * the PostgreSQL database that BENCH_DATABASE_URL names. cleanup() removes it.
 */
export async function openBenchDatabase(): Promise<{ db: Kysely<Database>; cleanup: () => Promise<void>; kind: string; url: string }> {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let url: string;
  if (pgUrl) {
    const schema = `bench_${Date.now()}`;
    const admin = openPostgres(pgUrl, 1);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    db = openPostgres(pgUrl, 4, schema);
    // For a hub started on it: the schema as the connection's search_path.
    url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    cleanup = async () => {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
    db = openSqlite(path.join(dir, 'bench.sqlite'));
    url = path.join(dir, 'bench.sqlite');
    cleanup = async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await migrateToLatest(db);
  return { db, cleanup, kind: pgUrl ? 'PostgreSQL' : 'SQLite', url };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function measure(label: string, runs: number, task: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await task(i); // warm-up (statement cache, page cache)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(50)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms`);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}


/** measureSpan: like measure, for tasks that prepare something first and return the milliseconds of the part to measure. */
export async function measureSpan(label: string, runs: number, task: (i: number) => Promise<number>) {
  for (let i = 0; i < 5; i++) await task(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await task(i + 5));
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(50)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms`);
}
