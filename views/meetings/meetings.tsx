import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AgendaItem, Meeting, MeetingWithGroup } from '../../src/meetings/meetings.js';
import { CheckboxField, ErrorSummary, Field, Notice, TextareaField } from '../components.js';

/** when: "Mittwoch, 18.11.2026, 18:00–20:00 Uhr" in Europe/Berlin. */
export function when(t: Translate, fmt: Formatters, m: Pick<Meeting, 'starts_at' | 'ends_at'>): string {
  return t('meetings.when', { weekday: fmt.weekday(m.starts_at), date: fmt.date(m.starts_at), start: fmt.time(m.starts_at), end: fmt.time(m.ends_at) });
}

/** MeetingList: meetings as links with date and place; cancelled ones marked. */
export function MeetingList({ t, fmt, meetings, empty, linked = true }: { t: Translate; fmt: Formatters; meetings: (Meeting & { group_name?: string })[]; empty: string; linked?: boolean }) {
  if (meetings.length === 0) return <p class="empty-state">{empty}</p>;
  return (
    <ul class="link-list">
      {meetings.map((m) => (
        <li>
          {linked ? <a href={`/meetings/${m.id}`}>{m.title}</a> : m.title}
          {m.group_name ? ` (${m.group_name})` : ''} – {when(t, fmt, m)}
          {m.location ? `, ${m.location}` : ''}
          {m.status === 'cancelled' ? <span class="badge">{t('meetings.status.cancelled')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function MeetingFormPage(p: { t: Translate; title: string; action: string; cancel: string; values: Record<string, string>; errors?: FieldErrors; isNew: boolean }) {
  const { t, values, errors } = p;
  return (
    <section>
      <h1>{p.title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" value={values.title} errors={errors} required maxlength={300} />
        <Field t={t} name="day" label="meetings.day" type="date" value={values.day} errors={errors} required />
        <div class="field-row">
          <Field t={t} name="start_time" label="meetings.start" type="time" value={values.start_time ?? '18:00'} errors={errors} required />
          <Field t={t} name="end_time" label="meetings.end" type="time" value={values.end_time ?? '20:00'} errors={errors} required />
        </div>
        <Field t={t} name="location" label="meetings.location" value={values.location} errors={errors} maxlength={300} />
        <Field t={t} name="room" label="meetings.room" value={values.room} errors={errors} maxlength={200} />
        <Field t={t} name="online_url" label="meetings.onlineLabel" type="url" value={values.online_url} errors={errors} maxlength={1000} />
        {p.isNew ? <CheckboxField t={t} name="default_agenda" label="meetings.defaultAgenda" checked={values.default_agenda !== 'off'} /> : null}
        <div class="form__actions">
          <button type="submit" class="button">
            {p.isNew ? t('meetings.new') : t('form.save')}
          </button>
          <a href={p.cancel}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

function AgendaList({ t, items }: { t: Translate; items: AgendaItem[] }) {
  if (items.length === 0) return <p class="empty-state">{t('meetings.noAgenda')}</p>;
  return (
    <ol class="agenda">
      {items.map((item, i) => (
        <li>
          <strong>{t('meetings.top', { n: i + 1 })}: </strong>
          {item.title}
          {item.presenter || item.planned_minutes ? (
            <span class="meta">
              {' ('}
              {[item.presenter, item.planned_minutes ? t('meetings.minutesShort', { minutes: item.planned_minutes }) : null].filter(Boolean).join(', ')}
              {')'}
            </span>
          ) : null}
          {item.description ? <p class="pre-line">{item.description}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function MeetingPage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; agenda: AgendaItem[] | null; canManage: boolean; cancelErrors?: FieldErrors }) {
  const { t, fmt, meeting } = p;
  return (
    <article>
      <p>
        <a href={`/groups/${meeting.group_slug}`}>← {meeting.group_name}</a>
      </p>
      <h1>
        {meeting.title} <span class="badge">{t(`meetings.status.${meeting.status}`)}</span>
      </h1>
      {meeting.status === 'cancelled' ? <Notice kind="error">{t('meetings.cancelledNotice', { reason: meeting.cancel_reason ?? '' })}</Notice> : null}
      <dl class="entry-facts">
        <dt>{t('meetings.day')}</dt>
        <dd>{when(t, fmt, meeting)}</dd>
        {meeting.location || meeting.room ? (
          <>
            <dt>{t('meetings.place')}</dt>
            <dd>{[meeting.location, meeting.room].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        {meeting.online_url && p.agenda ? (
          <>
            <dt>{t('meetings.online')}</dt>
            <dd>
              <a href={meeting.online_url} rel="noopener">
                {meeting.online_url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {p.canManage && meeting.status !== 'cancelled' ? (
        <div class="toolbar">
          <a class="button button--secondary" href={`/meetings/${meeting.id}/edit`}>
            {t('meetings.edit')}
          </a>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/agenda`}>
            {t('meetings.editAgenda')}
          </a>
        </div>
      ) : null}
      {p.agenda ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t('meetings.agenda')}</h2>
          <AgendaList t={t} items={p.agenda} />
        </section>
      ) : null}
      {p.canManage && meeting.status !== 'cancelled' ? (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{t('meetings.cancel')}</h2>
          <ErrorSummary t={t} errors={p.cancelErrors} level={3} />
          <form method="post" action={`/meetings/${meeting.id}/cancel`} class="form" novalidate>
            <Field t={t} name="reason" label="meetings.cancelReason" errors={p.cancelErrors} required maxlength={1000} />
            <div class="form__actions">
              <button type="submit" class="button button--danger">
                {t('meetings.cancel')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </article>
  );
}

export function AgendaPage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; items: AgendaItem[]; values: Record<string, string>; errors?: FieldErrors }) {
  const { t, meeting, items } = p;
  const base = `/meetings/${meeting.id}/agenda`;
  return (
    <section>
      <p>
        <a href={`/meetings/${meeting.id}`}>← {meeting.title}</a>
      </p>
      <h1>
        {t('meetings.agenda')}: {meeting.title}
      </h1>
      <p class="meta">{when(t, p.fmt, meeting)}</p>
      {items.length === 0 ? (
        <p class="empty-state">{t('meetings.noAgenda')}</p>
      ) : (
        <ol class="agenda agenda--edit">
          {items.map((item, i) => (
            <li id={`item-${item.id}`}>
              <details>
                <summary>
                  <strong>{t('meetings.top', { n: i + 1 })}: </strong>
                  {item.title}
                </summary>
                <form method="post" action={`${base}/${item.id}`} class="form" novalidate>
                  <Field t={t} name="title" label="meetings.titleLabel" value={item.title} required maxlength={300} />
                  <TextareaField t={t} name="description" label="meetings.description" value={item.description} maxlength={5000} rows={3} />
                  <Field t={t} name="presenter" label="meetings.presenter" value={item.presenter ?? ''} maxlength={200} />
                  <Field t={t} name="planned_minutes" label="meetings.plannedMinutes" value={item.planned_minutes ? String(item.planned_minutes) : ''} maxlength={3} />
                  <button type="submit" class="button button--small">
                    {t('meetings.itemSave')}
                  </button>
                </form>
              </details>
              <div class="toolbar">
                <form method="post" action={`${base}/${item.id}/move`} class="inline-form">
                  <input type="hidden" name="direction" value="up" />
                  <button type="submit" class="button button--secondary button--small" disabled={i === 0} aria-label={`${t('meetings.up')}: ${t('meetings.top', { n: i + 1 })}`}>
                    ↑ {t('meetings.up')}
                  </button>
                </form>
                <form method="post" action={`${base}/${item.id}/move`} class="inline-form">
                  <input type="hidden" name="direction" value="down" />
                  <button type="submit" class="button button--secondary button--small" disabled={i === items.length - 1} aria-label={`${t('meetings.down')}: ${t('meetings.top', { n: i + 1 })}`}>
                    ↓ {t('meetings.down')}
                  </button>
                </form>
                <form method="post" action={`${base}/${item.id}/delete`} class="inline-form">
                  <button type="submit" class="button button--danger button--small" aria-label={`${t('meetings.delete')}: ${t('meetings.top', { n: i + 1 })}`}>
                    {t('meetings.delete')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ol>
      )}
      <h2 id="add-item">{t('meetings.addItem')}</h2>
      <ErrorSummary t={t} errors={p.errors} level={3} />
      <form method="post" action={base} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" value={p.values.title} errors={p.errors} required maxlength={300} />
        <TextareaField t={t} name="description" label="meetings.description" value={p.values.description} errors={p.errors} maxlength={5000} rows={3} />
        <Field t={t} name="presenter" label="meetings.presenter" value={p.values.presenter} errors={p.errors} maxlength={200} />
        <Field t={t} name="planned_minutes" label="meetings.plannedMinutes" value={p.values.planned_minutes} errors={p.errors} maxlength={3} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('meetings.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
