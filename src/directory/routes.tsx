import { Hono, type Context } from 'hono';
import { EditEntryPage, EntryPage, Facets, NewEntryPage, ResultCount, Results, SearchPage, type SearchView } from '../../views/directory/pages.js';
import type { EntryValues } from '../../views/directory/form.js';
import { OverviewPage } from '../../views/directory/overview.js';
import { ConfirmInvalidPage, ConfirmPage } from '../../views/directory/confirm.js';
import { WithdrawInvalidPage, WithdrawPage } from '../../views/directory/contacts.js';
import { requireUser } from '../auth/middleware.js';
import { can, isStaff } from '../auth/permissions.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { guardPublicForm } from '../http/public-form.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors, readForm } from '../http/forms.js';
import { isFragmentRequest } from '../http/htmx.js';
import { pageParam } from '../http/pagination.js';
import { today } from '../lib/berlin-time.js';
import { enqueueMail } from '../mail/outbox.js';
import { assertChoices, InvalidChoiceError, loadChoices, referenceLabel, type Choices } from './choices.js';
import { canEditEntry, entryInputOf, findEntry, submitEntryWithLinks, type Entry, type EntryInput } from './entries.js';
import { entryJsonLd, entryVcard } from './exports.js';
import { coverage } from './overview.js';
import { directoryCsv } from './csv.js';
import { checkConfirmation, confirmEntry, decideRepresentationByLink, representationsOf } from './confirmation.js';
import { checkWithdrawalLink, publicContactsOf, withdrawByConfirmationLink, withdrawByLink } from './contacts.js';
import { DESCRIPTION_LANGUAGES, LANGUAGE_CODE, loadLanguageLabels, RTL_LANGUAGES } from './languages.js';
import { proposeChange, saveEntry, submissionMail } from './review.js';
import { entryInput, entrySchema, submissionSchema } from './schemas.js';
import { searchDirectory, searchPage, type DirectoryFilters, type FacetName } from './search/index.js';

export const DIRECTORY_PAGE_SIZE = 20;
const EXPORT_LIMIT = 5000;
/** Public submissions allowed per client address in an hour, and from everyone together (a mail each). */
export const SUBMISSION_RULE = { limit: 5, windowMs: 60 * 60 * 1000 };
export const SUBMISSION_TOTAL_RULE = { limit: 100, windowMs: 60 * 60 * 1000 };

const positiveId = (v: string | undefined) => (v && /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined);

/** filtersOf: the search and filters from the query string; anything malformed is ignored. */
function filtersOf(c: Context<AppEnv>): DirectoryFilters {
  const language = c.req.query('language');
  const kind = c.req.query('kind');
  return {
    q: (c.req.query('q') ?? '').slice(0, 200) || undefined,
    city: positiveId(c.req.query('city')),
    field: positiveId(c.req.query('field')),
    kind: kind && /^[a-z_]{1,50}$/.test(kind) ? kind : undefined,
    language: language && LANGUAGE_CODE.test(language) ? language : undefined,
    target: positiveId(c.req.query('target')),
  };
}

