import type { FieldErrors } from '../../src/http/forms.js';
import type { ClaimedRepresentation } from '../../src/directory/confirmation.js';
import type { Translate } from '../../src/i18n/index.js';
import { ActionButton, Content, ErrorSummary, Notice } from '../components.js';
import { EntryFields, type EntryChoices, type EntryValues } from './form.js';

/** ConfirmPage: the yearly link's page; only its buttons change anything. */
export function ConfirmPage(p: {
  t: Translate;
  name: string;
  action: string;
  values: EntryValues;
  errors?: FieldErrors;
  choices: EntryChoices;
  preview: string;
  /** The contacts shown publicly with their consent; the organisation may ask to stop showing one. */
  contacts: { id: number; name: string; job_function: string | null }[];
  /** Members of working groups who state that they represent the organisation; it confirms or rejects each. */
  representations: ClaimedRepresentation[];
}) {
  const { t } = p;
  return (
    <section>
      <h1>{t('confirm.title', { name: p.name })}</h1>
      <p>{t('confirm.lead')}</p>
      <p class="pre-line">{p.preview}</p>
      <form method="post" action={p.action} class="form">
        <div class="form__actions">
          <button type="submit" class="button">
            {t('confirm.button')}
          </button>
        </div>
      </form>
      {p.contacts.length ? (
        <>
          <h2 id="contacts">{t('confirm.contacts')}</h2>
          <p>{t('confirm.contactsLead')}</p>
          <ul class="link-list">
            {p.contacts.map((c) => (
              <li>
                {c.name}
                {c.job_function ? (
                  <>
                    {', '}
                    <Content t={t}>{c.job_function}</Content>
                  </>
                ) : null}{' '}
                <ActionButton action={`${p.action}/contacts/${c.id}/withdraw`} label={t('confirm.contactWithdraw')} context={c.name} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.representations.length ? (
        <>
          <h2 id="representations">{t('confirm.representations')}</h2>
          <p>{t('confirm.representationsLead')}</p>
          <ul class="link-list">
            {p.representations.map((r) => {
              const who = `${r.name}, ${r.group}`;
              const base = `${p.action}/representations/${r.membershipId}`;
              return (
                <li>
                  {t('confirm.representationOf', { name: r.name, group: r.group })}{' '}
                  ({r.confirmed ? t('confirm.representationIsConfirmed') : t('confirm.representationIsWaiting')}){' '}
                  {r.confirmed ? null : <ActionButton action={`${base}/confirm`} label={t('confirm.representationConfirm')} context={who} />}{' '}
                  <ActionButton action={`${base}/reject`} label={t('confirm.representationReject')} context={who} />
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h2 id="correct">{t('confirm.correct')}</h2>
      <ErrorSummary t={t} errors={p.errors} level={3} />
      <form method="post" action={`${p.action}/correct`} class="form form--wide" novalidate>
        <EntryFields t={t} values={p.values} errors={p.errors} choices={p.choices} />
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('confirm.sendCorrection')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ConfirmInvalidPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('directory.title')}</h1>
      <Notice kind="error">{t('confirm.invalid')}</Notice>
    </section>
  );
}
