import type { Translate } from '../src/i18n/index.js';
import { HONEYPOT_FIELD } from '../src/http/public-form.js';

/**
 * Honeypot: the field of a public form that people do not see (hidden by the stylesheet and from screen
 * readers, out of the tab order) and robots fill in (src/http/public-form.ts).
 */
export function Honeypot({ t }: { t: Translate }) {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for={`field-${HONEYPOT_FIELD}`}>{t('directory.new.honeypot')}</label>
      <input type="text" id={`field-${HONEYPOT_FIELD}`} name={HONEYPOT_FIELD} tabindex={-1} autocomplete="off" />
    </div>
  );
}
