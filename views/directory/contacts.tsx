import type { ContactRow } from '../../src/directory/contacts.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, contentLang, ErrorSummary, Field, Notice } from '../components.js';

/** Form values of the contact forms (strings only). */
export type ContactValues = Record<string, string | undefined>;

const METHODS = ['written', 'email', 'verbal'] as const;

/**
 * ConsentChoice: the required choice how consent was given (or that there is none), and its date. Each
 * form on the page has its own `prefix`, so ids stay unique and error links find their control.
 */
export function ConsentChoice(p: { t: Translate; prefix: string; values: ContactValues; errors?: FieldErrors; withNone: boolean; today: string }) {
  const { t, prefix } = p;
  const choiceError = p.errors?.consent;
  const dateError = p.errors?.consent_date;
  const options = p.withNone ? [...METHODS, 'none' as const] : METHODS;
  return (
    <fieldset aria-describedby={choiceError ? `${prefix}consent-error` : undefined}>
      <legend>
        {t('consent.legend')} <span class="field__required">({t('form.required')})</span>
      </legend>
      {choiceError ? (
        <p class="field__error" id={`${prefix}consent-error`}>
          {t(choiceError)}
        </p>
      ) : null}
      {options.map((m, i) => (
        <div class="radio">
          {/* The first radio carries the id the error summary links to. */}
          <input type="radio" id={i === 0 ? `${prefix}consent` : `${prefix}consent-${m}`} name="consent" value={m} checked={p.values.consent === m} required />
          <label for={i === 0 ? `${prefix}consent` : `${prefix}consent-${m}`}>{t(m === 'none' ? 'consent.none' : `consent.given.${m}`)}</label>
        </div>
      ))}
      <Field t={t} id={`${prefix}consent_date`} name="consent_date" label="consent.date" hint="consent.dateHint" type="date" value={p.values.consent_date ?? p.today} errors={dateError ? { consent_date: dateError } : undefined} />
    </fieldset>
  );
}

export interface ContactsPageProps {
  t: Translate;
  entry: { id: number; name: string; status: string };
  contacts: ContactRow[];
  formatDate: (at: string) => string;
  today: string;
  /** Values and errors of the form that failed: "new", or the id of the contact whose consent form. */
  failed?: { form: 'new' | number; values: ContactValues; errors: FieldErrors };
}

/** ContactsPage: the staff's list of an entry's contacts with their consent, and the forms to change it. */
export function ContactsPage(p: ContactsPageProps) {
  const { t, entry, failed } = p;
  const newValues = failed?.form === 'new' ? failed.values : {};
  const newErrors = failed?.form === 'new' ? failed.errors : undefined;
  return (
    <section>
      <p>
        <a href={`/admin/directory/${entry.id}`}>← {entry.name}</a>
      </p>
      <h1>{t('contacts.title', { name: entry.name })}</h1>
      <p class="meta">{entry.status}</p>
      <p>{t('contacts.lead')}</p>
      {failed && failed.form !== 'new' ? <ErrorSummary t={t} errors={failed.errors} idPrefix={`c${failed.form}-`} /> : null}
      {p.contacts.length === 0 ? (
        <p class="empty-state">{t('contacts.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('contacts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('contacts.reach')}</th>
              <th scope="col">{t('contacts.consent')}</th>
              <th scope="col">{t('contacts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.contacts.map((c) => {
              const mine = failed?.form === c.id;
              return (
                <tr>
                  <td>
                    <a href={`/people/${c.id}`}>{c.name}</a>
                    {c.job_function ? (
                      <div class="meta" lang={contentLang(t)}>
                        {c.job_function}
                      </div>
                    ) : null}
                  </td>
                  <td>{[c.email, c.phone].filter(Boolean).join(', ') || '–'}</td>
                  <td>
                    {c.contact_consent_at && c.contact_consent_method
                      ? t('contacts.consentSince', { date: p.formatDate(c.contact_consent_at), method: t(`consent.method.${c.contact_consent_method}`) })
                      : t('contacts.noConsent')}
                  </td>
                  <td>
                    {c.contact_consent_at ? (
                      <form method="post" action={`/admin/directory/${entry.id}/contacts/${c.id}/withdraw`} class="inline-form">
                        <button type="submit" class="button button--secondary">
                          {t('contacts.withdraw')}
                          <span class="visually-hidden">{`: ${c.name}`}</span>
                        </button>
                      </form>
                    ) : (
                      <details open={mine}>
                        <summary>
                          {t('contacts.record')}
                          <span class="visually-hidden">{`: ${c.name}`}</span>
                        </summary>
                        <form method="post" action={`/admin/directory/${entry.id}/contacts/${c.id}/consent`} class="form" novalidate>
                          <ConsentChoice t={t} prefix={`c${c.id}-`} values={mine ? failed!.values : {}} errors={mine ? failed!.errors : undefined} withNone={false} today={p.today} />
                          <button type="submit" class="button">
                            {t('contacts.recordSubmit')}
                          </button>
                        </form>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2 id="new-contact">{t('contacts.add')}</h2>
      <ErrorSummary t={t} errors={newErrors} level={3} />
      <form method="post" action={`/admin/directory/${entry.id}/contacts`} class="form" novalidate>
        <Field t={t} name="name" label="people.name" value={newValues.name} errors={newErrors} required maxlength={200} autocomplete="off" />
        <Field t={t} lang={CONTENT_LANGUAGE} name="job_function" label="people.function" value={newValues.job_function} errors={newErrors} maxlength={200} />
        <Field t={t} name="email" label="people.email" type="email" value={newValues.email} errors={newErrors} maxlength={320} autocomplete="off" />
        <Field t={t} name="phone" label="people.phone" type="tel" value={newValues.phone} errors={newErrors} maxlength={50} autocomplete="off" />
        <ConsentChoice t={t} prefix="field-" values={newValues} errors={newErrors} withNone today={p.today} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('contacts.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** WithdrawPage: what a contact's withdrawal link opens; only its button changes anything. */
export function WithdrawPage(p: { t: Translate; name: string; organisation: string | null; action: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('withdraw.title')}</h1>
      <p>{t('withdraw.lead', { name: p.name, organisation: p.organisation ?? '–' })}</p>
      <form method="post" action={p.action} class="form">
        <div class="form__actions">
          <button type="submit" class="button">
            {t('withdraw.button')}
          </button>
        </div>
      </form>
      <p>
        <a href="/datenschutz">{t('legal.privacy')}</a>
      </p>
    </section>
  );
}

export function WithdrawInvalidPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('withdraw.title')}</h1>
      <Notice kind="error">{t('withdraw.invalid')}</Notice>
    </section>
  );
}
