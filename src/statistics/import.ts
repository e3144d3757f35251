import { parse } from 'csv-parse/sync';
import type { SpecialValue } from '../db/schema.js';
import { foldText } from '../lib/fold.js';
import type { Indicator } from './figures.js';

/**
 * The import parser of the Datensammlung (pure: the database's indicators and cities are passed in).
 *
 * Files: UTF-8 with or without BOM, or Windows-1252 (Excel's "CSV"), told apart by whether the bytes
 * are valid UTF-8. Separator: semicolon, comma or tab, whichever the header line has most of.
 * Formats, told apart by the header:
 * - long: columns city, year, indicator, value (and optionally source, note): one value per line;
 * - wide: columns city and year, then one column per indicator (its key, German or English name), and
 *   optionally source and note (they apply to every value of the line): a line per city and year.
 * Cities by name, short name or AGS (8 digits; 7 when a spreadsheet dropped the leading zero); only the
 * district's active cities. The district-wide row is refused: its value is always derived.
 * Year: 1950 … this year, or the reference date "31.12.YYYY".
 *
 * Numbers (only counts are imported, so every value is a whole number):
 * - "1.234,5" / "1,234.5" (both marks) and "12,5" / "12.5" (a mark not followed by exactly three digits)
 *   are evidence of the German / English format; the first such value decides the file's format, and a
 *   value against it is refused (mixed formats).
 * - "1.234" and "1,234" (each mark followed by exactly three digits) are ambiguous: with German evidence
 *   "." groups thousands and "1,234" is a decimal; with English evidence the other way round; without any
 *   evidence both marks group thousands (1234): a count is a whole number, so it cannot be 1,234 persons.
 * - Spaces (also non-breaking) group thousands. A decimal value of a count is refused (not whole).
 * Special values: "-", ".", "x", "…" (also "..."), kept as such. An empty cell in the wide format means
 * "no value given" (nothing stored); in the long format it is refused.
 */

export interface ImportCity {
  id: number;
  name: string;
  shortName: string;
  ags: string | null;
  kind: string;
  retired: boolean;
}

export interface ImportContext {
  indicators: Indicator[];
  cities: ImportCity[];
  /** The latest plausible year (the current year). */
  maxYear: number;
}

export interface ParsedValue {
  line: number;
  indicatorId: number;
  indicatorKey: string;
  cityId: number;
  cityName: string;
  year: number;
  value: number | null;
  special: SpecialValue | null;
  /** undefined when the file has no such column. */
  source?: string | null;
  note?: string | null;
}

export interface LineProblem {
  /** 0: the file as a whole. */
  line: number;
  message: string;
}

export interface ParsedFile {
  format: 'wide' | 'long';
  numberFormat: 'de' | 'en' | 'unknown';
  values: ParsedValue[];
  problems: LineProblem[];
  /** Every data line's number (for a result per line). */
  lines: number[];
}

export const MAX_IMPORT_BYTES = 1_000_000;
export const MIN_YEAR = 1950;
const DISTRICT_AGS = '05158000';

// Windows-1252's characters for the bytes 0x80–0x9F (undefined: unassigned).
const WINDOWS_1252_C1 = ['€', undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', undefined, 'Ž', undefined, undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', undefined, 'ž', 'Ÿ'];

/** decodeStatisticsFile: the file's text, or a German message (empty, binary, too large). */
export function decodeStatisticsFile(bytes: Uint8Array): { ok: true; text: string; encoding: 'utf-8' | 'windows-1252' } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: 'Die Datei ist leer.' };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, message: 'Die Datei ist zu groß (höchstens 1 MB).' };
  if (bytes.includes(0)) return { ok: false, message: 'Das ist keine CSV-Datei (die Datei enthält Binärdaten). Bitte als CSV speichern.' };
  let text: string;
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as ISO-8859-1 control characters; those
    // bytes are Windows-1252's own characters (€, „, …, –), so they are mapped here.
    text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_C1[ch.charCodeAt(0) - 0x80] ?? ch);
    encoding = 'windows-1252';
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, message: 'Die Datei ist leer.' };
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, message: 'Das ist keine CSV-Datei (die Datei enthält Binärdaten). Bitte als CSV speichern.' };
  return { ok: true, text, encoding };
}

const COLUMN_NAMES = {
  city: ['stadt', 'kommune', 'gemeinde', 'city', 'municipality', 'ags', 'ort'],
  year: ['jahr', 'year', 'stichtag', 'reference date', 'date'],
  indicator: ['kennzahl', 'indikator', 'merkmal', 'indicator', 'key'],
  value: ['wert', 'anzahl', 'value'],
  source: ['quelle', 'source'],
  note: ['anmerkung', 'hinweis', 'bemerkung', 'note', 'notes'],
} as const;
type Column = keyof typeof COLUMN_NAMES;

const columnOf = (header: string): Column | undefined =>
  (Object.keys(COLUMN_NAMES) as Column[]).find((c) => (COLUMN_NAMES[c] as readonly string[]).includes(foldText(header)));

