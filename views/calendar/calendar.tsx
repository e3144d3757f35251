import type { CalendarData, CalendarMeeting, CalendarQuery } from '../../src/calendar/calendar.js';
import { calendarHref, MY_GROUPS } from '../../src/calendar/calendar.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { dayOf, type Formatters } from '../../src/lib/berlin-time.js';
import { ErrorSummary, Field, Notice, SelectField } from '../components.js';

interface CalendarProps {
  t: Translate;
  fmt: Formatters;
  q: CalendarQuery;
  data: CalendarData;
  signedIn: boolean;
}

/** The htmx attributes of every link and form that changes what the calendar shows (one region swap). */
const swap = { 'hx-target': '#calendar', 'hx-select': '#calendar', 'hx-swap': 'outerHTML', 'hx-push-url': 'true' } as const;

/** CalendarPage: /calendar, a month or a list of the meetings the viewer may see, filterable by group. */
export function CalendarPage(p: CalendarProps) {
  const { t } = p;
  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p>
        {p.signedIn ? (
          <a href="/calendar/feeds">{t('calendar.subscribeLink')}</a>
        ) : (
          <a href="/feeds/public.ics" download>
            {t('calendar.publicFeedLink')}
          </a>
        )}
      </p>
      {/* Tells screen readers which month is shown after an htmx swap (see CalendarFragment). */}
      <p id="calendar-announce" class="visually-hidden" role="status"></p>
      <CalendarRegion {...p} />
    </>
  );
}

/** CalendarRegion: the part that htmx swaps; links keep their ids, so htmx gives focus back to them. */
export function CalendarRegion(p: CalendarProps) {
  const { t, fmt, q, data } = p;
  const label = fmt.monthYear(`${q.month}-01`);
  return (
    <section id="calendar" aria-labelledby="calendar-heading">
      <form method="get" action="/calendar" class="calendar-filter" hx-get="/calendar" hx-trigger="change, submit" {...swap}>
        <input type="hidden" name="month" value={q.month} />
        <SelectField
          t={t}
          name="group"
          label="calendar.filter.group"
          value={q.group}
          options={[
            { value: '', label: t(p.signedIn ? 'calendar.filter.all' : 'calendar.filter.allPublic') },
            ...(p.signedIn ? [{ value: MY_GROUPS, label: t('calendar.filter.mine') }] : []),
            ...data.groups.map((g) => ({ value: g.slug, label: g.name })),
          ]}
        />
        <fieldset class="calendar-filter__view">
          <legend>{t('calendar.view.legend')}</legend>
          <input type="radio" id="view-month" name="view" value="month" checked={q.view === 'month'} />
          <label for="view-month">{t('calendar.view.month')}</label>
          <input type="radio" id="view-list" name="view" value="list" checked={q.view === 'list'} />
          <label for="view-list">{t('calendar.view.list')}</label>
        </fieldset>
        {/* Without JavaScript the filter applies with this button; with htmx it applies on change. */}
        <button type="submit" class="button button--secondary">
          {t('calendar.filter.apply')}
        </button>
      </form>
      <div class="calendar-nav">
        <a id="calendar-prev" href={calendarHref(q, { month: data.prev })} hx-get={calendarHref(q, { month: data.prev })} {...swap}>
          {`← ${fmt.monthYear(`${data.prev}-01`)}`}
        </a>
        <h2 id="calendar-heading">{label}</h2>
        <a id="calendar-next" href={calendarHref(q, { month: data.next })} hx-get={calendarHref(q, { month: data.next })} {...swap}>
          {`${fmt.monthYear(`${data.next}-01`)} →`}
        </a>
      </div>
      <p class="calendar-nav__today">
        <a id="calendar-today" href={calendarHref(q, { month: data.today.slice(0, 7) })} hx-get={calendarHref(q, { month: data.today.slice(0, 7) })} {...swap}>
          {t('calendar.today')}
        </a>
      </p>
      {q.view === 'list' ? <MeetingList {...p} /> : <MonthTable {...p} label={label} />}
      {/* On a narrow screen the month shows only days with meetings: an empty month must say so. */}
      {q.view !== 'list' && !data.meetings.some((m) => dayOf(m.starts_at).startsWith(q.month)) ? <p>{t('calendar.none')}</p> : null}
    </section>
  );
}

