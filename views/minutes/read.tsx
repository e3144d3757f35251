import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AgendaItem, Meeting } from '../../src/meetings/meetings.js';
import { Markdown } from '../markdown.js';
import { decisionLabel } from '../../src/minutes/decisions.js';
import type { ActionItem, Decision, Minutes, VersionEntry } from '../../src/minutes/minutes.js';
import { Notice } from '../components.js';
import { COMMENT_MAX, countOpen, type MinuteComment } from '../../src/minutes/comments.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { when } from '../meetings/meetings.js';
import { MinutesHeader, type MinutesHeaderProps } from './minutes.js';
import { CommentList, type CommentMode } from './comments.js';

export interface ReadProps extends MinutesHeaderProps {
  items: AgendaItem[];
  minutes: Minutes;
  notes: Map<number, string>;
  decisions: Decision[];
  actions: (ActionItem & { responsible_name: string | null })[];
  canApprove: boolean;
  laterMeetings: Meeting[];
  approvedIn: string | null;
  /** The kept versions (circulated, approved), newest first. */
  versions: VersionEntry[];
  /** Set when an earlier kept version is shown instead of the current minutes. */
  viewing?: VersionEntry;
  comments: MinuteComment[];
  /** Members may comment per TOP while the minutes are circulated. */
  canComment: boolean;
  /** A comment that could not be taken, with its message, to show in its TOP's form. */
  commentError?: { itemId: number; body: string; error: MessageKey };
  /** A resolution that could not be saved, to show again at its comment. */
  resolveError?: Extract<CommentMode, { kind: 'forms' }>['failed'];
}

