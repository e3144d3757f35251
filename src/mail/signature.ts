import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Site } from '../http/env.js';
import { readSite } from '../http/site.js';
import type { Translate } from '../i18n/index.js';

/** What the signature is made of (the sign-off and the office's details). */
export type SignatureSite = Pick<Site, 'officeName' | 'districtName' | 'officeEmail'> & Partial<Pick<Site, 'signOff' | 'postalAddress' | 'phone'>>;

/**
 * defaultSignOff: the sign-off while the setting sign_off is empty: the office, the district, its postal
 * address, phone and e-mail address, each where set. Without an e-mail address no line invites an
 * answer: the sender (MAIL_FROM) is often a box nobody reads.
 */
export function defaultSignOff(site: SignatureSite): string {
  const lines = [site.officeName, site.districtName, ...(site.postalAddress ?? '').split('\n'), site.phone ? `Telefon: ${site.phone}` : '', site.officeEmail ? `E-Mail: ${site.officeEmail}` : ''];
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * mailSignature: the one sign-off of every mail, from the settings (/admin/settings): the admin's own
 * text (sign_off), else the office's details (defaultSignOff), after the signature separator "-- ".
 */
export function mailSignature(site: SignatureSite): string {
  const own = (site.signOff ?? '').replace(/\r\n?/g, '\n').trim();
  const text = own || defaultSignOff(site);
  return text ? `-- \n${text}\n` : '';
}

/** signed: a mail text with the office's signature after it (and after anything appended to the text). */
export function signed(text: string, site: SignatureSite): string {
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
