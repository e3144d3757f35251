import { seedFieldTags } from '../reports/demo.js';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Database, MembershipRole, Role } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { DateTime } from 'luxon';
import { newToken } from '../auth/secrets.js';
import { audit } from '../audit/audit.js';
import { INVITATION_LIFETIME_MS } from '../groups/invitations.js';
import { writeEntry } from '../directory/entries.js';
import { DEFAULT_AGENDA } from '../meetings/meetings.js';
import { seriesDates } from '../meetings/series.js';
import { berlinToInstant, today } from '../lib/berlin-time.js';
import { foldText } from '../lib/fold.js';
import { seedWork } from './work.js';
import { seedStatisticsDemo } from '../statistics/demo.js';
import { seedCityCouncils } from '../cities/demo.js';
import { seedProgrammesDemo } from '../programmes/demo.js';
import { seedAdviceDemo } from '../advice/demo.js';
import { seedProjectsDemo } from '../projects/demo.js';
import { seedAccountsDemo } from '../projects/accounts/demo.js';

/** The one password of every demo account (printed by `npm run demo`; never use demo data in production). */
export const DEMO_PASSWORD = 'demo-passwort-2026';

interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  jobFunction: string;
  city: string;
  organisation: string;
  /** Memberships as "intern:chair,extern:member" (group key: role). */
  groups: string;
}

