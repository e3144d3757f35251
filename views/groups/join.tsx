import type { Translate } from '../../src/i18n/index.js';
import { Notice } from '../components.js';

/** JoinPage: the page behind a group invitation's link; both answers are buttons (POST). */
export function JoinPage(p: { t: Translate; action: string; lead: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('join.title')}</h1>
      <p>{p.lead}</p>
      <p>{t('join.explain')}</p>
      <form method="post" action={p.action} class="form">
        <div class="form__actions">
          <button type="submit" name="answer" value="accept" class="button">
            {t('join.accept')}
          </button>
          <button type="submit" name="answer" value="decline" class="button button--secondary">
            {t('join.decline')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** JoinResultPage: what became of the answer. */
export function JoinResultPage(p: { t: Translate; message: string }) {
  return (
    <section class="narrow">
      <h1>{p.t('join.title')}</h1>
      <Notice kind="success">{p.message}</Notice>
    </section>
  );
}

/** JoinInvalidPage: an unknown, used or expired invitation link (HTTP 410). */
export function JoinInvalidPage(p: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{p.t('join.title')}</h1>
      <Notice kind="error">{p.t('join.invalid')}</Notice>
    </section>
  );
}
