import type { PublicCatalogueOf } from './types.js';

/** Türkçe: machine-made translations of the public pages' texts (see README); reviewed keys are listed in `reviewed`. */
export const tr: PublicCatalogueOf<'tr'> = {
  code: 'tr',
  name: 'Türkçe',
  dir: 'ltr',
  reviewed: [],
  messages: {
    'app.locale': 'tr',
  },
};
