import type { FieldErrors } from '../src/http/forms.js';
import type { MessageKey, Translate } from '../src/i18n/index.js';

/**
 * ConsentField: the required consent box of a public form that stores personal data (the contact form,
 * advice requests), with the text that says what is kept, why and for how long (`months`), and a link
 * to the privacy page. The text is tied to the box (aria-describedby), and so is an error.
 */
export function ConsentField(p: { t: Translate; errors?: FieldErrors; checked: boolean; label: MessageKey; text: MessageKey; privacyLink: MessageKey; months: number; textId: string }) {
  const { t, errors } = p;
  return (
    <div class={errors?.consent ? 'field field--checkbox field--error' : 'field field--checkbox'}>
      <input
        type="checkbox"
        id="field-consent"
        name="consent"
        value="on"
        checked={p.checked}
        required
        aria-describedby={errors?.consent ? `field-consent-error ${p.textId}` : p.textId}
        aria-invalid={errors?.consent ? 'true' : undefined}
      />
      <label for="field-consent">
        {t(p.label)} <span class="field__required">({t('form.required')})</span>
      </label>
      {errors?.consent ? (
        <p class="field__error" id="field-consent-error">
          {t(errors.consent)}
        </p>
      ) : null}
      <p class="field__hint" id={p.textId}>
        {t(p.text, { months: p.months })} <a href="/datenschutz">{t(p.privacyLink)}</a>
      </p>
    </div>
  );
}