/** detectDelimiter: the separator the header line has most of (quoted parts left out). */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (d: string) => header.split(d).length - 1;
  return ([';', ',', '\t'] as const).reduce((best, d) => (count(d) > count(best) ? d : best), ';');
}

const SPECIALS: Record<string, SpecialValue> = { '-': '-', '.': '.', x: 'x', X: 'x', '…': '…', '...': '…' };

type NumberEvidence = 'de' | 'en' | null;

/** evidenceOf: which number format a value proves (null: none, or not a number at all). */
export function evidenceOf(raw: string): NumberEvidence {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^[-+]/, '');
  if (!/^[0-9.,]+$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastComma > lastDot ? 'de' : 'en';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (!mark) return null;
  const groups = s.split(mark);
  const grouping = groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && groups[0]!.length >= 1 && groups[0]!.length <= 3;
  if (grouping) return groups.length > 2 ? (mark === '.' ? 'de' : 'en') : null;
  return mark === ',' ? 'de' : 'en';
}

/** parseNumber: the number a cell holds in the file's format, or a German message. */
export function parseNumber(raw: string, format: NumberEvidence): { ok: true; value: number } | { ok: false; message: string } {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  const negative = s.startsWith('-');
  s = s.replace(/^[-+]/, '');
  if (!/^[0-9]+([.,][0-9]+)*$/.test(s)) return { ok: false, message: `„${raw}“ ist keine Zahl.` };
  const evidence = evidenceOf(s);
  if (format && evidence && evidence !== format)
    return { ok: false, message: `„${raw}“ passt nicht zum Zahlenformat der Datei (${format === 'de' ? 'deutsch, z. B. 1.234,5' : 'englisch, z. B. 1,234.5'}).` };
  const f = format ?? evidence;
  let plain: string;
  if (f === 'de') plain = s.replace(/\./g, '').replace(',', '.');
  else if (f === 'en') plain = s.replace(/,/g, '');
  else plain = s.replace(/[.,]/g, ''); // only three-digit groups: thousands (see above)
  if (!/^[0-9]+(\.[0-9]+)?$/.test(plain)) return { ok: false, message: `„${raw}“ ist keine Zahl.` };
  const value = Number(plain);
  return { ok: true, value: negative ? -value : value };
}

function parseYear(raw: string, maxYear: number): number | string {
  const s = raw.trim();
  const m = /^(?:31\.12\.)?([0-9]{4})$/.exec(s) ?? /^([0-9]{4})-12-31$/.exec(s);
  if (!m) return `„${raw}“ ist kein Jahr (erwartet z. B. 2024 oder 31.12.2024).`;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > maxYear) return `Das Jahr ${year} ist nicht plausibel (${MIN_YEAR} bis ${maxYear}).`;
  return year;
}