// Integration officers of the ten cities and the district (the internal working group), and people of
// welfare associations, migrant organisations and counselling services (the external one).
const people: DemoPerson[] = [
  { name: 'Sabine Krüger', email: 'admin@demo.arbeitskreis-hub.de', role: 'admin', jobFunction: 'Sachgebietsleitung Integration, Kreis Mettmann', city: 'kreisweit', organisation: 'Kreis Mettmann, Sachgebiet Integration', groups: 'intern:chair,extern:organiser' },
  { name: 'Thomas Becker', email: 'geschaeftsstelle@demo.arbeitskreis-hub.de', role: 'secretariat', jobFunction: 'Geschäftsstelle der Arbeitskreise Integration', city: 'kreisweit', organisation: 'Kreis Mettmann, Sachgebiet Integration', groups: 'intern:organiser,extern:organiser' },
  { name: 'Ayşe Demir', email: 'ayse.demir@demo.arbeitskreis-hub.de', role: 'secretariat', jobFunction: 'Kommunales Integrationszentrum, Koordination', city: 'kreisweit', organisation: 'Kommunales Integrationszentrum Kreis Mettmann', groups: 'intern:deputy,extern:member' },
  { name: 'Jana Hoffmann', email: 'integration@erkrath.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Erkrath', city: 'Erkrath', organisation: 'Stadt Erkrath', groups: 'intern:member' },
  { name: 'Michael Schneider', email: 'integration@haan.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Haan', city: 'Haan', organisation: 'Stadt Haan', groups: 'intern:member' },
  { name: 'Petra Wagner', email: 'integration@heiligenhaus.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Heiligenhaus', city: 'Heiligenhaus', organisation: 'Stadt Heiligenhaus', groups: 'intern:member' },
  { name: 'Stefan Fischer', email: 'integration@hilden.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Hilden', city: 'Hilden', organisation: 'Stadt Hilden', groups: 'intern:member,extern:member' },
  { name: 'Claudia Weber', email: 'integration@langenfeld.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Langenfeld', city: 'Langenfeld', organisation: 'Stadt Langenfeld', groups: 'intern:member' },
  { name: 'Andreas Meyer', email: 'integration@mettmann.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Mettmann', city: 'Mettmann', organisation: 'Stadt Mettmann', groups: 'intern:member' },
  { name: 'Nicole Schulz', email: 'integration@monheim.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Monheim am Rhein', city: 'Monheim', organisation: 'Stadt Monheim am Rhein', groups: 'intern:member' },
  { name: 'Frank Richter', email: 'integration@ratingen.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Ratingen', city: 'Ratingen', organisation: 'Stadt Ratingen', groups: 'intern:member,extern:member' },
  { name: 'Birgit Wolf', email: 'integration@velbert.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Velbert', city: 'Velbert', organisation: 'Stadt Velbert', groups: 'intern:member' },
  { name: 'Markus Neumann', email: 'integration@wuelfrath.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Wülfrath', city: 'Wülfrath', organisation: 'Stadt Wülfrath', groups: 'intern:member' },
  { name: 'Mehmet Yılmaz', email: 'mehmet.yilmaz@tuerkischer-elternverein.demo', role: 'member', jobFunction: 'Vorsitzender, Türkischer Elternverein Velbert', city: 'Velbert', organisation: 'Türkischer Elternverein Velbert e. V.', groups: 'extern:deputy' },
  { name: 'Olena Kovalenko', email: 'olena.kovalenko@ukrainische-gemeinde.demo', role: 'member', jobFunction: 'Ukrainische Gemeinde Ratingen', city: 'Ratingen', organisation: 'Ukrainische Gemeinde Ratingen e. V.', groups: 'extern:member' },
  { name: 'Ahmad Haidari', email: 'ahmad.haidari@afghanischer-kulturverein.demo', role: 'member', jobFunction: 'Afghanischer Kulturverein Hilden', city: 'Hilden', organisation: 'Afghanischer Kulturverein Hilden e. V.', groups: 'extern:member' },
  { name: 'Fatima El Amrani', email: 'fatima.elamrani@marokkanischer-verein.demo', role: 'member', jobFunction: 'Marokkanischer Frauenverein Langenfeld', city: 'Langenfeld', organisation: 'Marokkanischer Frauenverein Langenfeld e. V.', groups: 'extern:member' },
  { name: 'Dimitrios Papadopoulos', email: 'd.papadopoulos@griechische-gemeinde.demo', role: 'member', jobFunction: 'Griechische Gemeinde Mettmann', city: 'Mettmann', organisation: 'Griechische Gemeinde Mettmann e. V.', groups: 'extern:member' },
  { name: 'Grace Okafor', email: 'grace.okafor@african-community.demo', role: 'member', jobFunction: 'African Community Kreis Mettmann', city: 'kreisweit', organisation: 'African Community Kreis Mettmann e. V.', groups: 'extern:member' },
  { name: 'Anna Nowak', email: 'anna.nowak@polnische-mission.demo', role: 'member', jobFunction: 'Polnische Katholische Mission Erkrath', city: 'Erkrath', organisation: 'Polnische Katholische Mission Erkrath', groups: 'extern:guest' },
  { name: 'Samir Haddad', email: 'samir.haddad@syrischer-verein.demo', role: 'member', jobFunction: 'Syrisch-Deutscher Kulturverein Monheim', city: 'Monheim', organisation: 'Syrisch-Deutscher Kulturverein Monheim e. V.', groups: 'extern:member' },
  { name: 'Elif Aydın', email: 'elif.aydin@integrationsrat-hilden.demo', role: 'member', jobFunction: 'Vorsitzende des Integrationsrats Hilden', city: 'Hilden', organisation: 'Integrationsrat der Stadt Hilden', groups: 'extern:member' },
  { name: 'Giuseppe Romano', email: 'g.romano@integrationsrat-ratingen.demo', role: 'member', jobFunction: 'Vorsitzender des Integrationsrats Ratingen', city: 'Ratingen', organisation: 'Integrationsrat der Stadt Ratingen', groups: 'extern:member' },
  { name: 'Katharina Lange', email: 'k.lange@caritas-mettmann.demo', role: 'member', jobFunction: 'Migrationsberatung für Erwachsene (MBE), Caritas', city: 'Mettmann', organisation: 'Caritasverband für den Kreis Mettmann e. V.', groups: 'extern:chair' },
  { name: 'Daniel Schmitz', email: 'd.schmitz@diakonie-kreis-mettmann.demo', role: 'member', jobFunction: 'Jugendmigrationsdienst, Diakonie', city: 'Velbert', organisation: 'Diakonie im Kirchenkreis Düsseldorf-Mettmann', groups: 'extern:member' },
  { name: 'Martina Klein', email: 'm.klein@awo-kreis-mettmann.demo', role: 'member', jobFunction: 'Flüchtlingsberatung, AWO', city: 'Langenfeld', organisation: 'AWO Kreisverband Mettmann e. V.', groups: 'extern:member' },
  { name: 'Tobias Braun', email: 't.braun@drk-kreis-mettmann.demo', role: 'member', jobFunction: 'Migrationsdienst, DRK', city: 'Heiligenhaus', organisation: 'DRK-Kreisverband Mettmann e. V.', groups: 'extern:member' },
  { name: 'Leyla Karimi', email: 'l.karimi@paritaet-kreis-mettmann.demo', role: 'member', jobFunction: 'Der Paritätische, Migrationsfachdienst', city: 'Haan', organisation: 'Der Paritätische, Kreisgruppe Mettmann', groups: 'extern:member' },
  { name: 'Ralf Zimmermann', email: 'r.zimmermann@jobcenter-me-aktiv.demo', role: 'member', jobFunction: 'Jobcenter ME-aktiv, Integration in Arbeit', city: 'kreisweit', organisation: 'Jobcenter ME-aktiv', groups: 'extern:member' },
  { name: 'Susanne Hartmann', email: 's.hartmann@vhs-hilden-haan.demo', role: 'member', jobFunction: 'VHS Hilden-Haan, Integrationskurse', city: 'Hilden', organisation: 'VHS Hilden-Haan', groups: 'extern:member' },
  { name: 'Oliver Krause', email: 'o.krause@vhs-ratingen.demo', role: 'member', jobFunction: 'VHS Ratingen, Deutsch als Zweitsprache', city: 'Ratingen', organisation: 'VHS Ratingen', groups: 'extern:member' },
  { name: 'Yasmin Rahimi', email: 'y.rahimi@gesamtschule-velbert.demo', role: 'member', jobFunction: 'Schulsozialarbeit, Gesamtschule Velbert-Mitte', city: 'Velbert', organisation: 'Gesamtschule Velbert-Mitte', groups: 'extern:member' },
  { name: 'Jörg Schäfer', email: 'j.schaefer@ksb-mettmann.demo', role: 'member', jobFunction: 'Kreissportbund Mettmann, Integration durch Sport', city: 'kreisweit', organisation: 'Kreissportbund Mettmann e. V.', groups: 'extern:member' },
  { name: 'Hatice Öztürk', email: 'h.oeztuerk@ditib-wuelfrath.demo', role: 'member', jobFunction: 'DITIB Moscheegemeinde Wülfrath', city: 'Wülfrath', organisation: 'DITIB Türkisch-Islamische Gemeinde Wülfrath', groups: 'extern:member' },
  { name: 'Lukas Vogel', email: 'l.vogel@ehrenamt-erkrath.demo', role: 'member', jobFunction: 'Ehrenamtskoordination Flüchtlingshilfe Erkrath', city: 'Erkrath', organisation: 'Flüchtlingshilfe Erkrath e. V.', groups: 'extern:member' },
  { name: 'Marie Dubois', email: 'm.dubois@frauenberatung-monheim.demo', role: 'member', jobFunction: 'Frauenberatungsstelle Monheim', city: 'Monheim', organisation: 'Frauenberatungsstelle Monheim', groups: 'extern:member' },
  { name: 'Kemal Arslan', email: 'k.arslan@elternnetzwerk-nrw.demo', role: 'member', jobFunction: 'Elternnetzwerk NRW, Regionalkoordination', city: 'kreisweit', organisation: 'Elternnetzwerk NRW', groups: 'extern:guest' },
  { name: 'Irina Petrova', email: 'i.petrova@russischsprachige-eltern.demo', role: 'member', jobFunction: 'Verein russischsprachiger Eltern Langenfeld', city: 'Langenfeld', organisation: 'Verein russischsprachiger Eltern Langenfeld e. V.', groups: 'extern:member' },
  { name: 'Tesfaye Bekele', email: 't.bekele@eritreische-gemeinde.demo', role: 'member', jobFunction: 'Eritreische Gemeinde Mettmann', city: 'Mettmann', organisation: 'Eritreische Gemeinde Mettmann e. V.', groups: 'extern:member' },
  { name: 'Nadia Saleh', email: 'n.saleh@gesundheitsamt-me.demo', role: 'member', jobFunction: 'Gesundheitsamt Kreis Mettmann, Migration und Gesundheit', city: 'kreisweit', organisation: 'Gesundheitsamt Kreis Mettmann', groups: 'extern:member' },
];

