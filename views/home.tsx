import type { SessionUser } from '../src/auth/sessions.js';
import type { Formatters } from '../src/lib/berlin-time.js';
import type { Translate } from '../src/i18n/index.js';
import type { ListedMeeting } from '../src/meetings/meetings.js';
import type { ActionRow } from '../src/minutes/actions.js';
import { Content, contentLang } from './components.js';
import type { Portal } from '../src/home/portal.js';
import { MeetingList } from './meetings/meetings.js';
import { MinutesLinks, WorkQueue } from './queue/work-queue.js';
import type { MinutesLink, QueueItem } from '../src/queue/queue.js';
import { OpenPolls } from './polls/dashboard.js';
import { deadlineText } from './programmes/labels.js';

/**
 * LandingPage: the home page for visitors: a way into the directory (search, the fields of action),
 * the next public dates, the cities, the call to register a missing organisation, the office's
 * contacts, and the sign-in for members. Names from the data (fields, cities, meetings) are German
 * (or English) and marked so where the page speaks another language.
 */
export function LandingPage({ t, fmt, districtName, portal }: { t: Translate; fmt: Formatters; districtName: string; portal: Portal }) {
  return (
    <>
      <h1>{t('home.portal.title', { district: districtName })}</h1>
      <p class="lead">{t('home.portal.lead', { district: districtName })}</p>
      <form method="get" action="/directory" class="portal-search" role="search" aria-label={t('home.portal.searchLabel')}>
        <div class="field">
          <label for="portal-q">{t('home.portal.search')}</label>
          <input id="portal-q" type="search" name="q" maxlength={200} autocomplete="off" />
        </div>
        <button type="submit" class="button">
          {t('home.portal.searchButton')}
        </button>
      </form>

      <section aria-labelledby="portal-fields">
        <h2 id="portal-fields">{t('home.portal.fields')}</h2>
        <p>{t('home.portal.fieldsLead')}</p>
        <ul class="portal-tiles">
          {portal.fields.map((f) => (
            <li>
              <a href={`/directory?field=${f.id}`} lang={f.label === f.name ? contentLang(t) : undefined}>
                {f.label}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/directory">{t('home.portal.allEntries')}</a>
          {' · '}
          <a href="/directory/overview">{t('home.portal.overview')}</a>
        </p>
      </section>

      <section class="portal-callout" aria-labelledby="portal-register">
        <h2 id="portal-register">{t('home.portal.registerTitle')}</h2>
        <p>{t('home.portal.registerText')}</p>
        <p>
          <a class="button" href="/directory/new">
            {t('home.portal.registerButton')}
          </a>
        </p>
      </section>

      <section aria-labelledby="portal-dates">
        <h2 id="portal-dates">{t('home.portal.dates')}</h2>
        {portal.dates.length === 0 ? (
          <p class="empty-state">{t('home.portal.noDates')}</p>
        ) : (
          <ul class="link-list">
            {portal.dates.map((m) => (
              <li>
                <time datetime={m.starts_at}>{`${fmt.weekday(m.starts_at)}, ${fmt.dateTime(m.starts_at)}`}</time>
                {': '}
                <Content t={t} isolate>
                  {m.title}
                </Content>
                {' ('}
                <Content t={t} isolate>
                  {m.group_name}
                </Content>
                {')'}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/calendar">{t('home.portal.calendar')}</a>
        </p>
      </section>

      <section aria-labelledby="portal-programmes">
        <h2 id="portal-programmes">{t('programmes.home.title')}</h2>
        {portal.programmes.length === 0 ? (
          <p class="empty-state">{t('programmes.none')}</p>
        ) : (
          <ul class="link-list">
            {portal.programmes.map((p) => (
              <li>
                <a href={`/programmes/${p.id}`}>
                  <Content t={t} isolate>
                    {p.name}
                  </Content>
                </a>
                {` – ${deadlineText(t, fmt, p, portal.today)}`}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/programmes">{t('programmes.home.all')}</a>
        </p>
      </section>

      <section aria-labelledby="portal-cities">
        <h2 id="portal-cities">{t('home.portal.cities')}</h2>
        <ul class="portal-cities">
          {portal.cities.map((city) => (
            <li>
              <a href={`/cities/${city.slug}`} lang={contentLang(t)}>
                {city.name}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/cities">{t('home.portal.allCities')}</a>
        </p>
        <p>
          <a href="/statistics">{t('statistics.title')}</a>
        </p>
      </section>

      <section aria-labelledby="portal-contact">
        <h2 id="portal-contact">{t('home.portal.contact')}</h2>
        <p>{t('home.portal.contactText')}</p>
        <p>
          <a href="/contact">{t('home.portal.contactLink')}</a>
        </p>
      </section>

      <section aria-labelledby="portal-members">
        <h2 id="portal-members">{t('home.portal.members')}</h2>
        <p>{t('home.landing.lead', { district: districtName })}</p>
        <p>{t('home.landing.members')}</p>
        <p>
          <a class="button" href="/login">
            {t('nav.login')}
          </a>
        </p>
      </section>
    </>
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
