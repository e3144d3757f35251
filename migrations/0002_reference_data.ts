import type { Kysely } from 'kysely';

// Reference data of the first district (Kreis Mettmann), copied from the shared seed files so that the
// project never reads outside itself at run time. Another district edits these rows in the admin pages.

const cities = [
  { name: "Erkrath", short_name: "Erkrath", kind: 'city', position: 1 },
  { name: "Haan", short_name: "Haan", kind: 'city', position: 2 },
  { name: "Heiligenhaus", short_name: "Heiligenhaus", kind: 'city', position: 3 },
  { name: "Hilden", short_name: "Hilden", kind: 'city', position: 4 },
  { name: "Langenfeld (Rhld.)", short_name: "Langenfeld", kind: 'city', position: 5 },
  { name: "Mettmann", short_name: "Mettmann", kind: 'city', position: 6 },
  { name: "Monheim am Rhein", short_name: "Monheim", kind: 'city', position: 7 },
  { name: "Ratingen", short_name: "Ratingen", kind: 'city', position: 8 },
  { name: "Velbert", short_name: "Velbert", kind: 'city', position: 9 },
  { name: "Wülfrath", short_name: "Wülfrath", kind: 'city', position: 10 },
  { name: "Kreis Mettmann (kreisweit)", short_name: "kreisweit", kind: 'district', position: 11 },
];

const fieldsOfAction = [
  { name: "Sprache", position: 1 },
  { name: "Bildung und Ausbildung", position: 2 },
  { name: "Wirtschaft und Arbeit", position: 3 },
  { name: "Gesundheit", position: 4 },
  { name: "Wohnen", position: 5 },
  { name: "Kultur", position: 6 },
  { name: "Sport", position: 7 },
];

const organisationKinds = [
  { key: 'migrant_organisation', label_de: "Migrantenorganisation", label_en: "Migrant organisation", position: 1 },
  { key: 'welfare_association', label_de: "Wohlfahrtsverband", label_en: "Welfare association", position: 2 },
  { key: 'counselling_service', label_de: "Beratungsstelle", label_en: "Counselling service", position: 3 },
  { key: 'administration', label_de: "Verwaltung", label_en: "Public administration", position: 4 },
  { key: 'integration_council', label_de: "Integrationsrat / Integrationsausschuss", label_en: "Integration council", position: 5 },
  { key: 'association', label_de: "Verein", label_en: "Association", position: 6 },
  { key: 'education', label_de: "Bildungsträger / Schule", label_en: "Education provider / school", position: 7 },
  { key: 'religious_community', label_de: "Religionsgemeinschaft", label_en: "Religious community", position: 8 },
  { key: 'other', label_de: "Sonstige", label_en: "Other", position: 9 },
];

const settings = [
  { key: 'district_name', value: 'Kreis Mettmann' },
  { key: 'office_name', value: 'Sachgebiet Integration' },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('cities').values(cities).execute();
  await db.insertInto('fields_of_action').values(fieldsOfAction).execute();
  await db.insertInto('organisation_kinds').values(organisationKinds).execute();
  await db.insertInto('settings').values(settings).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['settings', 'organisation_kinds', 'fields_of_action', 'cities']) {
    await db.deleteFrom(table).execute();
  }
}
