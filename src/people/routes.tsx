import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NewPersonPage, PeopleListPage, PersonPage } from '../../views/people/people.js';
import { requirePermission } from '../auth/middleware.js';
import { can, isStaff, mayManageAccountOf } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Role } from '../db/schema.js';
import { renderError } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, validForm, type FieldErrors, readForm } from '../http/forms.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import { listGroupsOfPerson } from '../groups/memberships.js';
import { today } from '../lib/berlin-time.js';
import { organisationNames } from '../organisations/organisations.js';
import { renderAnonymised } from '../privacy/routes.js';
import {
  AlreadyActiveAccountError,
  DuplicateEmailError,
  NoEmailError,
  PersonAnonymisedError,
  UnknownCityError,
  cityOptions,
  createPerson,
  findPersonForViewer,
  inviteAccount,
  listPeople,
  setAccountActive,
  setRole,
  updatePerson,
  withdrawContactConsent,
  type PersonDetails,
} from './people.js';
import { newPersonSchema, personSchema, roleField } from './schemas.js';
import { cancelEmailChange, findPendingEmailChange, needsConfirmation } from './email-change.js';

/** Roles the actor may give: admins any, the secretariat member and secretariat. */
export function assignableRoles(actor: SessionUser): Role[] {
  return can(actor, 'people.role') ? ['member', 'secretariat', 'admin'] : ['member', 'secretariat'];
}

/** personFormOptions: the choices a person form offers; internal organisations only to the staff. */
export async function personFormOptions(db: Kysely<Database>, viewer: SessionUser) {
  const [cities, organisations] = await Promise.all([cityOptions(db), organisationNames(db, { internal: isStaff(viewer) })]);
  return { cities, organisations };
}

/** valuesOf: a person as form values. */
export function valuesOf(person: PersonDetails): Record<string, string> {
  return {
    name: person.name,
    email: person.email ?? '',
    phone: person.phone ?? '',
    job_function: person.job_function ?? '',
    organisation: person.organisation_name ?? '',
    city_id: person.city_id ? String(person.city_id) : '',
  };
}

/** changeErrors: the field message for a refused change, or undefined for errors that are not the user's. */
export function changeErrors(err: unknown): FieldErrors | undefined {
  if (err instanceof DuplicateEmailError) return { email: 'people.duplicateEmail' };
  if (err instanceof NoEmailError) return { email: 'people.emailNeeded' };
  if (err instanceof UnknownCityError) return { city_id: 'field.choose' };
  // Anonymised while the form was open: the change is refused as a whole.
  if (err instanceof PersonAnonymisedError) return { _form: 'privacy.anonymised.refused' };
  return undefined;
}

function changeContext(c: Context<AppEnv>) {
  return { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName };
}

async function renderNew(c: Context<AppEnv>, values: Record<string, string>, errors?: FieldErrors) {
  const options = await personFormOptions(c.var.db, c.var.user!);
  return c.render(<NewPersonPage t={c.var.t} values={values} errors={errors} roles={assignableRoles(c.var.user!)} {...options} />, { title: c.var.t('people.new') });
}

async function renderPerson(c: Context<AppEnv>, person: PersonDetails, values?: Record<string, string>, errors?: FieldErrors) {
  const user = c.var.user!;
  const canChange = mayManageAccountOf(user, person.role);
  const [options, groups, pendingEmail] = await Promise.all([
    personFormOptions(c.var.db, user),
    listGroupsOfPerson(c.var.db, user, person.id, today(c.var.now())),
    canChange ? findPendingEmailChange(c.var.db, person.id, c.var.now()) : undefined,
  ]);
  return c.render(
    <PersonPage
      t={c.var.t}
      person={person}
      values={values ?? valuesOf(person)}
      errors={errors}
      groups={groups.map((g) => ({ ...g, role: c.var.t(`membershipRole.${g.role}`) }))}
      roles={can(user, 'people.role') ? assignableRoles(user) : null}
      canChange={canChange}
      pendingEmail={pendingEmail}
      canAnonymise={!person.anonymised_at && person.id !== user.personId && canChange}
      canExport={person.id === user.personId || canChange}
      formatDate={(at) => c.var.fmt.date(at)}
      {...options}
    />,
    { title: person.name },
  );
}

/** loadPerson: the person of the :id parameter as the viewer may see them, or undefined (→ 404). */
async function loadPerson(c: Context<AppEnv>): Promise<PersonDetails | undefined> {
  const id = Number(c.req.param('id'));
  return findPersonForViewer(c.var.db, c.var.user!, id);
}

// Ids in URLs: at most nine digits, so they always fit PostgreSQL's integer (a larger one is a 404).
const ID = ':id{[1-9][0-9]{0,8}}';

