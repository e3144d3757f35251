import type { SessionUser } from '../src/auth/sessions.js';
import type { Formatters } from '../src/lib/berlin-time.js';
import type { Translate } from '../src/i18n/index.js';
import type { ListedMeeting } from '../src/meetings/meetings.js';
import type { ActionRow } from '../src/minutes/actions.js';
import { contentLang } from './components.js';
import { MeetingList } from './meetings/meetings.js';
import { MinutesLinks, WorkQueue } from './queue/work-queue.js';
import type { MinutesLink, QueueItem } from '../src/queue/queue.js';
import { OpenPolls } from './polls/dashboard.js';

export function LandingPage({ t, districtName }: { t: Translate; districtName: string }) {
  return (
    <section>
      <h1>{t('app.name')}</h1>
      <p class="lead">{t('home.landing.lead', { district: districtName })}</p>
      <p>{t('home.landing.members')}</p>
      <p>
        <a class="button" href="/login">
          {t('nav.login')}
        </a>
      </p>
    </section>
  );
}

export function DashboardPage(p: {
  t: Translate;
  fmt: Formatters;
  user: SessionUser;
  groups: { slug: string; name: string; roleLabel: string }[];
  meetings: ListedMeeting[];
  invitations: ListedMeeting[];
  actions: ActionRow[];
  today: string;
  /** The work queue, for those who manage a group or the office's lists; null for everyone else. */
  queue: QueueItem[] | null;
  minutes: { circulated: MinutesLink[]; approved: MinutesLink[] };
  polls: { id: number; title: string; group_name: string; answered: boolean }[];
}) {
  const { t, fmt, user, groups, meetings } = p;
  return (
    <section>
      <h1>{t('home.dashboard.title', { name: user.name })}</h1>
      <p class="lead">{t('home.dashboard.lead')}</p>
      {p.queue ? <WorkQueue t={t} fmt={fmt} items={p.queue} /> : null}
      {p.invitations.length ? (
        <>
          <h2>{t('home.dashboard.invitations')}</h2>
          <MeetingList t={t} fmt={fmt} meetings={p.invitations} empty="" />
        </>
      ) : null}
      <OpenPolls t={t} polls={p.polls} />
      {p.actions.length ? (
        <>
          <h2>{t('home.dashboard.actions')}</h2>
          <ul class="link-list">
            {p.actions.map((a) => (
              <li>
                <a href="/actions?filtered=1&mine=1" lang={contentLang(t)}>
                  {a.description}
                </a>
                {a.due_on ? ` – ${t('minutes.due')} ${fmt.date(`${a.due_on}T12:00:00Z`)}` : ''}
                {a.due_on && a.due_on < p.today ? <strong> ({t('actions.overdue')})</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <MinutesLinks t={t} fmt={fmt} id="minutes-circulated" title={t('queue.circulated')} rows={p.minutes.circulated} note="queue.circulatedOn" />
      <MinutesLinks t={t} fmt={fmt} id="minutes-approved" title={t('queue.approved')} rows={p.minutes.approved} note="queue.approvedOn" />
      <h2>{t('home.dashboard.meetings')}</h2>
      <MeetingList t={t} fmt={fmt} meetings={meetings} empty={t('home.dashboard.noMeetings')} />
      <h2>{t('home.dashboard.groups')}</h2>
      {groups.length === 0 ? (
        <p class="empty-state">{t('home.dashboard.noGroups')}</p>
      ) : (
        <ul class="link-list">
          {groups.map((g) => (
            <li>
              <a href={`/groups/${g.slug}`}>{g.name}</a> ({g.roleLabel})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
