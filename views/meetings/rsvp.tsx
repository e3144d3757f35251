import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { MeetingWithGroup } from '../../src/meetings/meetings.js';
import { Content, ErrorSummary, Field, Notice, SelectField } from '../components.js';
import { when } from './meetings.js';

/**
 * ReplyFields: the answer, a comment and a substitute; shared by the meeting page and the mail link.
 * The substitute is a colleague from the list (when the member's organisation has any) or a name and an
 * address typed in.
 */
export function ReplyFields({ t, answer, comment, substitute, substituteEmail, colleagues, colleague, errors }: { t: Translate; answer?: string | null; comment?: string | null; substitute?: string | null; substituteEmail?: string | null; colleagues?: { id: number; name: string }[]; colleague?: string; errors?: FieldErrors }) {
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
      {colleagues?.length ? (
        <SelectField
          t={t}
          name="substitute_colleague"
          label="rsvp.substituteColleague"
          hint="rsvp.substituteColleagueHint"
          value={colleague ?? ''}
          errors={errors}
          options={[{ value: '', label: t('rsvp.substituteColleagueNone') }, ...colleagues.map((p) => ({ value: String(p.id), label: p.name }))]}
        />
      ) : null}
      <Field t={t} name="substitute" label="rsvp.substitute" value={substitute ?? ''} errors={errors} maxlength={200} />
      <Field t={t} name="substitute_email" label="rsvp.substituteEmail" hint="rsvp.substituteEmailHint" type="email" value={substituteEmail ?? ''} errors={errors} maxlength={320} autocomplete="off" />
    </>
  );
}

export function RsvpPage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; name: string; action: string; answer?: string; values?: Record<string, string>; errors?: FieldErrors; colleagues: { id: number; name: string }[] }) {
  const { t, meeting } = p;
  return (
    <section class="narrow">
      <h1>{t('rsvp.title', { title: meeting.title })}</h1>
      <p>{t('rsvp.lead', { name: p.name })}</p>
      <p class="meta">
        {when(t, p.fmt, meeting)}
        {meeting.location ? <>, <Content t={t}>{meeting.location}</Content></> : ''}
      </p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <ReplyFields t={t} answer={p.answer} comment={p.values?.comment} substitute={p.values?.substitute} substituteEmail={p.values?.substitute_email} colleagues={p.colleagues} colleague={p.values?.substitute_colleague} errors={p.errors} />
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

/** RsvpDonePage: which answer was saved for which meeting, the calendar file, and how to change it. */
export function RsvpDonePage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; answer: 'accepted' | 'declined' | 'tentative'; link: string; substitute?: string }) {
  const { t, meeting } = p;
  return (
    <section class="narrow">
      <h1>{t('replies.title')}</h1>
      <Notice kind="success">
        {t('rsvp.saved', { answer: t(`answer.${p.answer}`) })}
        {p.substitute ? ` ${t('rsvp.substituteInvited', { name: p.substitute })}` : ''}
      </Notice>
      <dl class="entry-facts">
        <dt>{t('rsvp.meeting')}</dt>
        <dd>
          <Content t={t}>{meeting.title}</Content> ({meeting.group_name})
        </dd>
        <dt>{t('meetings.day')}</dt>
        <dd>{when(t, p.fmt, meeting)}</dd>
        {meeting.location || meeting.room ? (
          <>
            <dt>{t('meetings.place')}</dt>
            <dd>
              <Content t={t}>{[meeting.location, meeting.room].filter(Boolean).join(', ')}</Content>
            </dd>
          </>
        ) : null}
      </dl>
      {p.answer === 'declined' ? null : (
        <p>
          <a href={`${p.link}/meeting.ics`} download hx-boost="false">
            {t('meetings.ics')}
          </a>
        </p>
      )}
      <p>{t('rsvp.change')}</p>
    </section>
  );
}
