import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { SendPlan } from '../../src/meetings/invitation-send.js';
import type { MeetingWithGroup } from '../../src/meetings/meetings.js';
import { CheckboxField, Content, ErrorSummary, Field, TextareaField } from '../components.js';
import { when } from './meetings.js';

export interface InvitePageProps {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  plan: SendPlan;
  values: { note: string; reply_by: string; files: string[]; attach_pdf: boolean };
  errors?: FieldErrors;
  /** After "preview": the mail as it leaves, and the confirmation with the send button. */
  preview?: { subject: string; text: string; attachments: string[] };
}

/**
 * InvitePage: the invitation before it goes out: note, deadline and attachments; then the mail as it
 * leaves and one confirmation naming how many get it and who cannot be reached by mail.
 */
export function InvitePage(p: InvitePageProps) {
  const { t, meeting, plan } = p;
  const base = `/meetings/${meeting.id}/invite`;
  const filesError = p.errors?.files as MessageKey | undefined;
  return (
    <section>
      <p class="no-print">
        <a href={`/meetings/${meeting.id}`}>
          ← <Content t={t}>{meeting.title}</Content>
        </a>
      </p>
      <h1>
        {t('sendInvite.title')}: <Content t={t}>{meeting.title}</Content>
      </h1>
      <p class="meta">
        {meeting.group_name} · {when(t, p.fmt, meeting)}
      </p>
      {plan.recipients.length === 0 && plan.unreachable.length === 0 ? <p class="notice notice--info">{t('invitation.nobody')}</p> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`${base}/preview`} class="form no-print" novalidate>
        <TextareaField t={t} name="note" label="sendInvite.note" hint="sendInvite.noteHint" value={p.values.note} errors={p.errors} maxlength={2000} rows={4} />
        <Field t={t} name="reply_by" label="sendInvite.replyBy" hint="sendInvite.replyByHint" type="date" value={p.values.reply_by} errors={p.errors} />
        <fieldset class={filesError ? 'field field--error' : 'field'} aria-describedby={filesError ? 'field-files-error' : undefined}>
          <legend>{t('sendInvite.attachments')}</legend>
          {filesError ? (
            <p class="field__error" id="field-files-error">
              {t(filesError)}
            </p>
          ) : null}
          <CheckboxField t={t} name="attach_pdf" label="sendInvite.attachPdf" checked={p.values.attach_pdf} />
          {plan.documents.map((d, i) => (
            <div class="field field--checkbox">
              <input type="checkbox" id={i === 0 ? 'field-files' : `field-files-${d.id}`} name="files" value={String(d.id)} checked={p.values.files.includes(String(d.id))} />
              <label for={i === 0 ? 'field-files' : `field-files-${d.id}`}>
                {d.name} ({t('documents.size', { size: Math.max(1, Math.round(d.size / 1024)) })})
              </label>
            </div>
          ))}
          <p class="field__hint">{t(plan.documents.length ? 'sendInvite.attachmentsHint' : 'sendInvite.noDocuments')}</p>
        </fieldset>
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('sendInvite.preview')}
          </button>
        </div>
      </form>
      {p.preview ? <Confirmation {...p} preview={p.preview} /> : null}
    </section>
  );
}

/** Confirmation: the mail as it leaves, who gets it, who does not (to print or call), and the send button. */
function Confirmation(p: InvitePageProps & { preview: NonNullable<InvitePageProps['preview']> }) {
  const { t, plan } = p;
  return (
    <>
      <section class="section" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('sendInvite.previewTitle')}</h2>
        <p class="meta">{t('sendInvite.previewLead')}</p>
        <dl class="entry-facts">
          <dt>{t('sendInvite.subject')}</dt>
          <dd>{p.preview.subject}</dd>
          <dt>{t('sendInvite.attachments')}</dt>
          <dd>{p.preview.attachments.join(', ')}</dd>
        </dl>
        <pre class="mail-preview" tabindex={0} aria-label={t('sendInvite.previewTitle')}>
          {p.preview.text}
        </pre>
      </section>
      <section class="section" aria-labelledby="unreachable-title">
        <h2 id="unreachable-title">{t('sendInvite.unreachableTitle', { count: plan.unreachable.length })}</h2>
        {plan.unreachable.length === 0 ? (
          <p>{t('sendInvite.allReachable')}</p>
        ) : (
          <>
            <p>{t('sendInvite.unreachableLead')}</p>
            <table class="table">
              <caption class="visually-hidden">{t('sendInvite.unreachableTitle', { count: plan.unreachable.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('replies.name')}</th>
                  <th scope="col">{t('members.organisation')}</th>
                  <th scope="col">{t('people.phone')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.unreachable.map((u) => (
                  <tr>
                    <td>{u.name}</td>
                    <td>{u.organisation_name ?? '–'}</td>
                    <td>{u.phone ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      {plan.recipients.length ? (
        <form method="post" action={`/meetings/${p.meeting.id}/invite`} class="form no-print">
          <input type="hidden" name="confirmed" value="1" />
          <input type="hidden" name="note" value={p.values.note} />
          <input type="hidden" name="reply_by" value={p.values.reply_by} />
          {p.values.attach_pdf ? <input type="hidden" name="attach_pdf" value="on" /> : null}
          {p.values.files.map((f) => (
            <input type="hidden" name="files" value={f} />
          ))}
          <p id="send-count">
            <strong>{t('sendInvite.sendCount', { count: plan.recipients.length })}</strong>
          </p>
          <div class="form__actions">
            <button type="submit" class="button" aria-describedby="send-count">
              {t('sendInvite.send', { count: plan.recipients.length })}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
