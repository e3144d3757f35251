import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import { retainedNote, type AttendanceRow, type RetainedAttendance } from '../../src/meetings/attendance.js';
import type { DocumentRow } from '../../src/meetings/documents.js';
import type { ReplyRow } from '../../src/meetings/invitations.js';
import type { AgendaItem, ListedMeeting, Meeting, MeetingWithGroup } from '../../src/meetings/meetings.js';
import { CheckboxField, ErrorSummary, Field, Notice, SelectField, TextareaField } from '../components.js';

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

export function MeetingPage(p: {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  agenda: AgendaItem[] | null;
  canManage: boolean;
  cancelErrors?: FieldErrors;
  /** For those who manage the meeting: who was invited and what they answered. */
  replies: ReplyRow[] | null;
  /** The viewer's own invitation, if they were invited. */
  ownReply: { answer: string | null; comment: string | null; substitute: string | null } | null;
  replyErrors?: FieldErrors;
  liveReplies: boolean;
  /** After a change of time, place or status: offer to tell the invited people. */
  offerNotify: boolean;
  /** The meeting's documents, for those who may see them. */
  documents: DocumentRow[] | null;
  documentError?: string;
}) {
  const { t, fmt, meeting } = p;
  return (
    <article>
      <p>
        <a href={`/groups/${meeting.group_slug}`}>← {meeting.group_name}</a>
      </p>
      <h1>
        {meeting.title} <span class="badge">{t(`meetings.status.${meeting.status}`)}</span>
      </h1>
      {/* The reason may be personal (illness): the public sees only that the meeting is cancelled. */}
      {meeting.status === 'cancelled' ? (
        <Notice kind="error">{p.agenda ? t('meetings.cancelledNotice', { reason: meeting.cancel_reason ?? '' }) : t('meetings.status.cancelled')}</Notice>
      ) : null}
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
      <p class="no-print">
        <a href={`/meetings/${meeting.id}.ics`} download hx-boost="false">
          {t('meetings.ics')}
        </a>
      </p>
      {p.offerNotify && p.canManage ? (
        <div class="notice notice--info">
          <form method="post" action={`/meetings/${meeting.id}/notify`} class="inline-form">
            <button type="submit" class="button">
              {meeting.status === 'cancelled' ? t('invitation.notifyCancel') : t('invitation.notify')}
            </button>
          </form>
        </div>
      ) : null}
      {p.ownReply && meeting.status !== 'cancelled' ? (
        <section aria-labelledby="own-reply">
          <h2 id="own-reply">{t('rsvp.yours')}</h2>
          <ErrorSummary t={t} errors={p.replyErrors} level={3} />
          <form method="post" action={`/meetings/${meeting.id}/rsvp`} class="form" novalidate>
            <ReplyFields t={t} answer={p.ownReply.answer} comment={p.ownReply.comment} substitute={p.ownReply.substitute} errors={p.replyErrors} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('rsvp.submit')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {p.canManage && meeting.status !== 'cancelled' ? (
        <div class="toolbar">
          <form method="post" action={`/meetings/${meeting.id}/invite`} class="inline-form">
            <button type="submit" class="button">
              {meeting.invitation_sent_at ? t('invitation.inviteNew') : t('invitation.invite')}
            </button>
          </form>
          {meeting.invitation_sent_at ? <span class="meta">{t('invitation.sentAt', { date: p.fmt.dateTime(meeting.invitation_sent_at) })}</span> : null}
        </div>
      ) : null}
      {p.canManage && meeting.status !== 'cancelled' ? (
        <div class="toolbar">
          <a class="button button--secondary" href={`/meetings/${meeting.id}/edit`}>
            {t('meetings.edit')}
          </a>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/agenda`}>
            {t('meetings.editAgenda')}
          </a>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/attendance`}>
            {t('attendance.title')}
          </a>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/minutes`}>
            {t('minutes.link')}
          </a>
        </div>
      ) : null}
      {p.agenda ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t('meetings.agenda')}</h2>
          <AgendaList t={t} items={p.agenda} />
        </section>
      ) : null}
      {p.documents ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('documents.title')}</h2>
          {p.documents.length === 0 ? (
            <p class="empty-state">{t('documents.none')}</p>
          ) : (
            <ul class="link-list">
              {p.documents.map((d) => {
                const item = p.agenda?.findIndex((a) => a.id === d.agenda_item_id) ?? -1;
                return (
                  <li>
                    <a href={`/files/${d.id}`} hx-boost="false">
                      {d.name}
                    </a>{' '}
                    <span class="meta">
                      ({t('documents.size', { size: Math.max(1, Math.round(d.size / 1024)) })}
                      {item >= 0 ? `, ${t('meetings.top', { n: item + 1 })}` : ''})
                    </span>
                    {p.canManage ? (
                      <form method="post" action={`/files/${d.id}/delete`} class="inline-form">
                        {' '}
                        <button type="submit" class="button button--link" aria-label={`${t('meetings.delete')}: ${d.name}`}>
                          {t('meetings.delete')}
                        </button>
                      </form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          {p.canManage ? (
            <form method="post" action={`/meetings/${meeting.id}/files`} enctype="multipart/form-data" class="form" hx-boost="false">
              <div class={p.documentError ? 'field field--error' : 'field'}>
                <label for="field-file">{t('documents.file')}</label>
                {p.documentError ? (
                  <p class="field__error" id="field-file-error">
                    {p.documentError}
                  </p>
                ) : null}
                <input id="field-file" type="file" name="file" required aria-invalid={p.documentError ? 'true' : undefined} aria-describedby={p.documentError ? 'field-file-error' : undefined} />
              </div>
              {p.agenda?.length ? (
                <SelectField
                  t={t}
                  name="agenda_item_id"
                  label="documents.item"
                  options={[{ value: '', label: t('documents.wholeMeeting') }, ...p.agenda.map((a, i) => ({ value: String(a.id), label: `${t('meetings.top', { n: i + 1 })}: ${a.title}` }))]}
                />
              ) : null}
              <div class="form__actions">
                <button type="submit" class="button button--secondary">
                  {t('documents.upload')}
                </button>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
      {p.replies ? <Replies t={t} fmt={p.fmt} meetingId={meeting.id} replies={p.replies} live={p.liveReplies} /> : null}
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
          {items.map((item, i) => {
            const failed = p.editing?.itemId === item.id ? p.editing : undefined;
            const v = failed?.values ?? { title: item.title, description: item.description, presenter: item.presenter ?? '', planned_minutes: item.planned_minutes ? String(item.planned_minutes) : '' };
            return (
            <li id={`item-${item.id}`}>
              <details open={failed ? true : undefined}>
                <summary>
                  <strong>{t('meetings.top', { n: i + 1 })}: </strong>
                  {item.title}
                </summary>
                {failed ? <ErrorSummary t={t} errors={failed.errors} level={3} idPrefix={`item-${item.id}-`} /> : null}
                <form method="post" action={`${base}/${item.id}`} class="form" novalidate>
                  <Field t={t} id={`item-${item.id}-title`} name="title" label="meetings.titleLabel" value={v.title} errors={failed?.errors} required maxlength={300} />
                  <TextareaField t={t} id={`item-${item.id}-description`} name="description" label="meetings.description" value={v.description} errors={failed?.errors} maxlength={5000} rows={3} />
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
              {a.description}
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

export interface RepliesView {
  t: Translate;
  fmt: Formatters;
  meetingId: number;
  replies: ReplyRow[];
  /** Refresh every 15 seconds (switched on and off by the reader: WCAG 2.2.2). */
  live: boolean;
}

/**
 * Replies: counts and the list for the secretariat. It refreshes itself only when the reader switches
 * that on, and says so; the counts line is a polite live region.
 */
export function Replies({ t, fmt, meetingId, replies, live }: RepliesView) {
  const count = (a: string | null) => replies.filter((r) => r.answer === a).length;
  const base = `/meetings/${meetingId}`;
  return (
    <section
      id="replies"
      aria-labelledby="replies-title"
      hx-get={live ? `${base}/replies?live=1` : undefined}
      hx-trigger={live ? 'every 15s' : undefined}
      hx-swap={live ? 'outerHTML' : undefined}
      hx-target={live ? 'this' : undefined}
    >
      <h2 id="replies-title">{t('replies.title')}</h2>
      <p class="no-print">
        {live ? <a href={`${base}#replies`}>{t('replies.stopLive')}</a> : <a href={`${base}?live=1#replies`}>{t('replies.startLive')}</a>}
      </p>
      {replies.length === 0 ? (
        <p class="empty-state">{t('replies.none')}</p>
      ) : (
        <>
          <p role="status">{t('replies.counts', { accepted: count('accepted'), declined: count('declined'), tentative: count('tentative'), open: count(null) })}</p>
          <table class="table">
            <caption class="visually-hidden">{t('replies.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('replies.name')}</th>
                <th scope="col">{t('replies.answer')}</th>
                <th scope="col">{t('replies.comment')}</th>
                <th scope="col">{t('replies.substitute')}</th>
                <th scope="col">{t('replies.invitedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {replies.map((r) => (
                <tr>
                  <td>
                    {r.name}
                    {r.organisation_name ? <div class="meta">{r.organisation_name}</div> : null}
                  </td>
                  <td>{r.answer ? t(`answer.${r.answer}`) : t('replies.open')}</td>
                  <td>{r.comment ?? ''}</td>
                  <td>{r.substitute ?? ''}</td>
                  <td>{fmt.dateTime(r.invited_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** ReplyFields: the answer, a comment and a substitute; shared by the meeting page and the mail link. */
export function ReplyFields({ t, answer, comment, substitute, errors }: { t: Translate; answer?: string | null; comment?: string | null; substitute?: string | null; errors?: FieldErrors }) {
  return (
    <>
      <fieldset aria-describedby={errors?.answer ? 'field-answer-error' : undefined}>
        <legend>{t('rsvp.answer')}</legend>
        {errors?.answer ? (
          <p class="field__error" id="field-answer-error">
            {t(errors.answer)}
          </p>
        ) : null}
        {(['accepted', 'declined', 'tentative'] as const).map((a, i) => (
          <div class="radio">
            <input type="radio" id={i === 0 ? 'field-answer' : `field-answer-${a}`} name="answer" value={a} checked={answer === a} />
            <label for={i === 0 ? 'field-answer' : `field-answer-${a}`}>{t(`answer.${a}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field t={t} name="comment" label="rsvp.comment" value={comment ?? ''} errors={errors} maxlength={1000} />
      <Field t={t} name="substitute" label="rsvp.substitute" value={substitute ?? ''} errors={errors} maxlength={200} />
    </>
  );
}

export function RsvpPage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; name: string; action: string; answer?: string; errors?: FieldErrors }) {
  const { t, meeting } = p;
  return (
    <section class="narrow">
      <h1>{t('rsvp.title', { title: meeting.title })}</h1>
      <p>{t('rsvp.lead', { name: p.name })}</p>
      <p class="meta">
        {when(t, p.fmt, meeting)}
        {meeting.location ? `, ${meeting.location}` : ''}
      </p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <ReplyFields t={t} answer={p.answer} errors={p.errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('rsvp.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function RsvpInvalidPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('replies.title')}</h1>
      <Notice kind="error">{t('rsvp.invalid')}</Notice>
    </section>
  );
}

export function RsvpDonePage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('replies.title')}</h1>
      <Notice kind="success">{t('rsvp.thanks')}</Notice>
    </section>
  );
}

export interface AttendanceView {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  rows: AttendanceRow[];
  guests: { id: number; name: string; organisation: string | null }[];
  guestErrors?: FieldErrors;
  guestValues?: Record<string, string>;
  /** Set once the retention period is over: the lists are gone, only numbers are shown. */
  retained: RetainedAttendance | null;
}

/** RetainedCounts: the numbers a meeting kept of its attendance list, with the note why no names. */
export function RetainedCounts({ t, fmt, retained }: { t: Translate; fmt: Formatters; retained: RetainedAttendance }) {
  const counts = retained.counts;
  return (
    <>
      <p class="notice notice--info">{retainedNote(t, fmt, retained)}</p>
      {counts ? (
        <dl class="entry-facts">
          {(['present', 'excused', 'absent', 'guests'] as const).map((k) => (
            <>
              <dt>{t(`attendance.count.${k}`)}</dt>
              <dd>{counts[k]}</dd>
            </>
          ))}
        </dl>
      ) : null}
    </>
  );
}

export function AttendancePage(p: AttendanceView) {
  const { t, meeting } = p;
  const base = `/meetings/${meeting.id}/attendance`;
  const heading = (
    <>
      <p>
        <a href={`/meetings/${meeting.id}`}>← {meeting.title}</a>
      </p>
      <h1>
        {t('attendance.title')}: {meeting.title}
      </h1>
      <p class="meta">{when(t, p.fmt, meeting)}</p>
    </>
  );
  // Past the retention period there is nothing left to record or print: no form, no sheet.
  if (p.retained) {
    return (
      <section>
        {heading}
        <RetainedCounts t={t} fmt={p.fmt} retained={p.retained} />
      </section>
    );
  }
  return (
    <section>
      {heading}
      <p>
        <a href={`${base}/print`}>{t('attendance.print')}</a>
      </p>
      <form method="post" action={base} class="form form--wide">
        <table class="table">
          <caption class="visually-hidden">{t('attendance.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('replies.name')}</th>
              <th scope="col">{t('replies.answer')}</th>
              {(['present', 'excused', 'absent'] as const).map((s) => (
                <th scope="col">{t(`attendance.${s}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row" id={`person-${r.person_id}`}>
                  {r.name}
                  {r.organisation_name ? <div class="meta">{r.organisation_name}</div> : null}
                </th>
                <td>{r.answer ? t(`answer.${r.answer}`) : t('replies.open')}</td>
                {(['present', 'excused', 'absent'] as const).map((s) => (
                  <td>
                    <input
                      type="radio"
                      name={`status_${r.person_id}`}
                      value={s}
                      checked={r.status === s}
                      aria-labelledby={`person-${r.person_id} status-${s}`}
                      id={`status-${r.person_id}-${s}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {(['present', 'excused', 'absent'] as const).map((s) => (
          <span id={`status-${s}`} class="visually-hidden">
            {t(`attendance.${s}`)}
          </span>
        ))}
        <div class="form__actions">
          <button type="submit" class="button">
            {t('attendance.save')}
          </button>
        </div>
      </form>

      <h2 id="guests">{t('attendance.guests')}</h2>
      {p.guests.length === 0 ? (
        <p class="empty-state">{t('attendance.noGuests')}</p>
      ) : (
        <ul class="link-list">
          {p.guests.map((g) => (
            <li>
              {g.name}
              {g.organisation ? ` (${g.organisation})` : ''}{' '}
              <form method="post" action={`${base}/guests/${g.id}/delete`} class="inline-form">
                <button type="submit" class="button button--link" aria-label={`${t('meetings.delete')}: ${g.name}`}>
                  {t('meetings.delete')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary t={t} errors={p.guestErrors} level={3} />
      <form method="post" action={`${base}/guests`} class="form" novalidate>
        <Field t={t} name="name" label="attendance.guestName" value={p.guestValues?.name} errors={p.guestErrors} required maxlength={200} />
        <Field t={t} name="organisation" label="members.organisation" value={p.guestValues?.organisation} errors={p.guestErrors} maxlength={300} />
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('attendance.addGuest')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** AttendancePrintPage: the list for signatures ("Anwesenheitsliste"), made for A4 paper. */
export function AttendancePrintPage(p: AttendanceView & { districtName: string }) {
  const { t, meeting } = p;
  const people = [...p.rows.map((r) => ({ name: r.name, organisation: r.organisation_name })), ...p.guests.map((g) => ({ name: g.name, organisation: g.organisation }))];
  return (
    <section class="print-sheet">
      <p class="no-print">
        <a href={`/meetings/${meeting.id}/attendance`}>← {t('attendance.title')}</a>
      </p>
      <p class="meta">
        {p.districtName} · {meeting.group_name}
      </p>
      <h1>
        {t('attendance.sheet')}: {meeting.title}
      </h1>
      <p>
        {when(t, p.fmt, meeting)}
        {meeting.location ? `, ${[meeting.location, meeting.room].filter(Boolean).join(', ')}` : ''}
      </p>
      {p.retained ? <RetainedCounts t={t} fmt={p.fmt} retained={p.retained} /> : <SignatureTable t={t} people={people} />}
    </section>
  );
}

/** SignatureTable: one row to sign per person, and five blank ones for those not on the list. */
function SignatureTable({ t, people }: { t: Translate; people: { name: string; organisation: string | null }[] }) {
  return (
    <table class="table signature-table">
      <caption class="visually-hidden">{t('attendance.sheet')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('replies.name')}</th>
          <th scope="col">{t('people.organisation')}</th>
          <th scope="col">{t('attendance.signature')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr>
            <td>{person.name}</td>
            <td>{person.organisation ?? ''}</td>
            <td class="signature" />
          </tr>
        ))}
        {Array.from({ length: 5 }, () => (
          <tr>
            <td class="blank" />
            <td />
            <td class="signature" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface SeriesView {
  t: Translate;
  fmt: Formatters;
  slug: string;
  groupName: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  weekdays: { value: string; label: string }[];
  preview: { day: string; label: string; holiday?: string }[] | null;
  /** The rule gives more dates than a series may have; the preview ends at the maximum. */
  capped: boolean;
}

/** SeriesPage: the rule (a GET form: a preview changes nothing), the preview, and the one button that creates. */
export function SeriesPage(p: SeriesView) {
  const { t, values, errors } = p;
  const kind = values.kind ?? 'monthly';
  const creating = p.preview?.filter((d) => !d.holiday).length ?? 0;
  return (
    <section>
      <p>
        <a href={`/groups/${p.slug}`}>← {p.groupName}</a>
      </p>
      <h1>{t('series.title')}</h1>
      <p>{t('series.lead')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="get" action={`/groups/${p.slug}/meetings/series`} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" value={values.title} errors={errors} required maxlength={300} />
        <fieldset>
          <legend>{t('series.rule')}</legend>
          {(['monthly', 'weekly'] as const).map((k, i) => (
            <div class="radio">
              <input type="radio" id={i === 0 ? 'field-kind' : `field-kind-${k}`} name="kind" value={k} checked={kind === k} />
              <label for={i === 0 ? 'field-kind' : `field-kind-${k}`}>{t(`series.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class="field-row">
          <SelectField t={t} name="ordinal" label="series.ordinal" value={values.ordinal ?? '3'} errors={errors} options={(['1', '2', '3', '4', '-1'] as const).map((o) => ({ value: o, label: t(`series.ordinal.${o}`) }))} />
          <SelectField t={t} name="weekday" label="series.weekday" value={values.weekday ?? '3'} errors={errors} options={p.weekdays} />
          <Field t={t} name="interval_weeks" label="series.intervalLabel" value={values.interval_weeks ?? '6'} errors={errors} maxlength={2} />
        </div>
        <div class="field-row">
          <Field t={t} name="from" label="series.from" type="date" value={values.from} errors={errors} required />
          <Field t={t} name="until" label="series.until" type="date" value={values.until} errors={errors} required />
        </div>
        <div class="field-row">
          <Field t={t} name="start_time" label="meetings.start" type="time" value={values.start_time ?? '18:00'} errors={errors} required />
          <Field t={t} name="end_time" label="meetings.end" type="time" value={values.end_time ?? '20:00'} errors={errors} required />
        </div>
        <Field t={t} name="location" label="meetings.location" value={values.location} errors={errors} maxlength={300} />
        <Field t={t} name="room" label="meetings.room" value={values.room} errors={errors} maxlength={200} />
        <Field t={t} name="online_url" label="meetings.onlineLabel" type="url" value={values.online_url} errors={errors} maxlength={1000} />
        <CheckboxField t={t} name="default_agenda" label="meetings.defaultAgenda" checked={values.default_agenda === 'on' || !values.title} />
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('series.preview')}
          </button>
        </div>
      </form>
      {p.preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t('series.previewTitle', { count: creating })}</h2>
          {p.capped ? <Notice kind="info">{t('series.capped', { max: 60 })}</Notice> : null}
          {p.preview.length === 0 ? (
            <p class="empty-state">{t('series.none')}</p>
          ) : (
            <ul class="link-list">
              {p.preview.map((d) => (
                <li>{d.holiday ? <del>{d.label}</del> : d.label}{d.holiday ? ` – ${t('series.skipped', { holiday: d.holiday })}` : ''}</li>
              ))}
            </ul>
          )}
          {creating > 0 ? (
            <form method="post" action={`/groups/${p.slug}/meetings/series`} class="form">
              {Object.entries(values).map(([name, value]) => (
                <input type="hidden" name={name} value={value} />
              ))}
              <div class="form__actions">
                <button type="submit" class="button">
                  {t('series.create', { count: creating })}
                </button>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
