import type { Formatters } from '../../src/lib/berlin-time.js';
import { Content } from '../components.js';
import type { Translate } from '../../src/i18n/index.js';
import type { ListedMeeting, Meeting } from '../../src/meetings/meetings.js';

/** when: "Mittwoch, 18.11.2026, 18:00–20:00 Uhr" in Europe/Berlin. */
export function when(t: Translate, fmt: Formatters, m: Pick<Meeting, 'starts_at' | 'ends_at'>): string {
  return t('meetings.when', { weekday: fmt.weekday(m.starts_at), date: fmt.date(m.starts_at), start: fmt.time(m.starts_at), end: fmt.time(m.ends_at) });
}

/** MeetingList: meetings as links with date and place; cancelled ones marked. */
export function MeetingList({ t, fmt, meetings, empty, linked = true }: { t: Translate; fmt: Formatters; meetings: (Omit<ListedMeeting, 'group_name'> & { group_name?: string })[]; empty: string; linked?: boolean }) {
  if (meetings.length === 0) return <p class="empty-state">{empty}</p>;
  return (
    <ul class="link-list">
      {meetings.map((m) => (
        <li>
          {linked ? <a href={`/meetings/${m.id}`}><Content t={t}>{m.title}</Content></a> : <Content t={t}>{m.title}</Content>}
          {m.group_name ? ` (${m.group_name})` : ''} – {when(t, fmt, m)}
          {m.location ? <>, <Content t={t}>{m.location}</Content></> : ''}
          {m.status === 'cancelled' ? <span class="badge">{t('meetings.status.cancelled')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
