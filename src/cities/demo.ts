import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The demo's council data for the ten city pages: the council bodies are the real structure of the
 * Kreis Mettmann (migration 0028, from cities.csv); chairs and contacts are invented (the names say so,
 * the addresses are on the .demo domain). The last election is the NRW local election of 14 September
 * 2025, with which the integration councils are elected; the date of the next one (2030) is not fixed
 * yet, so it stays empty. No link to a council information system: a made-up address would look like a
 * real city's.
 */
const chairs: Record<string, string> = {
  erkrath: 'Erika Beispielfrau',
  hilden: 'Hasan Mustermann',
  'langenfeld-rhld': 'Lina Platzhalter',
  mettmann: 'Milan Musterling',
  'monheim-am-rhein': 'Maria Exempel',
  ratingen: 'Rami Fiktivus',
  velbert: 'Vera Erfunden',
};

export async function seedCityCouncils(trx: Kysely<Database>): Promise<void> {
  const cities = await trx.selectFrom('cities').select(['id', 'slug', 'short_name', 'council_body']).where('retired', '=', 0).execute();
  for (const city of cities) {
    if (!city.council_body) continue;
    const body = city.council_body === 'integrationsrat' ? 'Integrationsrat' : 'Integrationsausschuss';
    const mailbox = city.council_body === 'integrationsrat' ? 'integrationsrat' : 'integrationsausschuss';
    await trx
      .updateTable('cities')
      .set({
        council_last_election: '2025-09-14',
        council_next_election: null,
        council_chair: chairs[city.slug] ? `${chairs[city.slug]} (erfundener Demo-Name)` : null,
        council_contact: `Geschäftsstelle ${body}, Rathaus ${city.short_name}, ${mailbox}@${city.slug}.demo`,
        council_url: null,
      })
      .where('id', '=', city.id)
      .execute();
  }
}
