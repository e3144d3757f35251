import type { PublicCatalogueOf } from './types.js';

/** Українська: machine-made translations of the public pages' texts (see README); reviewed keys are listed in `reviewed`. */
export const uk: PublicCatalogueOf<'uk'> = {
  code: 'uk',
  name: 'Українська',
  dir: 'ltr',
  reviewed: [],
  messages: {
    'app.locale': 'uk',
  },
};