// The organisations of the people above, with kind and city, and more actors of the district, so that
// the demo directory has about 60 entries across the ten cities.
const organisations: [name: string, kind: string, city: string][] = [
  ['Kreis Mettmann, Sachgebiet Integration', 'administration', 'kreisweit'],
  ['Kommunales Integrationszentrum Kreis Mettmann', 'administration', 'kreisweit'],
  ...(['Erkrath', 'Haan', 'Heiligenhaus', 'Hilden', 'Langenfeld', 'Mettmann', 'Velbert', 'Wülfrath', 'Ratingen'] as const).map(
    (c): [string, string, string] => [`Stadt ${c}`, 'administration', c],
  ),
  ['Stadt Monheim am Rhein', 'administration', 'Monheim'],
  ['Türkischer Elternverein Velbert e. V.', 'migrant_organisation', 'Velbert'],
  ['Ukrainische Gemeinde Ratingen e. V.', 'migrant_organisation', 'Ratingen'],
  ['Afghanischer Kulturverein Hilden e. V.', 'migrant_organisation', 'Hilden'],
  ['Marokkanischer Frauenverein Langenfeld e. V.', 'migrant_organisation', 'Langenfeld'],
  ['Griechische Gemeinde Mettmann e. V.', 'migrant_organisation', 'Mettmann'],
  ['African Community Kreis Mettmann e. V.', 'migrant_organisation', 'kreisweit'],
  ['Polnische Katholische Mission Erkrath', 'religious_community', 'Erkrath'],
  ['Syrisch-Deutscher Kulturverein Monheim e. V.', 'migrant_organisation', 'Monheim'],
  ['Integrationsrat der Stadt Hilden', 'integration_council', 'Hilden'],
  ['Integrationsrat der Stadt Ratingen', 'integration_council', 'Ratingen'],
  ['Caritasverband für den Kreis Mettmann e. V.', 'welfare_association', 'Mettmann'],
  ['Diakonie im Kirchenkreis Düsseldorf-Mettmann', 'welfare_association', 'Velbert'],
  ['AWO Kreisverband Mettmann e. V.', 'welfare_association', 'Langenfeld'],
  ['DRK-Kreisverband Mettmann e. V.', 'welfare_association', 'Heiligenhaus'],
  ['Der Paritätische, Kreisgruppe Mettmann', 'welfare_association', 'Haan'],
  ['Jobcenter ME-aktiv', 'administration', 'kreisweit'],
  ['VHS Hilden-Haan', 'education', 'Hilden'],
  ['VHS Ratingen', 'education', 'Ratingen'],
  ['Gesamtschule Velbert-Mitte', 'education', 'Velbert'],
  ['Kreissportbund Mettmann e. V.', 'association', 'kreisweit'],
  ['DITIB Türkisch-Islamische Gemeinde Wülfrath', 'religious_community', 'Wülfrath'],
  ['Flüchtlingshilfe Erkrath e. V.', 'association', 'Erkrath'],
  ['Frauenberatungsstelle Monheim', 'counselling_service', 'Monheim'],
  ['Elternnetzwerk NRW', 'association', 'kreisweit'],
  ['Verein russischsprachiger Eltern Langenfeld e. V.', 'migrant_organisation', 'Langenfeld'],
  ['Eritreische Gemeinde Mettmann e. V.', 'migrant_organisation', 'Mettmann'],
  ['Gesundheitsamt Kreis Mettmann', 'administration', 'kreisweit'],
  ['Integrationsrat der Stadt Velbert', 'integration_council', 'Velbert'],
  ['Integrationsrat der Stadt Erkrath', 'integration_council', 'Erkrath'],
  ['Integrationsrat der Stadt Langenfeld', 'integration_council', 'Langenfeld'],
  ['Integrationsrat der Stadt Mettmann', 'integration_council', 'Mettmann'],
  // Monheim am Rhein has an integration committee of the council instead of an elected council.
  ['Integrationsausschuss der Stadt Monheim am Rhein', 'integration_council', 'Monheim'],
  ['Jugendmigrationsdienst Ratingen (IN VIA)', 'counselling_service', 'Ratingen'],
  ['Migrationsberatung für Erwachsene Hilden (Diakonie)', 'counselling_service', 'Hilden'],
  ['Psychosoziales Zentrum für Geflüchtete', 'counselling_service', 'kreisweit'],
  ['Kurdischer Kulturverein Heiligenhaus e. V.', 'migrant_organisation', 'Heiligenhaus'],
  ['Tamilischer Kulturverein Haan e. V.', 'migrant_organisation', 'Haan'],
  ['Spanischer Elternverein Wülfrath e. V.', 'migrant_organisation', 'Wülfrath'],
  ['Italienische Katholische Gemeinde Hilden', 'religious_community', 'Hilden'],
  ['Evangelische Kirchengemeinde Mettmann', 'religious_community', 'Mettmann'],
  ['SV Türkgücü Velbert e. V.', 'association', 'Velbert'],
  ['Internationaler Frauentreff Monheim', 'association', 'Monheim'],
  ['Sprachcafé Erkrath', 'association', 'Erkrath'],
  ['Bildungswerk Haan', 'education', 'Haan'],
  ['Berufskolleg Hilden', 'education', 'Hilden'],
  ['Agentur für Arbeit Mettmann', 'administration', 'Mettmann'],
  ['Verbraucherzentrale Ratingen', 'counselling_service', 'Ratingen'],
  ['Schuldnerberatung Langenfeld (SKFM)', 'counselling_service', 'Langenfeld'],
  ['Kinderschutzbund Heiligenhaus', 'association', 'Heiligenhaus'],
  ['Mehrgenerationenhaus Velbert', 'other', 'Velbert'],
  ['Nachbarschaftszentrum Monheim-Berliner Viertel', 'other', 'Monheim'],
];

