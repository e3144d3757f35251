import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AgendaItem, Meeting, MeetingWithGroup } from '../../src/meetings/meetings.js';
import { decisionLabel } from '../../src/minutes/decisions.js';
import type { ActionItem, Decision, Minutes } from '../../src/minutes/minutes.js';
import { ErrorSummary, Field, Notice, TextareaField } from '../components.js';
import { type MinuteComment } from '../../src/minutes/comments.js';
import { CommentList } from './comments.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { when } from '../meetings/meetings.js';
import { retainedNote, type RetainedAttendance } from '../../src/meetings/attendance.js';

export interface MinutesHeaderProps {
  t: Translate;
  fmt: Formatters;
  meeting: MeetingWithGroup;
  present: string[];
  excused: string[];
  absent: string[];
  /** Guests recorded at the meeting, with their organisation. */
  guests: string[];
  /** Set past the retention period: the names are deleted, the kept numbers are shown instead. */
  retained?: RetainedAttendance | null;
}

export function MinutesHeader({ t, fmt, meeting, present, excused, absent, guests, retained }: MinutesHeaderProps) {
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
        {retained ? null : (
          <>
            <dt>{t('minutes.absent')}</dt>
            <dd>{absent.join(', ') || '–'}</dd>
            <dt>{t('attendance.count.guests')}</dt>
            <dd>{guests.join(', ') || '–'}</dd>
          </>
        )}
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
            <CommentList t={t} fmt={p.fmt} comments={p.comments.filter((c) => c.agenda_item_id === item.id)} mode={p.correction ? { kind: 'read' } : { kind: 'editor', errors, values }} />
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
