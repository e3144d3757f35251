import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../src/i18n/index.js';
import { chartCsv } from '../src/statistics/charts/csv.js';
import { ageChart, barsChart, compareChart, linesChart, type Chart } from '../src/statistics/charts/model.js';
import { svgTexts } from '../src/statistics/charts/page.js';
import { chartSvg, standaloneSvg } from '../src/statistics/charts/svg.js';
import { figureTable, type FigureTable } from '../src/statistics/figures.js';
import { createHarness, type TestHarness } from './helpers/app.js';
import { seedFigures } from './helpers/statistics.js';

// The charts of /statistics (issue #18): markup (role, title, desc, a table equal to the data), no
// colour-only encoding, special values as symbols, derived shares and the district's value, and the
// downloads (well-formed standalone SVG, CSV equal to the data).

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
let h: TestHarness;
let table: FigureTable;
let cities: { id: number; slug: string; name: string }[];
const t = translator('de');
const ctx = () => ({ table, t, lang: 'de' as const });

beforeAll(async () => {
  h = await createHarness();
  ({ cities } = await seedFigures(h.db, YEARS, [
    { indicator: 'population_foreign', slug: 'haan', year: 2024, special: '.' },
    { indicator: 'foreign_age_65_plus', slug: 'hilden', year: 2024, special: 'x' },
  ]));
  table = await figureTable(h.db);
});
afterAll(() => h.close());

/** Checks that a text is well-formed XML: every tag closed in order, entities only the five of XML or numeric. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name) => stack.push(name),
      onclosetag: (name) => {
        if (stack.pop() !== name) problems.push(`</${name}> out of order`);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  // Self-closing tags are closed as they are read; what is still open now was never closed.
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  parser.end();
  for (const m of text.matchAll(/&([^;\s]{0,10});?/g)) if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(m[0])) problems.push(`bad entity ${m[0]}`);
  return problems;
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

function expectAccessibleSvg(chart: Chart, svg: string) {
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('role="img"');
  expect(svg).toContain(`aria-labelledby="${chart.id}-title ${chart.id}-desc"`);
  expect(svg).toContain(`<title id="${chart.id}-title">`);
  expect(svg).toContain(`<desc id="${chart.id}-desc">`);
  expect(svg).not.toMatch(/<script|<style|style=|on[a-z]+=/i);
  expect(xmlProblems(svg)).toEqual([]);
}

describe('the bars of one year', () => {
  it('shows the ten cities and the district with derived shares, the district from the sums', () => {
    const chart = barsChart(ctx(), table.indicators.find((i) => i.key === 'share_foreign')!, 2024);
    expect(chart.rows).toHaveLength(11);
    const erkrath = chart.rows.find((r) => r.key === 'erkrath')!;
    // Erkrath (index 0) in 2024 (year index 5): 2,250 foreign of 20,500 people.
    expect(erkrath.figures[0]).toEqual({ value: (2250 / 20500) * 100, special: null });
    // Haan's foreign population is secret: its share too, and so the district's.
    expect(chart.rows.find((r) => r.key === 'haan')!.figures[0]).toEqual({ value: null, special: '.' });
    expect(chart.rows.at(-1)).toMatchObject({ key: 'district', district: true, figures: [{ value: null, special: '.' }] });
    const svg = chartSvg(chart, svgTexts(t));
    expectAccessibleSvg(chart, svg);
    expect(svg).toContain('11,0\u00a0%');
    // Nine bars: the secret city and the district are symbols, never a bar of 0.
    expect(count(svg, /class="chart__bar"/g)).toBe(9);
    expect(count(svg, /class="chart__special"[^>]*>\.</g)).toBe(2);
    expect(svg).toContain('. = Zahlenwert unbekannt oder geheim zu halten');
    expect(chart.desc).toContain('Am höchsten: Erkrath (11,0\u00a0%)');
    expect(chart.desc).toContain('Kreis insgesamt: . (Zahlenwert unbekannt oder geheim zu halten).');
  });

  it('gives the district its own pattern and a value label to every bar', () => {
    const chart = barsChart(ctx(), table.indicators.find((i) => i.key === 'population_total')!, 2023);
    const svg = chartSvg(chart, svgTexts(t));
    const district = chart.rows.at(-1)!.figures[0]!;
    expect(district.value).toBe(cities.reduce((sum, _, i) => sum + 20000 + 5000 * i + 400, 0));
    expect(svg).toContain(`fill="url(#${chart.id}-pd)"`);
    // Every bar has its number written next to it.
    for (const row of chart.rows) expect(svg).toContain(`>${chart.format.value(row.figures[0]!.value!)}</text>`);
    expect(count(svg, /class="chart__bar"/g)).toBe(11);
  });
});

describe('two reference dates side by side', () => {
  it('draws each year with its own pattern, named in a legend, and labels every bar', () => {
    const chart = compareChart(ctx(), table.indicators.find((i) => i.key === 'population_foreign')!, 2019, 2023);
    const svg = chartSvg(chart, svgTexts(t));
    expectAccessibleSvg(chart, svg);
    expect(svg).toMatch(new RegExp(`<pattern id="${chart.id}-p0"[^>]*><rect width="8" height="8" fill="#0072B2"/>`));
    expect(svg).toMatch(new RegExp(`<pattern id="${chart.id}-p1"[^>]*><rect[^>]*/><path`));
    expect(svg).toMatch(/<g class="chart__legend">.*>2019<\/text>/);
    expect(svg).toMatch(/<g class="chart__legend">.*>2023<\/text>/);
    expect(count(svg, /class="chart__bar"/g)).toBe(22);
    // The district's two bars keep their years' patterns (bold outline), so the years stay apart.
    const districtBars = [...svg.matchAll(/<rect class="chart__bar"[^>]*stroke-width="2"\/>/g)].map((m) => m[0]);
    expect(districtBars).toHaveLength(2);
    expect(districtBars[0]).toContain(`url(#${chart.id}-p0)`);
    expect(districtBars[1]).toContain(`url(#${chart.id}-p1)`);
    expect(chart.desc).toContain('Kreis insgesamt 2019:');
  });
});

