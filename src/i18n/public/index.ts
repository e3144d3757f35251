import type { MessageKey } from '../de.js';
import { ar } from './ar.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import type { FeatureMessages, PublicCatalogueOf } from './types.js';
import { uk } from './uk.js';
import { citiesPublicMessages } from '../../cities/public-messages.js';
import { contactPublicMessages } from '../../contact/public-messages.js';
import { needPublicMessages } from '../../statistics/need-public-messages.js';
import { statisticsPublicMessages } from '../../statistics/public-messages.js';
import { programmesPublicMessages } from '../../programmes/public-messages.js';
import { advicePublicMessages } from '../../advice/public-messages.js';

/**
 * Texts of other features' public pages, spread into the catalogues of the same language. One line
 * per feature, e.g. `citiesPublicMessages` from src/cities/public-messages.ts.
 */
const FEATURE_MESSAGES: FeatureMessages[] = [
  citiesPublicMessages,
  contactPublicMessages,
  needPublicMessages,
  statisticsPublicMessages,
  programmesPublicMessages,
  advicePublicMessages,
];

/**
 * The public languages besides German and English, in the order of the language switch. One more
 * language = one catalogue file (like tr.ts) plus one line here (and its key in FeatureMessages).
 */
const BASE = [tr, ar, ru, uk] as const;

export type PublicCatalogue = (typeof BASE)[number] extends PublicCatalogueOf<infer C> ? PublicCatalogueOf<C> : never;

export const PUBLIC_CATALOGUES: PublicCatalogue[] = BASE.map((catalogue) => ({
  ...catalogue,
  messages: Object.assign({}, catalogue.messages, ...FEATURE_MESSAGES.map((f) => f[catalogue.code] as Partial<Record<MessageKey, string>>)),
}));
