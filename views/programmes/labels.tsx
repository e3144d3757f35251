import type { Day } from '../../src/db/schema.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { nextDeadline, type Programme } from '../../src/programmes/programmes.js';

/** Labels and amounts of the programme pages, in the reader's language. */
export const levelLabel = (t: Translate, level: string) => t(`programmes.level.${level}` as MessageKey);
export const applicantLabel = (t: Translate, applicant: string) => t(`programmes.applicant.${applicant}` as MessageKey);
export const statusLabel = (t: Translate, status: string) => t(`programmes.status.${status}` as MessageKey);

const INTL: Record<string, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', ru: 'ru-RU', uk: 'uk-UA' };

/** euros: integer cents as an amount in euros in the reader's language ("25.000 €"). */
export function euros(t: Translate, cents: number): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(INTL[t('app.locale')] ?? 'de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** fundingText: the amount range and/or the rate, or undefined when the programme states neither. */
export function fundingText(t: Translate, p: Programme): string | undefined {
  const parts: string[] = [];
  const min = p.amount_min_cents;
  const max = p.amount_max_cents;
  if (min !== null && max !== null) parts.push(t('programmes.amountRange', { min: euros(t, min), max: euros(t, max) }));
  else if (max !== null) parts.push(t('programmes.amountUpTo', { max: euros(t, max) }));
  else if (min !== null) parts.push(t('programmes.amountFrom', { min: euros(t, min) }));
  if (p.rate_percent !== null) parts.push(t('programmes.rate', { rate: p.rate_percent }));
  return parts.length ? parts.join('; ') : undefined;
}

/** day: a calendar day ("2027-03-31") as the reader writes dates. */
export const day = (fmt: Formatters, d: Day) => fmt.date(`${d}T12:00:00Z`);

/** DeadlineText: the next deadline, "laufend", or that no deadline is coming. */
export function deadlineText(t: Translate, fmt: Formatters, p: Programme, today: Day): string {
  const next = nextDeadline(p, today);
  if (next) return t('programmes.nextDeadline', { date: day(fmt, next.due_on) });
  if (p.rolling) return t('programmes.rolling');
  return t('programmes.noDeadline');
}
