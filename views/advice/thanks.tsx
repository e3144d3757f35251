import type { Translate } from '../../src/i18n/index.js';

/** AdviceThanksPage: the answer after the advice form was sent (also to a robot caught by the honeypot). */
export function AdviceThanksPage({ t, programmeId, answerDays }: { t: Translate; programmeId: number; answerDays: number }) {
  return (
    <section class="narrow">
      <h1>{t('advice.thanks.title')}</h1>
      <p role="status">{t('advice.thanks.text', { days: answerDays })}</p>
      <p>
        <a href={`/programmes/${programmeId}`}>{t('advice.thanks.back')}</a>
      </p>
    </section>
  );
}