/** parseStatisticsCsv reads a decoded file; every problem is listed with its line number. */
export function parseStatisticsCsv(text: string, ctx: ImportContext): ParsedFile {
  const problems: LineProblem[] = [];
  const result = (format: 'wide' | 'long', values: ParsedValue[] = [], lines: number[] = [], numberFormat: ParsedFile['numberFormat'] = 'unknown'): ParsedFile => ({
    format,
    numberFormat,
    values,
    problems,
    lines,
  });
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as never;
  } catch (err) {
    problems.push({ line: (err as { lines?: number }).lines ?? 0, message: 'Die Datei ist keine lesbare CSV-Datei (Anführungszeichen prüfen).' });
    return result('long');
  }
  records = records.filter((r) => r.record.some((cell) => cell !== ''));
  const header = records[0]?.record ?? [];
  const data = records.slice(1);
  if (data.length === 0) {
    problems.push({ line: 0, message: 'Die Datei enthält keine Datenzeilen.' });
    return result('long');
  }

  const indicatorOf = (name: string) => {
    const f = foldText(name);
    return ctx.indicators.find((i) => foldText(i.key) === f || foldText(i.name) === f || (i.nameEn !== null && foldText(i.nameEn) === f));
  };
  const columns = header.map((h) => columnOf(h));
  const index = (c: Column) => columns.indexOf(c);
  const format: 'wide' | 'long' = index('indicator') >= 0 && index('value') >= 0 ? 'long' : 'wide';
  const headerLine = records[0]!.info.lines;
  if (index('city') < 0) problems.push({ line: headerLine, message: 'Die Spalte „Stadt“ (Name, Kurzname oder AGS) fehlt.' });
  if (index('year') < 0) problems.push({ line: headerLine, message: 'Die Spalte „Jahr“ fehlt.' });

  // Wide format: every other column is an indicator (a count).
  const indicatorColumns: { col: number; indicator: Indicator }[] = [];
  if (format === 'wide') {
    header.forEach((h, col) => {
      if (columns[col] && columns[col] !== 'indicator' && columns[col] !== 'value') return;
      if (h === '') return;
      const indicator = indicatorOf(h);
      if (!indicator) problems.push({ line: headerLine, message: `Unbekannte Kennzahl „${h}“ in der Kopfzeile.` });
      else if (indicator.kind === 'share') problems.push({ line: headerLine, message: `„${h}“ ist ein Anteil: Anteile werden aus zwei Anzahlen berechnet und nicht importiert.` });
      else if (indicatorColumns.some((c) => c.indicator.id === indicator.id)) problems.push({ line: headerLine, message: `Die Kennzahl „${h}“ steht zweimal in der Kopfzeile.` });
      else indicatorColumns.push({ col, indicator });
    });
    if (!indicatorColumns.length && !problems.length) problems.push({ line: headerLine, message: 'Keine Kennzahl-Spalte gefunden (Kopfzeile: Schlüssel oder Name der Kennzahl).' });
  }
  if (problems.length) return result(format);

  // The file's number format: the first value that proves one.
  const valueCells = data.flatMap((r) => (format === 'long' ? [r.record[index('value')] ?? ''] : indicatorColumns.map((c) => r.record[c.col] ?? '')));
  let numberFormat: NumberEvidence = null;
  for (const cell of valueCells) {
    if (SPECIALS[cell.trim()]) continue;
    numberFormat = evidenceOf(cell);
    if (numberFormat) break;
  }

  const cityOf = (raw: string): ImportCity | string => {
    const s = raw.trim();
    if (s === '') return 'Keine Stadt angegeben.';
    const ags = /^[0-9]{7,8}$/.test(s) ? s.padStart(8, '0') : null;
    const f = foldText(s);
    const city = ctx.cities.find((c) => (ags !== null ? c.ags === ags : foldText(c.name) === f || foldText(c.shortName) === f));
    if (city && (city.kind === 'district' || city.ags === DISTRICT_AGS))
      return `„${s}“ ist der Kreis: Der Wert für den Kreis wird aus den Städten berechnet und nicht importiert.`;
    if (!city && ags === DISTRICT_AGS) return `„${s}“ ist der Kreis: Der Wert für den Kreis wird aus den Städten berechnet und nicht importiert.`;
    if (!city || city.kind !== 'city' || city.retired) return `Unbekannte Stadt „${s}“.`;
    return city;
  };

  const values: ParsedValue[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  const cell = (r: string[], c: Column) => (index(c) >= 0 ? (r[index(c)] ?? '').trim() : undefined);
  for (const { record, info } of data) {
    const line = info.lines;
    lines.push(line);
    const city = cityOf(cell(record, 'city') ?? '');
    if (typeof city === 'string') problems.push({ line, message: city });
    const year = parseYear(cell(record, 'year') ?? '', ctx.maxYear);
    if (typeof year === 'string') problems.push({ line, message: year });
    const source = cell(record, 'source');
    const note = cell(record, 'note');
    const extra = { ...(source !== undefined ? { source: source || null } : {}), ...(note !== undefined ? { note: note || null } : {}) };

    const cells: { indicator: Indicator; raw: string }[] = [];
    if (format === 'long') {
      const name = cell(record, 'indicator') ?? '';
      const indicator = indicatorOf(name);
      const raw = cell(record, 'value') ?? '';
      if (!indicator) problems.push({ line, message: name ? `Unbekannte Kennzahl „${name}“.` : 'Keine Kennzahl angegeben.' });
      else if (indicator.kind === 'share') problems.push({ line, message: `„${name}“ ist ein Anteil: Anteile werden aus zwei Anzahlen berechnet und nicht importiert.` });
      else if (raw === '') problems.push({ line, message: 'Kein Wert angegeben.' });
      else cells.push({ indicator, raw });
    } else {
      for (const c of indicatorColumns) {
        const raw = (record[c.col] ?? '').trim();
        if (raw !== '') cells.push({ indicator: c.indicator, raw });
      }
    }

    for (const { indicator, raw } of cells) {
      const what = `„${indicator.name}“`;
      let value: number | null = null;
      let special: SpecialValue | null = SPECIALS[raw] ?? null;
      if (!special) {
        const n = parseNumber(raw, numberFormat);
        if (!n.ok) {
          problems.push({ line, message: `${what}: ${n.message}` });
          continue;
        }
        if (n.value < 0) {
          problems.push({ line, message: `${what}: Eine Anzahl kann nicht negativ sein (${raw}).` });
          continue;
        }
        if (!Number.isInteger(n.value)) {
          problems.push({ line, message: `${what}: Eine Anzahl ist eine ganze Zahl, nicht „${raw}“.` });
          continue;
        }
        value = n.value;
        special = null;
      }
      if (typeof city === 'string' || typeof year === 'string') continue;
      const key = `${indicator.id}:${city.id}:${year}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ line, message: `${what} für ${city.name} ${year} steht doppelt in der Datei (schon in Zeile ${first}).` });
        continue;
      }
      seen.set(key, line);
      values.push({ line, indicatorId: indicator.id, indicatorKey: indicator.key, cityId: city.id, cityName: city.name, year, value, special, ...extra });
    }
  }
  return result(format, values, lines, numberFormat ?? 'unknown');
}
