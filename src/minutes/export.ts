import type { Formatters } from '../lib/berlin-time.js';
import type { Translate } from '../i18n/index.js';
import { retainedNote, type RetainedAttendance } from '../meetings/attendance.js';
import type { AgendaItem, MeetingWithGroup } from '../meetings/meetings.js';
import { decisionLabel } from './decisions.js';
import type { MinutesContent } from './minutes.js';

/**
 * minutesMarkdown: the minutes as plain text in Markdown (the notes are written in it already), for
 * archives and for pasting into other documents.
 */
export function minutesMarkdown(t: Translate, fmt: Formatters, meeting: MeetingWithGroup, items: AgendaItem[], content: MinutesContent, people: Map<number, string>, attendance: { present: string[]; excused: string[]; absent: string[]; guests: string[]; retained?: RetainedAttendance | null }): string {
  // Past the retention period only the numbers are left (src/privacy/retention.ts), as on the page.
  const { retained } = attendance;
  const kept = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const lines = [
    `# ${t('minutes.title')}: ${meeting.title}`,
    '',
    `- ${t('minutes.group')}: ${meeting.group_name}`,
    `- ${t('meetings.day')}: ${fmt.weekday(meeting.starts_at)}, ${fmt.date(meeting.starts_at)}, ${fmt.time(meeting.starts_at)}–${fmt.time(meeting.ends_at)}`,
    ...(meeting.location ? [`- ${t('meetings.place')}: ${[meeting.location, meeting.room].filter(Boolean).join(', ')}`] : []),
    `- ${t('minutes.present')}: ${retained ? kept(retained.counts?.present) : attendance.present.join(', ') || '–'}`,
    `- ${t('minutes.excused')}: ${retained ? kept(retained.counts?.excused) : attendance.excused.join(', ') || '–'}`,
    ...(retained ? [] : [`- ${t('minutes.absent')}: ${attendance.absent.join(', ') || '–'}`, `- ${t('attendance.count.guests')}: ${attendance.guests.join(', ') || '–'}`]),
    ...(retained?.counts ? [`- ${t('attendance.count.guests')}: ${retained.counts.guests}`] : []),
    ...(retained ? [`- ${retainedNote(t, fmt, retained)}`] : []),
    ...(content.minutes?.minute_taker ? [`- ${t('minutes.minuteTaker')}: ${content.minutes.minute_taker}`] : []),
    `- ${t('actions.status')}: ${t(`minutes.status.${content.minutes?.status ?? 'draft'}`)}`,
    '',
  ];
  items.forEach((item, i) => {
    lines.push(`## ${t('meetings.top', { n: i + 1 })}: ${item.title}`, '');
    const notes = content.notes.get(item.id);
    if (notes) lines.push(notes, '');
    const decisions = content.decisions.filter((d) => d.agenda_item_id === item.id);
    if (decisions.length) {
      lines.push(`### ${t('minutes.decisions')}`, '');
      for (const d of decisions) {
        const votes = d.votes_yes ?? d.votes_no ?? d.votes_abstain ?? null;
        const label = decisionLabel(d);
        lines.push(`- ${label ? `${label}: ` : ''}${d.text}${votes !== null ? ` (${t('minutes.yes')} ${d.votes_yes ?? 0}, ${t('minutes.no')} ${d.votes_no ?? 0}, ${t('minutes.abstain')} ${d.votes_abstain ?? 0})` : ''}`);
      }
      lines.push('');
    }
    const actions = content.actions.filter((a) => a.agenda_item_id === item.id);
    if (actions.length) {
      lines.push(`### ${t('minutes.actions')}`, '');
      for (const a of actions) {
        const who = [a.responsible_person_id ? people.get(a.responsible_person_id) : null, a.responsible_organisation].filter(Boolean).join(', ');
        lines.push(`- ${a.description}${who ? ` – ${who}` : ''}${a.due_on ? ` – ${t('minutes.due')} ${fmt.date(`${a.due_on}T12:00:00Z`)}` : ''}`);
      }
      lines.push('');
    }
  });
  return lines.join('\n');
}
