import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
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

/** descendants: the ids of every process below `pid` (from /proc), nearest first. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended while we read
    }
    // "pid (name) state ppid …": the name may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    const children = parents.get(queue.shift()!) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/** running: whether a process id is alive (a zombie counts: nobody has reaped it). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** listening: whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; !(await check()); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}

describe('npm start under a supervisor', () => {
  it('SIGTERM to npm reaches the server: the port is free and no process of the tree is left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-npm-start-'));
    const port = await freePort();
    const { BASE_URL: _vite, ...inherited } = process.env;
    const npm = spawn('npm', ['start'], {
      env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: path.join(dir, 'hub.sqlite'), SMTP_URL: '', LOG_REQUESTS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
    let tree: number[] = [];
    try {
      await waitFor(
        '/healthz',
        () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false),
        60_000,
      );
      tree = [npm.pid!, ...descendants(npm.pid!)];
      // npm, its shell for the script (if any) and the server itself.
      expect(tree.length).toBeGreaterThanOrEqual(2);

      npm.kill('SIGTERM');
      await exited;
      await waitFor('every process of the tree to end', () => tree.every((pid) => !running(pid)), 15_000);
      expect(await listening(port)).toBe(false);
      expect(output).toContain('SIGTERM empfangen');
    } finally {
      // What a failure left running (the server, orphaned under pid 1) is not left for the next test.
      for (const pid of [...tree, ...descendants(npm.pid!)]) if (running(pid)) process.kill(pid, 'SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

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
