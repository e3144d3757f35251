import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadIndicators } from '../src/statistics/figures.js';
import { decodeStatisticsFile, evidenceOf, parseNumber, parseStatisticsCsv, type ImportContext } from '../src/statistics/import.js';
import { commitImport, importContext, planImport } from '../src/statistics/import-plan.js';
import { ValueRefusedError, writeValues } from '../src/statistics/values.js';
import { createUser } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const NOW = new Date('2026-06-01T10:00:00Z');
const utf8 = (text: string) => new TextEncoder().encode(text);
/** win1252: the text as Excel's "CSV" writes it (umlauts as single bytes). */
const win1252 = (text: string) => Uint8Array.from([...text].map((ch) => ({ ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, Ü: 0xdc, ß: 0xdf, '…': 0x85 })[ch] ?? ch.charCodeAt(0)));

let t: TestDatabase;
let ctx: ImportContext;
beforeAll(async () => {
  t = await createTestDatabase();
  ctx = await importContext(t.db, NOW);
});
afterAll(async () => t.destroy());

const parse = (text: string) => parseStatisticsCsv(text, ctx);
const storedCount = async () => Number((await t.db.selectFrom('statistic_values').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const idOf = (key: string) => ctx.indicators.find((i) => i.key === key)!.id;
const cityId = (name: string) => ctx.cities.find((c) => c.name === name)!.id;

describe('decoding', () => {
  it('reads UTF-8 with and without BOM and Windows-1252', () => {
    const text = 'Stadt;Jahr;Bevölkerung insgesamt\nWülfrath;2024;21.000\nHaan;2024;…\n';
    const plain = decodeStatisticsFile(utf8(text));
    const bom = decodeStatisticsFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    const excel = decodeStatisticsFile(win1252(text));
    expect(plain).toMatchObject({ ok: true, text, encoding: 'utf-8' });
    expect(bom).toMatchObject({ ok: true, text, encoding: 'utf-8' });
    expect(excel).toMatchObject({ ok: true, text, encoding: 'windows-1252' });
  });
  it('refuses an empty or binary file in German', () => {
    expect(decodeStatisticsFile(new Uint8Array())).toEqual({ ok: false, message: 'Die Datei ist leer.' });
    expect(decodeStatisticsFile(utf8('  \n'))).toEqual({ ok: false, message: 'Die Datei ist leer.' });
    const binary = decodeStatisticsFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    expect(binary.ok).toBe(false);
    expect(!binary.ok && binary.message).toMatch(/keine CSV-Datei/);
  });
});

describe('numbers', () => {
  it('takes evidence from both marks or a mark without three digits after it', () => {
    expect(evidenceOf('1.234,5')).toBe('de');
    expect(evidenceOf('1,234.5')).toBe('en');
    expect(evidenceOf('12,5')).toBe('de');
    expect(evidenceOf('12.5')).toBe('en');
    expect(evidenceOf('1.234.567')).toBe('de');
    expect(evidenceOf('1.234')).toBeNull();
    expect(evidenceOf('1234')).toBeNull();
  });
  it('reads ambiguous "1.234" by the file-wide format, and as thousands without evidence', () => {
    expect(parseNumber('1.234', null)).toEqual({ ok: true, value: 1234 });
    expect(parseNumber('1,234', null)).toEqual({ ok: true, value: 1234 });
    expect(parseNumber('1.234', 'de')).toEqual({ ok: true, value: 1234 });
    expect(parseNumber('1.234', 'en')).toEqual({ ok: true, value: 1.234 });
    expect(parseNumber('1,234', 'de')).toEqual({ ok: true, value: 1.234 });
    expect(parseNumber('1 234 567', null)).toEqual({ ok: true, value: 1234567 });
    expect(parseNumber('12,5', 'en').ok).toBe(false);
    expect(parseNumber('zwölf', null).ok).toBe(false);
  });
});

describe('parsing', () => {
  it('reads the wide format with semicolons, German numbers, names, short names and AGS', () => {
    const r = parse(
      'Stadt;Jahr;Bevölkerung insgesamt;population_foreign;Quelle\n' +
        'Wülfrath;2024;21.000;2.345;IT.NRW\n' +
        'Langenfeld (Rhld.);2024;59.123;8.000,0;\n' +
        '05158016;31.12.2024;55.000;.;IT.NRW\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('wide');
    expect(r.numberFormat).toBe('de');
    expect(r.values).toHaveLength(6);
    expect(r.values[0]).toMatchObject({ line: 2, indicatorKey: 'population_total', cityId: cityId('Wülfrath'), year: 2024, value: 21000, special: null, source: 'IT.NRW' });
    expect(r.values[3]).toMatchObject({ indicatorKey: 'population_foreign', value: 8000, source: null });
    expect(r.values[5]).toMatchObject({ line: 4, cityId: cityId('Hilden'), special: '.', value: null });
  });
  it('reads the long format with commas, English numbers, English names and a BOM-less file', () => {
    const r = parse('city,year,indicator,value,note\nHilden,2023,Total population,"55,321",\nHilden,2023,Foreign population,"6,000.0",estimated\nHaan,2023,population_migration,…,\nHaan,2023,population_foreign,...,\n');
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('long');
    expect(r.numberFormat).toBe('en');
    expect(r.values.map((v) => [v.indicatorKey, v.value, v.special])).toEqual([
      ['population_total', 55321, null],
      ['population_foreign', 6000, null],
      ['population_migration', null, '…'],
      ['population_foreign', null, '…'],
    ]);
    expect(r.values[1]!.note).toBe('estimated');
  });
  it('keeps every special value as such', () => {
    const r = parse('Stadt;Jahr;Kennzahl;Wert\nHaan;2024;population_total;-\nHaan;2024;population_foreign;.\nHaan;2024;population_migration;x\nHaan;2024;foreign_age_0_5;…\n');
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => v.special)).toEqual(['-', '.', 'x', '…']);
  });
  it('detects tab separated files', () => {
    expect(parse('Stadt\tJahr\tpopulation_total\nHaan\t2024\t30000\n').values[0]!.value).toBe(30000);
  });

  const refusals: [string, string, RegExp][] = [
    ['unknown city', 'Stadt;Jahr;population_total\nGotham;2024;100\n', /Zeile|Unbekannte Stadt „Gotham“/],
    ['the district row', 'Stadt;Jahr;population_total\nKreis Mettmann (kreisweit);2024;100\n', /Kreis wird aus den Städten berechnet/],
    ['the district by AGS', 'Stadt;Jahr;population_total\n05158000;2024;100\n', /Kreis wird aus den Städten berechnet/],
    ['unknown indicator (wide)', 'Stadt;Jahr;Einhörner\nHaan;2024;100\n', /Unbekannte Kennzahl „Einhörner“/],
    ['unknown indicator (long)', 'Stadt;Jahr;Kennzahl;Wert\nHaan;2024;unicorns;100\n', /Unbekannte Kennzahl „unicorns“/],
    ['a share column', 'Stadt;Jahr;share_foreign\nHaan;2024;10\n', /ist ein Anteil/],
    ['a share in the long format', 'Stadt;Jahr;Kennzahl;Wert\nHaan;2024;Anteil der ausländischen Bevölkerung;10\n', /ist ein Anteil/],
    ['a value that is not a number', 'Stadt;Jahr;population_total\nHaan;2024;viele\n', /„viele“ ist keine Zahl/],
    ['a negative count', 'Stadt;Jahr;population_total\nHaan;2024;-5\n', /nicht negativ/],
    ['a decimal count', 'Stadt;Jahr;population_total\nHaan;2024;12,5\n', /ganze Zahl/],
    ['an implausible year', 'Stadt;Jahr;population_total\nHaan;1850;100\n', /Jahr 1850 ist nicht plausibel/],
    ['a future year', 'Stadt;Jahr;population_total\nHaan;2031;100\n', /Jahr 2031 ist nicht plausibel/],
    ['a duplicate cell', 'Stadt;Jahr;population_total\nHaan;2024;100\nHaan;2024;200\n', /doppelt in der Datei \(schon in Zeile 2\)/],
    ['mixed number formats', 'Stadt;Jahr;population_total\nHaan;2024;1.234,0\nHilden;2024;1,234.0\n', /passt nicht zum Zahlenformat/],
    ['a missing year column', 'Stadt;population_total\nHaan;100\n', /Spalte „Jahr“ fehlt/],
  ];
  it.each(refusals)('refuses %s with its line number', (_what, text, message) => {
    const r = parse(text);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(r.problems.every((p) => p.line >= 1)).toBe(true);
  });
  it('lists every problem of a file, not only the first', () => {
    const r = parse('Stadt;Jahr;population_total\nGotham;2024;1\nHaan;2024;viele\nHilden;2024;-1\n');
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });
});

describe('storing an import', () => {
  beforeEach(async () => {
    await t.db.deleteFrom('statistic_value_changes').execute();
    await t.db.deleteFrom('statistic_values').execute();
  });

  it('refuses a whole file with one bad line: nothing stored', async () => {
    const plan = await planImport(t.db, utf8('Stadt;Jahr;population_total\nHaan;2024;30000\nGotham;2024;1\n'), NOW);
    expect(plan.ok).toBe(false);
    expect(plan.lines.map((l) => l.status)).toEqual(['ok', 'error']);
    await expect(commitImport(t.db, null, plan, 'x.csv', NOW)).rejects.toThrow();
    expect(await storedCount()).toBe(0);
  });

  it('refuses a count that makes a derived share exceed 100 % after merging with stored values', async () => {
    await writeValues(t.db, null, [{ indicatorId: idOf('population_total'), cityId: cityId('Haan'), year: 2024, value: 1000, special: null }], { via: 'manual' }, NOW);
    const plan = await planImport(t.db, utf8('Stadt;Jahr;population_foreign\nHaan;2024;1500\n'), NOW);
    expect(plan.ok).toBe(false);
    expect(plan.problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/Anteil der ausländischen Bevölkerung“ läge für Haan 2024 über 100 %/) });
    const inFile = await planImport(t.db, utf8('Stadt;Jahr;population_total;population_foreign\nHilden;2024;100;101\n'), NOW);
    expect(inFile.ok).toBe(false);
    expect(await storedCount()).toBe(1);
  });

  it('stores new values, records who and when, and a re-import changes nothing', async () => {
    const user = await createUser(t.db, { email: 'sek-import@example.org', role: 'secretariat' });
    const file = utf8('Stadt;Jahr;population_total;population_foreign\nHaan;2024;30.000;3.000\nHilden;2024;55.000;7.000\n');
    const first = await planImport(t.db, file, NOW);
    expect(first.totals).toEqual({ new: 4, changed: 0, unchanged: 0 });
    expect(await commitImport(t.db, user.userId, first, 'zahlen.csv', NOW)).toEqual({ new: 4, changed: 0, unchanged: 0, removed: 0 });
    expect(await storedCount()).toBe(4);
    const history = await t.db.selectFrom('statistic_value_changes').selectAll().execute();
    expect(history).toHaveLength(4);
    expect(history[0]).toMatchObject({ via: 'import', file_name: 'zahlen.csv', changed_by_user_id: user.userId, old_value: null, changed_at: NOW.toISOString() });

    const later = new Date('2026-06-02T10:00:00Z');
    const again = await planImport(t.db, file, later);
    expect(again.totals).toEqual({ new: 0, changed: 0, unchanged: 4 });
    await commitImport(t.db, user.userId, again, 'zahlen.csv', later);
    expect(await t.db.selectFrom('statistic_value_changes').selectAll().execute()).toHaveLength(4);
    const stamps = await t.db.selectFrom('statistic_values').select('updated_at').execute();
    expect(stamps.every((s) => String(s.updated_at) === NOW.toISOString() || new Date(s.updated_at as never).toISOString() === NOW.toISOString())).toBe(true);

    const changed = await planImport(t.db, utf8('Stadt;Jahr;population_foreign\nHaan;2024;3.100\n'), later);
    expect(changed.totals).toEqual({ new: 0, changed: 1, unchanged: 0 });
    expect(changed.fingerprint).not.toBe(again.fingerprint);
    await commitImport(t.db, user.userId, changed, 'korrektur.csv', later);
    const last = await t.db.selectFrom('statistic_value_changes').selectAll().where('file_name', '=', 'korrektur.csv').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ old_value: 3000, new_value: 3100, changed_by_user_id: user.userId, changed_at: later.toISOString() });
  });

  it('refuses to write a share directly, with a German message', async () => {
    await expect(writeValues(t.db, null, [{ indicatorId: idOf('share_foreign'), cityId: cityId('Haan'), year: 2024, value: 10, special: null }], { via: 'manual' }, NOW)).rejects.toThrow(ValueRefusedError);
    await expect(writeValues(t.db, null, [{ indicatorId: idOf('share_foreign'), cityId: cityId('Haan'), year: 2024, value: 10, special: null }], { via: 'manual' }, NOW)).rejects.toThrow(/ist ein Anteil/);
    expect(await storedCount()).toBe(0);
  });

  it('records a removal', async () => {
    const cell = { indicatorId: idOf('population_total'), cityId: cityId('Haan'), year: 2022 };
    await writeValues(t.db, null, [{ ...cell, value: 5, special: null }], { via: 'manual' }, NOW);
    const result = await writeValues(t.db, null, [], { via: 'manual' }, NOW, [cell]);
    expect(result.removed).toBe(1);
    expect(await storedCount()).toBe(0);
    const removal = await t.db.selectFrom('statistic_value_changes').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(removal).toMatchObject({ old_value: 5, new_value: null, new_special: null, via: 'manual' });
  });

  it('loads the default indicators for the parser', async () => {
    expect((await loadIndicators(t.db)).map((i) => i.key)).toContain('foreign_age_65_plus');
  });
});

