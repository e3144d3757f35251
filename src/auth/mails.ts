import { translator } from '../i18n/index.js';
import type { NewMail } from '../mail/outbox.js';

// Mails go out in German: the recipient's UI language is not known when they are written.
const t = translator('de');

export function resetMail(to: string, name: string, link: string): NewMail {
  return {
    to,
    subject: t('reset.mail.subject', { app: t('app.name') }),
    text: t('reset.mail.body', { name, app: t('app.name'), link }),
  };
}

export function inviteMail(to: string, name: string, link: string, districtName: string): NewMail {
  return {
    to,
    subject: t('invite.mail.subject', { app: t('app.name') }),
    text: t('invite.mail.body', { name, app: t('app.name'), link, district: districtName }),
  };
}

/** emailChangeNewMail: to the new address, whose link confirms that it reaches the person. */
export function emailChangeNewMail(to: string, name: string, link: string): NewMail {
  return {
    to,
    subject: t('emailChange.mail.new.subject', { app: t('app.name') }),
    text: t('emailChange.mail.new.body', { name, app: t('app.name'), link }),
  };
}

/** emailChangeOldMail: to the current address, whose owner must agree (or stop the change). */
export function emailChangeOldMail(to: string, name: string, newEmail: string, link: string): NewMail {
  return {
    to,
    subject: t('emailChange.mail.old.subject', { app: t('app.name') }),
    text: t('emailChange.mail.old.body', { name, app: t('app.name'), link, email: newEmail }),
  };
}
