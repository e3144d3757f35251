import type { PublicLocale } from '../../i18n/index.js';
import type { Figure } from '../figures.js';

/**
 * What every chart shares: numbers per locale, the special values' symbols, the palette and patterns,
 * and escaping for SVG written as text.
 */

/**
 * numberLocale: the Intl locale of numbers. Arabic pages keep Latin digits: the charts are left to right
 * like the official German statistics they come from, and axis ticks, labels and table cells must read
 * the same (an Arabic reader of a German district's statistics knows 1,234 in Latin digits).
 */
export function numberLocale(lang: PublicLocale): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}

export interface NumberFormat {
  /** A figure's value in its unit: "12,5 %" for a share, "1.234" for a count. */
  value(value: number): string;
  /** An axis tick (the same format). */
  tick(value: number): string;
}

const cache = new Map<string, NumberFormat>();

/** numberFormat: shares (unit "%") with one decimal as a percentage, counts as whole numbers. */
export function numberFormat(lang: PublicLocale, unit: string): NumberFormat {
  const isShare = unit === '%';
  const key = `${lang}:${isShare}`;
  let format = cache.get(key);
  if (!format) {
    const locale = numberLocale(lang);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percentTick = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    format = isShare
      ? { value: (v) => percent.format(v / 100), tick: (v) => percentTick.format(v / 100) }
      : { value: (v) => whole.format(v), tick: (v) => whole.format(v) };
    cache.set(key, format);
  }
  return format;
}

/** The text of a figure: its formatted number, its special symbol, or "" when nothing is known. */
export function figureText(figure: Figure | undefined, format: NumberFormat): string {
  if (!figure) return '';
  return figure.special !== null ? figure.special : format.value(figure.value);
}

/**
 * Okabe-Ito, the palette that stays apart for the common colour vision deficiencies. Colour is never
 * the only carrier: each series also has a pattern (PATTERNS) and every bar or line its value label.
 * Only the darker colours are used, so that white text and thin lines keep contrast on white.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;
export const INK = '#1a1a1a';
export const GRID = '#c8c8c8';
export const MUTED = '#595959';

/** The fill patterns of the series, in order: solid, diagonal hatch, dots, cross-hatch. */
export type PatternKind = 'solid' | 'hatch' | 'dots' | 'cross';
export const PATTERNS: readonly PatternKind[] = ['solid', 'hatch', 'dots', 'cross'];

/** patternDef: a <pattern> in the series colour; ids carry the chart's id (several charts share a page). */
export function patternDef(id: string, kind: PatternKind, colour: string): string {
  const start = `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8">`;
  const ground = `<rect width="8" height="8" fill="#ffffff"/>`;
  switch (kind) {
    case 'solid':
      return `${start}<rect width="8" height="8" fill="${colour}"/></pattern>`;
    case 'hatch':
      return `${start}${ground}<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${colour}" stroke-width="3"/></pattern>`;
    case 'dots':
      return `${start}${ground}<circle cx="4" cy="4" r="2.4" fill="${colour}"/></pattern>`;
    case 'cross':
      return `${start}${ground}<path d="M0,0 l8,8 M8,0 l-8,8" stroke="${colour}" stroke-width="2"/></pattern>`;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** esc: text and attribute values in SVG written as a string. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** The font of every chart, set as an attribute (no <style>: the page's CSP forbids inline styles). */
export const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
