import type { Role } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { PersonDetails, PersonListRow } from '../../src/people/people.js';
import type { PendingEmailChange } from '../../src/people/email-change.js';
import { CheckboxField, ErrorSummary, Field, Notice, Pagination, SelectField } from '../components.js';

export interface PersonFormProps {
  t: Translate;
  /** On "my account" the address (the sign-in name) is shown, not edited. */
  emailLocked?: boolean;
  /** A hint under the address field (an account's address changes only after confirmation). */
  emailHint?: MessageKey;
  values: Record<string, string>;
  errors?: FieldErrors;
  cities: { id: number; name: string }[];
  organisations: string[];
}

/** PersonFields: the fields of a person, shared by "add person", "edit person" and "my account". */
export function PersonFields({ t, values, errors, cities, organisations, emailLocked, emailHint }: PersonFormProps) {
  return (
    <>
      <Field t={t} name="name" label="people.name" value={values.name} errors={errors} required maxlength={200} autocomplete="off" />
      {emailLocked ? (
        <div class="field">
          <p class="field__label">{t('people.email')}</p>
          <p>{values.email}</p>
          <p class="field__hint">{t('profile.emailHint')}</p>
        </div>
      ) : (
        <Field t={t} name="email" label="people.email" type="email" value={values.email} errors={errors} maxlength={320} autocomplete="off" hint={emailHint} />
      )}
      <Field t={t} name="phone" label="people.phone" type="tel" value={values.phone} errors={errors} maxlength={50} autocomplete="off" />
      <Field t={t} name="job_function" label="people.function" value={values.job_function} errors={errors} maxlength={200} />
      <Field t={t} name="organisation" label="people.organisation" hint="people.organisationHint" value={values.organisation} errors={errors} maxlength={300} autocomplete="off" list="organisation-names" />
      <OrganisationList names={organisations} />
      <SelectField
        t={t}
        name="city_id"
        label="people.city"
        value={values.city_id}
        errors={errors}
        options={[{ value: '', label: t('people.noCity') }, ...cities.map((c) => ({ value: String(c.id), label: c.name }))]}
      />
    </>
  );
}

/** OrganisationList: suggestions for the organisation field (a datalist; typing a new name is fine). */
export function OrganisationList({ names, id = 'organisation-names' }: { names: string[]; id?: string }) {
  return (
    <datalist id={id}>
      {names.map((n) => (
        <option value={n} />
      ))}
    </datalist>
  );
}

function accountStatus(t: Translate, row: Pick<PersonDetails, 'role' | 'active' | 'has_password' | 'anonymised_at'>): string {
  if (row.anonymised_at) return t('privacy.anonymised.status');
  if (row.role === null) return t('people.noAccount');
  const state = !row.active ? t('admin.users.inactive') : row.has_password ? t('admin.users.active') : t('admin.users.invited');
  return `${t(`role.${row.role}`)}, ${state}`;
}

