import type { AdviceRequest } from '../../src/advice/requests.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { Content, ErrorSummary, Field, SelectField, TextareaField } from '../components.js';
import { adviceState } from './labels.js';

export interface AdviceDetailView {
  t: Translate;
  fmt: Formatters;
  request: AdviceRequest;
  staff: { id: number; name: string }[];
  viewerId: number;
  /** What the answer form holds: a default subject, or what was typed before an error. */
  answer: { subject: string; text: string };
  note: string;
  assignee: string;
  errors?: FieldErrors;
  now: string;
}

/** Multi-line text people wrote, kept with its line breaks. */
function Lines({ t, text }: { t: Translate; text: string }) {
  return (
    <Content t={t} block>
      {text.split(/\r?\n/).map((line, i) => (
        <>
          {i ? <br /> : null}
          {line}
        </>
      ))}
    </Content>
  );
}

/** The sentence of one history entry (the audit log's entries of the request). */
function historyLine(t: Translate, h: AdviceRequest['history'][number]): string {
  const actor = h.actor_name ?? t('advice.history.someone');
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (h.action) {
    case 'advice.create':
      return t('advice.history.create');
    case 'advice.assign':
      return t('advice.history.assign', { actor, assignee: text(h.after.assignee) || '–' });
    case 'advice.answer':
      return t('advice.history.answer', { actor, subject: text(h.after.subject) || '–' });
    case 'advice.close':
      return t('advice.history.close', { actor });
    default:
      return t('advice.history.reopen', { actor });
  }
}

/** AdviceDetailPage: one request for the staff: what was asked, who has it, the answers, history and actions. */
export function AdviceDetailPage(p: AdviceDetailView) {
  const { t, fmt, request: r, errors } = p;
  const open = r.status === 'open';
  return (
    <article>
      <p>
        <a href="/admin/advice">← {t('advice.detail.back')}</a>
      </p>
      <h1>{t('advice.detail.title', { id: r.id })}</h1>
      <ErrorSummary t={t} errors={errors} />
      <h2 id="advice-request">{t('advice.detail.request')}</h2>
      <dl class="facts" aria-labelledby="advice-request">
        <dt>{t('advice.admin.status')}</dt>
        <dd>{adviceState(t, r)}</dd>
        <dt>{t('advice.admin.programme')}</dt>
        <dd>
          <a href={`/programmes/${r.programme_id}`}>
            <Content t={t}>{r.programme_name}</Content>
          </a>
        </dd>
        <dt>{t('advice.admin.organisation')}</dt>
        <dd>
          <Content t={t} isolate>
            {r.organisation_name}
          </Content>
          {r.organisation_id ? (
            <>
              {' – '}
              <a href={`/directory/${r.organisation_id}`}>{t('advice.detail.directoryEntry')}</a>
            </>
          ) : null}
        </dd>
        <dt>{t('advice.detail.contact')}</dt>
        <dd>
          <Content t={t} isolate>
            {r.contact_name}
          </Content>
        </dd>
        <dt>{t('advice.detail.email')}</dt>
        <dd>
          <a href={`mailto:${r.contact_email}`}>{r.contact_email}</a>
        </dd>
        {r.contact_phone ? (
          <>
            <dt>{t('advice.detail.phone')}</dt>
            <dd>{r.contact_phone}</dd>
          </>
        ) : null}
        <dt>{t('advice.admin.received')}</dt>
        <dd>{fmt.dateTime(r.created_at)}</dd>
        {open && !r.answered_at ? (
          <>
            <dt>{t('advice.admin.due')}</dt>
            <dd>{r.due < p.now ? <strong>{fmt.date(r.due)}</strong> : fmt.date(r.due)}</dd>
          </>
        ) : null}
        <dt>{t('advice.admin.assigned')}</dt>
        <dd>{r.assigned_name ?? t('advice.admin.nobody')}</dd>
        <dt>{t('advice.detail.language')}</dt>
        <dd>{r.lang}</dd>
        <dt>{t('advice.detail.consent')}</dt>
        <dd>{t('advice.detail.consentAt', { date: fmt.dateTime(r.consent_at) })}</dd>
        {r.close_note ? (
          <>
            <dt>{t('advice.detail.closeNote')}</dt>
            <dd>
              <Lines t={t} text={r.close_note} />
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t('advice.detail.idea')}</h3>
      <Lines t={t} text={r.idea} />
      <h3>{t('advice.detail.question')}</h3>
      <Lines t={t} text={r.question} />

      <h2 id="advice-answers">{t('advice.answers.title')}</h2>
      {r.answers.length === 0 ? (
        <p class="empty-state">–</p>
      ) : (
        r.answers.map((a) => (
          <section class="card" aria-label={a.subject}>
            <h3>
              <Content t={t}>{a.subject}</Content>
            </h3>
            <p class="meta">{t('advice.answers.by', { name: a.sender_name ?? t('advice.history.someone'), date: fmt.dateTime(a.sent_at) })}</p>
            <Lines t={t} text={a.body} />
          </section>
        ))
      )}

      {open ? (
        <>
          <h2 id="advice-assign">{t('advice.assign.title')}</h2>
          {r.assigned_user_id !== p.viewerId ? (
            <form method="post" action={`/admin/advice/${r.id}/assign`} class="form" aria-label={t('advice.assign.me')}>
              <input type="hidden" name="user_id" value={String(p.viewerId)} />
              <button type="submit" class="button button--secondary">
                {t('advice.assign.me')}
              </button>
            </form>
          ) : null}
          <form method="post" action={`/admin/advice/${r.id}/assign`} class="form" aria-labelledby="advice-assign">
            <SelectField t={t} name="user_id" label="advice.assign.label" value={p.assignee} errors={errors} required options={[{ value: '', label: t('advice.assign.choose') }, ...p.staff.map((s) => ({ value: String(s.id), label: s.name }))]} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('advice.assign.submit')}
              </button>
            </div>
          </form>

          <h2 id="advice-answer">{t('advice.answer.title')}</h2>
          <p>{t('advice.answer.lead', { email: r.contact_email })}</p>
          <form method="post" action={`/admin/advice/${r.id}/answer`} class="form" novalidate aria-labelledby="advice-answer">
            <Field t={t} name="subject" label="advice.answer.subject" value={p.answer.subject} errors={errors} required maxlength={300} />
            <TextareaField t={t} name="text" label="advice.answer.text" value={p.answer.text} errors={errors} required maxlength={20000} rows={12} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('advice.answer.send')}
              </button>
            </div>
          </form>

          <h2 id="advice-close">{t('advice.close.title')}</h2>
          <form method="post" action={`/admin/advice/${r.id}/close`} class="form" novalidate aria-labelledby="advice-close">
            <TextareaField t={t} name="note" label="advice.close.note" value={p.note} errors={errors} maxlength={2000} rows={3} />
            <div class="form__actions">
              <button type="submit" class="button button--secondary">
                {t('advice.close.submit')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <h2 id="advice-reopen">{t('advice.reopen.title')}</h2>
          <p>{t('advice.answer.closedHint')}</p>
          <form method="post" action={`/admin/advice/${r.id}/reopen`} class="form" aria-labelledby="advice-reopen">
            <button type="submit" class="button button--secondary">
              {t('advice.reopen.submit')}
            </button>
          </form>
        </>
      )}

      <h2 id="advice-history">{t('advice.history.title')}</h2>
      <ol class="link-list" aria-labelledby="advice-history">
        {r.history.map((h) => (
          <li>
            <span class="meta">{fmt.dateTime(h.at)}</span> {historyLine(t, h)}
          </li>
        ))}
      </ol>
    </article>
  );
}
