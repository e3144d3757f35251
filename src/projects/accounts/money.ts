import { z } from 'zod';
import type { Locale, MessageKey } from '../../i18n/index.js';

/**
 * Money in the project accounts (issue #19): always integer cents, in the database, in sums and in
 * every calculation; euros appear only at the edges (what people type, what pages and exports show).
 * Sums are added as integers, never as floats: 0,10 € + 0,20 € is 30 cents, not 0.30000000000000004.
 */

/**
 * The largest single amount: 10 million euros. Far above any budget line of the office's projects, and
 * well inside PostgreSQL's integer column (2^31 − 1 cents ≈ 21,4 million euros).
 */
export const MAX_CENTS = 1_000_000_000;

export type EuroResult = { cents: number } | { error: MessageKey };

/**
 * parseEuro: an amount as people in Germany write it → integer cents. "1.234,56", "1234,56", "1.234",
 * "12,5" (1250), "0,99", with an optional "€" or "EUR" and spaces. Refused with a message key: empty,
 * a minus sign, letters, more than two decimals, thousands dots not every three digits ("1.23,45",
 * "12.34"), and anything above MAX_CENTS.
 */
export function parseEuro(text: string): EuroResult {
  // Spaces of every kind (a pasted "1 234,56" holds a no-break space) and the currency, front or back.
  const v = text
    .replace(/\s+/gu, '')
    .replace(/^(€|EUR)/i, '')
    .replace(/(€|EUR)$/i, '');
  if (v === '') return { error: 'field.required' };
  if (/^[-−–]|[-−–]$/.test(v)) return { error: 'accounts.money.negative' };
  if (/[^0-9.,]/.test(v)) return { error: 'accounts.money.invalid' };
  const decimals = /,(\d*)$/.exec(v);
  if (decimals && decimals[1]!.length > 2) return { error: 'accounts.money.decimals' };
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(v);
  if (!m) return { error: /\./.test(v) && /^[\d.]+(,\d{1,2})?$/.test(v) ? 'accounts.money.thousands' : 'accounts.money.invalid' };
  const euros = m[1]!.replace(/\./g, '');
  // Length first: a very long number would lose digits as a JavaScript number before the comparison.
  if (euros.replace(/^0+/, '').length > 8) return { error: 'accounts.money.tooLarge' };
  const cents = Number(euros) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (cents > MAX_CENTS) return { error: 'accounts.money.tooLarge' };
  return { cents };
}

/**
 * euroField: a form field holding an amount, for zod schemas: the text → cents, or the field's German
 * message. `positive` refuses 0 (an expense or a tranche of nothing is a typing error).
 */
export function euroField(opts: { positive?: boolean } = {}) {
  return z.string({ error: 'field.required' }).transform((text, ctx) => {
    const r = parseEuro(text);
    if ('error' in r) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    if (opts.positive && r.cents === 0) {
      ctx.addIssue({ code: 'custom', message: 'accounts.money.zero' });
      return z.NEVER;
    }
    return r.cents;
  });
}

/**
 * decimalText: cents as an exact decimal string ("-1234.56"), built from integers: Intl formats the
 * string as it is, so no amount ever passes through a binary fraction.
 */
function decimalText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const currency: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};
const plain: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** formatEuro: "1.234,56 €" (German; a no-break space before the sign) or "€1,234.56" (English). */
export function formatEuro(cents: number, locale: Locale = 'de'): string {
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl mathematical value").
  return currency[locale].format(decimalText(cents) as unknown as number);
}

/** euroInput: cents as the forms show them again ("1.234,56"), which parseEuro reads back to the same cents. */
export function euroInput(cents: number): string {
  return plain.de.format(decimalText(cents) as unknown as number);
}

/** csvEuro: cents for a German spreadsheet: decimal comma, no thousands dots ("1234,56", "-5,00"). */
export function csvEuro(cents: number): string {
  return decimalText(cents).replace('.', ',');
}

/** sumCents: integers added as integers (each a whole number of cents; a database's sum comes as a string on PostgreSQL). */
export function sumCents(values: (number | string | bigint | null | undefined)[]): number {
  let total = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of cents: ${String(v)}`);
    total += n;
  }
  return total;
}