const groups = {
  intern: {
    name: 'Arbeitskreis Integration intern',
    slug: 'ak-integration-intern',
    kind: 'internal' as const,
    description:
      'Austausch der Integrationsbeauftragten der zehn kreisangehörigen Städte und des Kreises Mettmann.\n\nDer Arbeitskreis trifft sich viermal im Jahr; die Geschäftsstelle liegt beim Sachgebiet Integration des Kreises.',
    colour: '#0b5394',
    dates_public: 0 as const,
  },
  extern: {
    name: 'Arbeitskreis Integration extern',
    slug: 'ak-integration-extern',
    kind: 'external' as const,
    description:
      'Netzwerk der Akteure der Integrationsarbeit im Kreis Mettmann: Wohlfahrtsverbände, Migrantenorganisationen, Beratungsdienste, Jobcenter, Schulen, Sportvereine und Integrationsräte.\n\nGäste sind nach Absprache mit der Geschäftsstelle willkommen.',
    colour: '#1d6b35',
    dates_public: 1 as const,
  },
};

const OFFERS: Record<string, [offers: string, description: string, languages: string[]]> = {
  migrant_organisation: ['Hausaufgabenhilfe, Elterncafé, Begleitung zu Behörden, Kulturfeste', 'Ehrenamtlich getragener Verein, der Neuzugewanderte in ihrer Muttersprache berät und begleitet.', ['de', 'tr', 'ar']],
  welfare_association: ['Migrationsberatung für Erwachsene (MBE), Sozialberatung, Sprachkurse', 'Wohlfahrtsverband mit Beratungsstellen in mehreren Städten des Kreises.', ['de', 'en', 'ar', 'fa']],
  counselling_service: ['Offene Sprechstunde, Beratung zu Aufenthalt, Arbeit und Familie', 'Beratungsstelle mit mehrsprachigem Team; Termine auch kurzfristig.', ['de', 'en', 'ru', 'uk']],
  administration: ['Auskunft, Antragsberatung, Vermittlung an Fachstellen', 'Öffentliche Stelle mit Ansprechpersonen für Integration.', ['de', 'en']],
  integration_council: ['Öffentliche Sitzungen, Sprechstunde für Bürgerinnen und Bürger', 'Gewählte Vertretung der Menschen mit Einwanderungsgeschichte in der Stadt.', ['de', 'tr']],
  association: ['Sportangebote, Treffpunkt, Patenschaften', 'Verein mit offenen Angeboten für alle Generationen.', ['de', 'en']],
  education: ['Integrationskurse, Berufssprachkurse, Alphabetisierung', 'Bildungsträger mit Deutschkursen auf allen Niveaustufen.', ['de', 'en', 'ar', 'uk']],
  religious_community: ['Gottesdienste, Seelsorge, Nachbarschaftshilfe', 'Gemeinde mit Angeboten für Familien und Neuankommende.', ['de', 'pl', 'it']],
  other: ['Offener Treff, Beratung, Kinderbetreuung', 'Begegnungsort im Stadtteil.', ['de']],
};

