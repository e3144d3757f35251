import type { PublicCatalogueOf } from './types.js';

/** Русский: machine-made translations of the public pages' texts (see README); reviewed keys are listed in `reviewed`. */
export const ru: PublicCatalogueOf<'ru'> = {
  code: 'ru',
  name: 'Русский',
  dir: 'ltr',
  reviewed: [],
  messages: {
    'app.locale': 'ru',
  },
};
