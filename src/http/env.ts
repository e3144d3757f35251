import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { Locale, MessageKey, PublicLocale, Translate } from '../i18n/index.js';
import type { Formatters } from '../lib/berlin-time.js';

/** What the app is built from; tests build it with their own database and clock. */
export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  /** The current time; tests move it to check expiry. */
  now?: () => Date;
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: MessageKey;
}

/** Site-wide facts shown in the layout (from the settings table). */
export interface Site {
  districtName: string;
  officeName: string;
  /** The office's e-mail address ("" when not set: see officeEmail in ./site.ts). */
  officeEmail: string;
  /** The office's postal address, one line per line. */
  postalAddress: string;
  phone: string;
  /** Where answers to the hub's mails go ("" = officeEmail: see replyToOf in ./site.ts). */
  replyTo: string;
  /** The sign-off of every mail ("" = one made from the office's details: src/mail/signature.ts). */
  signOff: string;
  /** The data-protection officer's contact (name or function, address, e-mail), multi-line. */
  dpoContact: string;
  /** The logo's version (its SHA-256), "" without a logo (src/settings/logo.ts; served at /logo). */
  logo: string;
}

/** The per-request variables every handler and the layout can read. */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    config: Config;
    now: () => Date;
    user: SessionUser | null;
    sessionId: string | null;
    locale: Locale;
    t: Translate;
    fmt: Formatters;
    flash: Flash | null;
    site: Site;
    clientIp: string;
    /** The page's language: `locale`, or on a public page read without signing in any public language (src/i18n/public-pages.ts). */
    lang: PublicLocale;
  };
}
