import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The demo's advice requests (issue #19): one in each state the staff meet (new, assigned, answered,
 * closed), on the demo's programmes, received a few days ago. The associations and people are invented,
 * with addresses on the demo's domains; the answers are stored as the hub keeps them (no mail is queued:
 * the demo sends nothing).
 */
interface DemoRequest {
  programme: string;
  organisation: string;
  contact: string;
  email: string;
  phone?: string;
  idea: string;
  question: string;
  lang?: string;
  /** Days ago it came in. */
  ago: number;
  assignee?: string;
  answer?: { subject: string; body: string; ago: number };
  closed?: { ago: number; note: string };
}

const REQUESTS: DemoRequest[] = [
  {
    programme: 'Integration durch Sport',
    organisation: 'Afghanischer Kulturverein Hilden e. V.',
    contact: 'Ahmad Haidari',
    email: 'ahmad.haidari@afghanischer-kulturverein.demo',
    idea: 'Eine Fußballgruppe für Jugendliche aus Geflüchtetenfamilien, zweimal in der Woche in der Halle an der Schulstraße.',
    question: 'Können wir als Kulturverein Stützpunktverein werden, oder braucht es dafür einen Sportverein als Partner?',
    ago: 1,
  },
  {
    programme: 'AMIF – Asyl-, Migrations- und Integrationsfonds',
    organisation: 'Frauencafé Mosaik Velbert',
    contact: 'Derya Sonnenfeld',
    email: 'derya.sonnenfeld@frauencafe-mosaik.demo',
    phone: '02051 998877',
    idea: 'Sprach- und Orientierungskurse für neu zugewanderte Frauen mit Kinderbetreuung.',
    question: 'Wie hoch muss unser Eigenanteil sein, und können Ehrenamtsstunden angerechnet werden?',
    ago: 4,
    assignee: 'geschaeftsstelle@demo.arbeitskreis-hub.de',
  },
  {
    programme: 'ESF Plus – Förderprogramme des Bundes',
    organisation: 'Syrisch-Deutscher Kulturverein Monheim e. V.',
    contact: 'Samir Haddad',
    email: 'samir.haddad@syrischer-verein.demo',
    idea: 'Ein Mentoringprogramm, das Geflüchtete beim Einstieg in eine Ausbildung begleitet.',
    question: 'Reicht eine Interessenbekundung, oder müssen wir gleich einen Vollantrag stellen?',
    lang: 'ar',
    ago: 9,
    assignee: 'ayse.demir@demo.arbeitskreis-hub.de',
    answer: {
      subject: 'Ihre Anfrage zu „ESF Plus – Förderprogramme des Bundes“',
      body: 'Guten Tag Herr Haddad,\n\nzunächst genügt die Interessenbekundung; erst nach der Aufforderung folgt der Vollantrag. Gern sehen wir uns Ihre Skizze vorher an.\n\nMit freundlichen Grüßen',
      ago: 6,
    },
  },
  {
    programme: 'Bundesprogramm „Demokratie leben!“ – Partnerschaften für Demokratie',
    organisation: 'Jugendtreff Regenbogen Erkrath',
    contact: 'Lena Morgenroth',
    email: 'lena.morgenroth@jugendtreff-regenbogen.demo',
    idea: 'Ein Theaterprojekt gegen Alltagsrassismus mit Schülerinnen und Schülern.',
    question: 'Bis wann müssen wir den Antrag einreichen, und wer ist im Kreis Ansprechperson?',
    ago: 30,
    assignee: 'geschaeftsstelle@demo.arbeitskreis-hub.de',
    answer: {
      subject: 'Ihre Anfrage zu „Demokratie leben!“',
      body: 'Guten Tag Frau Morgenroth,\n\ndie Frist steht auf der Seite des Programms; Ansprechperson ist die Koordinierungsstelle der Partnerschaft für Demokratie. Wir haben Ihnen den Kontakt vermittelt.\n\nMit freundlichen Grüßen',
      ago: 27,
    },
    closed: { ago: 20, note: 'Kontakt zur Koordinierungsstelle vermittelt; Antrag ist eingereicht.' },
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** seedAdviceDemo writes the demo's advice requests (after the programmes and accounts exist). */
export async function seedAdviceDemo(trx: Kysely<Database>, now: Date): Promise<void> {
  const [programmes, users, organisations] = await Promise.all([
    trx.selectFrom('programmes').select(['id', 'name']).execute(),
    trx.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id', 'persons.name', 'persons.email']).execute(),
    trx.selectFrom('organisations').select(['id', 'name']).where('status', '=', 'published').execute(),
  ]);
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  for (const r of REQUESTS) {
    const programme = programmes.find((p) => p.name === r.programme);
    if (!programme) continue;
    const assignee = users.find((u) => u.email === r.assignee);
    const created = ago(r.ago);
    const row = await trx
      .insertInto('advice_requests')
      .values({
        programme_id: programme.id,
        organisation_id: organisations.find((o) => o.name === r.organisation)?.id ?? null,
        organisation_name: r.organisation,
        contact_name: r.contact,
        contact_email: r.email,
        contact_phone: r.phone ?? null,
        idea: r.idea,
        question: r.question,
        lang: r.lang ?? 'de',
        consent_at: created,
        status: r.closed ? 'closed' : 'open',
        assigned_user_id: assignee?.id ?? null,
        assigned_at: assignee ? ago(r.ago - 0.5) : null,
        answered_at: r.answer ? ago(r.answer.ago) : null,
        closed_at: r.closed ? ago(r.closed.ago) : null,
        close_note: r.closed?.note ?? null,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const log = (action: string, at: string, actor: number | null, after: unknown) =>
      trx.insertInto('audit_log').values({ at, actor_user_id: actor, action, entity_type: 'advice_request', entity_id: String(row.id), before_json: null, after_json: JSON.stringify(after) }).execute();
    await log('advice.create', created, null, { programme: programme.name, organisation: r.organisation });
    if (assignee) await log('advice.assign', ago(r.ago - 0.5), assignee.id, { assigned_user_id: assignee.id, assignee: assignee.name });
    if (r.answer) {
      await trx.insertInto('advice_answers').values({ request_id: row.id, sender_user_id: assignee?.id ?? null, subject: r.answer.subject, body: r.answer.body, outbox_id: null, sent_at: ago(r.answer.ago) }).execute();
      await log('advice.answer', ago(r.answer.ago), assignee?.id ?? null, { subject: r.answer.subject });
    }
    if (r.closed) await log('advice.close', ago(r.closed.ago), assignee?.id ?? null, { note: r.closed.note });
  }
}
