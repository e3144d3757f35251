import type { Locale } from '../i18n/index.js';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AdminCitiesPage } from '../../views/cities/admin-list.js';
import { AdminCityPage } from '../../views/cities/admin-city.js';
import { CityPage } from '../../views/cities/city.js';
import { CouncilEditPage } from '../../views/cities/edit.js';
import { CitiesPage } from '../../views/cities/list.js';
import { requireUser } from '../auth/middleware.js';
import type { City } from '../db/schema.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, readForm, validForm, type FieldErrors } from '../http/forms.js';
import { formatters } from '../lib/berlin-time.js';
import { formatDay } from '../lib/days.js';
import { mayEditCityList, mayEditCouncil } from './access.js';
import {
  citySchema,
  councilSchema,
  createCity,
  DuplicateCityError,
  findCityById,
  findCityBySlug,
  listAllCities,
  listCities,
  restoreCity,
  retireCity,
  updateCity,
  updateCouncil,
  cityUsage,
} from './cities.js';
import { loadCityPage } from './page.js';

const SLUG = ':slug{[a-z0-9-]{1,80}}';
const ID = ':id{[1-9][0-9]{0,8}}';

/** only: visitors are sent to sign in (POST: 401), signed-in people without the right get 403. */
const only =
  (allowed: (c: Context<AppEnv>) => boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!c.var.user) return requireUser(c, next);
    if (!allowed(c)) return renderError(c, 403);
    return next();
  };
const onlyStaff = only((c) => mayEditCouncil(c.var.user));
const onlyAdmins = only((c) => mayEditCityList(c.var.user));

/** councilValues: a city's council data as form values. */
function councilValues(city: City): Record<string, string> {
  return {
    council_body: city.council_body ?? '',
    council_last_election: city.council_last_election ?? '',
    council_next_election: city.council_next_election ?? '',
    council_chair: city.council_chair ?? '',
    council_contact: city.council_contact ?? '',
    council_url: city.council_url ?? '',
  };
}

function cityValues(city: City): Record<string, string> {
  return { name: city.name, short_name: city.short_name, ags: city.ags ?? '', slug: city.slug, council_body: city.council_body ?? '', kind: city.kind };
}

async function renderEdit(c: Context<AppEnv>, city: City, values: Record<string, string>, errors?: FieldErrors) {
  const t = c.var.t;
  return c.render(<CouncilEditPage t={t} city={city} values={values} errors={errors} />, { title: t('cities.editTitle', { city: city.name }) });
}

async function renderAdminList(c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors) {
  const t = c.var.t;
  const cities = await listAllCities(c.var.db);
  return c.render(<AdminCitiesPage t={t} cities={cities} values={values} errors={errors} />, { title: t('cities.adminTitle') });
}

async function renderAdminCity(c: Context<AppEnv>, city: City, values: Record<string, string>, errors?: FieldErrors, retireError?: FieldErrors) {
  const t = c.var.t;
  const [usage, cities] = await Promise.all([cityUsage(c.var.db, city.id), listCities(c.var.db)]);
  return c.render(
    <AdminCityPage t={t} city={city} usage={usage} replacements={cities.filter((x) => x.id !== city.id)} values={values} errors={errors} retireErrors={retireError} />,
    { title: t('cities.adminCityTitle', { city: city.name }) },
  );
}

/** withCity: the current city of the :slug parameter, or the German 404 page. */
async function withCity(c: Context<AppEnv>, then: (city: City) => Response | Promise<Response>) {
  const city = await findCityBySlug(c.var.db, c.req.param('slug') ?? '');
  return city ? then(city) : renderError(c, 404, 'cities.notFound');
}

async function withCityId(c: Context<AppEnv>, then: (city: City) => Response | Promise<Response>) {
  const city = await findCityById(c.var.db, Number(c.req.param('id')));
  return city ? then(city) : renderError(c, 404, 'cities.notFound');
}

/** duplicate: the form again with the message next to the slug or AGS that another city uses (422). */
function duplicateErrors(err: DuplicateCityError): FieldErrors {
  return { [err.field]: err.field === 'slug' ? 'cities.slugTaken' : 'cities.agsTaken' };
}

/**
 * The city pages (/cities, /cities/:slug, public), the staff's council data (/cities/:slug/edit) and the
 * admins' city list (/admin/cities). Every change is audited (src/cities/cities.ts).
 */
