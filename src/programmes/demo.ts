import type { Kysely } from 'kysely';
import type { Database, ProgrammeApplicant, ProgrammeLevel } from '../db/schema.js';
import { toFlag } from '../db/dialect.js';
import { addDays, today } from '../lib/berlin-time.js';

/**
 * The demo's funding programmes (issue #19): several at each level, with deadlines relative to today
 * (one passed, several coming, some "laufend"), one closed, one overdue for its yearly check. The
 * programmes and funders are real public ones; amounts, rates and deadlines are PLAUSIBLE EXAMPLES for
 * the demo, not the programmes' current terms (the descriptions say so).
 */
interface DemoProgramme {
  name: string;
  funder: string;
  level: ProgrammeLevel;
  description: string;
  min?: number;
  max?: number;
  rate?: number;
  own_share?: string;
  link: string;
  contact?: string;
  status?: 'open' | 'closed';
  rolling?: boolean;
  /** Days from today; negative: passed. */
  deadlines: { in: number; note?: string }[];
  /** Days ago the details were last checked. */
  checked: number;
  fields: string[];
  targets: string[];
  applicants: ProgrammeApplicant[];
}

const EXAMPLE = 'Beispielangaben der Demo: Beträge und Fristen bitte beim Fördergeber prüfen.';

const PROGRAMMES: DemoProgramme[] = [
  { name: 'ESF Plus – Förderprogramme des Bundes', funder: 'Bundesministerium für Arbeit und Soziales / Europäischer Sozialfonds Plus', level: 'eu', description: `Der Europäische Sozialfonds Plus fördert Projekte für Beschäftigung, Bildung und soziale Teilhabe, auch für Menschen mit Einwanderungsgeschichte.\n${EXAMPLE}`, min: 100_000_00, max: 2_000_000_00, rate: 90, own_share: '10 % Eigen- oder Drittmittel', link: 'https://www.esf.de/', contact: 'Felix Fantasie', deadlines: [{ in: 45, note: 'Interessenbekundung' }, { in: 130, note: 'Vollantrag' }], checked: 40, fields: ['Wirtschaft und Arbeit', 'Bildung und Ausbildung'], targets: ['Arbeitsuchende', 'Neuzugewanderte'], applicants: ['associations', 'migrant_organisations', 'cities'] },
  { name: 'AMIF – Asyl-, Migrations- und Integrationsfonds', funder: 'Bundesamt für Migration und Flüchtlinge (BAMF) / Europäische Union', level: 'eu', description: `Der AMIF fördert Projekte zur Integration von Drittstaatsangehörigen, zur Asylverfahrensberatung und zur Rückkehr.\n${EXAMPLE}`, min: 50_000_00, max: 1_500_000_00, rate: 75, own_share: '25 % Eigen- oder Drittmittel', link: 'https://www.bamf.de/DE/Themen/AsylFluechtlingsschutz/AMIF/amif-node.html', contact: 'Felix Fantasie', deadlines: [{ in: -20, note: 'Aufruf 2026 (beendet)' }, { in: 75, note: 'Aufruf 2027' }], checked: 90, fields: ['Sprache', 'Bildung und Ausbildung'], targets: ['Geflüchtete', 'Neuzugewanderte'], applicants: ['associations', 'migrant_organisations'] },
  { name: 'Integration durch Sport', funder: 'Deutscher Olympischer Sportbund / Landessportbund NRW (gefördert vom BAMF)', level: 'bund', description: `Vereine, die Menschen mit Einwanderungsgeschichte für den Sport gewinnen, können als Stützpunktverein gefördert werden.\n${EXAMPLE}`, max: 5_000_00, own_share: 'Kein Eigenanteil nötig', link: 'https://integration.dosb.de/', contact: 'Paula Platzhalter', rolling: true, deadlines: [], checked: 200, fields: ['Sport'], targets: ['Kinder und Jugendliche', 'Frauen'], applicants: ['associations'] },
  { name: 'Bundesprogramm „Demokratie leben!“ – Partnerschaften für Demokratie', funder: 'Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend', level: 'bund', description: `Lokale Partnerschaften für Demokratie fördern Einzelprojekte gegen Rassismus und für Vielfalt.\n${EXAMPLE}`, min: 500_00, max: 10_000_00, rate: 100, link: 'https://www.demokratie-leben.de/', deadlines: [{ in: 21 }], checked: 30, fields: ['Kultur'], targets: ['Kinder und Jugendliche', 'Ehrenamtliche'], applicants: ['associations', 'migrant_organisations', 'schools'] },
  { name: 'KOMM-AN NRW', funder: 'Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes NRW', level: 'land', description: `KOMM-AN NRW fördert über die Kommunalen Integrationszentren Ankommenstreffpunkte, Ehrenamt und Lotsenprojekte.\n${EXAMPLE}`, max: 15_000_00, rate: 90, own_share: '10 %, auch als Eigenleistung (Ehrenamt)', link: 'https://www.kfi.nrw.de/', contact: 'Paula Platzhalter', deadlines: [{ in: 10, note: 'Antrag beim Kommunalen Integrationszentrum' }], checked: 60, fields: ['Sprache', 'Kultur'], targets: ['Geflüchtete', 'Ehrenamtliche'], applicants: ['associations', 'migrant_organisations'] },
  { name: 'Förderung von Migrantenselbstorganisationen (MSO)', funder: 'Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes NRW', level: 'land', description: `Strukturförderung und Projektförderung für Migrantenselbstorganisationen in NRW.\n${EXAMPLE}`, min: 2_000_00, max: 40_000_00, rate: 80, link: 'https://www.kfi.nrw.de/', status: 'closed', deadlines: [{ in: -60 }], checked: 400, fields: ['Bildung und Ausbildung'], targets: ['Familien und Eltern'], applicants: ['migrant_organisations'] },
  { name: 'Kreisförderung Integration', funder: 'Kreis Mettmann', level: 'kreis', description: `Zuschüsse des Kreises für kleine Integrationsprojekte von Vereinen und Initiativen in den zehn Städten.\n${EXAMPLE}`, min: 250_00, max: 3_000_00, rate: 80, own_share: '20 %, Eigenleistung anrechenbar', link: 'https://www.kreis-mettmann.de/', contact: 'Paula Platzhalter', deadlines: [{ in: 30, note: 'Frühjahrsrunde' }, { in: 210, note: 'Herbstrunde' }], checked: 120, fields: ['Sprache', 'Kultur', 'Sport'], targets: ['Kinder und Jugendliche', 'Familien und Eltern'], applicants: ['associations', 'migrant_organisations', 'schools'] },
  { name: 'Integrationsfonds des Kreises – Sprachpatenschaften', funder: 'Kreis Mettmann', level: 'kreis', description: `Sachkosten für ehrenamtliche Sprachpatenschaften.\n${EXAMPLE}`, max: 1_000_00, link: 'https://www.kreis-mettmann.de/', rolling: true, deadlines: [], checked: 20, fields: ['Sprache'], targets: ['Neuzugewanderte', 'Ehrenamtliche'], applicants: ['associations', 'others'] },
  { name: 'Stiftung Wohlfahrtspflege NRW – Projektförderung', funder: 'Stiftung Wohlfahrtspflege NRW', level: 'stiftung', description: `Die Stiftung fördert Projekte für Menschen in besonderen Lebenslagen, darunter Geflüchtete und Neuzugewanderte.\n${EXAMPLE}`, min: 20_000_00, max: 500_000_00, rate: 80, own_share: 'In der Regel 20 % Eigenmittel', link: 'https://www.sw-nrw.de/', rolling: true, deadlines: [], checked: 100, fields: ['Gesundheit', 'Wohnen'], targets: ['Geflüchtete', 'Menschen mit Behinderung'], applicants: ['associations'] },
  { name: 'Deutsche Stiftung für Engagement und Ehrenamt – Mikroförderung', funder: 'Deutsche Stiftung für Engagement und Ehrenamt', level: 'stiftung', description: `Kleine Zuschüsse für ehrenamtliche Initiativen in ländlichen und strukturschwachen Räumen.\n${EXAMPLE}`, max: 2_500_00, link: 'https://www.deutsche-stiftung-engagement-und-ehrenamt.de/', deadlines: [{ in: 5 }], checked: 15, fields: ['Kultur'], targets: ['Ehrenamtliche'], applicants: ['associations', 'migrant_organisations', 'others'] },
];