export function PeopleListPage(p: { t: Translate; rows: PersonListRow[]; q: string; page: number; hasNext: boolean }) {
  const { t } = p;
  return (
    <section>
      <h1>{t('people.title')}</h1>
      <p>{t('people.lead')}</p>
      <div class="toolbar">
        <a class="button" href="/people/new">
          {t('people.new')}
        </a>
      </div>
      <form method="get" action="/people" class="search-form" role="search">
        <Field t={t} name="q" label="people.search" type="search" value={p.q} maxlength={200} />
        <button type="submit" class="button button--secondary">
          {t('form.search')}
        </button>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty-state">{t('people.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('people.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.organisation')}</th>
              <th scope="col">{t('people.function')}</th>
              <th scope="col">{t('people.city')}</th>
              <th scope="col">{t('people.account')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/people/${r.id}`}>{r.name}</a>
                  {r.email ? <div class="meta">{r.email}</div> : null}
                </td>
                <td>{r.organisation_name ?? '–'}</td>
                <td>{r.job_function ?? '–'}</td>
                <td>{r.city_name ?? '–'}</td>
                <td>{accountStatus(t, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => `/people?page=${n}${p.q ? `&q=${encodeURIComponent(p.q)}` : ''}`} />
    </section>
  );
}

function roleOptions(t: Translate, roles: Role[]) {
  return roles.map((r) => ({ value: r, label: t(`role.${r}`) }));
}

export function NewPersonPage(p: PersonFormProps & { roles: Role[] }) {
  const { t } = p;
  return (
    <section>
      <h1>{t('people.new')}</h1>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/people" class="form" novalidate>
        <PersonFields {...p} />
        <fieldset>
          <legend>{t('people.accountSection')}</legend>
          <CheckboxField t={t} name="create_account" label="people.createAccount" checked={p.values.create_account === 'on'} />
          <SelectField t={t} name="role" label="people.role" value={p.values.role ?? 'member'} errors={p.errors} options={roleOptions(t, p.roles)} />
        </fieldset>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('people.new')}
          </button>
          <a href="/people">{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

export interface PersonPageProps extends PersonFormProps {
  person: PersonDetails;
  groups: { slug: string; name: string; role: string }[];
  /** Roles the viewer may give, or null when they may not change roles. */
  roles: Role[] | null;
  /** Whether the viewer may change this person and their account (src/auth/permissions.ts mayManageAccountOf). */
  canChange: boolean;
  /** A change of the login address waiting for its links (shown to those who may change the person). */
  pendingEmail?: PendingEmailChange;
  formatDate: (at: string) => string;
  /** Whether the viewer may anonymise this person (src/privacy). */
  canAnonymise: boolean;
  /** Whether the viewer may export this person's data (not an admin's, unless an admin). */
  canExport: boolean;
}

/** PrivacySection: the person's data export and, for the staff who may, the way to anonymise them. */
function PrivacySection({ t, person, canAnonymise, canExport }: Pick<PersonPageProps, 't' | 'person' | 'canAnonymise' | 'canExport'>) {
  if (!canExport && !canAnonymise) return null;
  return (
    <>
      <h2 id="privacy">{t('privacy.heading')}</h2>
      <div class="toolbar">
        {canExport ? (
          <>
            <a href={`/people/${person.id}/data`}>{t('privacy.person.view')}</a>
            <a href={`/people/${person.id}/data.json`} download hx-boost="false">
              {t('privacy.json')}
            </a>
          </>
        ) : null}
        {canAnonymise ? (
          <a class="button button--danger" href={`/people/${person.id}/anonymise`}>
            {t('privacy.anonymise.link')}
          </a>
        ) : null}
      </div>
    </>
  );
}

/** AnonymisedPersonPage: what is left of an anonymised person; nothing can be edited any more. */
function AnonymisedPersonPage(p: PersonPageProps & { anonymisedAt: string }) {
  const { t, person } = p;
  return (
    <section>
      <h1>{person.name}</h1>
      <Notice kind="info">{t('privacy.anonymised.notice', { date: p.formatDate(p.anonymisedAt) })}</Notice>
      <PrivacySection t={t} person={person} canAnonymise={false} canExport={p.canExport} />
    </section>
  );
}

export function PersonPage(p: PersonPageProps) {
  const { t, person } = p;
  if (person.anonymised_at) return <AnonymisedPersonPage {...p} anonymisedAt={person.anonymised_at} />;
  const canInvite = person.email && (person.role === null || !person.has_password || !person.active);
  return (
    <section>
      <h1>{person.name}</h1>
      <p class="meta">{[person.job_function, person.organisation_name, person.city_name].filter(Boolean).join(' · ')}</p>

      <h2>{t('people.groups')}</h2>
      {p.groups.length === 0 ? (
        <p class="empty-state">{t('people.noGroups')}</p>
      ) : (
        <ul class="link-list">
          {p.groups.map((g) => (
            <li>
              <a href={`/groups/${g.slug}`}>{g.name}</a> ({g.role})
            </li>
          ))}
        </ul>
      )}

      {person.contact_consent_at ? (
        <>
          <h2 id="directory-contact">{t('people.directoryContact')}</h2>
          <p>
            {t('people.consentSince', { date: p.formatDate(person.contact_consent_at) })}
            {person.contact_consent_method ? ` ${t('people.consentVia', { method: t(`consent.method.${person.contact_consent_method}`) })}` : ''}
          </p>
          {p.canChange ? (
            <form method="post" action={`/people/${person.id}/withdraw-consent`} class="inline-form">
              <button type="submit" class="button button--secondary">
                {t('people.withdrawConsent')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}

      <h2 id="account">{t('people.accountSection')}</h2>
      <p>{accountStatus(t, person)}</p>
      {p.canChange ? null : <Notice kind="info">{t('people.staffAccountAdminsOnly')}</Notice>}
      {p.pendingEmail ? (
        <div class="notice notice--info" role="status">
          <p>
            {t('emailChange.pending', { email: p.pendingEmail.new_email, date: p.formatDate(p.pendingEmail.expires_at) })}{' '}
            {t(p.pendingEmail.new_confirmed ? 'emailChange.newConfirmed' : 'emailChange.newOpen')}{' '}
            {t(p.pendingEmail.old_confirmed ? 'emailChange.oldConfirmed' : 'emailChange.oldOpen')}
          </p>
          <form method="post" action={`/people/${person.id}/email-change/cancel`} class="inline-form">
            <button type="submit" class="button button--secondary">
              {t('emailChange.cancelByStaff')}
            </button>
          </form>
        </div>
      ) : null}
      {p.canChange ? (
      <div class="toolbar">
        {canInvite ? (
          <form method="post" action={`/people/${person.id}/invite`} class="inline-form">
            <input type="hidden" name="role" value={person.role ?? 'member'} />
            <button type="submit" class="button button--secondary">
              {person.role === null ? t('people.invite') : t('people.reinvite')}
            </button>
          </form>
        ) : null}
        {person.role !== null && person.active ? (
          <form method="post" action={`/people/${person.id}/deactivate`} class="inline-form">
            <button type="submit" class="button button--danger">
              {t('people.deactivate')}
            </button>
          </form>
        ) : null}
        {person.role !== null && !person.active && person.has_password ? (
          <form method="post" action={`/people/${person.id}/activate`} class="inline-form">
            <button type="submit" class="button button--secondary">
              {t('people.activate')}
            </button>
          </form>
        ) : null}
      </div>
      ) : null}
      {p.roles && person.role !== null ? (
        <form method="post" action={`/people/${person.id}/role`} class="search-form">
          <SelectField t={t} name="role" label="people.role" value={person.role} options={roleOptions(t, p.roles)} />
          <button type="submit" class="button button--secondary">
            {t('people.changeRole')}
          </button>
        </form>
      ) : null}

      <h2 id="details">{t('people.details')}</h2>
      {p.canChange ? (
        <>
          <ErrorSummary t={t} errors={p.errors} level={3} />
          <form method="post" action={`/people/${person.id}`} class="form" novalidate>
            <PersonFields {...p} emailHint={person.user_id !== null && person.has_password ? 'people.emailChangeHint' : undefined} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('form.save')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <dl class="facts">
          <dt>{t('people.email')}</dt>
          <dd>{person.email ?? '–'}</dd>
          <dt>{t('people.phone')}</dt>
          <dd>{person.phone ?? '–'}</dd>
        </dl>
      )}

      <PrivacySection t={t} person={person} canAnonymise={p.canAnonymise} canExport={p.canExport} />
    </section>
  );
}
