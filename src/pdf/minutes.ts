import { decisionLabel } from '../minutes/decisions.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import type { Site } from '../http/env.js';
import { translator } from '../i18n/index.js';
import { formatters, instantToBerlin } from '../lib/berlin-time.js';
import { listAttendance, listGuests, nameInMinutes, retainedAttendance, retainedNote, type RetainedAttendance } from '../meetings/attendance.js';
import { listAgenda, type AgendaItem, type MeetingWithGroup } from '../meetings/meetings.js';
import { loadMinutes, type Minutes, type MinutesContent } from '../minutes/minutes.js';
import { pdfBuffer } from './document.js';
import { Writer, type Run } from './layout.js';
import { letterhead, readDocumentSite, whenText, type DocumentSite } from './letterhead.js';
import { writeMarkdown } from './markdown.js';

const t = translator('de');
const fmt = formatters('de');

/** Everything the minutes document shows, read in one place (the route and the circulation mail). */
export interface MinutesDocument {
  site: DocumentSite;
  meeting: MeetingWithGroup;
  items: AgendaItem[];
  content: MinutesContent & { minutes: Minutes };
  present: string[];
  excused: string[];
  absent: string[];
  guests: { name: string; organisation: string | null }[];
  /** Past the retention period: the kept numbers instead of names (as on the page). */
  retained: RetainedAttendance | null;
  responsible: Map<number, string>;
  chair: string | null;
  approvedIn: string | null;
  /** The number of the last kept version ("Fassung 2"); null before the minutes first went out. */
  keptVersion: number | null;
}

/** loadMinutesDocument: the minutes of a meeting with what their header needs; null when there are none. */
export async function loadMinutesDocument(db: Kysely<Database>, meeting: MeetingWithGroup, now: Date, retentionMonths: number): Promise<MinutesDocument | null> {
  const content = await loadMinutes(db, meeting.id);
  if (!content.minutes) return null;
  const day = instantToBerlin(meeting.starts_at).day;
  const retained = await retainedAttendance(db, meeting, now, retentionMonths);
  const responsibleIds = [...new Set(content.actions.map((a) => a.responsible_person_id).filter((id): id is number => id !== null))];
  const approvedId = content.minutes.approved_in_meeting_id;
  const [site, items, attendance, guests, responsible, chair, approvedIn, kept] = await Promise.all([
    readDocumentSite(db),
    listAgenda(db, meeting.id),
    retained ? [] : listAttendance(db, meeting.id, meeting.group_id, day),
    retained ? [] : listGuests(db, meeting.id),
    responsibleIds.length ? db.selectFrom('persons').select(['id', 'name']).where('id', 'in', responsibleIds).execute() : [],
    db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select('persons.name')
      .where('memberships.group_id', '=', meeting.group_id)
      .where('memberships.role', '=', 'chair')
      .where(currentOn(day))
      .orderBy('persons.name_folded')
      .executeTakeFirst(),
    approvedId ? db.selectFrom('meetings').select(['title', 'starts_at']).where('id', '=', approvedId).executeTakeFirst() : undefined,
    // The version people see ("Fassung 2") is the kept one's number; minutes.version counts saves.
    db.selectFrom('minutes_versions').select((eb) => eb.fn.max('version').as('n')).where('minutes_id', '=', content.minutes.id).executeTakeFirst(),
  ]);
  const recorded = attendance.filter((a) => a.recorded);
  const named = (status: string) => recorded.filter((a) => a.status === status).map((a) => nameInMinutes(t, a));
  return {
    site,
    meeting,
    items,
    content: content as MinutesContent & { minutes: Minutes },
    present: named('present'),
    excused: named('excused'),
    absent: named('absent'),
    guests: guests.map((g) => ({ name: g.name, organisation: g.organisation })),
    retained,
    responsible: new Map(responsible.map((p) => [p.id, p.name])),
    chair: chair?.name ?? null,
    approvedIn: approvedIn ? `${approvedIn.title}, ${fmt.date(approvedIn.starts_at)}` : null,
    keptVersion: kept?.n ? Number(kept.n) : null,
  };
}

