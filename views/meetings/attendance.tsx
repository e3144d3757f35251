import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import { retainedNote, type AttendanceRow, type RetainedAttendance } from '../../src/meetings/attendance.js';
import type { MeetingWithGroup } from '../../src/meetings/meetings.js';
import { Content, ErrorSummary, Field } from '../components.js';
import { when } from './meetings.js';

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
        <a href={`/meetings/${meeting.id}`}>← <Content t={t}>{meeting.title}</Content></a>
      </p>
      <h1>
        {t('attendance.title')}: <Content t={t}>{meeting.title}</Content>
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
      {p.rows.some((r) => r.answer === 'accepted') ? (
        <form method="post" action={`${base}/accepted`} class="form">
          <p class="field__hint" id="all-accepted-hint">
            {t('attendance.allAcceptedHint')}
          </p>
          <div class="form__actions">
            <button type="submit" class="button button--secondary" aria-describedby="all-accepted-hint">
              {t('attendance.allAccepted')}
            </button>
          </div>
        </form>
      ) : null}
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
                  {r.substitute_for_name ? <div class="meta">{t('replies.substituteFor', { name: r.substitute_for_name })}</div> : null}
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
        {t('attendance.sheet')}: <Content t={t}>{meeting.title}</Content>
      </h1>
      <p>
        {when(t, p.fmt, meeting)}
        {meeting.location ? <>, <Content t={t}>{[meeting.location, meeting.room].filter(Boolean).join(', ')}</Content></> : ''}
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
