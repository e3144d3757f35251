import type { Kysely } from 'kysely';
import type { Database, ProjectDeadlineKind, ProjectStatus } from '../db/schema.js';
import { addDays, today } from '../lib/berlin-time.js';
import { checkUpload } from '../meetings/documents.js';
import { normalizeEmail } from '../http/schemas.js';
import { FONT_BOLD, FONT_REGULAR, pdfBuffer } from '../pdf/document.js';

/**
 * The demo's projects (issue #19): the five projects of the office, with programmes from the
 * programmes demo where one fits, partners from the demo directory, cities, fields of action, a
 * responsible member of the staff, and deadlines relative to today: some passed and done, one overdue,
 * some coming (one within the reminder period). The Türkischer Elternverein Velbert is a partner of
 * MoKMe, so its demo login (mehmet.yilmaz@…) shows the partner's view. Periods, reference numbers and
 * deadlines are PLAUSIBLE EXAMPLES, not the real projects' terms. The accounts are seeded with them
 * (src/projects/accounts/).
 */
interface DemoProject {
  short: string;
  name: string;
  description: string;
  reference: string;
  /** Days from today. */
  starts: number;
  ends: number;
  status: ProjectStatus;
  responsible: string;
  programmes: string[];
  partners: string[];
  cities: string[];
  fields: string[];
  deadlines: { kind: ProjectDeadlineKind; title: string; in: number; done?: boolean }[];
  document?: { title: string; text: string };
}

const EXAMPLE = 'Beispielangaben der Demo.';
const STAFF = 'geschaeftsstelle@demo.arbeitskreis-hub.de';
const DEPUTY = 'ayse.demir@demo.arbeitskreis-hub.de';

const PROJECTS: DemoProject[] = [
  {
    short: 'KOMM-IN',
    name: 'KOMM-IN NRW – Innovation in der kommunalen Integrationsarbeit',
    description: `Landesgefördertes Projekt zur Weiterentwicklung der Integrationsarbeit in den Städten des Kreises: gemeinsame Standards für die Erstberatung und ein kreisweites Übergangsmanagement.\n${EXAMPLE}`,
    reference: 'KOMM-IN 2026/ME-014',
    starts: -300,
    ends: 430,
    status: 'running',
    responsible: STAFF,
    programmes: [],
    partners: ['Kommunales Integrationszentrum Kreis Mettmann', 'Stadt Hilden', 'Stadt Velbert'],
    cities: ['Hilden', 'Velbert', 'kreisweit'],
    fields: ['Sprache', 'Wohnen'],
    deadlines: [
      { kind: 'milestone', title: 'Auftaktveranstaltung mit den Städten', in: -240, done: true },
      { kind: 'interim_report', title: 'Zwischenbericht an die Bezirksregierung', in: -60, done: true },
      { kind: 'milestone', title: 'Standards der Erstberatung abgestimmt', in: 45 },
      { kind: 'final_report', title: 'Verwendungsnachweis KOMM-IN', in: 610 },
    ],
    document: { title: 'Zuwendungsbescheid KOMM-IN NRW', text: 'Bescheid über die Bewilligung einer Zuwendung aus Landesmitteln (Beispiel der Demo).' },
  },
  {
    short: 'MoKMe',
    name: 'Migrantenorganisationen als Bündnispartner',
    description: `Migrantenorganisationen im Kreis werden als Partner der kommunalen Integrationsarbeit gestärkt: Beratung zu Vereinsarbeit und Förderanträgen, Qualifizierung von Ehrenamtlichen, gemeinsame Veranstaltungen.\n${EXAMPLE}`,
    reference: 'MSO-NRW 2025-117',
    starts: -400,
    ends: 330,
    status: 'running',
    responsible: DEPUTY,
    programmes: ['Förderung von Migrantenselbstorganisationen (MSO)'],
    partners: ['Türkischer Elternverein Velbert e. V.', 'Afghanischer Kulturverein Hilden e. V.', 'Marokkanischer Frauenverein Langenfeld e. V.'],
    cities: ['Velbert', 'Hilden', 'Langenfeld'],
    fields: ['Bildung und Ausbildung', 'Kultur'],
    deadlines: [
      { kind: 'interim_report', title: 'Zwischenbericht 1. Projektjahr', in: -35, done: true },
      { kind: 'interim_report', title: 'Zwischenbericht 2. Projektjahr', in: 10 },
      { kind: 'final_report', title: 'Verwendungsnachweis MoKMe', in: 510 },
    ],
    document: { title: 'Zuwendungsbescheid MoKMe', text: 'Bescheid über die Förderung des Projekts „Migrantenorganisationen als Bündnispartner“ (Beispiel der Demo).' },
  },
  {
    short: 'MiA',
    name: 'MiA – Migrantinnen und Migranten in Ausbildung am Berufskolleg',
    description: `Begleitung junger Zugewanderter am Berufskolleg: Sprachförderung im Fachunterricht, Praktikumsvermittlung mit dem Jobcenter und Elternabende in mehreren Sprachen.\n${EXAMPLE}`,
    reference: 'ESF-Plus 2026-0452',
    starts: -150,
    ends: 580,
    status: 'running',
    responsible: STAFF,
    programmes: ['ESF Plus – Förderprogramme des Bundes'],
    partners: ['Jobcenter ME-aktiv', 'VHS Ratingen'],
    cities: ['Ratingen', 'Velbert'],
    fields: ['Bildung und Ausbildung', 'Wirtschaft und Arbeit'],
    deadlines: [
      { kind: 'milestone', title: 'Kooperationsvertrag mit dem Berufskolleg unterschrieben', in: -120, done: true },
      // Overdue: the work queue shows it.
      { kind: 'milestone', title: 'Mittelabruf für das zweite Halbjahr', in: -6 },
      { kind: 'interim_report', title: 'Sachbericht zum Schuljahr', in: 120 },
    ],
  },
  {
    short: 'MiMi',
    name: 'MiMi – Mit Migranten für Migranten',
    description: `Interkulturelle Gesundheitsmediatorinnen und -mediatoren informieren in ihrer Sprache über Vorsorge, Impfungen und das Gesundheitssystem.\n${EXAMPLE}`,
    reference: 'SW-NRW 2024-3310',
    starts: -700,
    ends: -20,
    status: 'finished',
    responsible: DEPUTY,
    programmes: ['Stiftung Wohlfahrtspflege NRW – Projektförderung'],
    partners: ['Caritasverband für den Kreis Mettmann e. V.', 'Griechische Gemeinde Mettmann e. V.', 'African Community Kreis Mettmann e. V.'],
    cities: ['Mettmann', 'kreisweit'],
    fields: ['Gesundheit'],
    deadlines: [
      { kind: 'interim_report', title: 'Zwischenbericht', in: -330, done: true },
      { kind: 'final_report', title: 'Verwendungsnachweis MiMi', in: 70 },
    ],
  },
  {
    short: 'IdS',
    name: 'Integration durch Sport',
    description: `Stützpunktvereine im Kreis öffnen ihre Angebote für Geflüchtete und Neuzugewanderte; Übungsleiterinnen und Übungsleiter werden interkulturell geschult.\n${EXAMPLE}`,
    reference: 'IdS-KSB-ME 2026',
    starts: -90,
    ends: 275,
    status: 'running',
    responsible: STAFF,
    programmes: ['Integration durch Sport'],
    partners: ['Kreissportbund Mettmann e. V.'],
    cities: ['kreisweit'],
    fields: ['Sport'],
    deadlines: [
      { kind: 'milestone', title: 'Schulung der Übungsleitungen', in: 25 },
      { kind: 'final_report', title: 'Verwendungsnachweis IdS', in: 335 },
    ],
  },
];

