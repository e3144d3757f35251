import type { PollAnswer } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { PollAnswerRow, PollOption, PollWithGroup } from '../../src/polls/polls.js';
import { Content, Notice } from '../components.js';
import { when } from '../meetings/meetings.js';
import { AnswerFields } from './answers.js';

const SYMBOL: Record<PollAnswer, string> = { yes: '✓', maybe: '(✓)', no: '✗' };

/**
 * PollPage: who can when (dates × the group's members, with the counts per date), the viewer's own
 * answers while the poll is open, and for those who manage it: fix a date (it becomes the meeting) or close.
 */
export function PollPage(p: {
  t: Translate;
  fmt: Formatters;
  poll: PollWithGroup;
  options: PollOption[];
  answers: PollAnswerRow[];
  people: { id: number; name: string }[];
  /** The viewer's person id when they may answer (a current member, the poll open); else null. */
  personId: number | null;
  canManage: boolean;
  fixErrors?: FieldErrors;
  answerError?: MessageKey;
}) {
  const { t, fmt, poll, options } = p;
  const byCell = new Map(p.answers.map((a) => [`${a.option_id}:${a.person_id}`, a.answer]));
  const count = (optionId: number, answer: PollAnswer) => p.answers.filter((a) => a.option_id === optionId && a.answer === answer).length;
  const own = new Map(p.answers.filter((a) => a.person_id === p.personId).map((a) => [a.option_id, a.answer]));
  const fixError = p.fixErrors?.option;
  return (
    <section>
      <p class="meta">
        <a href={`/groups/${poll.group_slug}`}>{poll.group_name}</a>
      </p>
      <h1>
        {t('polls.title')}: <Content t={t}>{poll.title}</Content>
      </h1>
      <p class="meta">
        {t(`polls.status.${poll.status}`)}
        {poll.location ? (
          <>
            {' · '}
            {t('meetings.place')}: <Content t={t}>{poll.location}</Content>
          </>
        ) : null}
      </p>
      {poll.note ? (
        <p>
          <Content t={t}>{poll.note}</Content>
        </p>
      ) : null}
      {poll.status === 'fixed' && poll.fixed_meeting_id ? (
        <p>
          <a href={`/meetings/${poll.fixed_meeting_id}`}>{t('polls.toMeeting')}</a>
        </p>
      ) : null}

      <div class="table-scroll" role="region" aria-labelledby="poll-caption" tabindex={0}>
        <table class="table">
          <caption id="poll-caption">{t('polls.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('polls.person')}</th>
              {options.map((o) => (
                <th scope="col">{when(t, fmt, o)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.people.map((person) => (
              <tr>
                <th scope="row">{person.name}</th>
                {options.map((o) => {
                  const a = byCell.get(`${o.id}:${person.id}`);
                  return a ? (
                    <td>
                      <span aria-hidden="true">{SYMBOL[a]} </span>
                      {t(`polls.answer.${a}`)}
                    </td>
                  ) : (
                    <td>–</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('polls.counts')}</th>
              {options.map((o) => (
                <td>{t('polls.countLine', { yes: count(o.id, 'yes'), maybe: count(o.id, 'maybe'), no: count(o.id, 'no') })}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>

      {p.personId !== null ? (
        <section aria-labelledby="own-answer">
          <h2 id="own-answer">{t('polls.ownAnswer')}</h2>
          {p.answerError ? <Notice kind="error">{t(p.answerError)}</Notice> : null}
          <form method="post" action={`/polls/${poll.id}/answers`} class="form" novalidate>
            <AnswerFields t={t} fmt={fmt} options={options} own={own} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('polls.submit')}
              </button>
            </div>
          </form>
        </section>
      ) : null}

      {p.canManage && poll.status === 'open' ? (
        <section aria-labelledby="fix-date">
          <h2 id="fix-date">{t('polls.fixTitle')}</h2>
          <form method="post" action={`/polls/${poll.id}/fix`} class="form" novalidate>
            <fieldset aria-describedby={fixError ? 'field-option-error' : undefined}>
              <legend>{t('polls.fixLegend')}</legend>
              {fixError ? (
                <p class="field__error" id="field-option-error">
                  {t(fixError)}
                </p>
              ) : null}
              {options.map((o, i) => (
                <div class="radio">
                  <input type="radio" id={i === 0 ? 'field-option' : `field-option-${o.id}`} name="option" value={String(o.id)} />
                  <label for={i === 0 ? 'field-option' : `field-option-${o.id}`}>
                    {when(t, fmt, o)} ({t('polls.countLine', { yes: count(o.id, 'yes'), maybe: count(o.id, 'maybe'), no: count(o.id, 'no') })})
                  </label>
                </div>
              ))}
            </fieldset>
            <div class="form__actions">
              <button type="submit" class="button">
                {t('polls.fix')}
              </button>
            </div>
          </form>
          <form method="post" action={`/polls/${poll.id}/close`} class="form">
            <button type="submit" class="button button--secondary">
              {t('polls.close')}
            </button>
          </form>
        </section>
      ) : null}
    </section>
  );
}
