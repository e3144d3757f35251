import type { Kysely } from 'kysely';
import type { BudgetCategory, Database, Day } from '../../db/schema.js';
import { today } from '../../lib/berlin-time.js';

/**
 * The demo's project accounts (issue #19): four of the seed's five projects (found by their short
 * names; src/demo/ seeds the projects) get budget lines, expenses and tranches, dated back from `now`,
 * so the accounts page, the CSV and the PDF show something real. One line, MoKMe's room hire, is over
 * plan. A project that already has budget lines is left as it is, so seeding twice changes nothing.
 */

type Plan = {
  short: string;
  lines: { category: BudgetCategory; name: string; planned: number; expenses: [daysAgo: number, cents: number, payee: string, receipt: string][] }[];
  tranches: [daysAgo: number, cents: number, note: string][];
};

const PLANS: Plan[] = [
  {
    short: 'KOMM-IN',
    lines: [
      {
        category: 'staff',
        name: 'Projektkoordination (0,5 Stelle)',
        planned: 2_850_000,
        expenses: [
          [240, 237_500, 'Personalkosten Januar', 'P-01'],
          [210, 237_500, 'Personalkosten Februar', 'P-02'],
          [180, 237_500, 'Personalkosten März', 'P-03'],
          [150, 237_500, 'Personalkosten April', 'P-04'],
        ],
      },
      {
        category: 'fees',
        name: 'Sprachmittlung bei Beratungen',
        planned: 600_000,
        expenses: [
          [200, 45_000, 'Sprachmittlerpool Kreis Mettmann', 'H-17'],
          [95, 38_250, 'Sprachmittlerpool Kreis Mettmann', 'H-31'],
        ],
      },
      { category: 'material', name: 'Öffentlichkeitsarbeit und Flyer', planned: 240_000, expenses: [[120, 78_912, 'Druckerei Rheinland GmbH', 'S-2026-044']] },
      { category: 'travel', name: 'Fahrten zu den Städten', planned: 80_000, expenses: [[60, 4_230, 'VRR Ticket', 'R-5']] },
    ],
    tranches: [
      [250, 1_500_000, '1. Mittelabruf'],
      [130, 1_200_000, '2. Mittelabruf'],
    ],
  },
  {
    short: 'MoKMe',
    lines: [
      {
        category: 'fees',
        name: 'Workshops mit Migrantenorganisationen',
        planned: 450_000,
        expenses: [
          [170, 90_000, 'Referentin Organisationsentwicklung', 'H-04'],
          [80, 90_000, 'Referentin Organisationsentwicklung', 'H-09'],
        ],
      },
      {
        // Over plan: the room hire rose in the autumn.
        category: 'material',
        name: 'Raummiete Netzwerktreffen',
        planned: 120_000,
        expenses: [
          [160, 44_000, 'Bürgerhaus Hilden', 'M-11'],
          [100, 44_000, 'Bürgerhaus Hilden', 'M-15'],
          [30, 44_000, 'Stadthalle Ratingen', 'M-22'],
        ],
      },
      { category: 'travel', name: 'Reisekosten Referentinnen', planned: 35_000, expenses: [[80, 11_870, 'DB Fernverkehr', 'R-08']] },
    ],
    tranches: [[175, 400_000, 'Vorschuss']],
  },
  {
    short: 'MiA',
    lines: [
      {
        category: 'staff',
        name: 'Lernbegleitung am Berufskolleg',
        planned: 1_200_000,
        expenses: [
          [90, 98_000, 'Honorarkraft Lernbegleitung', 'L-01'],
          [60, 98_000, 'Honorarkraft Lernbegleitung', 'L-02'],
          [30, 98_000, 'Honorarkraft Lernbegleitung', 'L-03'],
        ],
      },
      { category: 'material', name: 'Lernmaterial', planned: 150_000, expenses: [[75, 31_499, 'Fachbuchhandlung Velbert', 'B-330']] },
    ],
    tranches: [[100, 600_000, '1. Rate']],
  },
  {
    short: 'MiMi',
    lines: [
      { category: 'fees', name: 'Gesundheitsmediatorinnen und -mediatoren', planned: 720_000, expenses: [[140, 120_000, 'Ethno-Medizinisches Zentrum e. V.', 'EMZ-12']] },
      { category: 'material', name: 'Übersetzung der Broschüren', planned: 200_000, expenses: [[110, 67_830, 'Übersetzungsbüro Lingua', 'Ü-77']] },
      { category: 'other', name: 'Verpflegung Infoveranstaltungen', planned: 60_000, expenses: [[45, 8_950, 'Café Miteinander', 'V-3']] },
    ],
    tranches: [[150, 500_000, 'Zuwendung 1. Halbjahr']],
  },
];

const daysBefore = (day: Day, days: number): Day => new Date(Date.parse(`${day}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export async function seedAccountsDemo(db: Kysely<Database>, now: Date): Promise<void> {
  const at = now.toISOString();
  const day = today(now);
  const staff = await db.selectFrom('users').select('id').where('role', 'in', ['secretariat', 'admin']).where('active', '=', 1).orderBy('id').executeTakeFirst();
  for (const plan of PLANS) {
    const project = await db.selectFrom('projects').select('id').where('short_name', '=', plan.short).executeTakeFirst();
    if (!project) continue;
    const existing = await db.selectFrom('project_budget_lines').select('id').where('project_id', '=', project.id).limit(1).executeTakeFirst();
    if (existing) continue;
    await db.transaction().execute(async (trx) => {
      for (const [i, line] of plan.lines.entries()) {
        const row = await trx.insertInto('project_budget_lines').values({ project_id: project.id, category: line.category, name: line.name, planned_cents: line.planned, position: i + 1 }).returning('id').executeTakeFirstOrThrow();
        for (const [ago, cents, payee, receipt] of line.expenses) {
          await trx
            .insertInto('project_expenses')
            .values({ project_id: project.id, budget_line_id: row.id, spent_on: daysBefore(day, ago), amount_cents: cents, payee, receipt_no: receipt, receipt_file_id: null, note: null, created_by_user_id: staff?.id ?? null, created_at: at })
            .execute();
        }
      }
      for (const [ago, cents, note] of plan.tranches) {
        await trx.insertInto('project_tranches').values({ project_id: project.id, received_on: daysBefore(day, ago), amount_cents: cents, note, created_by_user_id: staff?.id ?? null, created_at: at }).execute();
      }
    });
  }
}
