import type { PollAnswer } from '../../src/db/schema.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { PollOption, PollWithGroup } from '../../src/polls/polls.js';
import { Content, Notice } from '../components.js';
import { when } from '../meetings/meetings.js';
import { AnswerFields } from './answers.js';

/** PollLinkPage: the page a poll's mail link opens: the dates and the answer form (opening it records nothing). */
export function PollLinkPage(p: { t: Translate; fmt: Formatters; poll: PollWithGroup; options: PollOption[]; own: Map<number, PollAnswer>; name: string; action: string; error?: MessageKey }) {
  const { t, poll } = p;
  return (
    <section class="narrow">
      <h1>{t('polls.linkTitle', { title: poll.title })}</h1>
      <p>{t('polls.linkLead', { name: p.name, group: poll.group_name })}</p>
      {poll.location ? (
        <p class="meta">
          {t('meetings.place')}: <Content t={t}>{poll.location}</Content>
        </p>
      ) : null}
      {poll.note ? (
        <p>
          <Content t={t}>{poll.note}</Content>
        </p>
      ) : null}
      {p.error ? (
        <div id="answers-error">
          <Notice kind="error">{t(p.error)}</Notice>
        </div>
      ) : null}
      <form method="post" action={p.action} class="form" novalidate>
        <AnswerFields t={t} fmt={p.fmt} options={p.options} own={p.own} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('polls.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** PollLinkDonePage: what was saved, date by date, and that the same link changes it while the poll is open. */
export function PollLinkDonePage(p: { t: Translate; fmt: Formatters; poll: PollWithGroup; options: PollOption[]; own: Map<number, PollAnswer>; link: string }) {
  const { t, poll } = p;
  return (
    <section class="narrow">
      <h1>{t('polls.linkTitle', { title: poll.title })}</h1>
      <Notice kind="success">{t('polls.saved')}</Notice>
      <dl class="entry-facts">
        {p.options.map((o) => (
          <>
            <dt>{when(t, p.fmt, o)}</dt>
            <dd>{p.own.has(o.id) ? t(`polls.answer.${p.own.get(o.id)!}`) : t('polls.noAnswer')}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={p.link}>{t('polls.change')}</a>
      </p>
    </section>
  );
}

export function PollLinkInvalidPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('polls.title')}</h1>
      <Notice kind="error">{t('polls.invalid')}</Notice>
    </section>
  );
}