export async function seedProgrammesDemo(trx: Kysely<Database>, now: Date): Promise<void> {
  const day = today(now);
  const at = now.toISOString();
  const [fields, targets, contacts] = await Promise.all([
    trx.selectFrom('fields_of_action').select(['id', 'name']).execute(),
    trx.selectFrom('target_groups').select(['id', 'name']).execute(),
    trx.selectFrom('contact_persons').select(['id', 'name']).execute(),
  ]);
  const idsOf = (rows: { id: number; name: string }[], names: string[]) => rows.filter((r) => names.includes(r.name)).map((r) => r.id);
  for (const p of PROGRAMMES) {
    const row = await trx
      .insertInto('programmes')
      .values({
        name: p.name,
        funder: p.funder,
        level: p.level,
        description: p.description,
        amount_min_cents: p.min ?? null,
        amount_max_cents: p.max ?? null,
        rate_percent: p.rate ?? null,
        own_share: p.own_share ?? null,
        link: p.link,
        office_contact_id: contacts.find((c) => c.name === p.contact)?.id ?? null,
        contact_text: null,
        status: p.status ?? 'open',
        rolling: toFlag(Boolean(p.rolling)),
        last_checked: addDays(day, -p.checked),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fieldIds = idsOf(fields, p.fields);
    const targetIds = idsOf(targets, p.targets);
    if (fieldIds.length) await trx.insertInto('programme_fields').values(fieldIds.map((field_id) => ({ programme_id: row.id, field_id }))).execute();
    if (targetIds.length) await trx.insertInto('programme_target_groups').values(targetIds.map((target_group_id) => ({ programme_id: row.id, target_group_id }))).execute();
    await trx.insertInto('programme_applicants').values(p.applicants.map((applicant) => ({ programme_id: row.id, applicant }))).execute();
    if (p.deadlines.length) await trx.insertInto('programme_deadlines').values(p.deadlines.map((d) => ({ programme_id: row.id, due_on: addDays(day, d.in), note: d.note ?? null }))).execute();
  }
}
