import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../i18n/index.js';
import { foldText } from './fold.js';

/** A reason a file or row cannot be used, as a catalogue key with its placeholders. */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const IMPORT_MAX_BYTES = 1_000_000;

/** decodeCsv: the file's text, refusing anything that is not UTF-8 (Excel's "CSV UTF-8" is). */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, problem: { key: 'import.tooLarge' } };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, problem: { key: 'import.encoding' } };
  }
}

export type CsvTable<K extends string> = { ok: true; column: (record: string[], key: K) => string; records: string[][] } | { ok: false; problem: Problem };

/**
 * readCsv parses a CSV text with a header row: the separator (semicolon, comma or tab) is taken from the
 * header, column names are matched folded against `columns` (several names per column), and the number
 * of data rows is limited. `required` columns must be present; the others may be missing.
 */
export function readCsv<K extends string>(text: string, columns: Record<K, string[]>, labels: Record<K, string>, required: K[], maxRows: number): CsvTable<K> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\u0000')) return { ok: false, problem: { key: 'import.encoding' } };
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].reduce((best, d) => (headerLine.split(d).length > headerLine.split(best).length ? d : best), ';');
  let records: string[][];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return { ok: false, problem: { key: 'import.parse', params: { line: (err as { lines?: number }).lines ?? 1 } } };
  }
  const header = (records[0] ?? []).map((h) => foldText(h));
  const index = Object.fromEntries(Object.entries(columns).map(([key, names]) => [key, header.findIndex((h) => (names as string[]).includes(h))])) as Record<K, number>;
  const missing = required.filter((k) => index[k] < 0);
  if (missing.length) return { ok: false, problem: { key: 'import.columns', params: { columns: missing.map((k) => labels[k]).join(', ') } } };
  const data = records.slice(1);
  if (data.length === 0) return { ok: false, problem: { key: 'import.empty' } };
  if (data.length > maxRows) return { ok: false, problem: { key: 'import.tooManyRows', params: { rows: data.length, max: maxRows } } };
  return { ok: true, records: data, column: (record, key) => (index[key] >= 0 ? (record[index[key]] ?? '').trim() : '') };
}
