import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Figure } from '../figures.js';
import { esc, FONT, GRID, INK, MUTED, PALETTE, PATTERNS, patternDef } from './format.js';
import type { Chart, ChartRow } from './model.js';

/**
 * Server-rendered SVG of a Chart, scales by d3-scale, lines by d3-shape; no script. Every mark has its
 * value written next to it and every series its own pattern or dash, so colour never carries meaning
 * alone. Special values are drawn as their symbol at the axis (never as a bar of 0); a missing figure
 * as "…" (not available). Styling is by presentation attributes only (no <style>: the pages' CSP
 * forbids inline styles), so the same markup is the standalone download.
 */

export interface SvgTexts {
  /** One line per special value present: "x = nicht sinnvoll" … */
  specialLegend: (symbols: string[]) => string[];
  /** Legend entries for the dashed district reference line and a city's line. */
  lineLegend: { city: string; district: string };
}

const WIDTH = 560;
const FONT_SIZE = 13;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 78;

/** Coordinates to a tenth of a pixel: a smaller file, the same picture. */
const r = (n: number) => Math.round(n * 10) / 10;

/** The symbol to draw for a figure that is no number. */
function symbolOf(figure: Figure | undefined): string | null {
  if (!figure) return '…';
  return figure.special;
}

function numeric(figure: Figure | undefined): number | null {
  return figure && figure.special === null ? figure.value : null;
}

function maxOf(rows: ChartRow[]): number {
  let max = 0;
  for (const r of rows) for (const f of r.figures) max = Math.max(max, numeric(f) ?? 0);
  return max || 1;
}

function specialsIn(rows: ChartRow[]): string[] {
  const found = new Set<string>();
  for (const r of rows) for (const f of r.figures) {
    const s = symbolOf(f);
    if (s) found.add(s);
  }
  return ['-', '.', 'x', '…'].filter((s) => found.has(s));
}