/** The CLI against a temporary SQLite file (also when the other tests run on PostgreSQL). */
describe('npm run import:statistics', () => {
  let dir: string;
  let dbFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stats-cli-'));
    dbFile = path.join(dir, 'hub.db');
    const db = openSqlite(dbFile);
    await migrateToLatest(db);
    await db.destroy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (file: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const { BASE_URL: _vite, DATABASE_URL: _db, ...inherited } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/statistics/import-cli.ts', file], {
        env: { ...inherited, DATABASE_URL: `sqlite:${dbFile}`, LOG_REQUESTS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });

  it('prints a summary line and exits 0; again: all unchanged', async () => {
    const file = path.join(dir, 'gut.csv');
    writeFileSync(file, win1252('Stadt;Jahr;Bevölkerung insgesamt;Ausländische Bevölkerung\nWülfrath;2024;21.000;2.000\nHaan;2024;30.000;…\n'));
    const first = await run(file);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe('4 Werte gelesen: 4 neu, 0 geändert, 0 unverändert.');
    const again = await run(file);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('4 Werte gelesen: 0 neu, 0 geändert, 4 unverändert.');
  }, 60_000);

  it('exits 1 and lists every problem with its line number, storing nothing', async () => {
    const file = path.join(dir, 'schlecht.csv');
    writeFileSync(file, 'Stadt;Jahr;population_total\nRatingen;2024;87.000\nGotham;2024;1\nHaan;2024;viele\n');
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Zeile 3: Unbekannte Stadt „Gotham“/);
    expect(r.stderr).toMatch(/Zeile 4: .*„viele“ ist keine Zahl/);
    const db = openSqlite(dbFile);
    const ratingen = await db.selectFrom('statistic_values').innerJoin('cities', 'cities.id', 'statistic_values.city_id').where('cities.name', '=', 'Ratingen').selectAll().execute();
    await db.destroy();
    expect(ratingen).toHaveLength(0);
  }, 60_000);
});
