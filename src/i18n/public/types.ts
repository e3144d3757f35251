import type { MessageKey } from '../de.js';

/**
 * A public catalogue: the texts of the public pages in one more language. Partial: only the keys the
 * public pages use (test/i18n-public-keys.test.ts fails on any key a public page asks for and the
 * catalogue lacks). Texts are machine-made unless their key is listed in `reviewed` (keys a native
 * speaker has checked); see README, "Languages of the public pages".
 */
export interface PublicCatalogueOf<Code extends string> {
  code: Code;
  /** The language's name in itself, for the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Keys a native speaker has reviewed; every other text counts as machine-made. */
  reviewed: readonly MessageKey[];
  messages: Partial<Record<MessageKey, string>>;
}

/** Texts other features add for their public pages (src/<feature>/public-messages.ts). */
export type FeatureMessages = Record<'tr' | 'ar' | 'ru' | 'uk', Record<string, string>>;