function open(chart: Chart, height: number): string {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" ${FONT} font-size="${FONT_SIZE}" fill="${INK}">` +
    `<title id="${titleId}">${esc(chart.title)}</title><desc id="${descId}">${esc(chart.desc)}</desc>` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`
  );
}

function legendLines(texts: SvgTexts, rows: ChartRow[], y: number): { svg: string; height: number } {
  const lines = texts.specialLegend(specialsIn(rows));
  const svg = lines.map((l, i) => `<text x="8" y="${r(y + 16 + i * 17)}" fill="${MUTED}">${esc(l)}</text>`).join('');
  return { svg, height: lines.length ? lines.length * 17 + 8 : 0 };
}

/** Horizontal bars: one band per row, one bar per series inside it (bars, compare, age). */
export function barsSvg(chart: Chart, texts: SvgTexts): string {
  const seriesCount = chart.series.length;
  const legendHeight = seriesCount > 1 ? 28 : 0;
  const band = seriesCount > 1 ? 44 : 26;
  const top = 8 + legendHeight;
  const plotHeight = chart.rows.length * band;
  const axisY = top + plotHeight;
  const y = scaleBand<string>()
    .domain(chart.rows.map((r) => r.key))
    .range([top, axisY])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inner = scaleBand<string>().domain(chart.series).range([0, y.bandwidth()]).paddingInner(0.1);
  const x = scaleLinear()
    .domain([0, maxOf(chart.rows)])
    .nice()
    .range([LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  const ticks = x.ticks(4);
  const special = legendLines(texts, chart.rows, axisY + 22);
  const height = axisY + 24 + special.height;

  const defs = chart.series.map((_, i) => patternDef(`${chart.id}-p${i}`, PATTERNS[i % PATTERNS.length]!, PALETTE[i % PALETTE.length]!));
  // The district's bar in a chart of one series: its own pattern (dots).
  if (seriesCount === 1) defs.push(patternDef(`${chart.id}-pd`, 'dots', INK));
  const parts: string[] = [open(chart, height), `<defs>${defs.join('')}</defs>`];

  if (seriesCount > 1) {
    chart.series.forEach((s, i) => {
      const lx = LABEL_WIDTH + i * 110;
      parts.push(
        `<g class="chart__legend"><rect x="${r(lx)}" y="8" width="18" height="14" fill="url(#${chart.id}-p${i})" stroke="${PALETTE[i % PALETTE.length]}"/><text x="${r(lx + 24)}" y="20">${esc(s)}</text></g>`,
      );
    });
  }
  for (const t of ticks) {
    const tx = x(t);
    parts.push(`<line x1="${r(tx)}" x2="${r(tx)}" y1="${r(top)}" y2="${r(axisY)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="${r(tx)}" y="${r(axisY + 16)}" text-anchor="middle" fill="${MUTED}">${esc(chart.format.tick(t))}</text>`);
  }
  for (const row of chart.rows) {
    const by = y(row.key)!;
    const weight = row.district ? ' font-weight="700"' : '';
    parts.push(`<text x="${r(LABEL_WIDTH - 8)}" y="${r(by + y.bandwidth() / 2 + 4)}" text-anchor="end"${weight}>${esc(row.label)}</text>`);
    row.figures.forEach((f, i) => {
      const sy = by + inner(chart.series[i]!)!;
      const h = inner.bandwidth();
      const value = numeric(f);
      const ty = sy + h / 2 + 4;
      if (value === null) {
        parts.push(`<text class="chart__special" x="${r(x(0) + 6)}" y="${r(ty + 1)}" font-size="17" font-weight="700">${esc(symbolOf(f)!)}</text>`);
        return;
      }
      // The district: its own pattern where there is one series; with two, the year's pattern (which
      // tells the years apart) in a heavy dark outline, and the bold label.
      const ownPattern = row.district && seriesCount === 1;
      const fill = ownPattern ? `${chart.id}-pd` : `${chart.id}-p${i}`;
      const stroke = row.district ? INK : PALETTE[i % PALETTE.length];
      const strokeWidth = row.district ? 2 : 1;
      const w = Math.max(0, x(value) - x(0));
      parts.push(`<rect class="chart__bar" x="${r(x(0))}" y="${r(sy)}" width="${r(w)}" height="${r(h)}" fill="url(#${fill})" stroke="${stroke}" stroke-width="${strokeWidth}"/>`);
      parts.push(`<text x="${r(x(value) + 4)}" y="${r(ty)}"${weight}>${esc(chart.format.value(value))}</text>`);
    });
  }
  parts.push(`<line x1="${r(x(0))}" x2="${r(x(0))}" y1="${r(top)}" y2="${r(axisY)}" stroke="${INK}"/>`);
  parts.push(special.svg, '</svg>');
  return parts.join('');
}

/**
 * Development over the years as small multiples: one panel per city (the district first), all on the
 * same y-scale, each with the district's line dashed behind as the reference. Eleven lines in one
 * chart would need eleven colours and cross each other; panels need no colour at all, each line is
 * named by its panel's title, and its latest value stands at its end.
 */
