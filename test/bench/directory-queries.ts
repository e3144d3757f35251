import { random } from './common.js';

/**
 * What people type into the directory search, for the benchmark: 64 different queries (whole words,
 * parts of compounds, plurals, umlaut spellings, typos, postcodes and places, two words, two letters),
 * each drawn at random and half of them with a random combination of filters, so that no answer cache
 * could carry the load: the same path rarely comes twice.
 */
export const BENCH_QUERIES = [
  'verein', 'Verein', 'kurs', 'Kurse', 'Kursen', 'sprachkurs', 'Sprachkurse', 'Deutschkurs', 'Integrationskurs', 'Integrationskurse',
  'Integratoinskurs', 'Berufssprachkurs', 'beratung', 'Migrationsberatung', 'Beratungen', 'familie', 'Familien', 'jugend', 'Jugendliche',
  'frauen', 'Frau', 'arbeit', 'wohnen', 'gesundheit', 'kultur', 'Kulturverein', 'sport', 'Sportverein', 'schule', 'eltern', 'Elterncafe',
  'integration', 'hilfe', 'Hausaufgabenhilfe', 'Nachhilfe', 'treff', 'cafe', 'musik', 'tanz', 'garten', 'kochen', 'lernen', 'bildung',
  'senioren', 'kinder', 'begegnung', 'Syrischer', 'ukrainisch', 'Dusseldorf', 'Duesseldorf', 'Düsseldorf', 'Hilden', 'Mettmann',
  '40721', '407', '4120', 'Schwimmkurs', 'Naehkurs', 'Flüchtlinge', 'Kita', 'migraton', 'beratung hilden', 'kurs frauen', 'tü',
] as const;

const LANGS = ['de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fa'];
const KINDS = ['migrant_organisation', 'welfare_association', 'counselling_service', 'association', 'education'];

/** A function giving random directory paths (with q, and sometimes city, field, language, kind). */
export function randomDirectoryPaths(seed: number): () => string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  return () => {
    const params = new URLSearchParams({ q: pick(BENCH_QUERIES) });
    if (rnd() < 0.5) {
      if (rnd() < 0.6) params.set('city', String(1 + Math.floor(rnd() * 11)));
      if (rnd() < 0.4) params.set('field', String(1 + Math.floor(rnd() * 7)));
      if (rnd() < 0.4) params.set('language', pick(LANGS));
      if (rnd() < 0.3) params.set('kind', pick(KINDS));
    }
    return `/directory?${params}`;
  };
}
