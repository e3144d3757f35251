import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CheckboxField, ErrorSummary } from '../components.js';

export interface AnonymisePageProps {
  t: Translate;
  personId: number;
  name: string;
  /** The name the person will be shown with afterwards. */
  placeholder: string;
  errors?: FieldErrors;
}

/**
 * AnonymisePage: the confirmation step before a person is anonymised. Nothing happens until the form is
 * posted with the box ticked.
 */
export function AnonymisePage(p: AnonymisePageProps) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('privacy.anonymise.title', { name: p.name })}</h1>
      <ErrorSummary t={t} errors={p.errors} />
      <div class="notice notice--error">
        <p>
          <strong>{t('privacy.anonymise.warning')}</strong>
        </p>
      </div>
      <p>{t('privacy.anonymise.lead')}</p>
      <ul>
        <li>{t('privacy.anonymise.effectName', { placeholder: p.placeholder })}</li>
        <li>{t('privacy.anonymise.effectDetails')}</li>
        <li>{t('privacy.anonymise.effectAccount')}</li>
        <li>{t('privacy.anonymise.effectGroups')}</li>
        <li>{t('privacy.anonymise.effectMinutes')}</li>
      </ul>
      <p>
        {t('privacy.anonymise.exportFirst')} <a href={`/people/${p.personId}/data`}>{t('privacy.person.view')}</a>
      </p>
      <form method="post" action={`/people/${p.personId}/anonymise`} class="form" novalidate>
        <div class={p.errors?.confirm ? 'field field--error' : undefined}>
          {p.errors?.confirm ? (
            <p class="field__error" id="field-confirm-error">
              {t(p.errors.confirm)}
            </p>
          ) : null}
          <CheckboxField t={t} name="confirm" label="privacy.anonymise.confirm" />
        </div>
        <div class="form__actions">
          <button type="submit" class="button button--danger">
            {t('privacy.anonymise.submit')}
          </button>
          <a href={`/people/${p.personId}`}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