export const cityRoutes = new Hono<AppEnv>()
  .get('/cities', async (c) => {
    const t = c.var.t;
    const cities = await listCities(c.var.db);
    return c.render(<CitiesPage t={t} cities={cities} mayEditList={mayEditCityList(c.var.user)} />, { title: t('cities.title') });
  })
  .use(`/cities/${SLUG}/edit`, onlyStaff)
  .get(`/cities/${SLUG}`, (c) =>
    withCity(c, async (city) => {
      // The fields' names in the public language (tr, ar, ...) where the list has one: loadCityPage passes
      // its locale only to referenceLabel, which takes any language (its parameter type is still Locale).
      const data = await loadCityPage(c.var.db, c.var.user, city, c.var.lang as Locale, c.var.now());
      const fmt = formatters(c.var.locale);
      return c.render(<CityPage t={c.var.t} data={data} day={(d) => formatDay(d, c.var.locale)} dateTime={fmt.dateTime} mayEdit={mayEditCouncil(c.var.user)} />, { title: city.name });
    }),
  )
  .get(`/cities/${SLUG}/edit`, (c) => withCity(c, (city) => renderEdit(c, city, councilValues(city))))
  .post(
    `/cities/${SLUG}/edit`,
    validForm(councilSchema, (c, values, errors) => withCity(c, (city) => renderEdit(c, city, values, errors))),
    (c) =>
      withCity(c, async (city) => {
        await updateCouncil(c.var.db, c.var.user!, city.id, c.req.valid('form'), c.var.now());
        return redirectWithFlash(c, `/cities/${city.slug}`, 'success', 'cities.saved');
      }),
  )
  .use('/admin/cities', onlyAdmins)
  .use('/admin/cities/*', onlyAdmins)
  .get('/admin/cities', (c) => renderAdminList(c))
  .post(
    '/admin/cities',
    validForm(citySchema, (c, values, errors) => renderAdminList(c, values, errors)),
    async (c) => {
      const input = c.req.valid('form');
      try {
        await createCity(c.var.db, c.var.user!, input, c.var.now());
      } catch (err) {
        if (!(err instanceof DuplicateCityError)) throw err;
        c.status(422);
        return renderAdminList(c, formValues(input), duplicateErrors(err));
      }
      return redirectWithFlash(c, '/admin/cities', 'success', 'cities.added');
    },
  )
  .get(`/admin/cities/${ID}`, (c) => withCityId(c, (city) => renderAdminCity(c, city, cityValues(city))))
  .post(
    `/admin/cities/${ID}`,
    validForm(citySchema, (c, values, errors) => withCityId(c, (city) => renderAdminCity(c, city, values, errors))),
    (c) =>
      withCityId(c, async (city) => {
        const input = c.req.valid('form');
        try {
          await updateCity(c.var.db, c.var.user!, city.id, input, c.var.now());
        } catch (err) {
          if (!(err instanceof DuplicateCityError)) throw err;
          c.status(422);
          return renderAdminCity(c, city, formValues(input), duplicateErrors(err));
        }
        return redirectWithFlash(c, '/admin/cities', 'success', 'cities.updated');
      }),
  )
  .post(`/admin/cities/${ID}/retire`, (c) =>
    withCityId(c, async (city) => {
      const form = await readForm(c);
      const raw = typeof form.replacement === 'string' ? form.replacement.trim() : '';
      if (raw !== '' && !/^[1-9][0-9]{0,8}$/.test(raw)) {
        c.status(422);
        return renderAdminCity(c, city, cityValues(city), undefined, { replacement: 'field.choose' });
      }
      const result = await retireCity(c.var.db, c.var.user!, city.id, raw === '' ? null : Number(raw), c.var.now());
      if (result.ok) return redirectWithFlash(c, '/admin/cities', 'success', 'cities.retired');
      if (result.reason === 'notFound') return renderError(c, 404, 'cities.notFound');
      // Still in use and no replacement chosen: 409 (the city's state conflicts), the message at the choice.
      c.status(result.reason === 'inUse' ? 409 : 422);
      return renderAdminCity(c, city, cityValues(city), undefined, { replacement: result.reason === 'inUse' ? 'cities.inUse' : 'field.choose' });
    }),
  )
  .post(`/admin/cities/${ID}/restore`, (c) =>
    withCityId(c, async (city) => {
      if (!(await restoreCity(c.var.db, c.var.user!, city.id, c.var.now()))) return renderError(c, 404, 'cities.notFound');
      return redirectWithFlash(c, '/admin/cities', 'success', 'cities.restored');
    }),
  );
