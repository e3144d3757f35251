import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Site } from '../http/env.js';
import { readSite } from '../http/site.js';
import type { Translate } from '../i18n/index.js';

/**
 * mailSignature: the one sign-off of every mail, from the settings (/admin/settings): the office, the
 * district and, when set, the office's address, which is also every mail's Reply-To. Without that
 * address no line invites an answer: the sender (MAIL_FROM) is often a box nobody reads.
 */
export function mailSignature(site: Pick<Site, 'officeName' | 'districtName' | 'officeEmail'>): string {
  const lines = [site.officeName, site.districtName, site.officeEmail ? `E-Mail: ${site.officeEmail}` : ''].filter((l) => l.trim() !== '');
  return lines.length ? `-- \n${lines.join('\n')}\n` : '';
}

/** signed: a mail text with the office's signature after it (and after anything appended to the text). */
export function signed(text: string, site: Pick<Site, 'officeName' | 'districtName' | 'officeEmail'>): string {
  const signature = mailSignature(site);
  return signature ? `${text.replace(/\s+$/, '')}\n\n${signature}` : text;
}

/** signedText: as signed, with the settings read from the database (inside the caller's transaction). */
export async function signedText(db: Kysely<Database>, text: string): Promise<string> {
  return signed(text, await readSite(db));
}

/** greeting: the salutation with the person's name where it is known ("Guten Tag Frau …" needs a form of address the hub does not ask for). */
export function greeting(t: Translate, name: string | null | undefined): string {
  return name?.trim() ? t('mail.greeting', { name: name.trim() }) : t('mail.greetingNoName');
}