export function linesSvg(chart: Chart, texts: SvgTexts): string {
  const columns = 2;
  const gap = 24;
  const panelWidth = (WIDTH - gap * (columns + 1)) / columns;
  const panelHeight = 130;
  const legendHeight = 30;
  const rows = [...chart.rows.filter((r) => r.district), ...chart.rows.filter((r) => !r.district)];
  const district = rows[0]!;
  const panelRows = Math.ceil(rows.length / columns);
  const gridHeight = legendHeight + panelRows * (panelHeight + gap);
  const special = legendLines(texts, chart.rows, gridHeight);
  const height = gridHeight + special.height + 8;
  const years = chart.series.map(Number);
  const y0 = 28;
  const y1 = panelHeight - 22;
  const yScale = scaleLinear().domain([0, maxOf(chart.rows)]).nice().range([y1, y0]);
  const left = 54;
  const right = 56;
  const xScale = scaleLinear()
    .domain([years[0] ?? 0, years[years.length - 1] ?? 1])
    .range([left, panelWidth - right]);
  type Point = { year: number; value: number | null };
  const path = line<Point>()
    .defined((p) => p.value !== null)
    .x((p) => xScale(p.year))
    .y((p) => yScale(p.value!));
  const pointsOf = (row: ChartRow): Point[] => row.figures.map((f, i) => ({ year: years[i]!, value: numeric(f) }));

  const parts: string[] = [open(chart, height)];
  // Legend: the line styles, drawn as they are in the panels.
  parts.push(
    `<g class="chart__legend"><line x1="${r(gap)}" x2="${r(gap + 30)}" y1="14" y2="14" stroke="${PALETTE[0]}" stroke-width="2.5"/><circle cx="${r(gap + 15)}" cy="14" r="3.5" fill="${PALETTE[0]}"/><text x="${r(gap + 38)}" y="18">${esc(texts.lineLegend.city)}</text>` +
      `<line x1="${r(gap + 230)}" x2="${r(gap + 260)}" y1="14" y2="14" stroke="${MUTED}" stroke-width="2" stroke-dasharray="5 3"/><text x="${r(gap + 268)}" y="18">${esc(texts.lineLegend.district)}</text></g>`,
  );
  const districtPath = path(pointsOf(district)) ?? '';
  rows.forEach((row, index) => {
    const px = gap + (index % columns) * (panelWidth + gap);
    const py = legendHeight + Math.floor(index / columns) * (panelHeight + gap);
    const weight = row.district ? ' font-weight="700"' : '';
    const g: string[] = [`<g class="chart__panel" transform="translate(${px},${py})">`];
    g.push(`<text x="0" y="16"${weight}>${esc(row.label)}</text>`);
    for (const t of yScale.ticks(3)) {
      g.push(`<line x1="${r(left)}" x2="${r(panelWidth - right)}" y1="${r(yScale(t))}" y2="${r(yScale(t))}" stroke="${GRID}"/>`);
      g.push(`<text x="${r(left - 4)}" y="${r(yScale(t) + 4)}" text-anchor="end" font-size="11" fill="${MUTED}">${esc(chart.format.tick(t))}</text>`);
    }
    if (years.length) {
      g.push(`<text x="${r(left)}" y="${r(y1 + 16)}" font-size="11" fill="${MUTED}">${years[0]}</text>`);
      if (years.length > 1) g.push(`<text x="${r(panelWidth - right)}" y="${r(y1 + 16)}" text-anchor="end" font-size="11" fill="${MUTED}">${years[years.length - 1]}</text>`);
    }
    if (!row.district) g.push(`<path d="${districtPath}" fill="none" stroke="${MUTED}" stroke-width="2" stroke-dasharray="5 3"/>`);
    const points = pointsOf(row);
    const colour = row.district ? INK : PALETTE[0];
    g.push(`<path class="chart__line" d="${path(points) ?? ''}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    for (const p of points) if (p.value !== null) g.push(`<circle cx="${r(xScale(p.year))}" cy="${r(yScale(p.value))}" r="2.5" fill="${colour}"/>`);
    // Years without a number: their symbol on the axis.
    row.figures.forEach((f, i) => {
      if (numeric(f) === null) g.push(`<text class="chart__special" x="${r(xScale(years[i]!))}" y="${r(y1 - 4)}" text-anchor="middle" font-size="16" font-weight="700">${esc(symbolOf(f)!)}</text>`);
    });
    const lastIndex = points.map((p) => p.value !== null).lastIndexOf(true);
    if (lastIndex >= 0) {
      const p = points[lastIndex]!;
      g.push(`<text x="${r(xScale(p.year) + 5)}" y="${r(yScale(p.value!) + 4)}" font-size="12"${weight}>${esc(chart.format.value(p.value!))}</text>`);
    }
    g.push('</g>');
    parts.push(g.join(''));
  });
  parts.push(special.svg, '</svg>');
  return parts.join('');
}

/** The SVG of a chart, made once per chart (charts are kept with their figure table: src/statistics/charts/page.ts). */
const drawn = new WeakMap<Chart, string>();
export function chartSvg(chart: Chart, texts: SvgTexts): string {
  let svg = drawn.get(chart);
  if (svg === undefined) {
    svg = chart.kind === 'lines' ? linesSvg(chart, texts) : barsSvg(chart, texts);
    drawn.set(chart, svg);
  }
  return svg;
}

/** The download: the same SVG as a file of its own, with the XML declaration. */
export function standaloneSvg(chart: Chart, texts: SvgTexts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${chartSvg(chart, texts)}\n`;
}
