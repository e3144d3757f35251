import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createSession } from '../../src/auth/sessions.js';
import { createFeedToken } from '../../src/calendar/feed-tokens.js';
import { openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { percentile } from './common.js';
import { generateScale, type ScaleData } from './scale.js';
import { freePort } from '../helpers/ports.js';

/**
 * Load benchmark at district-federation scale. The hub runs in its own process on loopback as
 * `npm start` runs it (dist/server.mjs, request log off so the terminal does not measure itself); the load
 * comes from this process through autocannon with a fixed number of connections for a fixed time.
 * Each page's throughput is also given as a share of a bare Hono route measured in the same run, the
 * figure to compare across machines.
 *
 * Usage: npm run bench -- load [--scale=1] [--duration=10] [--connections=10] [--db=path/keep.sqlite]
 *   [--only=feed] [--profile=dir]
 * (--db keeps the generated database and reuses it on the next run; --only runs the cases whose label
 * contains the text, besides the bare route; --profile writes the hub's CPU profile into dir.)
 */

export interface Scenario {
  label: string;
  target: 'bare' | 'hub';
  path: string | (() => string);
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  /** Target: the least share of the bare route's requests per second. */
  ratio?: number;
}

export interface Result {
  label: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: string;
  rssMb: number;
  ratio?: number;
}


/** startProcess runs a TypeScript entry point with Node and waits until `ready` answers 200. */
export async function startProcess(entry: string, env: Record<string, string>, ready: string, nodeArgs: string[] = []): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  // The hub runs as `npm start` runs it: the built dist/server.mjs with plain Node; TypeScript through tsx.
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      if ((await fetch(ready)).ok) return { child, ms: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** peakRssMb: the process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function run(base: string, s: Scenario, seconds: number, connections: number): Promise<Omit<Result, 'rssMb'>> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: s.method ?? 'GET',
            headers: s.headers,
            setupRequest: (req) => ({ ...req, path: typeof s.path === 'function' ? s.path() : s.path, body: s.body?.() }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    label: s.label,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses: [...statuses].map(([code, count]) => `${code}×${count}`).join(' '),
  };
}

export async function benchLoad(args: Record<string, string>): Promise<void> {
  const scale = Number(args.scale ?? 1);
  const seconds = Number(args.duration ?? 10);
  const connections = Number(args.connections ?? 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-load-'));
  const file = args.db ?? path.join(dir, 'load.sqlite');
  const children: ChildProcess[] = [];
  try {
    let data: ScaleData;
    const now = new Date();
    const db = openSqlite(file);
    if (args.db && fs.existsSync(`${file}.json`)) {
      data = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8'));
      console.log(`Last: vorhandene Datenbank ${file}`);
    } else {
      console.log(`Last: erzeuge Daten, Maßstab ${scale} (1 = 50 Kreise eines Bundeslandes) …`);
      const started = performance.now();
      await migrateToLatest(db);
      data = await generateScale(db, scale, now, (line) => console.log(`  ${line}`));
      await sql`analyze`.execute(db);
      fs.writeFileSync(`${file}.json`, JSON.stringify(data));
      console.log(`  erzeugt in ${((performance.now() - started) / 1000).toFixed(0)} s, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
    }
    const session = await createSession(db, data.member.userId, now);
    const actor = { id: data.member.userId, personId: data.member.personId, name: 'Bench', email: data.member.email, role: 'member' as const };
    // A kept database (--db) holds the feed URLs of earlier runs; an account may have only 20.
    await db.deleteFrom('feed_tokens').where('user_id', '=', data.member.userId).execute();
    const { token } = await createFeedToken(db, actor, { scope: 'person', groupId: null, name: 'Last' }, now);
    await db.destroy();

    const [barePort, hubPort] = [await freePort(), await freePort()];
    const bare = await startProcess('test/bench/bare-server.ts', { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/`);
    children.push(bare.child);
    const hubBase = `http://127.0.0.1:${hubPort}`;
    const hubEnv = { DATABASE_URL: `sqlite:${file}`, PORT: String(hubPort), HOST: '127.0.0.1', BASE_URL: hubBase, LOG_REQUESTS: 'false', NODE_ENV: 'production' };
    // --profile writes a CPU profile of the hub (for `node --cpu-prof`), --only runs matching cases.
    const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [];
    execFileSync(process.execPath, ['--import', 'tsx', 'src/build.ts'], { stdio: 'inherit' });
    const hub = await startProcess('dist/server.mjs', hubEnv, `${hubBase}/healthz`, profile);
    children.push(hub.child);
    console.log(`  Start des Hubs bis /healthz: ${hub.ms.toFixed(0)} ms`);

    const cookie = { cookie: `hub_session=${session}` };
    const feed = `/feeds/${token}.ics`;
    const etag = (await fetch(`${hubBase}${feed}`)).headers.get('etag')!;
    const words = ['beratung', 'sprache', 'familie', 'jugend', 'frauen', 'arbeit', 'kultur', 'integration'];
    let n = 0;
    const next = <T>(list: T[]) => list[n++ % list.length]!;
    const scenarios: Scenario[] = [
      { label: 'bare Hono route (ceiling)', target: 'bare', path: '/' },
      { label: 'dashboard, signed in', target: 'hub', path: '/', headers: cookie, ratio: 1 / 15 },
      { label: 'group page', target: 'hub', path: `/groups/${data.groupSlug}`, headers: cookie },
      { label: 'meeting page', target: 'hub', path: `/meetings/${data.meetingId}`, headers: cookie, ratio: 1 / 15 },
      { label: 'directory search', target: 'hub', path: () => `/directory?q=${next(words)}` },
      { label: 'directory search + city + language', target: 'hub', path: () => `/directory?q=${next(words)}&city=${1 + (n % 11)}&language=tr` },
      { label: 'person feed, 200', target: 'hub', path: feed },
      { label: 'person feed, 304', target: 'hub', path: feed, headers: { 'if-none-match': etag }, ratio: 1 / 3 },
      {
        label: 'write: RSVP change',
        target: 'hub',
        path: `/meetings/${data.openMeetingId}/rsvp`,
        method: 'POST',
        headers: { ...cookie, origin: hubBase, 'content-type': 'application/x-www-form-urlencoded' },
        body: () => `answer=${next(['accepted', 'declined', 'tentative'])}`,
      },
    ];
    const results: Result[] = [];
    for (const s of scenarios.filter((s, i) => i === 0 || !args.only || s.label.includes(args.only))) {
      const r = await run(s.target === 'bare' ? `http://127.0.0.1:${barePort}` : hubBase, s, seconds, connections);
      const rssMb = peakRssMb((s.target === 'bare' ? bare : hub).child.pid!);
      results.push({ ...r, rssMb, ratio: s.ratio });
      console.log(`  ${s.label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.statuses})`);
    }
    await stop(hub.child);

    // Start-up on the existing large database, three times (the file is in the page cache by now).
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const again = await startProcess('dist/server.mjs', hubEnv, `${hubBase}/healthz`);
      starts.push(again.ms);
      await stop(again.child);
    }
    starts.sort((a, b) => a - b);

    const bareRps = results[0]!.rps;
    console.log(`\n${connections} Verbindungen, je ${seconds} s, Maßstab ${scale}; Spitzen-RSS des Hubs über den ganzen Lauf.\n`);
    console.log('| case | req/s | share of bare route | p50 | p95 | p99 | peak RSS | answers |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of results) {
      const share = r.rps / bareRps;
      const target = r.ratio ? ` (target ≥ 1/${Math.round(1 / r.ratio)}${share >= r.ratio ? ', met' : ', MISSED'})` : '';
      const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
      console.log(`| ${r.label} | ${r.rps.toFixed(0)} | 1/${(1 / share).toFixed(1)}${target} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.rssMb.toFixed(0)} MB | ${r.statuses} |`);
    }
    console.log(`\nStart-up on the existing database (median of 3, process start to /healthz): ${percentile(starts, 50).toFixed(0)} ms`);
  } finally {
    await Promise.all(children.map(stop));
    if (!args.db) fs.rmSync(dir, { recursive: true, force: true });
  }
}
