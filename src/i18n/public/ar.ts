import type { PublicCatalogueOf } from './types.js';

/** العربية: machine-made translations of the public pages' texts (see README); reviewed keys are listed in `reviewed`. */
export const ar: PublicCatalogueOf<'ar'> = {
  code: 'ar',
  name: 'العربية',
  dir: 'rtl',
  reviewed: [],
  messages: {
    'app.locale': 'ar',
  },
};
