import { Hono, type Context } from 'hono';
import { ErrorPage } from '../../views/errors.js';
import { AnonymisePage } from '../../views/privacy/anonymise.js';
import { DataExportPage } from '../../views/privacy/export.js';
import { requirePermission, requireUser } from '../auth/middleware.js';
import { mayManageAccountOf } from '../auth/permissions.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm, type FieldErrors } from '../http/forms.js';
import { today } from '../lib/berlin-time.js';
import { findPersonForViewer, type PersonDetails } from '../people/people.js';
import { anonymisePerson, placeholderName } from './anonymise.js';
import { exportPersonData } from './export.js';

// Ids in URLs: at most nine digits, so they always fit PostgreSQL's integer (a larger one is a 404).
const ID = ':id{[1-9][0-9]{0,8}}';

/** renderAnonymised: 409 with the German explanation, for any change asked of an anonymised person. */
export function renderAnonymised(c: Context<AppEnv>) {
  c.status(409);
  return c.render(<ErrorPage t={c.var.t} title="privacy.anonymised.title" text="privacy.anonymised.refused" />, { title: c.var.t('privacy.anonymised.title') });
}

/**
 * mayExportOf: undefined when the staff viewer may export the person of `personId`, else the answer:
 * 404 unknown, 403 an admin's data for a viewer who is no admin (the rule of mayManageAccountOf, as
 * for anonymising: an admin's details are the admins' business).
 */
async function mayExportOf(c: Context<AppEnv>, personId: number): Promise<Response | undefined> {
  const user = c.var.user!;
  const person = await findPersonForViewer(c.var.db, user, personId);
  if (!person) return renderError(c, 404);
  if (person.id !== user.personId && !mayManageAccountOf(user, person.role)) return renderError(c, 403);
  return undefined;
}

/**
 * Reading an export writes its audit entry: the GET records that data was looked at, it changes none.
 * The JSON is a download; the page shows the same data for reading and printing.
 */
async function exportPage(c: Context<AppEnv>, personId: number, self: boolean) {
  const data = await exportPersonData(c.var.db, c.var.user!, personId, 'html', c.var.now());
  if (!data) return renderError(c, 404);
  const name = String(data.sections.person[0]!.name);
  const base = self ? '/profile' : `/people/${personId}`;
  return c.render(
    <DataExportPage t={c.var.t} fmt={c.var.fmt} data={data} self={self} personName={name} jsonHref={`${base}/data.json`} backHref={base} />,
    { title: self ? c.var.t('privacy.export.titleSelf') : c.var.t('privacy.export.titleOf', { name }) },
  );
}

async function exportJson(c: Context<AppEnv>, personId: number) {
  const data = await exportPersonData(c.var.db, c.var.user!, personId, 'json', c.var.now());
  if (!data) return renderError(c, 404);
  const filename = `arbeitskreis-hub-daten-${personId}-${today(c.var.now())}.json`;
  return c.body(JSON.stringify(data, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

/**
 * loadForAnonymising: the person of the :id parameter if the viewer may anonymise them, else the answer
 * to give: 404 unknown, 409 already anonymised, 403 themself (nobody removes their own account by
 * accident) or an admin when the viewer is not one.
 */
async function loadForAnonymising(c: Context<AppEnv>): Promise<PersonDetails | Response> {
  const user = c.var.user!;
  const person = await findPersonForViewer(c.var.db, user, Number(c.req.param('id')));
  if (!person) return renderError(c, 404);
  if (person.anonymised_at) return renderAnonymised(c);
  if (person.id === user.personId || !mayManageAccountOf(user, person.role)) return renderError(c, 403);
  return person;
}

function renderConfirm(c: Context<AppEnv>, person: PersonDetails, errors?: FieldErrors) {
  return c.render(<AnonymisePage t={c.var.t} personId={person.id} name={person.name} placeholder={placeholderName(person.id)} errors={errors} />, {
    title: c.var.t('privacy.anonymise.title', { name: person.name }),
  });
}

/**
 * Data protection: everyone's own data export under /profile; the staff's export of any person and the
 * anonymisation of a person who leaves under /people/:id.
 */
export const privacyRoutes = new Hono<AppEnv>()
  .get('/profile/data', requireUser, (c) => exportPage(c, c.var.user!.personId, true))
  .get('/profile/data.json', requireUser, (c) => exportJson(c, c.var.user!.personId))
  .get(`/people/${ID}/data`, requirePermission('people.manage'), async (c) => (await mayExportOf(c, Number(c.req.param('id')))) ?? exportPage(c, Number(c.req.param('id')), false))
  .get(`/people/${ID}/data.json`, requirePermission('people.manage'), async (c) => (await mayExportOf(c, Number(c.req.param('id')))) ?? exportJson(c, Number(c.req.param('id'))))
  .get(`/people/${ID}/anonymise`, requirePermission('people.manage'), async (c) => {
    const person = await loadForAnonymising(c);
    return person instanceof Response ? person : renderConfirm(c, person);
  })
  .post(`/people/${ID}/anonymise`, requirePermission('people.manage'), async (c) => {
    const person = await loadForAnonymising(c);
    if (person instanceof Response) return person;
    const form = await readForm(c);
    if (form.confirm !== 'on') {
      c.status(422);
      return renderConfirm(c, person, { confirm: 'privacy.anonymise.confirmRequired' });
    }
    const result = await anonymisePerson(c.var.db, c.var.user!, person.id, c.var.now());
    if (result === 'not_found') return renderError(c, 404);
    if (result === 'already') return renderAnonymised(c);
    return redirectWithFlash(c, `/people/${person.id}`, 'success', 'privacy.anonymise.done');
  });
