import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { DocumentRow } from '../../src/meetings/documents.js';
import type { ReplyRow } from '../../src/meetings/invitations.js';
import type { AgendaItem, MeetingWithGroup } from '../../src/meetings/meetings.js';
import { CheckboxField, Content, ErrorSummary, Field, Notice, SelectField, contentLang } from '../components.js';
import { when } from './meetings.js';
import { Replies } from './replies.js';
import { ReplyFields } from './rsvp.js';

function AgendaList({ t, items }: { t: Translate; items: AgendaItem[] }) {
  if (items.length === 0) return <p class="empty-state">{t('meetings.noAgenda')}</p>;
  return (
    <ol class="agenda">
      {items.map((item, i) => (
        <li>
          <strong>{t('meetings.top', { n: i + 1 })}: </strong>
          <Content t={t}>{item.title}</Content>
          {item.presenter || item.planned_minutes ? (
            <span class="meta">
              {' ('}
              {[item.presenter, item.planned_minutes ? t('meetings.minutesShort', { minutes: item.planned_minutes }) : null].filter(Boolean).join(', ')}
              {')'}
            </span>
          ) : null}
          {item.description ? <p class="pre-line" lang={contentLang(t)}>{item.description}</p> : null}
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
  /** What a failed cancel form had (the notice box keeps its state). */
  cancelValues?: Record<string, string>;
  /** For those who manage the meeting: who was invited and what they answered. */
  replies: ReplyRow[] | null;
  /** The viewer's own invitation, if they were invited. */
  ownReply: { answer: string | null; comment: string | null; substitute: string | null } | null;
  /** Whom the member may pick as substitute (src/meetings/substitutes.ts). */
  colleagues?: { id: number; name: string }[];
  replyErrors?: FieldErrors;
  liveReplies: boolean;
  /** After a change of time, place or status: offer to tell the invited people. */
  offerNotify: boolean;
  /** Who a change or cancellation notice goes to (for those who manage the meeting). */
  noticeRecipients: { id: number; name: string }[];
  /** The page right after the change: the notice box takes the focus. */
  noticeFocus?: boolean;
  /** The meeting's documents, for those who may see them. */
  documents: DocumentRow[] | null;
  documentError?: string;
  /** For those who manage the meeting: how much of the group's storage is used and allowed. */
  documentQuota?: string;
  /** The meeting has begun: it can no longer be cancelled, and recording it is the next step. */
  started: boolean;
  /** Documents added since the invitation that the invited have not been told about (for managers). */
  newDocuments: DocumentRow[];
  /** The meeting's minutes have gone out and the viewer may read them (those who manage have the button above). */
  minutesLink?: boolean;
  /** The fields of action (src/reports/sections.tsx), for those who see the agenda. */
  fieldsSection?: Child;
}) {
  const { t, fmt, meeting } = p;
  const active = p.canManage && meeting.status !== 'cancelled';
  return (
    <article>
      <p>
        <a href={`/groups/${meeting.group_slug}`}>← {meeting.group_name}</a>
      </p>
      <h1>
        <Content t={t}>{meeting.title}</Content>{' '}
        {/* "geplant" or "eingeladen" is the office's business: the public sees a status only when it is cancelled. */}
        {p.agenda || meeting.status === 'cancelled' ? <span class="badge">{t(`meetings.status.${meeting.status}`)}</span> : null}
      </h1>
      {/* The reason may be personal (illness): the public sees only that the meeting is cancelled. */}
      {meeting.status === 'cancelled' ? (
        <Notice kind="error">{p.agenda ? t('meetings.cancelledNotice', { reason: meeting.cancel_reason ?? '' }) : t('meetings.status.cancelled')}</Notice>
      ) : null}
      {p.offerNotify && p.canManage ? <NoticeBox t={t} meeting={meeting} recipients={p.noticeRecipients} focus={p.noticeFocus} /> : null}
      <dl class="entry-facts">
        <dt>{t('meetings.day')}</dt>
        <dd>{when(t, fmt, meeting)}</dd>
        {meeting.location || meeting.room ? (
          <>
            <dt>{t('meetings.place')}</dt>
            <dd lang={contentLang(t)}>{[meeting.location, meeting.room].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        {meeting.reply_by && p.agenda && meeting.status !== 'cancelled' ? (
          <>
            <dt>{t('sendInvite.replyByShort')}</dt>
            <dd>{fmt.date(`${meeting.reply_by}T12:00:00Z`)}</dd>
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
        </a>{' '}
        <a href={`/meetings/${meeting.id}/invitation.pdf`} hx-boost="false">
          {t('pdf.invitation.link')}
        </a>
      </p>
      {p.ownReply && meeting.status !== 'cancelled' ? (
        <section aria-labelledby="own-reply">
          <h2 id="own-reply">{t('rsvp.yours')}</h2>
          <ErrorSummary t={t} errors={p.replyErrors} level={3} />
          <form method="post" action={`/meetings/${meeting.id}/rsvp`} class="form" novalidate>
            <ReplyFields t={t} answer={p.ownReply.answer} comment={p.ownReply.comment} substitute={p.ownReply.substitute} colleagues={p.colleagues} errors={p.replyErrors} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('rsvp.submit')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {active ? <ManageToolbar t={t} fmt={fmt} meeting={meeting} started={p.started} /> : null}
      {p.minutesLink ? (
        <p>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/minutes`}>
            {t('minutes.link')}
          </a>
        </p>
      ) : null}
      {p.agenda ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t('meetings.agenda')}</h2>
          <AgendaList t={t} items={p.agenda} />
        </section>
      ) : null}
      {p.fieldsSection ?? null}
      {p.documents ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('documents.title')}</h2>
          {p.newDocuments.length ? (
            <div class="notice notice--action">
              <p id="new-documents">{t('documents.noticeLead', { count: p.newDocuments.length })}</p>
              <ul aria-labelledby="new-documents">
                {p.newDocuments.map((d) => (
                  <li>{d.name}</li>
                ))}
              </ul>
              <form method="post" action={`/meetings/${meeting.id}/files/notify`} class="inline-form">
                <button type="submit" class="button">
                  {t('documents.notify')}
                </button>
              </form>
            </div>
          ) : null}
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
                {p.documentQuota ? (
                  <p class="field__hint" id="field-file-hint">
                    {p.documentQuota}
                  </p>
                ) : null}
                {p.documentError ? (
                  <p class="field__error" id="field-file-error">
                    {p.documentError}
                  </p>
                ) : null}
                <input
                  id="field-file"
                  type="file"
                  name="file"
                  required
                  aria-invalid={p.documentError ? 'true' : undefined}
                  aria-describedby={[p.documentQuota ? 'field-file-hint' : '', p.documentError ? 'field-file-error' : ''].filter(Boolean).join(' ') || undefined}
                />
              </div>
              {p.agenda?.length ? (
                <SelectField
                  t={t}
                  name="agenda_item_id"
                  label="documents.item"
                  options={[{ value: '', label: t('documents.wholeMeeting') }, ...p.agenda.map((a, i) => ({ value: String(a.id), label: `${t('meetings.top', { n: i + 1 })}: ${a.title}`, lang: contentLang(t) }))]}
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
      {p.replies ? <Replies t={t} fmt={p.fmt} meetingId={meeting.id} replies={p.replies} live={p.liveReplies} remindable={active && !p.started} /> : null}
      {active && !p.started ? (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{t('meetings.cancel')}</h2>
          <ErrorSummary t={t} errors={p.cancelErrors} level={3} />
          <form method="post" action={`/meetings/${meeting.id}/cancel`} class="form" novalidate>
            <Field t={t} name="reason" label="meetings.cancelReason" value={p.cancelValues?.reason} errors={p.cancelErrors} required maxlength={1000} />
            {meeting.invitation_sent_at && p.noticeRecipients.length > 0 ? (
              <CheckboxField t={t} name="notify" label="meetings.cancelNotify" hint="meetings.cancelNotifyHint" checked={p.cancelValues ? p.cancelValues.notify === 'on' : true} />
            ) : null}
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

/**
 * ManageToolbar: what those who manage a meeting do next. Before it begins that is inviting; once it
 * has begun, recording who came and writing the minutes (inviting to a past meeting is no longer offered).
 */
function ManageToolbar({ t, fmt, meeting, started }: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; started: boolean }) {
  const record = (primary: boolean) => (
    <>
      <a class={primary ? 'button' : 'button button--secondary'} href={`/meetings/${meeting.id}/attendance`}>
        {t(primary ? 'attendance.record' : 'attendance.title')}
      </a>
      <a class={primary ? 'button' : 'button button--secondary'} href={`/meetings/${meeting.id}/minutes`}>
        {t(primary ? 'minutes.write' : 'minutes.link')}
      </a>
    </>
  );
  return (
    <>
      <div class="toolbar">
        {started ? (
          record(true)
        ) : (
          <a class="button" href={`/meetings/${meeting.id}/invite`}>
            {meeting.invitation_sent_at ? t('invitation.inviteNew') : t('invitation.invite')}
          </a>
        )}
        {meeting.invitation_sent_at ? <span class="meta">{t('invitation.sentAt', { date: fmt.dateTime(meeting.invitation_sent_at) })}</span> : null}
      </div>
      <div class="toolbar">
        <a class="button button--secondary" href={`/meetings/${meeting.id}/edit`}>
          {t('meetings.edit')}
        </a>
        <a class="button button--secondary" href={`/meetings/${meeting.id}/agenda`}>
          {t('meetings.editAgenda')}
        </a>
        {started ? null : record(false)}
        <a class="button button--secondary" href={`/meetings/${meeting.id}/attendance.pdf`} hx-boost="false">
          {t('pdf.attendance.link')}
        </a>
      </div>
    </>
  );
}

/**
 * NoticeBox: after a change of time, place or status of a meeting the invited already have in their
 * calendars, telling them is the next step: the box says who gets the notice and sends it. Right after
 * the change it takes the focus (autofocus works after a page load and after htmx's swap of a boosted
 * form's answer alike; the #notify of the redirect is lost in the latter).
 */
function NoticeBox({ t, meeting, recipients, focus }: { t: Translate; meeting: MeetingWithGroup; recipients: { id: number; name: string }[]; focus?: boolean }) {
  const cancelled = meeting.status === 'cancelled';
  return (
    <section id="notify" class="notice notice--action" aria-labelledby="notify-title" tabindex={focus ? -1 : undefined} autofocus={focus}>
      <h2 id="notify-title">{t(cancelled ? 'notice.titleCancelled' : 'notice.title')}</h2>
      <p>{t(cancelled ? 'notice.leadCancelled' : 'notice.lead')}</p>
      <p id="notify-recipients">{t('notice.recipients', { count: recipients.length })}</p>
      <ul class="notice__recipients" aria-labelledby="notify-recipients">
        {recipients.map((r) => (
          <li>{r.name}</li>
        ))}
      </ul>
      <form method="post" action={`/meetings/${meeting.id}/notify`} class="inline-form">
        <button type="submit" class="button">
          {cancelled ? t('invitation.notifyCancel') : t('invitation.notify')}
        </button>
      </form>
    </section>
  );
}
