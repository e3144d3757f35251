import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { MinutesLink, QueueItem, QueueMeeting } from '../../src/queue/queue.js';
import { Content } from '../components.js';

/** What a line of the queue says and where it leads. */
function line(t: Translate, fmt: Formatters, item: QueueItem): { href: string; text: string; meeting?: QueueMeeting } {
  switch (item.kind) {
    case 'submissions':
      return { href: '/admin/directory', text: t('queue.submissions', { count: item.count }) };
    case 'changes':
      return { href: '/admin/directory', text: t('queue.changes', { count: item.count }) };
    case 'staleEntries':
      return { href: '/admin/directory', text: t('queue.staleEntries', { count: item.count }) };
    case 'programmesUnchecked':
      return { href: '/admin/programmes', text: t('queue.programmesUnchecked', { count: item.count, months: item.months }) };
    case 'adviceRequest':
      return { href: `/admin/advice/${item.request.id}`, text: t(item.request.mine ? 'queue.adviceMine' : 'queue.adviceNew', { organisation: item.request.organisation, programme: item.request.programme }) };
    case 'projectDeadlineOverdue':
      return { href: `/projects/${item.project.id}#deadlines`, text: t('queue.projectDeadlineOverdue', { project: item.project.name, title: item.title, date: fmt.date(`${item.dueOn}T12:00:00Z`) }) };
    case 'failedMails':
      return { href: '/admin/outbox', text: t('queue.failedMails', { count: item.count }) };
    case 'uninvited':
      return { href: `/meetings/${item.meeting.id}`, text: t('queue.uninvited'), meeting: item.meeting };
    case 'repliesMissing':
      return { href: `/meetings/${item.meeting.id}#replies`, text: t('queue.repliesMissing', { count: item.count }), meeting: item.meeting };
    case 'noMinutes':
      return { href: `/meetings/${item.meeting.id}/minutes`, text: t('queue.noMinutes'), meeting: item.meeting };
    case 'draftStuck':
      return { href: `/meetings/${item.meeting.id}/minutes`, text: t('queue.draftStuck', { date: fmt.date(item.since) }), meeting: item.meeting };
    case 'newComments':
      return { href: `/meetings/${item.meeting.id}/minutes`, text: t('queue.newComments', { count: item.count }), meeting: item.meeting };
    case 'approvalDue':
      return { href: `/meetings/${item.meeting.id}/minutes`, text: t('queue.approvalDue'), meeting: item.meeting };
    case 'overdueActions':
      return { href: `/actions?filtered=1&group=${encodeURIComponent(item.group.slug)}&overdue=1`, text: t('queue.overdueActions', { count: item.count, group: item.group.name }) };
  }
}

/** WorkQueue: what waits for staff and organisers, most overdue first; nothing when nothing waits. */
export function WorkQueue({ t, fmt, items }: { t: Translate; fmt: Formatters; items: QueueItem[] }) {
  return (
    <section class="section" aria-labelledby="work-queue">
      <h2 id="work-queue">{t('queue.title')}</h2>
      {items.length === 0 ? (
        <p class="empty-state">{t('queue.empty')}</p>
      ) : (
        <ul class="link-list work-queue">
          {items.map((item) => {
            const { href, text, meeting } = line(t, fmt, item);
            return (
              <li>
                <a href={href}>
                  {meeting ? (
                    <>
                      <Content t={t}>{meeting.title}</Content>
                      {` (${meeting.group_name}, ${fmt.date(meeting.starts_at)}): `}
                    </>
                  ) : null}
                  {text}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** MinutesLinks: minutes out for comment, or approved lately, each linking its page. */
export function MinutesLinks({ t, fmt, id, title, rows, note }: { t: Translate; fmt: Formatters; id: string; title: string; rows: MinutesLink[]; note: 'queue.circulatedOn' | 'queue.approvedOn' }) {
  if (rows.length === 0) return null;
  return (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="link-list">
        {rows.map((r) => (
          <li>
            <a href={`/meetings/${r.meeting_id}/minutes`}>
              <Content t={t}>{r.title}</Content> ({r.group_name}, {fmt.date(r.starts_at)})
            </a>{' '}
            {r.at ? <span class="meta">{t(note, { date: fmt.date(r.at) })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
