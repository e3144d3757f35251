import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/ports.js';

// The real start in its own process: what `npm start` does on a fresh machine (build, then the built
// dist/server.mjs with plain Node).
beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/build.ts'], { stdio: 'inherit' });
}, 60_000);


function startServer(env: Record<string, string>) {
  // Vitest puts Vite's BASE_URL="/" into the environment; the hub would rightly refuse it.
  const { BASE_URL: _vite, ...inherited } = process.env;
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    env: { ...inherited, LOG_REQUESTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const waitFor = async (text: string) => {
    for (let i = 0; i < 300 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    if (!stdout.includes(text)) throw new Error(`server did not print "${text}": ${stdout} ${stderr}`);
  };
  return { child, exited, output, waitFor };
}

describe('npm start', () => {
  it('creates the SQLite file, prints the setup address once, serves, and shuts down on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-start-'));
    const file = path.join(dir, 'sub', 'hub.sqlite');
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: file, SMTP_URL: '' };
    const server = startServer(env);
    await server.waitFor('läuft auf');
    expect(fs.existsSync(file)).toBe(true);
    const { stdout } = server.output();
    const token = /\/setup\?token=([a-z2-7]{24}\.[a-z2-7]{24})/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    expect(stdout).toContain(`http://localhost:${port}/setup?token=`);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    const setup = await fetch(`http://127.0.0.1:${port}/setup?token=${token}`);
    expect(setup.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain('SIGTERM empfangen');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{ PORT: 'abc' }, /^Konfigurationsfehler: .*PORT/],
    [{ DATABASE_URL: 'mysql://db/hub' }, /^Konfigurationsfehler: DATABASE_URL/],
    [{ DATABASE_URL: `postgres://nobody:x@127.0.0.1:1/${randomBytes(3).toString('hex')}` }, /^Datenbank nicht bereit: /],
  ])('refuses to start with %o, saying why in one line', async (env, message) => {
    const server = startServer(env);
    expect(await server.exited).toBe(1);
    const lines = server.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
