import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { commitImport, planImport } from './import-plan.js';
import { summaryLine } from './values.js';

// `npm run import:statistics -- FILE`: imports a file of the Datensammlung (formats: src/statistics/import.ts)
// into the database of DATABASE_URL. Prints one summary line and exits 0; with any bad line it stores
// nothing, lists every problem with its line number and exits 1. Exit 2: wrong usage or unreadable file.
// Changes are recorded as 'import' with the file's name and without a person (the command line).

const USAGE = 'Aufruf: npm run import:statistics -- <Datei.csv>';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    console.error(`Die Datei ${file} kann nicht gelesen werden.`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    const now = new Date();
    const plan = await planImport(db, bytes, now);
    if (!plan.ok) {
      console.error(`Nichts gespeichert: ${plan.problems.length} ${plan.problems.length === 1 ? 'Problem' : 'Probleme'} in ${path.basename(file)}.`);
      for (const p of plan.problems) console.error(p.line > 0 ? `Zeile ${p.line}: ${p.message}` : p.message);
      return 1;
    }
    const result = await commitImport(db, null, plan, path.basename(file), now);
    console.log(summaryLine(result));
    return 0;
  } finally {
    await db.destroy();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Fehler: ${(err as Error).message}`);
  process.exitCode = 1;
}