/** header: the facts under the title; past the retention period the kept numbers instead of names. */
function header(w: Writer, root: PDFKit.PDFStructureElement, d: MinutesDocument): void {
  const m = d.meeting;
  const minutes = d.content.minutes;
  const list = (names: string[]) => names.join(', ') || '–';
  const rows: [string, string][] = [
    [t('minutes.group'), m.group_name],
    [t('meetings.day'), whenText(t, fmt, m)],
  ];
  if (m.location || m.room) rows.push([t('meetings.place'), [m.location, m.room].filter(Boolean).join(', ')]);
  if (d.retained) {
    const kept = (n: number | undefined) => (n === undefined ? '–' : String(n));
    rows.push([t('minutes.present'), kept(d.retained.counts?.present)], [t('minutes.excused'), kept(d.retained.counts?.excused)], [t('pdf.minutes.absent'), kept(d.retained.counts?.absent)], [t('pdf.minutes.guests'), kept(d.retained.counts?.guests)]);
  } else {
    rows.push(
      [t('minutes.present'), list(d.present)],
      [t('minutes.excused'), list(d.excused)],
      [t('pdf.minutes.absent'), list(d.absent)],
      [t('pdf.minutes.guests'), list(d.guests.map((g) => (g.organisation ? `${g.name} (${g.organisation})` : g.name)))],
    );
  }
  if (minutes.minute_taker) rows.push([t('pdf.minutes.taker'), minutes.minute_taker]);
  // A draft has no version yet: versions are kept when the minutes go out and when they are approved.
  rows.push([t('pdf.minutes.state'), minutes.status !== 'draft' && d.keptVersion ? t('pdf.minutes.stateValue', { status: t(`minutes.status.${minutes.status}`), version: d.keptVersion }) : t(`minutes.status.${minutes.status}`)]);
  if (minutes.status === 'approved' && minutes.approved_at) rows.push([t('pdf.minutes.approval'), t('pdf.minutes.approved', { date: fmt.date(minutes.approved_at), meeting: d.approvedIn ? ` (${d.approvedIn})` : '' })]);
  w.facts(root, rows);
  if (d.retained) w.paragraph(root, retainedNote(t, fmt, d.retained), { size: 9, color: '#444444' });
}

/**
 * minutesPdf: a meeting's minutes as a tagged PDF: the header (group, date, place, who was present,
 * excused and absent, the guests, state and version), per TOP the notes (Markdown as headings,
 * paragraphs and lists), the decisions with their votes and the action items, and signature lines
 * for the chair and the minute-taker. Callers check that the reader may read the minutes.
 */
export function minutesPdf(d: MinutesDocument): Promise<Buffer> {
  const m = d.meeting;
  const title = `${t('minutes.title')}: ${m.title}`;
  return pdfBuffer(`${title} (${fmt.date(m.starts_at)})`, (doc, root) => {
    const w = new Writer(doc);
    letterhead(w, root, d.site, t('pdf.date', { date: fmt.date(d.content.minutes.updated_at) }));
    w.heading(root, 1, title);
    header(w, root, d);
    d.items.forEach((item, i) => {
      const section = doc.struct('Sect');
      root.add(section);
      w.heading(section, 2, `${t('meetings.top', { n: i + 1 })}: ${item.title}`, { gapBefore: 10 });
      const notes = d.content.notes.get(item.id);
      if (notes?.trim()) writeMarkdown(w, section, notes);
      const decisions = d.content.decisions.filter((x) => x.agenda_item_id === item.id);
      if (decisions.length) {
        w.heading(section, 3, t('minutes.decisions'), { gapBefore: 4 });
        w.list(
          section,
          decisions.map((x, n) => ({
            label: decisionLabel(x) ?? `${n + 1}.`,
            write: (body, column) => {
              const voted = x.votes_yes !== null || x.votes_no !== null || x.votes_abstain !== null;
              const runs: Run[] = [{ text: x.text }];
              if (voted) runs.push({ text: ` – ${t('pdf.minutes.votes', { yes: x.votes_yes ?? 0, no: x.votes_no ?? 0, abstain: x.votes_abstain ?? 0 })}`, italic: true });
              column.paragraph(body, runs, { gap: 3 });
            },
          })),
          { labelWidth: 48 },
        );
      }
      const actions = d.content.actions.filter((a) => a.agenda_item_id === item.id);
      if (actions.length) {
        w.heading(section, 3, t('minutes.actions'), { gapBefore: 4 });
        w.table(
          section,
          [t('minutes.action'), t('pdf.minutes.responsible'), t('minutes.due'), t('actions.status')],
          actions.map((a) => [
            a.description,
            [a.responsible_person_id ? d.responsible.get(a.responsible_person_id) : null, a.responsible_organisation].filter(Boolean).join(', ') || '–',
            a.due_on ? fmt.date(`${a.due_on}T12:00:00Z`) : '–',
            t(`actions.${a.status}`),
          ]),
          { widths: ['*', 130, 70, 60] },
        );
      }
      section.end();
    });
    const signatures = doc.struct('Sect');
    root.add(signatures);
    w.heading(signatures, 2, t('pdf.minutes.signatures'), { gapBefore: 16 });
    w.signatures(signatures, [
      `${t('pdf.minutes.placeDate')}, ${t('pdf.minutes.chair')}${d.chair ? ` (${d.chair})` : ''}`,
      `${t('pdf.minutes.placeDate')}, ${t('pdf.minutes.taker')}${d.content.minutes.minute_taker ? ` (${d.content.minutes.minute_taker})` : ''}`,
    ]);
    signatures.end();
  });
}
