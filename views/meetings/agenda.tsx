import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AgendaItem, MeetingWithGroup } from '../../src/meetings/meetings.js';
import { CONTENT_LANGUAGE, Content, ErrorSummary, Field, TextareaField } from '../components.js';
import { when } from './meetings.js';

export function AgendaPage(p: {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  items: AgendaItem[];
  values: Record<string, string>;
  errors?: FieldErrors;
  openActions: { id: number; description: string; due_on: string | null; responsible_name: string | null; responsible_organisation: string | null }[];
  /** A failed edit of one item: its form opens with what was typed and the messages. */
  editing?: { itemId: number; values: Record<string, string>; errors: FieldErrors };
}) {
  const { t, meeting, items } = p;
  const base = `/meetings/${meeting.id}/agenda`;
  return (
    <section>
      <p>
        <a href={`/meetings/${meeting.id}`}>← <Content t={t}>{meeting.title}</Content></a>
      </p>
      <h1>
        {t('meetings.agenda')}: <Content t={t}>{meeting.title}</Content>
      </h1>
      <p class="meta">{when(t, p.fmt, meeting)}</p>
      {/* The agenda items' fields of action are edited with the meeting's (src/reports/tag-routes.tsx). */}
      <p>
        <a href={`/meetings/${meeting.id}/fields`}>{t('reports.tags.edit')}</a>
      </p>
      {items.length === 0 ? (
        <p class="empty-state">{t('meetings.noAgenda')}</p>
      ) : (
        <ol class="agenda agenda--edit">
          {items.map((item, i) => {
            const failed = p.editing?.itemId === item.id ? p.editing : undefined;
            const v = failed?.values ?? { title: item.title, description: item.description, presenter: item.presenter ?? '', planned_minutes: item.planned_minutes ? String(item.planned_minutes) : '' };
            return (
            <li id={`item-${item.id}`}>
              <details open={failed ? true : undefined}>
                <summary>
                  <strong>{t('meetings.top', { n: i + 1 })}: </strong>
                  <Content t={t}>{item.title}</Content>
                </summary>
                {failed ? <ErrorSummary t={t} errors={failed.errors} idPrefix={`item-${item.id}-`} /> : null}
                <form method="post" action={`${base}/${item.id}`} class="form" novalidate>
                  <Field t={t} id={`item-${item.id}-title`} name="title" label="meetings.titleLabel" lang={CONTENT_LANGUAGE} value={v.title} errors={failed?.errors} required maxlength={300} />
                  <TextareaField t={t} id={`item-${item.id}-description`} name="description" label="meetings.description" lang={CONTENT_LANGUAGE} value={v.description} errors={failed?.errors} maxlength={5000} rows={3} />
                  <Field t={t} id={`item-${item.id}-presenter`} name="presenter" label="meetings.presenter" value={v.presenter} errors={failed?.errors} maxlength={200} />
                  <Field t={t} id={`item-${item.id}-planned_minutes`} name="planned_minutes" label="meetings.plannedMinutes" value={v.planned_minutes} errors={failed?.errors} maxlength={3} />
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
            );
          })}
        </ol>
      )}
      <h2 id="open-actions">{t('agenda.openActions')}</h2>
      {p.openActions.length === 0 ? (
        <p class="empty-state">{t('agenda.noOpenActions')}</p>
      ) : (
        <ul class="link-list">
          {p.openActions.map((a) => (
            <li>
              <Content t={t}>{a.description}</Content>
              <span class="meta">
                {' '}
                ({[a.responsible_name, a.responsible_organisation, a.due_on ? p.fmt.date(`${a.due_on}T12:00:00Z`) : null].filter(Boolean).join(', ')})
              </span>{' '}
              <form method="post" action={`${base}/from-action/${a.id}`} class="inline-form">
                <button type="submit" class="button button--secondary button--small" aria-label={`${t('agenda.takeAction')}: ${a.description}`}>
                  {t('agenda.takeAction')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2 id="add-item">{t('meetings.addItem')}</h2>
      <ErrorSummary t={t} errors={p.errors} level={3} />
      <form method="post" action={base} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" lang={CONTENT_LANGUAGE} value={p.values.title} errors={p.errors} required maxlength={300} />
        <TextareaField t={t} name="description" label="meetings.description" lang={CONTENT_LANGUAGE} value={p.values.description} errors={p.errors} maxlength={5000} rows={3} />
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
