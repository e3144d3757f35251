import type { City } from '../../src/db/schema.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';

/** councilBodyLabel: "Integrationsrat", "Integrationsausschuss" or "no integration council body". */
export function councilBodyLabel(t: Translate, body: City['council_body']): string {
  return t(`cities.body.${body ?? 'none'}` as MessageKey);
}
