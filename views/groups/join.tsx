import type { Translate } from '../../src/i18n/index.js';
import { ChoiceForm, Notice } from '../components.js';

/** JoinPage: the page behind a group invitation's link; both answers are buttons (POST). */
export function JoinPage(p: { t: Translate; action: string; lead: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('join.title')}</h1>
      <p>{p.lead}</p>
      <p>{t('join.explain')}</p>
      <ChoiceForm action={p.action} name="answer" yes={{ value: 'accept', label: t('join.accept') }} no={{ value: 'decline', label: t('join.decline') }} />
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
