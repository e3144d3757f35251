import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes, flagDefault } from '../src/db/dialect.js';

// The ten city pages and the editable city list (issue #17): every city gets an address (slug), its
// official municipality key (AGS, 8 digits), the body that represents migrants in its council
// (Integrationsrat, Integrationsausschuss, or none), a retired flag (a city is never deleted: records
// keep pointing at it or move to a replacement), and the council data the staff keep (last and next
// election, chair, contact, link to the council information system).
//
// Values of the Kreis Mettmann from the shared seed file cities.csv, copied here so that the project
// never reads outside itself at run time. Rows of another district get a slug from their name and no AGS.
const known: Record<string, { slug: string; ags: string; council_body: string | null }> = {
  Erkrath: { slug: 'erkrath', ags: '05158004', council_body: 'integrationsrat' },
  Haan: { slug: 'haan', ags: '05158008', council_body: null },
  Heiligenhaus: { slug: 'heiligenhaus', ags: '05158012', council_body: null },
  Hilden: { slug: 'hilden', ags: '05158016', council_body: 'integrationsrat' },
  'Langenfeld (Rhld.)': { slug: 'langenfeld-rhld', ags: '05158020', council_body: 'integrationsrat' },
  Mettmann: { slug: 'mettmann', ags: '05158024', council_body: 'integrationsrat' },
  'Monheim am Rhein': { slug: 'monheim-am-rhein', ags: '05158026', council_body: 'integrationsausschuss' },
  Ratingen: { slug: 'ratingen', ags: '05158028', council_body: 'integrationsrat' },
  Velbert: { slug: 'velbert', ags: '05158032', council_body: 'integrationsrat' },
  Wülfrath: { slug: 'wuelfrath', ags: '05158036', council_body: null },
  'Kreis Mettmann (kreisweit)': { slug: 'kreis-mettmann', ags: '05158000', council_body: null },
};

function slugOf(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || 'stadt';
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('cities').addColumn('slug', 'varchar(80)').execute();
  await db.schema.alterTable('cities').addColumn('ags', 'varchar(8)').execute();
  await db.schema.alterTable('cities').addColumn('council_body', 'varchar(30)', (c) => c.check(sql`council_body in ('integrationsrat', 'integrationsausschuss')`)).execute();
  await db.schema.alterTable('cities').addColumn('retired', t.flag, (c) => c.notNull().defaultTo(flagDefault(db, false))).execute();
  await db.schema.alterTable('cities').addColumn('council_last_election', t.day).execute();
  await db.schema.alterTable('cities').addColumn('council_next_election', t.day).execute();
  await db.schema.alterTable('cities').addColumn('council_chair', 'varchar(200)').execute();
  await db.schema.alterTable('cities').addColumn('council_contact', 'varchar(500)').execute();
  await db.schema.alterTable('cities').addColumn('council_url', 'varchar(500)').execute();

  const rows: { id: number; name: string }[] = await db.selectFrom('cities').select(['id', 'name']).orderBy('id').execute();
  const taken = new Set<string>();
  for (const row of rows) {
    const k = known[row.name];
    let slug = k?.slug ?? slugOf(row.name);
    if (taken.has(slug)) slug = `${slug}-${row.id}`;
    taken.add(slug);
    await db
      .updateTable('cities')
      .set({ slug, ags: k?.ags ?? null, council_body: k?.council_body ?? null })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.createIndex('cities_slug_unique').on('cities').column('slug').unique().execute();
  await db.schema.createIndex('cities_ags_unique').on('cities').column('ags').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cities_ags_unique').execute();
  await db.schema.dropIndex('cities_slug_unique').execute();
  for (const column of ['council_url', 'council_contact', 'council_chair', 'council_next_election', 'council_last_election', 'retired', 'council_body', 'ags', 'slug']) {
    await db.schema.alterTable('cities').dropColumn(column).execute();
  }
}