/** CalendarFragment: the answer to an htmx request, the region and the new text of the status line. */
export function CalendarFragment(p: CalendarProps) {
  return (
    <>
      <CalendarRegion {...p} />
      <p id="calendar-announce" hx-swap-oob="innerHTML">
        {p.t('calendar.shown', { month: p.fmt.monthYear(`${p.q.month}-01`), count: p.data.meetings.length })}
      </p>
    </>
  );
}

function byDay(meetings: CalendarMeeting[]): Map<string, CalendarMeeting[]> {
  const days = new Map<string, CalendarMeeting[]>();
  for (const m of meetings) {
    const day = dayOf(m.starts_at);
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  return days;
}

function MeetingLink({ t, fmt, m }: { t: Translate; fmt: Formatters; m: CalendarMeeting }) {
  const cancelled = m.status === 'cancelled';
  return (
    <a href={`/meetings/${m.id}`} class={cancelled ? 'calendar-meeting calendar-meeting--cancelled' : 'calendar-meeting'}>
      <span class="calendar-meeting__time">{fmt.time(m.starts_at)}</span> {m.title}
      {cancelled ? <span class="badge">{t('meetings.status.cancelled')}</span> : null}
      {m.answer ? <span class="badge">{t(`answer.${m.answer}`)}</span> : null}
    </a>
  );
}

function MonthTable({ t, fmt, q, data, label }: CalendarProps & { label: string }) {
  const days = byDay(data.meetings);
  const weekdays = data.weeks[0]!;
  return (
    <table class="month">
      <caption class="visually-hidden">{t('calendar.monthCaption', { month: label })}</caption>
      <thead>
        <tr>
          {weekdays.map((d) => {
            const name = fmt.longDay(d).split(',')[0]!;
            return (
              <th scope="col" abbr={name}>
                <span aria-hidden="true">{name.slice(0, 2)}</span>
                <span class="visually-hidden">{name}</span>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {data.weeks.map((week) => (
          <tr>
            {week.map((d) => {
              const inMonth = d.startsWith(q.month);
              const meetings = days.get(d) ?? [];
              const classes = ['month__day', inMonth ? '' : 'month__day--outside', d === data.today ? 'month__day--today' : ''].filter(Boolean).join(' ');
              return (
                <td class={classes}>
                  <time datetime={d} aria-current={d === data.today ? 'date' : undefined}>
                    <span aria-hidden="true">{Number(d.slice(8))}</span>
                    <span class="visually-hidden">{fmt.longDay(d)}</span>
                  </time>
                  {meetings.length ? (
                    <ul>
                      {meetings.map((m) => (
                        <li>
                          <MeetingLink t={t} fmt={fmt} m={m} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MeetingList({ t, fmt, q, data }: CalendarProps) {
  const days = [...byDay(data.meetings)].filter(([d]) => d.startsWith(q.month));
  if (days.length === 0) return <p>{t('calendar.none')}</p>;
  return (
    <ol class="calendar-list">
      {days.map(([d, meetings]) => (
        <li>
          <h3 aria-current={d === data.today ? 'date' : undefined}>{fmt.longDay(d)}</h3>
          <ul>
            {meetings.map((m) => (
              <li>
                <MeetingLink t={t} fmt={fmt} m={m} />
                <span class="calendar-list__meta">
                  {` ${fmt.time(m.starts_at)}–${fmt.time(m.ends_at)} · ${m.group_name}`}
                  {m.location ? ` · ${m.location}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export interface FeedRow {
  id: number;
  scope: 'person' | 'group';
  name: string;
  created_at: string;
  rotated_at: string | null;
  last_used_on: string | null;
  group_name: string | null;
}

/** FeedsPage: /calendar/feeds, the person's subscription URLs and a form to make one. */
export function FeedsPage(p: { t: Translate; fmt: Formatters; feeds: FeedRow[]; scopes: { value: string; label: string }[]; values: Record<string, string>; errors?: FieldErrors; publicUrl: string }) {
  const { t, fmt } = p;
  return (
    <>
      <h1>{t('feeds.title')}</h1>
      <p>{t('feeds.lead')}</p>
      <h2>{t('feeds.mine')}</h2>
      {p.feeds.length === 0 ? (
        <p>{t('feeds.none')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('feeds.mine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feeds.name')}</th>
              <th scope="col">{t('feeds.scope')}</th>
              <th scope="col">{t('feeds.created')}</th>
              <th scope="col">{t('feeds.lastUsed')}</th>
              <th scope="col">{t('feeds.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.feeds.map((f) => (
              <tr>
                <th scope="row">{f.name}</th>
                <td>{f.scope === 'person' ? t('feeds.scope.person') : t('feeds.scope.group', { group: f.group_name ?? '' })}</td>
                <td>{fmt.date(f.rotated_at ?? f.created_at)}</td>
                <td>{f.last_used_on ? fmt.longDay(f.last_used_on) : t('feeds.neverUsed')}</td>
                <td>
                  <form method="post" action={`/calendar/feeds/${f.id}/rotate`} class="inline-form">
                    <button type="submit" class="button button--secondary" aria-label={t('feeds.rotateLabel', { name: f.name })}>
                      {t('feeds.rotate')}
                    </button>
                  </form>{' '}
                  <form method="post" action={`/calendar/feeds/${f.id}/revoke`} class="inline-form">
                    <button type="submit" class="button button--danger" aria-label={t('feeds.revokeLabel', { name: f.name })}>
                      {t('feeds.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-feed">{t('feeds.new')}</h2>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/calendar/feeds" class="form" aria-labelledby="new-feed">
        <Field t={t} name="name" label="feeds.name" value={p.values.name ?? t('feeds.defaultName')} errors={p.errors} required maxlength={100} hint="feeds.nameHint" />
        <SelectField t={t} name="scope" label="feeds.scope" value={p.values.scope ?? 'person'} options={p.scopes} errors={p.errors} required />
        <button type="submit" class="button">
          {t('feeds.create')}
        </button>
      </form>
      <h2>{t('feeds.public')}</h2>
      <p>{t('feeds.publicLead')}</p>
      <p>
        <code>{p.publicUrl}</code>
      </p>
      <Instructions t={t} />
    </>
  );
}

/** FeedCreatedPage: the new URL, shown this once, with the ways to put it into a calendar app. */
export function FeedCreatedPage(p: { t: Translate; name: string; url: string; webcal: string; qr: string }) {
  const { t } = p;
  return (
    <>
      <h1>{t('feeds.created.title', { name: p.name })}</h1>
      <Notice kind="info">{t('feeds.created.once')}</Notice>
      <div class="field">
        <label for="feed-url">{t('feeds.created.url')}</label>
        <input id="feed-url" type="text" readonly value={p.url} class="feed-url" aria-describedby="feed-url-hint" />
        <p class="field__hint" id="feed-url-hint">
          {t('feeds.created.urlHint')}
        </p>
      </div>
      <p>
        <a class="button" href={p.webcal}>
          {t('feeds.created.open')}
        </a>
      </p>
      <figure class="feed-qr">
        <img src={p.qr} width="200" height="200" alt={t('feeds.created.qrAlt')} />
        <figcaption>{t('feeds.created.qr')}</figcaption>
      </figure>
      <Instructions t={t} />
      <p>
        <a href="/calendar/feeds">{t('feeds.back')}</a>
      </p>
    </>
  );
}

function Instructions({ t }: { t: Translate }) {
  const apps = ['outlook', 'google', 'apple', 'thunderbird', 'phone'] as const;
  return (
    <section aria-labelledby="feed-howto">
      <h2 id="feed-howto">{t('feeds.howto')}</h2>
      {apps.map((app) => (
        <details>
          <summary>{t(`feeds.howto.${app}.title`)}</summary>
          <p>{t(`feeds.howto.${app}.text`)}</p>
        </details>
      ))}
      <p>{t('feeds.howto.delay')}</p>
    </section>
  );
}
