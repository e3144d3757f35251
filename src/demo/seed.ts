import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Database, Role } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { foldText } from '../lib/fold.js';

/** The one password of every demo account (printed by `npm run demo`; never use demo data in production). */
export const DEMO_PASSWORD = 'demo-passwort-2026';

interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  jobFunction: string;
  city: string;
}

// Integration officers of the ten cities and the district (the internal working group), and people of
// welfare associations, migrant organisations and counselling services (the external one).
const people: DemoPerson[] = [
  { name: 'Sabine Krüger', email: 'admin@demo.arbeitskreis-hub.de', role: 'admin', jobFunction: 'Sachgebietsleitung Integration, Kreis Mettmann', city: 'kreisweit' },
  { name: 'Thomas Becker', email: 'geschaeftsstelle@demo.arbeitskreis-hub.de', role: 'secretariat', jobFunction: 'Geschäftsstelle der Arbeitskreise Integration', city: 'kreisweit' },
  { name: 'Ayşe Demir', email: 'ayse.demir@demo.arbeitskreis-hub.de', role: 'secretariat', jobFunction: 'Kommunales Integrationszentrum, Koordination', city: 'kreisweit' },
  { name: 'Jana Hoffmann', email: 'integration@erkrath.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Erkrath', city: 'Erkrath' },
  { name: 'Michael Schneider', email: 'integration@haan.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Haan', city: 'Haan' },
  { name: 'Petra Wagner', email: 'integration@heiligenhaus.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Heiligenhaus', city: 'Heiligenhaus' },
  { name: 'Stefan Fischer', email: 'integration@hilden.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Hilden', city: 'Hilden' },
  { name: 'Claudia Weber', email: 'integration@langenfeld.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Langenfeld', city: 'Langenfeld' },
  { name: 'Andreas Meyer', email: 'integration@mettmann.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Mettmann', city: 'Mettmann' },
  { name: 'Nicole Schulz', email: 'integration@monheim.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Monheim am Rhein', city: 'Monheim' },
  { name: 'Frank Richter', email: 'integration@ratingen.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Ratingen', city: 'Ratingen' },
  { name: 'Birgit Wolf', email: 'integration@velbert.demo', role: 'member', jobFunction: 'Integrationsbeauftragte der Stadt Velbert', city: 'Velbert' },
  { name: 'Markus Neumann', email: 'integration@wuelfrath.demo', role: 'member', jobFunction: 'Integrationsbeauftragter der Stadt Wülfrath', city: 'Wülfrath' },
  { name: 'Mehmet Yılmaz', email: 'mehmet.yilmaz@tuerkischer-elternverein.demo', role: 'member', jobFunction: 'Vorsitzender, Türkischer Elternverein Velbert', city: 'Velbert' },
  { name: 'Olena Kovalenko', email: 'olena.kovalenko@ukrainische-gemeinde.demo', role: 'member', jobFunction: 'Ukrainische Gemeinde Ratingen', city: 'Ratingen' },
  { name: 'Ahmad Haidari', email: 'ahmad.haidari@afghanischer-kulturverein.demo', role: 'member', jobFunction: 'Afghanischer Kulturverein Hilden', city: 'Hilden' },
  { name: 'Fatima El Amrani', email: 'fatima.elamrani@marokkanischer-verein.demo', role: 'member', jobFunction: 'Marokkanischer Frauenverein Langenfeld', city: 'Langenfeld' },
  { name: 'Dimitrios Papadopoulos', email: 'd.papadopoulos@griechische-gemeinde.demo', role: 'member', jobFunction: 'Griechische Gemeinde Mettmann', city: 'Mettmann' },
  { name: 'Grace Okafor', email: 'grace.okafor@african-community.demo', role: 'member', jobFunction: 'African Community Kreis Mettmann', city: 'kreisweit' },
  { name: 'Anna Nowak', email: 'anna.nowak@polnische-mission.demo', role: 'member', jobFunction: 'Polnische Katholische Mission Erkrath', city: 'Erkrath' },
  { name: 'Samir Haddad', email: 'samir.haddad@syrischer-verein.demo', role: 'member', jobFunction: 'Syrisch-Deutscher Kulturverein Monheim', city: 'Monheim' },
  { name: 'Elif Aydın', email: 'elif.aydin@integrationsrat-hilden.demo', role: 'member', jobFunction: 'Vorsitzende des Integrationsrats Hilden', city: 'Hilden' },
  { name: 'Giuseppe Romano', email: 'g.romano@integrationsrat-ratingen.demo', role: 'member', jobFunction: 'Vorsitzender des Integrationsrats Ratingen', city: 'Ratingen' },
  { name: 'Katharina Lange', email: 'k.lange@caritas-mettmann.demo', role: 'member', jobFunction: 'Migrationsberatung für Erwachsene (MBE), Caritas', city: 'Mettmann' },
  { name: 'Daniel Schmitz', email: 'd.schmitz@diakonie-kreis-mettmann.demo', role: 'member', jobFunction: 'Jugendmigrationsdienst, Diakonie', city: 'Velbert' },
  { name: 'Martina Klein', email: 'm.klein@awo-kreis-mettmann.demo', role: 'member', jobFunction: 'Flüchtlingsberatung, AWO', city: 'Langenfeld' },
  { name: 'Tobias Braun', email: 't.braun@drk-kreis-mettmann.demo', role: 'member', jobFunction: 'Migrationsdienst, DRK', city: 'Heiligenhaus' },
  { name: 'Leyla Karimi', email: 'l.karimi@paritaet-kreis-mettmann.demo', role: 'member', jobFunction: 'Der Paritätische, Migrationsfachdienst', city: 'Haan' },
  { name: 'Ralf Zimmermann', email: 'r.zimmermann@jobcenter-me-aktiv.demo', role: 'member', jobFunction: 'Jobcenter ME-aktiv, Integration in Arbeit', city: 'kreisweit' },
  { name: 'Susanne Hartmann', email: 's.hartmann@vhs-hilden-haan.demo', role: 'member', jobFunction: 'VHS Hilden-Haan, Integrationskurse', city: 'Hilden' },
  { name: 'Oliver Krause', email: 'o.krause@vhs-ratingen.demo', role: 'member', jobFunction: 'VHS Ratingen, Deutsch als Zweitsprache', city: 'Ratingen' },
  { name: 'Yasmin Rahimi', email: 'y.rahimi@gesamtschule-velbert.demo', role: 'member', jobFunction: 'Schulsozialarbeit, Gesamtschule Velbert-Mitte', city: 'Velbert' },
  { name: 'Jörg Schäfer', email: 'j.schaefer@ksb-mettmann.demo', role: 'member', jobFunction: 'Kreissportbund Mettmann, Integration durch Sport', city: 'kreisweit' },
  { name: 'Hatice Öztürk', email: 'h.oeztuerk@ditib-wuelfrath.demo', role: 'member', jobFunction: 'DITIB Moscheegemeinde Wülfrath', city: 'Wülfrath' },
  { name: 'Lukas Vogel', email: 'l.vogel@ehrenamt-erkrath.demo', role: 'member', jobFunction: 'Ehrenamtskoordination Flüchtlingshilfe Erkrath', city: 'Erkrath' },
  { name: 'Marie Dubois', email: 'm.dubois@frauenberatung-monheim.demo', role: 'member', jobFunction: 'Frauenberatungsstelle Monheim', city: 'Monheim' },
  { name: 'Kemal Arslan', email: 'k.arslan@elternnetzwerk-nrw.demo', role: 'member', jobFunction: 'Elternnetzwerk NRW, Regionalkoordination', city: 'kreisweit' },
  { name: 'Irina Petrova', email: 'i.petrova@russischsprachige-eltern.demo', role: 'member', jobFunction: 'Verein russischsprachiger Eltern Langenfeld', city: 'Langenfeld' },
  { name: 'Tesfaye Bekele', email: 't.bekele@eritreische-gemeinde.demo', role: 'member', jobFunction: 'Eritreische Gemeinde Mettmann', city: 'Mettmann' },
  { name: 'Nadia Saleh', email: 'n.saleh@gesundheitsamt-me.demo', role: 'member', jobFunction: 'Gesundheitsamt Kreis Mettmann, Migration und Gesundheit', city: 'kreisweit' },
];

