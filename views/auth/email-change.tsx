import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { EmailChangeLink } from '../../src/people/email-change.js';
import { ChoiceForm, Notice } from '../components.js';

/**
 * EmailChangePage: a confirmation link of a change of the login address (action is the link itself).
 * The old address's owner sees the new address; the new address's holder only the name (a mistyped
 * address must not learn the old one).
 */
export function EmailChangePage(p: { t: Translate; link: EmailChangeLink; action: string; error?: MessageKey }) {
  const { t, link } = p;
  return (
    <section class="narrow">
      <h1>{t('emailChange.title')}</h1>
      {p.error ? <Notice kind="error">{t(p.error)}</Notice> : null}
      <p>{link.side === 'old' ? t('emailChange.leadOld', { name: link.name, email: link.newEmail }) : t('emailChange.leadNew', { name: link.name, email: link.newEmail })}</p>
      <p>{t('emailChange.bothNeeded')}</p>
      <ChoiceForm action={p.action} name="decision" yes={{ value: 'confirm', label: t('emailChange.confirm') }} no={{ value: 'cancel', label: t('emailChange.cancel') }} dangerous />
    </section>
  );
}

/** EmailChangeDonePage: a confirmation that could not take effect (the other steps end with a redirect). */
export function EmailChangeDonePage(p: { t: Translate; message: MessageKey }) {
  return (
    <section class="narrow">
      <h1>{p.t('emailChange.title')}</h1>
      <Notice kind="error">{p.t(p.message)}</Notice>
      <p>
        <a href="/">{p.t('error.backHome')}</a>
      </p>
    </section>
  );
}

/** EmailChangeInvalidPage: a link that is unknown, used, expired, or whose change has ended. */
export function EmailChangeInvalidPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('emailChange.title')}</h1>
      <Notice kind="error">{t('emailChange.invalid')}</Notice>
    </section>
  );
}