export const peopleRoutes = new Hono<AppEnv>()
  .use('/people', requirePermission('people.manage'))
  .use('/people/*', requirePermission('people.manage'))
  .get('/people', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const page = pageParam(c.req.query('page'));
    const { rows, hasNext } = await listPeople(c.var.db, c.var.user!, { q, page, pageSize: PAGE_SIZE });
    return c.render(<PeopleListPage t={c.var.t} rows={rows} q={q} page={page} hasNext={hasNext} />, { title: c.var.t('people.title') });
  })
  .get('/people/new', (c) => renderNew(c, { role: 'member' }))
  .post(
    '/people',
    validForm(newPersonSchema, (c, values, errors) => renderNew(c, values, errors)),
    async (c) => {
      const input = c.req.valid('form');
      const actor = c.var.user!;
      const role = input.role ?? 'member';
      if (input.create_account && !assignableRoles(actor).includes(role)) return renderError(c, 403);
      try {
        const id = await createPerson(c.var.db, actor, { ...input, account: input.create_account ? role : undefined }, changeContext(c));
        return redirectWithFlash(c, `/people/${id}`, 'success', input.create_account ? 'people.createdInvited' : 'people.created');
      } catch (err) {
        const errors = changeErrors(err);
        if (!errors) throw err;
        c.status(422);
        return renderNew(c, formValues(input), errors);
      }
    },
  )
  .get(`/people/${ID}`, async (c) => {
    const person = await loadPerson(c);
    return person ? renderPerson(c, person) : renderError(c, 404);
  })
  .post(
    `/people/${ID}`,
    validForm(personSchema, async (c, values, errors) => {
      const person = await loadPerson(c);
      return person ? renderPerson(c, person, values, errors) : renderError(c, 404);
    }),
    async (c) => {
      const person = await loadPerson(c);
      if (!person) return renderError(c, 404);
      if (person.anonymised_at) return renderAnonymised(c);
      if (!mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
      const input = c.req.valid('form');
      const confirmationNeeded = needsConfirmation(person.user_id === null ? undefined : { hasPassword: person.has_password }, person.email, input.email);
      try {
        await updatePerson(c.var.db, c.var.user!, person.id, input, { now: c.var.now(), baseUrl: c.var.config.baseUrl });
      } catch (err) {
        const errors = changeErrors(err);
        if (!errors) throw err;
        c.status(422);
        return renderPerson(c, person, formValues(input), errors);
      }
      return redirectWithFlash(c, `/people/${person.id}`, 'success', confirmationNeeded ? 'people.savedEmailPending' : 'people.saved');
    },
  )
  .post(`/people/${ID}/invite`, async (c) => {
    const person = await loadPerson(c);
    if (!person) return renderError(c, 404);
    if (person.anonymised_at) return renderAnonymised(c);
    if (!mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
    const form = await readForm(c);
    const role = roleField.safeParse(form.role);
    if (!role.success) return renderError(c, 400);
    if (!assignableRoles(c.var.user!).includes(role.data)) return renderError(c, 403);
    try {
      await inviteAccount(c.var.db, c.var.user!, person.id, role.data, changeContext(c));
    } catch (err) {
      if (err instanceof NoEmailError) return redirectWithFlash(c, `/people/${person.id}`, 'error', 'people.emailNeeded');
      if (err instanceof AlreadyActiveAccountError) return redirectWithFlash(c, `/people/${person.id}`, 'error', 'people.alreadyActive');
      if (err instanceof PersonAnonymisedError) return renderAnonymised(c);
      throw err;
    }
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'people.invited');
  })
  .post(`/people/${ID}/deactivate`, async (c) => {
    const person = await loadPerson(c);
    if (!person || person.user_id === null) return renderError(c, 404);
    if (person.anonymised_at) return renderAnonymised(c);
    // Nobody locks themself out by accident.
    if (person.id === c.var.user!.personId || !mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
    await setAccountActive(c.var.db, c.var.user!, person.id, false, c.var.now());
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'people.deactivated');
  })
  .post(`/people/${ID}/activate`, async (c) => {
    const person = await loadPerson(c);
    if (!person || person.user_id === null) return renderError(c, 404);
    if (person.anonymised_at) return renderAnonymised(c);
    if (!mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
    try {
      await setAccountActive(c.var.db, c.var.user!, person.id, true, c.var.now());
    } catch (err) {
      if (err instanceof PersonAnonymisedError) return renderAnonymised(c);
      throw err;
    }
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'people.activated');
  })
  .post(`/people/${ID}/withdraw-consent`, async (c) => {
    const person = await loadPerson(c);
    if (!person) return renderError(c, 404);
    if (person.anonymised_at) return renderAnonymised(c);
    if (!mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
    await withdrawContactConsent(c.var.db, c.var.user!, person.id, c.var.now());
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'people.consentWithdrawn');
  })
  // The staff withdraw a pending change of the login address (say, a typo in the new one).
  .post(`/people/${ID}/email-change/cancel`, async (c) => {
    const person = await loadPerson(c);
    if (!person || person.user_id === null) return renderError(c, 404);
    if (!mayManageAccountOf(c.var.user, person.role)) return renderError(c, 403);
    const cancelled = await cancelEmailChange(c.var.db, c.var.user!, person.id, c.var.now());
    return redirectWithFlash(c, `/people/${person.id}`, cancelled ? 'success' : 'info', cancelled ? 'emailChange.cancelledByStaff' : 'emailChange.nonePending');
  })
  .post(`/people/${ID}/role`, requirePermission('people.role'), async (c) => {
    const person = await loadPerson(c);
    if (!person || person.user_id === null) return renderError(c, 404);
    const role = z.object({ role: roleField }).safeParse(await readForm(c));
    if (!role.success) return renderError(c, 400);
    if (person.id === c.var.user!.personId) return renderError(c, 403);
    if (person.anonymised_at) return renderAnonymised(c);
    await setRole(c.var.db, c.var.user!, person.id, role.data.role, c.var.now());
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'people.roleChanged');
  });
