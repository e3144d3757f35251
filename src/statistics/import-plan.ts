import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadIndicators } from './figures.js';
import { decodeStatisticsFile, parseStatisticsCsv, type ImportContext, type LineProblem, type ParsedValue } from './import.js';
import { planValues, shareOverflows, writeValues, type Outcome, type ValueInput, type WriteResult } from './values.js';

/**
 * An import's plan: the parsed file checked against the database (shares above 100 % after merging
 * with stored values) and what storing it would do to each value. The web preview, its confirmation and
 * the CLI all go through planImport, so what the preview shows is what gets stored: the confirmation
 * re-plans the same bytes and compares the plan's fingerprint with the one the preview showed.
 */

export interface LineResult {
  line: number;
  status: 'ok' | 'error';
  counts: Record<Outcome, number>;
  messages: string[];
}

export interface ImportPlan {
  ok: boolean;
  /** A problem with the whole file (empty, binary, no header): no lines. */
  fileProblem?: string;
  format?: 'wide' | 'long';
  values: (ParsedValue & { outcome: Outcome })[];
  problems: LineProblem[];
  lines: LineResult[];
  totals: Record<Outcome, number>;
  /** A fingerprint of the bytes and of every planned outcome (see the comment above). */
  fingerprint: string;
}

export async function importContext(db: Kysely<Database>, now: Date): Promise<ImportContext> {
  const [indicators, cities] = await Promise.all([
    loadIndicators(db),
    db.selectFrom('cities').select(['id', 'name', 'short_name', 'ags', 'kind', 'retired']).execute(),
  ]);
  return {
    indicators,
    cities: cities.map((c) => ({ id: Number(c.id), name: c.name, shortName: c.short_name, ags: c.ags, kind: c.kind, retired: Boolean(c.retired) })),
    maxYear: now.getUTCFullYear(),
  };
}

const toInput = (v: ParsedValue): ValueInput => ({
  indicatorId: v.indicatorId,
  cityId: v.cityId,
  year: v.year,
  value: v.value,
  special: v.special,
  ...(v.source !== undefined ? { source: v.source } : {}),
  ...(v.note !== undefined ? { note: v.note } : {}),
});

export async function planImport(db: Kysely<Database>, bytes: Uint8Array, now: Date): Promise<ImportPlan> {
  const hash = createHash('sha256').update(bytes);
  const empty = { new: 0, changed: 0, unchanged: 0 };
  const decoded = decodeStatisticsFile(bytes);
  if (!decoded.ok) return { ok: false, fileProblem: decoded.message, values: [], problems: [{ line: 0, message: decoded.message }], lines: [], totals: empty, fingerprint: '' };
  const parsed = parseStatisticsCsv(decoded.text, await importContext(db, now));
  const problems = [...parsed.problems];
  const inputs = parsed.values.map(toInput);
  for (const o of await shareOverflows(db, inputs)) {
    const v = parsed.values[o.index]!;
    problems.push({
      line: v.line,
      message: `„${o.share.name}“ läge für ${v.cityName} ${v.year} über 100 % (${o.numerator.toLocaleString('de-DE')} von ${o.denominator.toLocaleString('de-DE')}).`,
    });
  }
  const outcomes = await planValues(db, inputs);
  const values = parsed.values.map((v, i) => ({ ...v, outcome: outcomes[i]! }));
  const totals = { ...empty };
  for (const v of values) totals[v.outcome] += 1;
  const lines: LineResult[] = parsed.lines.map((line) => {
    const messages = problems.filter((p) => p.line === line).map((p) => p.message);
    const counts = { ...empty };
    for (const v of values) if (v.line === line) counts[v.outcome] += 1;
    return { line, status: messages.length ? 'error' : 'ok', counts, messages };
  });
  problems.sort((a, b) => a.line - b.line);
  hash.update(JSON.stringify(values.map((v) => [v.indicatorId, v.cityId, v.year, v.value, v.special, v.source, v.note, v.outcome])));
  return { ok: problems.length === 0, format: parsed.format, values, problems, lines, totals, fingerprint: hash.digest('hex') };
}

/** commitImport stores a plan without problems (in one transaction, via values.ts). */
export async function commitImport(db: Kysely<Database>, actorUserId: number | null, plan: ImportPlan, fileName: string, now: Date): Promise<WriteResult> {
  if (!plan.ok) throw new Error('an import with problems is never stored');
  return writeValues(db, actorUserId, plan.values.map(toInput), { via: 'import', fileName }, now);
}
