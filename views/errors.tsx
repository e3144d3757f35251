import type { MessageKey, Translate } from '../src/i18n/index.js';

/** ErrorPage: the German 400/401/403/404/413/500/503 pages. */
export function ErrorPage({ t, title, text }: { t: Translate; title: MessageKey; text: MessageKey }) {
  return (
    <section class="narrow">
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </section>
  );
}
