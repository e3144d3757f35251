import type { Translate } from '../../src/i18n/index.js';

/** ContactThanksPage: the answer after the contact form was sent (also to a robot caught by the honeypot). */
export function ContactThanksPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('contact.thanks.title')}</h1>
      <p role="status">{t('contact.thanks.text')}</p>
      <p>
        <a href="/contact">{t('contact.thanks.back')}</a>
      </p>
    </section>
  );
}