export async function seedProjectsDemo(trx: Kysely<Database>, now: Date): Promise<void> {
  const day = today(now);
  const at = now.toISOString();
  const [programmes, organisations, cities, fields, users] = await Promise.all([
    trx.selectFrom('programmes').select(['id', 'name']).execute(),
    trx.selectFrom('organisations').select(['id', 'name']).where('status', '=', 'published').execute(),
    trx.selectFrom('cities').select(['id', 'name']).execute(),
    trx.selectFrom('fields_of_action').select(['id', 'name']).execute(),
    trx.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id', 'persons.email_normalized']).execute(),
  ]);
  const idsOf = (rows: { id: number; name: string }[], names: string[]) => rows.filter((r) => names.includes(r.name)).map((r) => r.id);
  const userOf = (email: string) => users.find((u) => u.email_normalized === normalizeEmail(email))?.id ?? null;
  for (const p of PROJECTS) {
    const responsible = userOf(p.responsible);
    const row = await trx
      .insertInto('projects')
      .values({
        name: p.name,
        short_name: p.short,
        description: p.description,
        reference_no: p.reference,
        starts_on: addDays(day, p.starts),
        ends_on: addDays(day, p.ends),
        status: p.status,
        responsible_user_id: responsible,
        archived_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = async (table: 'project_programmes' | 'project_partners' | 'project_cities' | 'project_fields', column: string, ids: number[]) => {
      if (ids.length) await trx.insertInto(table).values(ids.map((id) => ({ project_id: row.id, [column]: id }) as never)).execute();
    };
    await link('project_programmes', 'programme_id', idsOf(programmes, p.programmes));
    await link('project_partners', 'organisation_id', idsOf(organisations, p.partners));
    // Cities by the short names the demo uses ("Langenfeld" is "Langenfeld (Rhld.)", "kreisweit" the district).
    const city = (n: string) => cities.filter((c) => c.name === n || c.name.startsWith(`${n} (`) || (n === 'kreisweit' && c.name.includes('kreisweit')));
    await link('project_cities', 'city_id', p.cities.flatMap((n) => city(n).map((c) => c.id)));
    await link('project_fields', 'field_id', idsOf(fields, p.fields));
    await trx
      .insertInto('project_deadlines')
      .values(p.deadlines.map((d) => ({ project_id: row.id, kind: d.kind, title: d.title, due_on: addDays(day, d.in), done_at: d.done ? `${addDays(day, d.in)}T09:00:00.000Z` : null, updated_at: at })))
      .execute();
    if (p.document) {
      const doc = p.document;
      const bytes = await pdfBuffer(doc.title, (pdf, root) => {
        root.add(pdf.struct('H1', {}, () => pdf.font(FONT_BOLD).fontSize(16).text(doc.title)));
        root.add(pdf.struct('P', {}, () => pdf.font(FONT_REGULAR).fontSize(11).text(doc.text)));
      });
      // The same content check as every upload (src/meetings/documents.ts).
      const checked = await checkUpload({ name: `${doc.title}.pdf`, bytes });
      if (checked.ok) {
        await trx
          .insertInto('project_files')
          .values({ project_id: row.id, kind: 'grant_notice', name: checked.name, content_type: checked.mime, size: checked.data.byteLength, sha256: checked.sha256, data: checked.data, uploaded_by_user_id: responsible, created_at: at })
          .execute();
      }
    }
  }
}