export interface DemoLogin {
  name: string;
  email: string;
  role: Role;
}

/**
 * seedDemo adds the demo people with accounts (all with DEMO_PASSWORD). It runs once per database:
 * a second call finds them and adds nothing. Returns the logins to print.
 */
export async function seedDemo(db: Kysely<Database>, now: Date): Promise<{ created: number; logins: DemoLogin[] }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();
  const created = await db.transaction().execute(async (trx) => {
    const cities = await trx.selectFrom('cities').select(['id', 'short_name']).execute();
    const cityId = (short: string) => cities.find((c) => c.short_name === short)?.id ?? null;
    let count = 0;
    for (const p of people) {
      const exists = await trx.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(p.email)).executeTakeFirst();
      if (exists) continue;
      const person = await trx
        .insertInto('persons')
        .values({ name: p.name, name_folded: foldText(p.name), email: p.email, email_normalized: normalizeEmail(p.email), job_function: p.jobFunction, city_id: cityId(p.city), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('users').values({ person_id: person.id, password_hash: passwordHash, role: p.role, active: 1, created_at: at }).execute();
      count += 1;
    }
    return count;
  });
  const logins = people.filter((p) => p.role !== 'member').concat(people.filter((p) => p.role === 'member').slice(0, 3));
  return { created, logins: logins.map(({ name, email, role }) => ({ name, email, role })) };
}

export const DEMO_PEOPLE_COUNT = people.length;