/** demoEntry: plausible directory content for a demo organisation, varied by its kind and position. */
function demoEntry(i: number, name: string, kind: string, city: string, cityId: number | null, allCities: number[], fieldIds: number[], targetIds: number[]) {
  const [offers, description, languages] = OFFERS[kind] ?? OFFERS.other!;
  const place = city === 'kreisweit' ? 'Mettmann' : city === 'Langenfeld' ? 'Langenfeld (Rhld.)' : city === 'Monheim' ? 'Monheim am Rhein' : city;
  return {
    name,
    kind,
    city_id: cityId,
    street: `${['Hauptstraße', 'Bahnhofstraße', 'Kirchplatz', 'Mittelstraße', 'Schulstraße'][i % 5]} ${(i % 40) + 1}`,
    postal_code: String(40822 + (i % 10) * 11),
    place,
    phone: `02104 ${100000 + i * 37}`,
    email: `kontakt${i + 1}@demo.arbeitskreis-hub.de`,
    website: `https://www.beispiel-${i + 1}.de`,
    opening_hours: 'Mo–Do 9–16 Uhr, Fr 9–12 Uhr',
    offers,
    descriptions: { de: `${name}: ${description}`, ...(i % 4 === 0 ? { en: `${name}: information and advice for newcomers.` } : {}), ...(i % 6 === 0 ? { ar: `${name}: معلومات واستشارات للقادمين الجدد.` } : {}) },
    languages: [...languages, ...(i % 3 === 0 ? ['ru'] : [])],
    fields: [fieldIds[i % fieldIds.length]!, fieldIds[(i * 3 + 1) % fieldIds.length]!],
    cities: city === 'kreisweit' ? allCities : cityId ? [cityId] : [],
    targets: [targetIds[i % targetIds.length]!, targetIds[(i + 4) % targetIds.length]!],
  };
}

const AGENDAS: Record<string, string[]> = {
  intern: ['Bericht aus den Städten', 'Kommunales Integrationsmanagement: Stand der Fallzahlen', 'Planung der Interkulturellen Woche'],
  extern: ['Vorstellung: Ukrainische Gemeinde Ratingen', 'Sprachkursangebote 2027 im Kreis', 'Austausch: Wohnraum für Geflüchtete'],
};

