import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AgendaItem, Meeting, MeetingWithGroup } from '../../src/meetings/meetings.js';
import type { ActionRow } from '../../src/minutes/actions.js';
import { Markdown } from '../markdown.js';
import { decisionLabel } from '../../src/minutes/decisions.js';
import type { ActionItem, Decision, Minutes, VersionEntry } from '../../src/minutes/minutes.js';
import { ErrorSummary, Field, Notice, TextareaField } from '../components.js';
import { COMMENT_MAX, type MinuteComment } from '../../src/minutes/comments.js';
import type { Change, ComparedItem } from '../../src/minutes/compare.js';
import { excerpt, type MinutesHit } from '../../src/minutes/search.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { when } from '../meetings/meetings.js';
import { retainedNote, type RetainedAttendance } from '../../src/meetings/attendance.js';

export interface MinutesHeaderProps {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  present: string[];
  excused: string[];
  /** Set past the retention period: the names are deleted, the kept numbers are shown instead. */
  retained?: RetainedAttendance | null;
}

function MinutesHeader({ t, fmt, meeting, present, excused, retained }: MinutesHeaderProps) {
  // Minutes say how many took part (a quorum) once the names are gone, never "–" as if nobody came.
  const counts = retained?.counts;
  const number = (n: number | undefined) => (n === undefined ? '–' : String(n));
  return (
    <>
      <dl class="entry-facts">
        <dt>{t('minutes.group')}</dt>
        <dd>{meeting.group_name}</dd>
        <dt>{t('meetings.day')}</dt>
        <dd>{when(t, fmt, meeting)}</dd>
        {meeting.location ? (
          <>
            <dt>{t('meetings.place')}</dt>
            <dd>{[meeting.location, meeting.room].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('minutes.present')}</dt>
        <dd>{retained ? number(counts?.present) : present.join(', ') || '–'}</dd>
        <dt>{t('minutes.excused')}</dt>
        <dd>{retained ? number(counts?.excused) : excused.join(', ') || '–'}</dd>
        {counts ? (
          <>
            <dt>{t('attendance.count.guests')}</dt>
            <dd>{counts.guests}</dd>
          </>
        ) : null}
      </dl>
      {retained ? <p class="meta">{retainedNote(t, fmt, retained)}</p> : null}
    </>
  );
}

export interface EditorProps extends MinutesHeaderProps {
  items: AgendaItem[];
  minutes: Minutes | null;
  /** Field values by name (see src/minutes/form.ts). */
  values: Record<string, string>;
  errors?: FieldErrors;
  people: { id: number; name: string }[];
  version: number;
  laterMeetings: Meeting[];
  conflict?: { yours: Map<number, string>; theirs: Map<number, string> };
  /** Correcting approved minutes: a reason is asked for, and nothing is autosaved or circulated. */
  correction?: boolean;
  /** Members' comments from an earlier circulation, shown with their TOP while revising. */
  comments: MinuteComment[];
  /** The day offered (or typed) by which comments are due when the minutes go out. */
  commentsDue?: string;
  circulateError?: MessageKey;
}

/** minutesValues: stored minutes as editor field values. */
export function minutesValues(items: AgendaItem[], notes: Map<number, string>, decisions: Decision[], actions: ActionItem[], minuteTaker: string | null): Record<string, string> {
  const values: Record<string, string> = { minute_taker: minuteTaker ?? '' };
  for (const item of items) {
    values[`notes_${item.id}`] = notes.get(item.id) ?? '';
    decisions.filter((d) => d.agenda_item_id === item.id).forEach((d, k) => {
      Object.assign(values, { [`decision_${item.id}_${k}_text`]: d.text, [`decision_${item.id}_${k}_yes`]: d.votes_yes?.toString() ?? '', [`decision_${item.id}_${k}_no`]: d.votes_no?.toString() ?? '', [`decision_${item.id}_${k}_abstain`]: d.votes_abstain?.toString() ?? '', [`decision_${item.id}_${k}_label`]: decisionLabel(d) ?? '' });
    });
    actions.filter((a) => a.agenda_item_id === item.id).forEach((a, k) => {
      Object.assign(values, { [`action_${item.id}_${k}_id`]: String(a.id), [`action_${item.id}_${k}_description`]: a.description, [`action_${item.id}_${k}_person`]: a.responsible_person_id?.toString() ?? '', [`action_${item.id}_${k}_organisation`]: a.responsible_organisation ?? '', [`action_${item.id}_${k}_due`]: a.due_on ?? '' });
    });
  }
  return values;
}

function rows(values: Record<string, string>, prefix: string, suffix: string): number {
  let n = 0;
  while (values[`${prefix}_${n}_${suffix}`] !== undefined) n++;
  return n + 1; // one empty row to add another
}

/** FieldError: a field's message next to it; the control names it in aria-describedby (`<id>-error`). */
function FieldError({ t, id, error }: { t: Translate; id: string; error?: MessageKey }) {
  return error ? (
    <p class="field__error" id={`${id}-error`}>
      {t(error)}
    </p>
  ) : null;
}

function Input(p: { t: Translate; name: string; label: string; value?: string; errors?: FieldErrors; type?: string; size?: string }) {
  const error = p.errors?.[p.name];
  return (
    <div class={error ? `field field--${p.size ?? 'wide'} field--error` : `field field--${p.size ?? 'wide'}`}>
      <label for={p.name}>{p.label}</label>
      <FieldError t={p.t} id={p.name} error={error} />
      <input id={p.name} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${p.name}-error` : undefined} />
    </div>
  );
}

export function MinutesEditorPage(p: EditorProps) {
  const { t, values, errors } = p;
  const base = `/meetings/${p.meeting.id}/minutes`;
  return (
    <section>
      <p>
        <a href={`/meetings/${p.meeting.id}`}>← {p.meeting.title}</a>
      </p>
      <h1>
        {t('minutes.title')}: {p.meeting.title} <span class="badge">{t(`minutes.status.${p.minutes?.status ?? 'draft'}`)}</span>
      </h1>
      <MinutesHeader {...p} />
      {p.minutes ? (
        <p class="no-print meta">
          <a href={`/meetings/${p.meeting.id}/minutes.pdf`} hx-boost="false">
            {t('pdf.minutes.link')}
          </a>
        </p>
      ) : null}
      {p.conflict ? (
        <section class="notice notice--error" aria-labelledby="conflict">
          <h2 id="conflict">{t('minutes.conflictTitle')}</h2>
          <p>{t('minutes.conflictLead')}</p>
          {p.items.map((item, i) =>
            (p.conflict!.yours.get(item.id) ?? '') !== (p.conflict!.theirs.get(item.id) ?? '') ? (
              <div class="columns">
                <div>
                  <h3>
                    {t('meetings.top', { n: i + 1 })}: {t('minutes.yours')}
                  </h3>
                  <pre class="mail-body">{p.conflict!.yours.get(item.id) ?? ''}</pre>
                </div>
                <div>
                  <h3>
                    {t('meetings.top', { n: i + 1 })}: {t('minutes.theirs')}
                  </h3>
                  <pre class="mail-body">{p.conflict!.theirs.get(item.id) ?? ''}</pre>
                </div>
              </div>
            ) : null,
          )}
        </section>
      ) : null}
      {p.correction ? <Notice kind="info">{t('minutes.correctionLead')}</Notice> : null}
      <ErrorSummary t={t} errors={errors} idPrefix="" />
      {p.correction ? null : (
        <>
          {/* Autosave: a few seconds after the last keystroke the draft is saved in the background. */}
          <div hx-post={`${base}/autosave`} hx-trigger="input delay:4s from:#minutes-form" hx-include="#minutes-form" hx-target="#autosave-status" hx-swap="innerHTML" />
          <p id="autosave-status" class="meta" role="status" aria-live="polite" />
        </>
      )}
      <form method="post" action={p.correction ? `${base}/correction` : base} class="form form--wide" novalidate id="minutes-form">
        <input type="hidden" id="minutes-version" name="version" value={String(p.version)} />
        {p.correction ? <TextareaField t={t} id="reason" name="reason" label="minutes.correctionReason" hint="minutes.correctionReasonHint" value={values.reason} errors={errors} required rows={3} maxlength={2000} /> : null}
        <Input t={t} name="minute_taker" label={t('minutes.minuteTaker')} value={values.minute_taker} errors={errors} />
        {p.items.map((item, i) => (
          <section class="section minutes-item" aria-labelledby={`top-${item.id}`}>
            <h2 id={`top-${item.id}`}>
              {t('meetings.top', { n: i + 1 })}: {item.title}
            </h2>
            <CommentList t={t} fmt={p.fmt} comments={p.comments.filter((c) => c.agenda_item_id === item.id)} />
            <div class={errors?.[`notes_${item.id}`] ? 'field field--error' : 'field'}>
              <label for={`notes_${item.id}`}>{t('minutes.notes')}</label>
              <p class="field__hint" id={`notes_${item.id}-hint`}>
                {t('minutes.notesHint')}
              </p>
              <FieldError t={t} id={`notes_${item.id}`} error={errors?.[`notes_${item.id}`]} />
              <textarea
                id={`notes_${item.id}`}
                name={`notes_${item.id}`}
                rows={6}
                aria-invalid={errors?.[`notes_${item.id}`] ? 'true' : undefined}
                aria-describedby={errors?.[`notes_${item.id}`] ? `notes_${item.id}-hint notes_${item.id}-error` : `notes_${item.id}-hint`}
              >
                {values[`notes_${item.id}`] ?? ''}
              </textarea>
            </div>
            <fieldset>
              <legend>{t('minutes.decisions')}</legend>
              {Array.from({ length: rows(values, `decision_${item.id}`, 'text') }, (_, k) => {
                const key = `decision_${item.id}_${k}`;
                return (
                  <div class="field-row">
                    {/* A correction shows the numbers the approved decisions have (they keep them). */}
                    <Input t={t} name={`${key}_text`} label={`${t('minutes.decision')} ${k + 1}${values[`${key}_label`] ? ` (${values[`${key}_label`]})` : ''}`} value={values[`${key}_text`]} errors={errors} />
                    <Input t={t} name={`${key}_yes`} label={t('minutes.yes')} value={values[`${key}_yes`]} errors={errors} size="small" />
                    <Input t={t} name={`${key}_no`} label={t('minutes.no')} value={values[`${key}_no`]} errors={errors} size="small" />
                    <Input t={t} name={`${key}_abstain`} label={t('minutes.abstain')} value={values[`${key}_abstain`]} errors={errors} size="small" />
                  </div>
                );
              })}
            </fieldset>
            <fieldset>
              <legend>{t('minutes.actions')}</legend>
              {Array.from({ length: rows(values, `action_${item.id}`, 'description') }, (_, k) => {
                const key = `action_${item.id}_${k}`;
                const personError = errors?.[`${key}_person`];
                return (
                  <div class="field-row">
                    {values[`${key}_id`] ? <input type="hidden" name={`${key}_id`} value={values[`${key}_id`]} /> : null}
                    <Input t={t} name={`${key}_description`} label={`${t('minutes.action')} ${k + 1}`} value={values[`${key}_description`]} errors={errors} />
                    <div class={personError ? 'field field--error' : 'field'}>
                      <label for={`${key}_person`}>{t('minutes.responsible')}</label>
                      <FieldError t={t} id={`${key}_person`} error={personError} />
                      <select id={`${key}_person`} name={`${key}_person`} aria-invalid={personError ? 'true' : undefined} aria-describedby={personError ? `${key}_person-error` : undefined}>
                        <option value="">{t('minutes.nobody')}</option>
                        {p.people.map((person) => (
                          <option value={String(person.id)} selected={values[`${key}_person`] === String(person.id)}>
                            {person.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Input t={t} name={`${key}_organisation`} label={t('minutes.responsibleOrg')} value={values[`${key}_organisation`]} errors={errors} />
                    <Input t={t} name={`${key}_due`} label={t('minutes.due')} type="date" value={values[`${key}_due`]} errors={errors} size="small" />
                  </div>
                );
              })}
            </fieldset>
          </section>
        ))}
        <div class="form__actions">
          <button type="submit" class="button">
            {t(p.correction ? 'minutes.saveCorrection' : 'minutes.save')}
          </button>
        </div>
      </form>
      {p.minutes && !p.correction ? (
        <form method="post" action={`${base}/circulate`} class="form" novalidate>
          <ErrorSummary t={t} errors={p.circulateError ? { comments_due: p.circulateError } : undefined} level={3} />
          <Field t={t} name="comments_due" label="minutes.commentsDue" hint="minutes.commentsDueHint" type="date" value={p.commentsDue} errors={p.circulateError ? { comments_due: p.circulateError } : undefined} required />
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t('minutes.circulate')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

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
}

export function MinutesReadPage(p: ReadProps) {
  const { t, fmt } = p;
  // Comments that came in after the minutes were last saved have not been worked in (the work queue's rule too).
  const unanswered = p.minutes.status === 'circulated' ? p.comments.filter((c) => c.created_at > p.minutes.updated_at).length : 0;
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

function CommentList({ t, fmt, comments }: { t: Translate; fmt: Formatters; comments: MinuteComment[] }) {
  if (!comments.length) return null;
  return (
    <>
      <h3>{t('minutes.comments')}</h3>
      <ul class="comment-list">
        {comments.map((c) => (
          <li>
            <p class="meta">
              {c.author ?? t('minutes.formerMember')}, {fmt.dateTime(c.created_at)}
            </p>
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ul>
    </>
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
      <CommentList t={t} fmt={fmt} comments={comments} />
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

function Changes({ t, changes }: { t: Translate; changes: Change[] }) {
  return (
    <>
      {changes.map((c) =>
        c.kind === 'same' ? (
          c.text
        ) : c.kind === 'removed' ? (
          <del>
            <span class="visually-hidden">[{t('minutes.removed')}: </span>
            {c.text}
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          <ins>
            <span class="visually-hidden">[{t('minutes.added')}: </span>
            {c.text}
            <span class="visually-hidden">]</span>
          </ins>
        ),
      )}
    </>
  );
}

function ChangedRows({ t, caption, changes }: { t: Translate; caption: string; changes: Change[] }) {
  if (!changes.length) return null;
  return (
    <>
      <h3>{caption}</h3>
      <ul class="compare-rows">
        {changes.map((c) => (
          <li>
            <Changes t={t} changes={[c]} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** ComparePage: a kept version against the current minutes, per TOP; removed text struck, added underlined. */
export function ComparePage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; version: VersionEntry; items: ComparedItem[] }) {
  const { t, fmt } = p;
  const base = `/meetings/${p.meeting.id}/minutes`;
  const changed = p.items.filter((i) => i.changed);
  return (
    <article class="minutes">
      <p>
        <a href={`${base}/versions/${p.version.id}`}>← {t('minutes.versionN', { n: String(p.version.version) })}</a>
      </p>
      <h1>
        {t('minutes.compareTitle')}: {p.meeting.title}
      </h1>
      <p>{t('minutes.compareLead', { n: String(p.version.version), date: fmt.dateTime(p.version.created_at) })}</p>
      {changed.length === 0 ? <Notice kind="info">{t('minutes.noChanges')}</Notice> : null}
      {changed.map((c) => (
        <section class="section" aria-labelledby={`cmp-${c.item.id}`}>
          <h2 id={`cmp-${c.item.id}`}>
            {t('meetings.top', { n: p.items.indexOf(c) + 1 })}: {c.item.title}
          </h2>
          {c.notes.some((n) => n.kind !== 'same') ? (
            <p class="compare-notes">
              <Changes t={t} changes={c.notes} />
            </p>
          ) : null}
          {c.decisions.some((n) => n.kind !== 'same') ? <ChangedRows t={t} caption={t('minutes.decisions')} changes={c.decisions} /> : null}
          {c.actions.some((n) => n.kind !== 'same') ? <ChangedRows t={t} caption={t('minutes.actions')} changes={c.actions} /> : null}
        </section>
      ))}
    </article>
  );
}

/** MinutesSearchPage: notes and decisions of the viewer's groups that contain the words searched for. */
export function MinutesSearchPage(p: { t: Translate; fmt: Formatters; query: string; hits: MinutesHit[] }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('minutesSearch.title')}</h1>
      <p>{t('minutesSearch.lead')}</p>
      <form method="get" action="/minutes/search" class="search-form" role="search">
        <div class="field field--wide">
          <label for="minutes-q">{t('minutesSearch.query')}</label>
          <input type="search" id="minutes-q" name="q" value={p.query} maxlength={200} />
        </div>
        <button type="submit" class="button">
          {t('minutesSearch.submit')}
        </button>
      </form>
      {p.query.trim() ? (
        <>
          <h2 id="hits">{t('minutesSearch.count', { n: String(p.hits.length) })}</h2>
          {p.hits.length === 0 ? <p class="empty-state">{t('minutesSearch.none')}</p> : null}
          <ol class="search-results" aria-labelledby="hits">
            {p.hits.map((h) => (
              <li>
                <a href={`/meetings/${h.meeting_id}/minutes#top-${h.agenda_item_id}`}>
                  {h.meeting_title}, {fmt.date(h.starts_at)}: {h.item_title}
                </a>
                <p class="meta">
                  {h.group_name} · {h.kind === 'decision' ? (h.label ? t('minutes.decisionN', { n: h.label }) : t('minutes.decision')) : t('minutesSearch.notes')}
                </p>
                <p>{excerpt(h.text, p.query)}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export function ActionsPage(p: { t: Translate; fmt: Formatters; rows: ActionRow[]; today: string; filters: Record<string, string>; groups: { slug: string; name: string }[]; canComplete: (row: ActionRow) => boolean }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('actions.title')}</h1>
      <p>
        {t('actions.lead')} <a href="/minutes/search">{t('minutesSearch.link')}</a>
      </p>
      <form method="get" action="/actions" class="search-form">
        <div class="field">
          <label for="filter-status">{t('actions.status')}</label>
          <select id="filter-status" name="status">
            <option value="open" selected={p.filters.status !== 'done' && p.filters.status !== 'all'}>
              {t('actions.open')}
            </option>
            <option value="done" selected={p.filters.status === 'done'}>
              {t('actions.done')}
            </option>
            <option value="all" selected={p.filters.status === 'all'}>
              {t('actions.all')}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="filter-group">{t('minutes.group')}</label>
          <select id="filter-group" name="group">
            <option value="">{t('actions.all')}</option>
            {p.groups.map((g) => (
              <option value={g.slug} selected={p.filters.group === g.slug}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-responsible">{t('actions.responsibleFilter')}</label>
          <input type="search" id="filter-responsible" name="responsible" value={p.filters.responsible ?? ''} maxlength={100} />
        </div>
        <div class="field">
          <label for="filter-due">{t('actions.dueBy')}</label>
          <input type="date" id="filter-due" name="due_by" value={p.filters.due_by ?? ''} />
        </div>
        <div class="field field--checkbox">
          <input type="hidden" name="filtered" value="1" />
          <input type="checkbox" id="filter-mine" name="mine" value="1" checked={p.filters.mine === '1'} />
          <label for="filter-mine">{t('actions.mine')}</label>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="filter-overdue" name="overdue" value="1" checked={p.filters.overdue === '1'} />
          <label for="filter-overdue">{t('actions.onlyOverdue')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('actions.filter')}
        </button>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty-state">{t('actions.none')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('actions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('minutes.action')}</th>
              <th scope="col">{t('minutes.responsible')}</th>
              <th scope="col">{t('minutes.due')}</th>
              <th scope="col">{t('actions.from')}</th>
              <th scope="col">{t('actions.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const overdue = r.status === 'open' && r.due_on !== null && r.due_on < p.today;
              return (
                <tr class={overdue ? 'row-error' : undefined}>
                  <td>{r.description}</td>
                  <td>{[r.responsible_name, r.responsible_organisation].filter(Boolean).join(', ') || '–'}</td>
                  <td>
                    {r.due_on ? fmt.date(`${r.due_on}T12:00:00Z`) : '–'}
                    {overdue ? <strong> ({t('actions.overdue')})</strong> : null}
                  </td>
                  <td>
                    <a href={`/meetings/${r.meeting_id}/minutes`}>{r.meeting_title}</a> ({r.group_name})
                  </td>
                  <td>
                    {r.status === 'done' ? (
                      <>
                        {t('actions.done')}
                        {r.done_note ? `: ${r.done_note}` : ''}
                      </>
                    ) : p.canComplete(r) ? (
                      <form method="post" action={`/actions/${r.id}/done`} class="inline-form">
                        <label class="visually-hidden" for={`note-${r.id}`}>
                          {t('actions.doneNote')}
                        </label>
                        <input id={`note-${r.id}`} name="note" placeholder={t('actions.doneNote')} maxlength={1000} />{' '}
                        <button type="submit" class="button button--small">
                          {t('actions.markDone')}
                        </button>
                      </form>
                    ) : (
                      t('actions.open')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** AutosaveStatus: what the background save says, and the new version for the form (out of band). */
export function AutosaveStatus({ message, version }: { message: string; version?: number }) {
  return (
    <>
      {message}
      {version !== undefined ? <input type="hidden" id="minutes-version" name="version" value={String(version)} hx-swap-oob="true" /> : null}
    </>
  );
}

/**
 * SessionExpiredPage: a save arrived without a valid session (it ended while someone was writing).
 * Nothing is lost: every posted field is kept in this page's form, the notes are shown for copying, and
 * after signing in (in another tab) one click sends the same form again.
 */
export function SessionExpiredPage({ t, action, fields, next }: { t: Translate; action: string; fields: Record<string, string>; next: string }) {
  const notes = Object.entries(fields).filter(([k, v]) => k.startsWith('notes_') && v.trim());
  return (
    <section>
      <h1>{t('minutes.expiredTitle')}</h1>
      <Notice kind="error">{t('minutes.expiredLead')}</Notice>
      <p>
        <a href={`/login?next=${encodeURIComponent(next)}`} target="_blank" rel="noopener">
          {t('minutes.expiredLogin')}
        </a>
      </p>
      <form method="post" action={action} class="form form--wide">
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class="form__actions">
          <button type="submit" class="button">
            {t('minutes.expiredResend')}
          </button>
        </div>
      </form>
      {notes.length ? (
        <>
          <h2>{t('minutes.expiredCopy')}</h2>
          {notes.map(([name, value]) => (
            <pre class="mail-body" aria-label={name}>
              {value}
            </pre>
          ))}
        </>
      ) : null}
    </section>
  );
}