export function MinutesReadPage(p: ReadProps) {
  const { t, fmt } = p;
  // Comments nobody has said anything about yet (the work queue counts the same).
  const unanswered = p.minutes.status === 'circulated' ? countOpen(p.comments) : 0;
  return (
    <article class="minutes">
      <p class="no-print">
        <a href={`/meetings/${p.meeting.id}`}>← {p.meeting.title}</a>
      </p>
      <h1>
        {t('minutes.title')}: {p.meeting.title} <span class="badge">{t(`minutes.status.${p.minutes.status}`)}</span>
      </h1>
      {p.viewing ? (
        <Notice kind="info">
          {t('minutes.viewingVersion', { n: String(p.viewing.version), status: t(`minutes.status.${p.viewing.status}`), date: fmt.dateTime(p.viewing.created_at) })}{' '}
          <a href={`/meetings/${p.meeting.id}/minutes`}>{t('minutes.toCurrent')}</a>{' '}
          <a href={`/meetings/${p.meeting.id}/minutes/versions/${p.viewing.id}/compare`}>{t('minutes.compare')}</a>
        </Notice>
      ) : p.minutes.status === 'circulated' && p.minutes.comments_due_on ? (
        <Notice kind="info">{t('minutes.commentsDueNotice', { date: fmt.date(`${p.minutes.comments_due_on}T12:00:00Z`) })}</Notice>
      ) : p.minutes.status === 'approved' && p.minutes.approved_at ? (
        <Notice kind="info">{t('minutes.approvedNotice', { date: fmt.date(p.minutes.approved_at), meeting: p.approvedIn ? ` (${p.approvedIn})` : '' })}</Notice>
      ) : null}
      <MinutesHeader {...p} />
      {p.minutes.minute_taker ? (
        <p>
          {t('minutes.minuteTaker')}: {p.minutes.minute_taker}
        </p>
      ) : null}
      <p class="no-print meta" hidden={Boolean(p.viewing)}>
        {t('minutes.print')}{' '}
        <a href={`/meetings/${p.meeting.id}/minutes.md`} hx-boost="false">
          {t('minutes.export')}
        </a>{' '}
        <a href={`/meetings/${p.meeting.id}/minutes.pdf`} hx-boost="false">
          {t('pdf.minutes.link')}
        </a>
      </p>
      {p.items.map((item, i) => {
        const decisions = p.decisions.filter((d) => d.agenda_item_id === item.id);
        const actions = p.actions.filter((a) => a.agenda_item_id === item.id);
        return (
          <section class="section minutes-item" aria-labelledby={`top-${item.id}`}>
            <h2 id={`top-${item.id}`}>
              {t('meetings.top', { n: i + 1 })}: {item.title}
            </h2>
            {p.notes.get(item.id) ? <Markdown text={p.notes.get(item.id)!} /> : null}
            {decisions.length ? (
              <table class="table">
                <caption>{t('minutes.decisions')}</caption>
                <thead>
                  <tr>
                    {decisions.some((d) => decisionLabel(d)) ? <th scope="col">{t('minutes.decisionNumber')}</th> : null}
                    <th scope="col">{t('minutes.decision')}</th>
                    <th scope="col">{t('minutes.yes')}</th>
                    <th scope="col">{t('minutes.no')}</th>
                    <th scope="col">{t('minutes.abstain')}</th>
                  </tr>
                </thead>
                <tbody>
                  {decisions.map((d) => (
                    <tr>
                      {decisions.some((x) => decisionLabel(x)) ? <td>{decisionLabel(d) ?? '–'}</td> : null}
                      <td>{d.text}</td>
                      <td class="number">{d.votes_yes ?? ''}</td>
                      <td class="number">{d.votes_no ?? ''}</td>
                      <td class="number">{d.votes_abstain ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {actions.length ? (
              <table class="table">
                <caption>{t('minutes.actions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('minutes.action')}</th>
                    <th scope="col">{t('minutes.responsible')}</th>
                    <th scope="col">{t('minutes.due')}</th>
                    <th scope="col">{t('actions.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {actions.map((a) => (
                    <tr>
                      <td>{a.description}</td>
                      <td>{[a.responsible_name, a.responsible_organisation].filter(Boolean).join(', ') || '–'}</td>
                      <td>{a.due_on ? fmt.date(`${a.due_on}T12:00:00Z`) : '–'}</td>
                      <td>{t(`actions.${a.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {p.viewing ? null : <Comments {...p} itemId={item.id} n={i + 1} />}
          </section>
        );
      })}
      {p.versions.length ? (
        <section class="section no-print" aria-labelledby="versions-heading">
          <h2 id="versions-heading">{t('minutes.versions')}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('minutes.version')}</th>
                <th scope="col">{t('minutes.versionStatus')}</th>
                <th scope="col">{t('minutes.versionWhen')}</th>
                <th scope="col">{t('minutes.versionBy')}</th>
                <th scope="col">{t('minutes.versionReason')}</th>
              </tr>
            </thead>
            <tbody>
              {p.versions.map((v) => (
                <tr>
                  <td>
                    {p.viewing?.id === v.id ? (
                      <span aria-current="page">{t('minutes.versionN', { n: String(v.version) })}</span>
                    ) : (
                      <a href={`/meetings/${p.meeting.id}/minutes/versions/${v.id}`}>{t('minutes.versionN', { n: String(v.version) })}</a>
                    )}
                  </td>
                  <td>{v.reason ? t('minutes.versionCorrected') : t(`minutes.status.${v.status}`)}</td>
                  <td>{fmt.dateTime(v.created_at)}</td>
                  <td>{v.author ?? '–'}</td>
                  <td>{v.reason ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {p.canApprove && !p.viewing && p.minutes.status === 'approved' ? (
        <p class="no-print">
          <a href={`/meetings/${p.meeting.id}/minutes/correction`}>{t('minutes.correct')}</a>
        </p>
      ) : null}
      {p.canApprove && !p.viewing && p.minutes.status === 'circulated' ? (
        <form method="post" action={`/meetings/${p.meeting.id}/minutes/revise`} class="form no-print">
          <p>{t('minutes.reviseLead')}</p>
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t('minutes.revise')}
            </button>
          </div>
        </form>
      ) : null}
      {p.canApprove && !p.viewing && p.minutes.status === 'circulated' ? (
        <form method="post" action={`/meetings/${p.meeting.id}/minutes/approve`} class="form no-print">
          {unanswered > 0 ? <p class="notice notice--error">{t('minutes.unansweredComments', { count: unanswered })}</p> : null}
          <div class="field">
            <label for="approved_in">{t('minutes.approvedIn')}</label>
            {p.laterMeetings.length === 0 ? (
              <p class="field__hint" id="approved_in-hint">
                {t('minutes.noStartedMeeting')}
              </p>
            ) : null}
            {/* Usually the next meeting approves the minutes: it is preselected. */}
            <select id="approved_in" name="approved_in" aria-describedby={p.laterMeetings.length === 0 ? 'approved_in-hint' : undefined}>
              <option value="">{t('minutes.nobody')}</option>
              {p.laterMeetings.map((m, i) => (
                <option value={String(m.id)} selected={i === 0}>{`${m.title}, ${fmt.date(m.starts_at)}`}</option>
              ))}
            </select>
          </div>
          <div class="form__actions">
            <button type="submit" class="button">
              {t('minutes.approve')}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}


/** Comments: the members' comments on one TOP, and while circulated a form to add one. */
function Comments(p: ReadProps & { itemId: number; n: number }) {
  const { t, fmt } = p;
  const comments = p.comments.filter((c) => c.agenda_item_id === p.itemId);
  const failed = p.commentError?.itemId === p.itemId ? p.commentError : undefined;
  if (!comments.length && !p.canComment) return null;
  const fieldId = `comment_${p.itemId}`;
  return (
    <div class="minutes-comments no-print">
      <CommentList t={t} fmt={fmt} comments={comments} mode={p.canApprove && !p.viewing && p.minutes.status === 'circulated' ? { kind: 'forms', meetingId: p.meeting.id, failed: p.resolveError } : { kind: 'read' }} />
      {p.canComment ? (
        <form method="post" action={`/meetings/${p.meeting.id}/minutes/comments`} class="form">
          <input type="hidden" name="agenda_item_id" value={String(p.itemId)} />
          <div class={failed ? 'field field--wide field--error' : 'field field--wide'}>
            <label for={fieldId}>{t('minutes.commentLabel', { n: String(p.n) })}</label>
            {failed ? (
              <p class="field__error" id={`${fieldId}-error`}>
                {t(failed.error)}
              </p>
            ) : null}
            <textarea id={fieldId} name="body" rows={3} maxlength={COMMENT_MAX} aria-invalid={failed ? 'true' : undefined} aria-describedby={failed ? `${fieldId}-error` : undefined} autofocus={Boolean(failed)}>
              {failed?.body ?? ''}
            </textarea>
          </div>
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t('minutes.commentSend', { n: String(p.n) })}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