/**
 * seedMeetings: each group meets on the 3rd Wednesday (intern) or Thursday (extern) of every other month:
 * two past meetings (held, with attendance) and three to come (the next one with invitations and replies).
 */
async function seedMeetings(trx: Kysely<Database>, groupIds: Record<string, number>, now: Date): Promise<void> {
  const at = now.toISOString();
  const from = DateTime.fromJSDate(now).minus({ months: 4 }).toISODate()!;
  const until = DateTime.fromJSDate(now).plus({ months: 6 }).toISODate()!;
  for (const [key, groupId] of Object.entries(groupIds)) {
    const days = seriesDates({ kind: 'monthly', ordinal: 3, weekday: key === 'intern' ? 3 : 4 }, from, until)
      .filter((d) => !d.holiday)
      .filter((_, i) => i % 2 === 0);
    const past = days.filter((d) => d.day < at.slice(0, 10)).slice(-2);
    const next = days.filter((d) => d.day >= at.slice(0, 10)).slice(0, 3);
    const members = await trx.selectFrom('memberships').select('person_id').where('group_id', '=', groupId).orderBy('person_id').execute();
    for (const [i, d] of [...past, ...next].entries()) {
      const held = i < past.length;
      const invited = i === past.length;
      const meeting = await trx
        .insertInto('meetings')
        .values({
          group_id: groupId,
          title: `Sitzung ${key === 'intern' ? 'Arbeitskreis intern' : 'Arbeitskreis extern'}`,
          starts_at: berlinToInstant(d.day, key === 'intern' ? '10:00' : '17:00')!,
          ends_at: berlinToInstant(d.day, key === 'intern' ? '12:00' : '19:00')!,
          location: key === 'intern' ? 'Kreishaus Mettmann, Düsseldorfer Straße 26' : 'Bürgerhaus Hilden, Mittelstraße 40',
          room: key === 'intern' ? 'Sitzungssaal 1' : 'Saal',
          online_url: key === 'intern' ? null : 'https://meet.example.org/ak-extern',
          status: held ? 'held' : invited ? 'invited' : 'planned',
          invitation_sent_at: held || invited ? at : null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const titles = [DEFAULT_AGENDA[0]!, ...AGENDAS[key]!, DEFAULT_AGENDA[1]!];
      await trx.insertInto('agenda_items').values(titles.map((title, n) => ({ meeting_id: meeting.id, position: n + 1, title, created_at: at, updated_at: at }))).execute();
      if (held || invited) {
        const answers = ['accepted', 'accepted', 'declined', 'tentative', null] as const;
        const start = Date.parse(berlinToInstant(d.day, '10:00')!);
        // Invited three weeks ahead (or now, for a meeting sooner than that), answered within days.
        const invitedAt = new Date(Math.min(now.getTime(), start - 21 * 86_400_000));
        const answeredAt = (n: number) => new Date(Math.min(now.getTime(), invitedAt.getTime() + (1 + (n % 5)) * 86_400_000)).toISOString();
        await trx.updateTable('meetings').set({ invitation_sent_at: invitedAt.toISOString() }).where('id', '=', meeting.id).execute();
        for (const [n, m] of members.entries()) {
          const { id, secretHash } = newToken();
          const answer = answers[n % answers.length] ?? null;
          await trx.insertInto('rsvps').values({ meeting_id: meeting.id, person_id: m.person_id, invited_at: invitedAt.toISOString(), answer, answered_at: answer ? answeredAt(n) : null, link_id: id, link_secret_hash: secretHash }).execute();
          if (held) await trx.insertInto('attendance').values({ meeting_id: meeting.id, person_id: m.person_id, status: answer === 'accepted' ? 'present' : answer === 'declined' ? 'excused' : 'absent', recorded_at: at }).execute();
        }
      }
    }
  }
}

/**
 * Every demo membership represents its person's organisation, a published entry, and the staff confirmed
 * that (so demo representatives can edit their entry), except this one: a representation still waiting
 * for its confirmation, so that the state can be seen on the group's member list.
 */
export const DEMO_UNCONFIRMED_REPRESENTATIVE = 'l.vogel@ehrenamt-erkrath.demo';

/** One open invitation to the external group, sent by its chair, so that the managers' list of open invitations is not empty. */
export const DEMO_INVITATION = { name: 'Hanna Beispiel', email: 'hanna.beispiel@sprachcafe-erkrath.demo', organisation: 'Sprachcafé Erkrath', invitedBy: 'k.lange@caritas-mettmann.demo' };

/** seedInvitation stores DEMO_INVITATION as its chair would have sent it (no mail: the demo sends none). */
async function seedInvitation(trx: Kysely<Database>, groupId: number, now: Date): Promise<void> {
  const { id, secretHash } = newToken();
  const { name, email, organisation, invitedBy } = DEMO_INVITATION;
  await trx
    .insertInto('membership_invitations')
    .values({
      id,
      secret_hash: secretHash,
      group_id: groupId,
      email,
      email_normalized: normalizeEmail(email),
      name,
      role: 'member',
      organisation,
      starts_on: today(now),
      ends_on: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
    })
    .execute();
  const chair = await trx.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select('users.id').where('persons.email_normalized', '=', normalizeEmail(invitedBy)).executeTakeFirstOrThrow();
  await audit(trx, { actorUserId: chair.id, action: 'membership.invite', entityType: 'group', entityId: groupId, after: { name, email, role: 'member', organisation } }, now);
}

export interface DemoLogin {
  name: string;
  email: string;
  role: Role;
  /** What the login shows: the account's role, or the person's role in a working group. */
  what: string;
}

/** One login per kind of user, so every view of the hub can be tried. */
const DEMO_LOGINS: [email: string, what: string][] = [
  ['admin@demo.arbeitskreis-hub.de', 'Administration (Einstellungen, Konten, Postausgang)'],
  ['geschaeftsstelle@demo.arbeitskreis-hub.de', 'Geschäftsstelle (organisiert beide Arbeitskreise)'],
  ['ayse.demir@demo.arbeitskreis-hub.de', 'Geschäftsstelle, Stellvertretung im AK intern'],
  ['k.lange@caritas-mettmann.demo', 'Vorsitz AK extern (Mitgliedskonto)'],
  ['mehmet.yilmaz@tuerkischer-elternverein.demo', 'Stellvertretung AK extern'],
  ['integration@erkrath.demo', 'Mitglied AK intern, vertritt die Stadt Erkrath'],
  ['olena.kovalenko@ukrainische-gemeinde.demo', 'Mitglied AK extern, Änderung am Verzeichniseintrag vorgeschlagen'],
  ['anna.nowak@polnische-mission.demo', 'Gast im AK extern'],
];

/**
 * seedDemo adds the demo people with accounts (all with DEMO_PASSWORD), their organisations, the two
 * working groups and their memberships. It runs once per database: a second call finds the data and
 * adds nothing. Returns the logins to print.
 */
export async function seedDemo(db: Kysely<Database>, now: Date): Promise<{ created: number; logins: DemoLogin[]; feedPath: string | null }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();
  const created = await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('groups').select('id').where('slug', '=', groups.intern.slug).executeTakeFirst()) return { count: 0, groupIds: {} };
    const cities = await trx.selectFrom('cities').select(['id', 'short_name']).execute();
    const cityId = (short: string) => cities.find((c) => c.short_name === short)?.id ?? null;
    await trx.updateTable('settings').set({ value: 'integration@demo.arbeitskreis-hub.de' }).where('key', '=', 'office_email').execute();
    // Issue #17 (settings): an invented data-protection officer at the demo's own domain, as the demo's people are invented.
    await trx.updateTable('settings').set({ value: 'Dana Demir (behördliche Datenschutzbeauftragte, Demo)\ndatenschutz@demo.arbeitskreis-hub.de' }).where('key', '=', 'dpo_contact').execute();

    const organisationIds = new Map<string, number>();
    const fieldIds = (await trx.selectFrom('fields_of_action').select('id').orderBy('position').execute()).map((f) => f.id);
    const targetIds = (await trx.selectFrom('target_groups').select('id').orderBy('position').execute()).map((g) => g.id);
    for (const [i, [name, kind, city]] of organisations.entries()) {
      const row = await trx
        .insertInto('organisations')
        .values({ name, name_normalized: foldText(name), kind, city_id: cityId(city), status: 'published', consent_at: at, last_confirmed_at: at, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      organisationIds.set(name, row.id);
      await writeEntry(trx, row.id, demoEntry(i, name, kind, city, cityId(city), cities.map((c) => c.id), fieldIds, targetIds), now);
    }
    const groupIds: Record<string, number> = {};
    for (const [key, group] of Object.entries(groups)) {
      groupIds[key] = (await trx.insertInto('groups').values({ ...group, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    }

    let count = 0;
    for (const p of people) {
      if (await trx.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(p.email)).executeTakeFirst()) continue;
      const organisationId = organisationIds.get(p.organisation) ?? null;
      const person = await trx
        .insertInto('persons')
        .values({ name: p.name, name_folded: foldText(p.name), email: p.email, email_normalized: normalizeEmail(p.email), job_function: p.jobFunction, organisation_id: organisationId, city_id: cityId(p.city), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('users').values({ person_id: person.id, password_hash: passwordHash, role: p.role, active: 1, created_at: at }).execute();
      const confirmed = organisationId !== null && p.email !== DEMO_UNCONFIRMED_REPRESENTATIVE;
      for (const entry of p.groups.split(',')) {
        const [group, role] = entry.split(':') as [keyof typeof groups, MembershipRole];
        await trx
          .insertInto('memberships')
          .values({
            group_id: groupIds[group]!,
            person_id: person.id,
            role,
            organisation_id: organisationId,
            starts_on: '2024-01-01',
            ends_on: null,
            created_at: at,
            updated_at: at,
            representation_confirmed_at: confirmed ? at : null,
          })
          .execute();
      }
      count += 1;
    }
    await seedInvitation(trx, groupIds.extern!, now);
    await seedMeetings(trx, groupIds, now);
    // City pages (issue #17): the council data of the cities with a council body (src/cities/demo.ts).
    await seedCityCouncils(trx);
    await seedContacts(trx, now);
    // Datensammlung (issue #18): synthetic figures for the ten cities, labelled as such (src/statistics/demo.ts).
    await seedStatisticsDemo(trx, now);
    // The yearly report (issue #18): fields of action on the groups, a meeting and an agenda item.
    await seedFieldTags(trx, groupIds);
    // Funding programmes (issue #19): several at each level, deadlines relative to today (src/programmes/demo.ts).
    await seedProgrammesDemo(trx, now);
    // Advice requests on those programmes, one in each state (src/advice/demo.ts).
    await seedAdviceDemo(trx, now);
    // The office's five projects (issue #19) with partners, deadlines and a grant notice (src/projects/demo.ts).
    await seedProjectsDemo(trx, now);
    return { count, groupIds };
  });
  // The projects' accounts: budget lines, expenses and tranches for four of them, each project in a
  // transaction of its own (src/projects/accounts/demo.ts; nothing is added twice).
  await seedAccountsDemo(db, now);
  // The working day is written through the hub's own functions, each with its transaction.
  const work = created.count > 0 ? await seedWork(db, created.groupIds, now) : null;
  const logins = DEMO_LOGINS.map(([email, what]) => {
    const p = people.find((q) => q.email === email)!;
    return { name: p.name, email, role: p.role, what };
  });
  return { created: created.count, logins, feedPath: work?.feedPath ?? null };
}

export const DEMO_PEOPLE_COUNT = people.length;
export const DEMO_ORGANISATION_COUNT = organisations.length;

// The office's contacts (/contact, issue 17): invented persons for the three topics of migration 0029,
// with addresses of the demo domain and phone numbers from the range the Bundesnetzagentur keeps free
// for fiction (030 23125 000–999). The general questions have no mailbox of their own: the contact form
// falls back to the office's address.
export const DEMO_CONTACTS: { topic: string; mailbox: string | null; persons: { job_function: string; name: string; phone: string; email: string; tasks: string }[] }[] = [
  {
    topic: 'projects',
    mailbox: 'projekte@demo.arbeitskreis-hub.de',
    persons: [
      { job_function: 'Projektkoordination', name: 'Paula Platzhalter', phone: '030 23125-101', email: 'paula.platzhalter@demo.arbeitskreis-hub.de', tasks: 'KOMM-AN NRW, Integrationsfonds des Kreises, Beratung zu Förderanträgen' },
      { job_function: 'Fördermittelberatung', name: 'Felix Fantasie', phone: '030 23125-102', email: 'felix.fantasie@demo.arbeitskreis-hub.de', tasks: 'Bundes- und Landesprogramme, Verwendungsnachweise' },
    ],
  },
  {
    topic: 'general',
    mailbox: null,
    persons: [{ job_function: 'Sachbearbeitung Integration', name: 'Gerda Gedacht', phone: '030 23125-103', email: 'gerda.gedacht@demo.arbeitskreis-hub.de', tasks: 'Erste Anlaufstelle für Fragen zur Integration, Geschäftsführung der Arbeitskreise' }],
  },
  {
    topic: 'website',
    mailbox: 'internet@demo.arbeitskreis-hub.de',
    persons: [{ job_function: 'Redaktion Internetauftritt', name: 'Willi Webbeispiel', phone: '030 23125-104', email: 'willi.webbeispiel@demo.arbeitskreis-hub.de', tasks: 'Inhalte des Hubs, Akteursverzeichnis, Termine' }],
  },
];

async function seedContacts(trx: Kysely<Database>, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const { topic, mailbox, persons } of DEMO_CONTACTS) {
    const row = await trx.selectFrom('contact_topics').select('id').where('key', '=', topic).executeTakeFirst();
    if (!row) continue;
    await trx.updateTable('contact_topics').set({ email: mailbox, updated_at: at }).where('id', '=', row.id).execute();
    for (const [i, person] of persons.entries()) {
      await trx.insertInto('contact_persons').values({ ...person, topic_id: row.id, position: i + 1, created_at: at, updated_at: at }).execute();
    }
  }
}