describe('the development over the years', () => {
  it('draws a panel per place with its line (d3-shape) and the latest value at its end', () => {
    const chart = linesChart(ctx(), table.indicators.find((i) => i.key === 'population_foreign')!, table.years);
    const svg = chartSvg(chart, svgTexts(t));
    expectAccessibleSvg(chart, svg);
    expect(count(svg, /class="chart__panel"/g)).toBe(11);
    // Every place has a line; Haan's and the district's end in 2023 (2024 is ".").
    expect(count(svg, /class="chart__line" d="M/g)).toBe(11);
    // Haan's 2024 is drawn as its symbol on the axis; its line ends in 2023.
    expect(svg).toMatch(/class="chart__special"[^>]*>\.</);
    // The district's reference line is dashed in every city panel; the legend shows both styles.
    expect(count(svg, /stroke-dasharray="5 3"/g)).toBe(11);
    expect(chart.series).toEqual(YEARS.map(String));
  });
});

describe('the age structure of a city', () => {
  it('has a bar per age group, the "x" group as a symbol', () => {
    const hilden = table.cities.find((c) => c.slug === 'hilden')!;
    const chart = ageChart(ctx(), hilden, 2024);
    expect(chart.rows.map((r) => r.label)).toEqual(['0–5', '6–17', '18–24', '25–44', '45–64', '65+']);
    const svg = chartSvg(chart, svgTexts(t));
    expectAccessibleSvg(chart, svg);
    expect(count(svg, /class="chart__bar"/g)).toBe(5);
    expect(svg).toMatch(/class="chart__special"[^>]*>x</);
    expect(chart.desc).toContain('Größte Altersgruppe: 45–64 Jahre');
  });
});

describe('numbers per locale', () => {
  it('formats a share the German and the English way', () => {
    const indicator = table.indicators.find((i) => i.key === 'share_foreign')!;
    expect(barsChart(ctx(), indicator, 2023).format.value(12.345)).toBe('12,3\u00a0%');
    expect(barsChart({ table, t: translator('en'), lang: 'en' }, indicator, 2023).format.value(12.345)).toBe('12.3%');
    expect(barsChart(ctx(), table.indicators.find((i) => i.key === 'population_total')!, 2023).format.value(1234567)).toBe('1.234.567');
  });
});

describe('the downloads', () => {
  it('serves the chart as a standalone, well-formed SVG with xmlns, title and desc', async () => {
    const res = await h.app.request('/statistics/share_foreign/bars/chart.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const text = await res.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(xmlProblems(text.replace(/^<\?xml[^>]*\?>/, ''))).toEqual([]);
    expect(text).toContain('<title id="bars-share_foreign-title">Anteil der ausländischen Bevölkerung 2024: Städte und Kreis</title>');
    expect(text).toContain('<desc');
    const chart = barsChart(ctx(), table.indicators.find((i) => i.key === 'share_foreign')!, 2024);
    expect(text).toBe(standaloneSvg(chart, svgTexts(t)));
  });

  it('serves the data as CSV (semicolons, BOM) equal to the chart, special values as symbols', async () => {
    const res = await h.app.request('/statistics/population_foreign/compare/data.csv?from=2020&to=2024');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Stadt;2020 (Personen);2024 (Personen)');
    expect(lines).toHaveLength(12);
    expect(lines[1]).toBe('Erkrath;2050;2250');
    expect(lines).toContain('Haan;2350;.');
    expect(lines.at(-1)).toBe('Kreis insgesamt;' + cities.reduce((s, _, i) => s + 2000 + 300 * i + 50, 0) + ';.');
    const chart = compareChart(ctx(), table.indicators.find((i) => i.key === 'population_foreign')!, 2020, 2024);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(chartCsv(chart));
  });

  it('keeps "-" as it is in the CSV and writes shares with German decimals', async () => {
    await h.db
      .updateTable('statistic_values')
      .set({ value: null, special: '-' })
      .where('city_id', '=', cities[9]!.id)
      .where('year', '=', 2019)
      .where('indicator_id', '=', (await h.db.selectFrom('statistic_indicators').select('id').where('key', '=', 'foreign_age_0_5').executeTakeFirstOrThrow()).id)
      .execute();
    const res = await h.app.request(`/statistics/foreign_age_0_5/lines/data.csv`);
    const text = await res.text();
    expect(text).toMatch(/\r\nWülfrath;-;/);
    const shares = await (await h.app.request('/statistics/share_foreign/bars/data.csv')).text();
    expect(shares).toContain('Erkrath;10,98\r\n');
  });
});