function queryString(f: DirectoryFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

async function searchView(c: Context<AppEnv>, choices: Choices): Promise<SearchView> {
  const f = filtersOf(c);
  const page = pageParam(c.req.query('page'));
  const { rows, total, counts } = await searchPage(c.var.db, f, { page, pageSize: DIRECTORY_PAGE_SIZE });
  const selected: Partial<Record<FacetName, string>> = Object.fromEntries(
    (['city', 'field', 'kind', 'language', 'target'] as const).filter((k) => f[k] !== undefined).map((k) => [k, String(f[k])]),
  );
  return {
    t: c.var.t,
    districtName: c.var.site.districtName,
    q: f.q ?? '',
    selected,
    options: {
      city: choices.cities.map((x) => ({ value: String(x.id), label: x.name })),
      field: choices.fields.map((x) => ({ value: String(x.id), label: x.label, german: x.label === x.name })),
      kind: choices.kinds.map((x) => ({ value: x.key, label: x.label, german: x.label === x.name })),
      language: choices.languages.map((x) => ({ value: x.code, label: x.name, german: x.german })),
      target: choices.targets.map((x) => ({ value: String(x.id), label: x.label, german: x.label === x.name })),
    },
    counts,
    hits: rows,
    kindLabels: new Map([...choices.kinds, ...choices.retired.kinds].map((k) => [k.key, { name: k.label, german: k.label === k.name }])),
    total,
    page,
    pageSize: DIRECTORY_PAGE_SIZE,
    query: queryString(f),
  };
}

/** entryValues: an entry's input as form values (lists stay lists, numbers become strings). */
export function entryValues(input: EntryInput): EntryValues {
  const values: EntryValues = {
    name: input.name,
    kind: input.kind,
    city_id: input.city_id ? String(input.city_id) : '',
    street: input.street,
    postal_code: input.postal_code,
    place: input.place,
    opening_hours: input.opening_hours,
    phone: input.phone,
    email: input.email,
    website: input.website,
    offers: input.offers,
    languages: input.languages,
    fields: input.fields.map(String),
    cities: input.cities.map(String),
    targets: input.targets.map(String),
  };
  for (const lang of DESCRIPTION_LANGUAGES) values[`description_${lang}`] = input.descriptions[lang];
  return values;
}

/** rawValues: what was posted, as form values (to show a failed form again). */
async function rawValues(c: Context<AppEnv>): Promise<EntryValues> {
  const body = await readForm(c, { all: true });
  const values: EntryValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return values;
}

/**
 * pickDescription: the description in the language asked for (?lang=), else the reader's UI language,
 * else the browser's first language, else German.
 */
function pickDescription(c: Context<AppEnv>, entry: Entry) {
  const available = Object.keys(entry.descriptions);
  const browser = (c.req.header('Accept-Language') ?? '').split(',')[0]?.trim().slice(0, 2).toLowerCase();
  const wanted = [c.req.query('lang'), c.var.lang, browser, 'de'].find((l) => l && available.includes(l));
  if (!wanted) return null;
  return { language: wanted, text: entry.descriptions[wanted as keyof Entry['descriptions']]!, rtl: RTL_LANGUAGES.has(wanted) };
}

/**
 * loadVisibleEntry: the entry as this viewer may see it: published ones with consenting contacts for
 * everyone; any status for its editors; all contacts only for the staff.
 */
async function loadVisibleEntry(c: Context<AppEnv>, id: number): Promise<{ entry: Entry; canEdit: boolean } | undefined> {
  const canEdit = await canEditEntry(c.var.db, c.var.user, id, today(c.var.now()));
  const entry = await findEntry(c.var.db, id, !canEdit ? 'public' : isStaff(c.var.user) ? 'editor' : 'representative');
  return entry ? { entry, canEdit } : undefined;
}

function choiceError(err: unknown): FieldErrors | undefined {
  return err instanceof InvalidChoiceError ? { [err.field]: 'field.choose' } : undefined;
}

async function renderNew(c: Context<AppEnv>, values: EntryValues, errors?: FieldErrors, failure?: string) {
  const choices = await loadChoices(c.var.db, c.var.lang);
  return c.render(<NewEntryPage t={c.var.t} values={values} errors={errors} failure={failure} choices={choices} districtName={c.var.site.districtName} />, {
    title: c.var.t('directory.new.title'),
  });
}

async function renderEdit(c: Context<AppEnv>, entry: Entry, values: EntryValues, errors?: FieldErrors) {
  const choices = await loadChoices(c.var.db, c.var.lang);
  const title = c.var.t('directory.editTitle', { name: entry.name });
  return c.render(
    <EditEntryPage t={c.var.t} title={title} action={`/directory/${entry.id}/edit`} values={values} errors={errors} choices={choices} submit="directory.save" cancel={`/directory/${entry.id}`} />,
    { title },
  );
}

async function renderConfirm(c: Context<AppEnv>, entry: Entry, values: EntryValues, errors?: FieldErrors) {
  const t = c.var.t;
  const choices = await loadChoices(c.var.db, c.var.lang);
  const preview = [entry.name, [entry.street, [entry.postal_code, entry.place].filter(Boolean).join(' ')].filter(Boolean).join(', '), entry.phone, entry.email, entry.website, entry.offers]
    .filter(Boolean)
    .join('\n');
  const contacts = await publicContactsOf(c.var.db, entry.id);
  const representations = await representationsOf(c.var.db, entry.id, today(c.var.now()));
  return c.render(
    <ConfirmPage
      t={t}
      name={entry.name}
      action={`/directory/confirm/${c.req.param('token')}`}
      values={values}
      errors={errors}
      choices={choices}
      preview={preview}
      contacts={contacts}
      representations={representations}
    />,
    { title: t('confirm.title', { name: entry.name }) },
  );
}

function invalidWithdrawal(c: Context<AppEnv>) {
  c.status(410);
  return c.render(<WithdrawInvalidPage t={c.var.t} />, { title: c.var.t('withdraw.title') });
}

function invalidConfirmation(c: Context<AppEnv>) {
  c.status(410);
  return c.render(<ConfirmInvalidPage t={c.var.t} />, { title: c.var.t('directory.title') });
}

const ID = ':id{[1-9][0-9]{0,8}}';

export const directoryRoutes = new Hono<AppEnv>()
  .get('/directory', async (c) => {
    const view = await searchView(c, await loadChoices(c.var.db, c.var.lang));
    if (isFragmentRequest(c)) {
      return c.html(
        <>
          <Results {...view} />
          <ResultCount {...view} oob />
          <Facets {...view} oob />
        </>,
      );
    }
    return c.render(<SearchPage {...view} />, { title: c.var.t('directory.title') });
  })
  .get('/directory.csv', async (c) => {
    const { rows } = await searchDirectory(c.var.db, filtersOf(c), { page: 1, pageSize: EXPORT_LIMIT });
    const csv = await directoryCsv(c.var.db, rows.map((r) => r.id));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="akteursverzeichnis-${today(c.var.now())}.csv"`);
    return c.body(csv);
  })
  .get('/directory/overview', async (c) => {
    const [choices, data] = await Promise.all([loadChoices(c.var.db, c.var.lang), coverage(c.var.db)]);
    const kinds = new Map([...choices.kinds, ...choices.retired.kinds].map((k) => [k.key, { name: k.label, german: k.label === k.name }]));
    return c.render(
      <OverviewPage
        t={c.var.t}
        cities={choices.cities}
        fields={choices.fields}
        cells={data.cells}
        byKind={data.byKind.map((k) => ({ ...(kinds.get(k.key) ?? { name: k.key, german: false }), count: k.count })).sort((a, b) => b.count - a.count)}
        byLanguage={data.byLanguage.map((l) => ({ ...choices.languageLabel(l.code), count: l.count }))}
        total={data.total}
      />,
      { title: c.var.t('overview.title') },
    );
  })
  .get('/directory/new', (c) => renderNew(c, { consent: undefined }))
  .get('/directory/confirm/:token', async (c) => {
    const link = await checkConfirmation(c.var.db, c.req.param('token'), c.var.now());
    const entry = link && (await findEntry(c.var.db, link.organisationId, 'public'));
    if (!entry) return invalidConfirmation(c);
    return renderConfirm(c, entry, entryValues(entryInputOf(entry)));
  })
  .post('/directory/confirm/:token', async (c) => {
    const done = await confirmEntry(c.var.db, c.req.param('token'), c.var.now());
    return done ? redirectWithFlash(c, '/directory', 'success', 'confirm.done') : invalidConfirmation(c);
  })
  .post(`/directory/confirm/:token/contacts/:person{[1-9][0-9]{0,8}}/withdraw`, async (c) => {
    const result = await withdrawByConfirmationLink(c.var.db, c.req.param('token'), Number(c.req.param('person')), c.var.now());
    if (result === 'invalid') return invalidConfirmation(c);
    // Back to the same link: the entry may still be confirmed or corrected. A second click (or a person
    // already gone) is no broken link and must not count as a guessed one.
    const back = `/directory/confirm/${c.req.param('token')}`;
    return result === 'withdrawn' ? redirectWithFlash(c, back, 'success', 'confirm.contactWithdrawn') : redirectWithFlash(c, back, 'info', 'confirm.contactAlreadyWithdrawn');
  })
  .post(`/directory/confirm/:token/representations/:membership{[1-9][0-9]{0,8}}/:decision{confirm|reject}`, async (c) => {
    const confirm = c.req.param('decision') === 'confirm';
    const result = await decideRepresentationByLink(c.var.db, c.req.param('token'), Number(c.req.param('membership')), confirm, c.var.now(), today(c.var.now()));
    if (result === 'invalid') return invalidConfirmation(c);
    // Back to the same link, as after withdrawing a contact: a second click is no broken link.
    const back = `/directory/confirm/${c.req.param('token')}#representations`;
    if (result === 'none') return redirectWithFlash(c, back, 'info', 'confirm.representationUnchanged');
    return redirectWithFlash(c, back, 'success', confirm ? 'confirm.representationConfirmed' : 'confirm.representationRejected');
  })
  // A contact's own withdrawal link (mailed with their consent). Opening it changes nothing.
  .get('/directory/withdraw/:token', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    const link = await checkWithdrawalLink(c.var.db, c.req.param('token'));
    if (!link) return invalidWithdrawal(c);
    return c.render(<WithdrawPage t={c.var.t} name={link.name} organisation={link.organisationName} action={`/directory/withdraw/${c.req.param('token')}`} />, {
      title: c.var.t('withdraw.title'),
    });
  })
  .post('/directory/withdraw/:token', async (c) => {
    const done = await withdrawByLink(c.var.db, c.req.param('token'), c.var.now());
    return done ? redirectWithFlash(c, '/directory', 'success', 'withdraw.done') : invalidWithdrawal(c);
  })
  .post(
    '/directory/confirm/:token/correct',
    validForm(entrySchema, async (c, _values, errors) => {
      const link = await checkConfirmation(c.var.db, c.req.param('token'), c.var.now());
      const entry = link && (await findEntry(c.var.db, link.organisationId, 'public'));
      return entry ? renderConfirm(c, entry, await rawValues(c), errors) : invalidConfirmation(c);
    }),
    async (c) => {
      const input = entryInput(c.req.valid('form'));
      const confirming = await checkConfirmation(c.var.db, c.req.param('token'), c.var.now());
      const current = confirming && (await findEntry(c.var.db, confirming.organisationId, 'public'));
      try {
        assertChoices(await loadChoices(c.var.db, c.var.lang), input, current ? entryInputOf(current) : undefined);
      } catch (err) {
        const errors = choiceError(err);
        if (!errors) throw err;
        const link = await checkConfirmation(c.var.db, c.req.param('token'), c.var.now());
        const entry = link && (await findEntry(c.var.db, link.organisationId, 'public'));
        c.status(422);
        return entry ? renderConfirm(c, entry, await rawValues(c), errors) : invalidConfirmation(c);
      }
      const done = await confirmEntry(c.var.db, c.req.param('token'), c.var.now(), input);
      return done ? redirectWithFlash(c, '/directory', 'success', 'confirm.corrected') : invalidConfirmation(c);
    },
  )
  .post(
    '/directory/new',
    validForm(submissionSchema, async (c, _values, errors) => {
      c.status(422);
      return renderNew(c, await rawValues(c), errors);
    }),
    async (c) => {
      const form = c.req.valid('form');
      // A filled honeypot is a robot: it gets the same answer as a person, and nothing is stored.
      const verdict = await guardPublicForm(c, 'directory-submit', { perClient: SUBMISSION_RULE, total: SUBMISSION_TOTAL_RULE }, form);
      if (verdict.kind === 'robot') return redirectWithFlash(c, '/directory', 'success', 'directory.new.thanks');
      if (verdict.kind === 'throttled') return renderNew(c, await rawValues(c), undefined, c.var.t('directory.new.throttled', { minutes: verdict.retryAfterMinutes }));
      const input = entryInput(form);
      try {
        assertChoices(await loadChoices(c.var.db, c.var.lang), input);
      } catch (err) {
        const errors = choiceError(err);
        if (!errors) throw err;
        c.status(422);
        return renderNew(c, await rawValues(c), errors);
      }
      const now = c.var.now();
      await c.var.db.transaction().execute(async (trx) => {
        const { withdrawLink } = await submitEntryWithLinks(
          trx,
          {
            entry: input,
            submitter: { name: form.submitter_name, email: form.submitter_email },
            contact: form.publish_contact ? { name: form.submitter_name, email: form.submitter_email, phone: form.submitter_phone } : undefined,
          },
          now,
          c.var.config.baseUrl,
        );
        await enqueueMail(trx, submissionMail(form.submitter_email, c.var.site.districtName, withdrawLink), now);
      });
      return redirectWithFlash(c, '/directory', 'success', 'directory.new.thanks');
    },
  )
  .get(`/directory/:vcf{[1-9][0-9]{0,8}\\.vcf}`, async (c) => {
    const id = Number(c.req.param('vcf').replace('.vcf', ''));
    const entry = await findEntry(c.var.db, id, 'public');
    if (!entry) return renderError(c, 404);
    c.header('Content-Type', 'text/vcard; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="eintrag-${id}.vcf"`);
    return c.body(entryVcard(entry, `${c.var.config.baseUrl}/directory/${id}`));
  })
  .get(`/directory/${ID}`, async (c) => {
    const found = await loadVisibleEntry(c, Number(c.req.param('id')));
    if (!found) return renderError(c, 404);
    const { entry, canEdit } = found;
    const t = c.var.t;
    const description = pickDescription(c, entry);
    // Names from the lists in the page's language (public ones too), German where a list has none: marked so.
    const languageLabel = await loadLanguageLabels(c.var.db, c.var.lang);
    const kindLabel = referenceLabel({ name: entry.kind_label_de, names: entry.kind_names }, c.var.lang);
    const url = `${c.var.config.baseUrl}/directory/${entry.id}`;
    return c.render(
      <EntryPage
        t={t}
        entry={entry}
        kind={{ name: kindLabel, german: kindLabel === entry.kind_label_de }}
        languageLabel={languageLabel}
        description={description}
        onlyGerman={!c.req.query('lang') && c.var.lang !== 'de' && description?.language === 'de'}
        otherDescriptions={Object.keys(entry.descriptions)
          .filter((l) => l !== description?.language)
          .map((l) => ({ language: l, name: new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l }))}
        formatDate={(at) => c.var.fmt.date(at)}
        canEdit={canEdit}
        canManageContacts={canEdit && can(c.var.user, 'directory.review')}
        statusNotice={entry.status === 'published' ? null : t('directory.statusNotice', { status: t(`directory.status.${entry.status}`) })}
        jsonLd={entryJsonLd(entry, url, entry.descriptions.de)}
      />,
      { title: entry.name },
    );
  })
  .get(`/directory/${ID}/edit`, async (c) => {
    const entry = await editableEntry(c);
    if (entry instanceof Response) return entry;
    return renderEdit(c, entry, entryValues(entryInputOf(entry)));
  })
  .post(
    `/directory/${ID}/edit`,
    validForm(entrySchema, async (c, _values, errors) => {
      const entry = await editableEntry(c);
      if (entry instanceof Response) return entry;
      return renderEdit(c, entry, await rawValues(c), errors);
    }),
    async (c) => {
      const entry = await editableEntry(c);
      if (entry instanceof Response) return entry;
      const input = entryInput(c.req.valid('form'));
      try {
        assertChoices(await loadChoices(c.var.db, c.var.lang), input, entryInputOf(entry));
      } catch (err) {
        const errors = choiceError(err);
        if (!errors) throw err;
        c.status(422);
        return renderEdit(c, entry, await rawValues(c), errors);
      }
      const user = c.var.user!;
      if (entry.status === 'published' && !isStaff(user)) {
        await proposeChange(c.var.db, user, entry.id, input, c.var.now());
        return redirectWithFlash(c, `/directory/${entry.id}`, 'success', 'directory.proposed');
      }
      await saveEntry(c.var.db, user, entry.id, input, c.var.now());
      return redirectWithFlash(c, `/directory/${entry.id}`, 'success', 'directory.saved');
    },
  );

/** editableEntry: the entry of :id if the viewer may edit it, else the error response (login, 404, 403). */
async function editableEntry(c: Context<AppEnv>): Promise<Entry | Response> {
  const id = Number(c.req.param('id'));
  if (!c.var.user) return requireUser(c, async () => undefined) as Promise<Response>;
  if (!(await canEditEntry(c.var.db, c.var.user, id, today(c.var.now())))) return (await findEntry(c.var.db, id, 'public')) ? renderError(c, 403) : renderError(c, 404);
  const entry = await findEntry(c.var.db, id, isStaff(c.var.user) ? 'editor' : 'representative');
  return entry ?? renderError(c, 404);
}

