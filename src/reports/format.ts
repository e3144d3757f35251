import type { Figure, Indicator } from '../statistics/figures.js';

const whole = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** count: a whole number the German way ("12.345"). */
export function count(n: number): string {
  return whole.format(n);
}

/** percent: "87,5 %"; "–" when there is nothing to divide. */
export function percent(n: number | null): string {
  return n === null ? '–' : `${oneDecimal.format(n)} %`;
}

/** figureText: a count, a share with one decimal, or the special value as official statistics write it. */
export function figureText(figure: Figure | undefined, indicator: Pick<Indicator, 'kind'>, unknown: string): string {
  if (!figure) return unknown;
  if (figure.special !== null) return figure.special;
  return indicator.kind === 'share' ? percent(figure.value) : count(figure.value);
}

/** yearParam: the year of the URL; 'bad' when it is not four digits. */
export function yearParam(raw: string | undefined): number | 'bad' {
  return raw !== undefined && /^[0-9]{4}$/.test(raw) ? Number(raw) : 'bad';
}
