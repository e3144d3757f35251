import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { EntryImportPage, ReviewEntryPage, ReviewListPage } from '../../views/directory/review.js';
import { ContactsPage, type ContactValues } from '../../views/directory/contacts.js';
import { today } from '../lib/berlin-time.js';
import { addContact, consentInstant, DuplicateContactEmailError, isContactOf, listEntryContacts, recordConsent, withdrawContact, type ConsentGrant } from './contacts.js';
import { requirePermission } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { PAGE_SIZE, pageParam } from '../http/pagination.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, validForm, type FieldErrors, readForm } from '../http/forms.js';
import { assertChoices, InvalidChoiceError, loadChoices, type Choices } from './choices.js';
import { entryInputOf, findEntry, type Entry, type EntryInput } from './entries.js';
import { listStaleEntries } from './confirmation.js';
import { commitEntryImport, parseEntryCsv, planEntryImport } from './entry-import.js';
import { decodeCsv, type Problem } from '../lib/csv-import.js';
import { decideChange, listPendingChanges, listPendingEntries, publishEntry, rejectEntry, saveEntry } from './review.js';
import { entryValues } from './routes.js';
import { entryInput, entrySchema, newContactSchema, recordConsentSchema, rejectSchema } from './schemas.js';
import type { EntryValues } from '../../views/directory/form.js';

const ID = ':id{[1-9][0-9]{0,8}}';

/** describeChange: the fields a proposal changes, with their new values, for the review list. */
function describeChange(c: Context<AppEnv>, choices: Choices, current: EntryInput | undefined, proposed: EntryInput) {
  const t = c.var.t;
  const names = (ids: number[], list: { id: number; name: string; label?: string }[], retired: { id: number; name: string; label?: string }[] = []) => ids.map((id) => { const x = list.find((y) => y.id === id) ?? retired.find((y) => y.id === id); return x?.label ?? x?.name ?? id; }).join(', ');
  const fields: [string, (e: EntryInput) => string][] = [
    [t('groups.name'), (e) => e.name],
    [t('directory.kind'), (e) => [...choices.kinds, ...choices.retired.kinds].find((k) => k.key === e.kind)?.label ?? e.kind],
    [t('directory.address'), (e) => [e.street, e.postal_code, e.place].filter(Boolean).join(', ')],
    [t('directory.phone'), (e) => e.phone ?? ''],
    [t('directory.email'), (e) => e.email ?? ''],
    [t('directory.websiteLabel'), (e) => e.website ?? ''],
    [t('directory.openingHours'), (e) => e.opening_hours ?? ''],
    [t('directory.offers'), (e) => e.offers ?? ''],
    [t('directory.description'), (e) => Object.entries(e.descriptions).map(([l, d]) => `${l}: ${d}`).join('\n')],
    [t('directory.languages'), (e) => e.languages.map((l) => choices.languageName(l)).join(', ')],
    [t('directory.fields'), (e) => names(e.fields, choices.fields, choices.retired.fields)],
    [t('directory.cities'), (e) => names(e.cities, choices.cities)],
    [t('directory.targets'), (e) => names(e.targets, choices.targets, choices.retired.targets)],
  ];
  return fields.filter(([, get]) => !current || get(current) !== get(proposed)).map(([label, get]) => ({ label, value: get(proposed) }));
}

async function renderReview(c: Context<AppEnv>, entry: Entry, opts: { values?: EntryValues; errors?: FieldErrors; rejectErrors?: FieldErrors } = {}) {
  const t = c.var.t;
  const choices = await loadChoices(c.var.db, c.var.locale);
  return c.render(
    <ReviewEntryPage
      t={t}
      id={entry.id}
      name={entry.name}
      status={t(`directory.status.${entry.status}`)}
      submittedBy={t('review.submittedBy', { name: entry.submitter_name ?? '–', email: entry.submitter_email ?? '–', date: c.var.fmt.date(entry.created_at) })}
      values={opts.values ?? entryValues(entryInputOf(entry))}
      errors={opts.errors}
      rejectErrors={opts.rejectErrors}
      choices={choices}
    />,
    { title: entry.name },
  );
}

/** previewEntryImport parses and plans an uploaded (or confirmed) list and renders the preview. */
async function previewEntryImport(c: Context<AppEnv>, text: string | Problem) {
  const t = c.var.t;
  const render = (props: Partial<Parameters<typeof EntryImportPage>[0]>) => c.render(<EntryImportPage t={t} {...props} />, { title: t('entryImport.title') });
  const parsed = typeof text === 'string' ? parseEntryCsv(text, await loadChoices(c.var.db, c.var.locale)) : ({ ok: false, problem: text } as const);
  if (!parsed.ok) {
    c.status(422);
    return { rows: null, errors: 0, response: await render({ error: t(parsed.problem.key, parsed.problem.params) }) };
  }
  const rows = await planEntryImport(c.var.db, parsed.rows);
  const errors = rows.filter((r) => r.status === 'error').length;
  const adding = rows.filter((r) => r.status === 'new').length;
  if (errors) c.status(422);
  const results = { new: t('entryImport.new'), existing: t('entryImport.existing') };
  return {
    rows,
    errors,
    response: await render({
      rows: rows.map((r) => ({ line: r.line, name: r.name, error: r.status === 'error', result: r.problem ? t(r.problem.key, r.problem.params) : results[r.status as 'new' | 'existing'] })),
      summary: errors ? t('import.hasErrors', { count: errors }) : t('entryImport.ready', { count: adding, skipped: rows.length - adding }),
      csv: typeof text === 'string' ? text : undefined,
      canConfirm: errors === 0 && adding > 0,
    }),
  };
}

async function loadEntry(c: Context<AppEnv>): Promise<Entry | undefined> {
  return findEntry(c.var.db, Number(c.req.param('id')), 'editor');
}

/** renderContacts: the entry's contacts page, with the form that failed (status 422 is the caller's). */
async function renderContacts(c: Context<AppEnv>, entry: Entry, failed?: { form: 'new' | number; values: ContactValues; errors: FieldErrors }) {
  const t = c.var.t;
  const contacts = await listEntryContacts(c.var.db, c.var.user, entry.id);
  return c.render(
    <ContactsPage
      t={t}
      entry={{ id: entry.id, name: entry.name, status: t(`directory.status.${entry.status}`) }}
      contacts={contacts}
      formatDate={(at) => c.var.fmt.date(at)}
      today={today(c.var.now())}
      failed={failed}
    />,
    { title: t('contacts.title', { name: entry.name }) },
  );
}

/**
 * consentGrant: the consent a contact form names, or null for "none". A day after today is refused with
 * a field error (consent cannot be recorded ahead of being given).
 */
function consentGrant(c: Context<AppEnv>, method: ConsentGrant['method'], day: string | undefined): ConsentGrant | FieldErrors {
  // The schemas already require the day with every method (consentDateGiven); this only keeps the types honest.
  if (!day) return { consent_date: 'consent.dateRequired' };
  if (day > today(c.var.now())) return { consent_date: 'consent.dateFuture' };
  return { method, at: consentInstant(day, c.var.now()) };
}

const isGrant = (v: ConsentGrant | FieldErrors): v is ConsentGrant => 'method' in v;

function contactContext(c: Context<AppEnv>) {
  return { now: c.var.now(), baseUrl: c.var.config.baseUrl, districtName: c.var.site.districtName };
}

const PERSON = ':person{[1-9][0-9]{0,8}}';
/** Proposed changes are shown with their differences, so fewer to a page. */
const CHANGES_PAGE_SIZE = 20;

/** /admin/directory: the secretariat reviews submissions and members' proposed changes. */
export const directoryAdminRoutes = new Hono<AppEnv>()
  .use('/admin/directory', requirePermission('directory.review'))
  .use('/admin/directory/*', requirePermission('directory.review'))
  .get('/admin/directory', async (c) => {
    // Three lists, each paged on its own (?entries=, ?changes=, ?stale=); a link of one keeps the others' pages.
    const pages = { entries: pageParam(c.req.query('entries')), changes: pageParam(c.req.query('changes')), stale: pageParam(c.req.query('stale')) };
    const [entries, changes, choices, stale] = await Promise.all([
      listPendingEntries(c.var.db, { page: pages.entries, pageSize: PAGE_SIZE }),
      listPendingChanges(c.var.db, { page: pages.changes, pageSize: CHANGES_PAGE_SIZE }),
      loadChoices(c.var.db, c.var.locale),
      listStaleEntries(c.var.db, c.var.now(), { page: pages.stale, pageSize: PAGE_SIZE }),
    ]);
    const withDiff = await Promise.all(
      changes.rows.map(async (ch) => {
        const current = await findEntry(c.var.db, ch.organisation_id, 'editor');
        return { ...ch, diff: describeChange(c, choices, current && entryInputOf(current), ch.proposed) };
      }),
    );
    const href = (list: keyof typeof pages) => (n: number) => `/admin/directory?${new URLSearchParams(Object.entries({ ...pages, [list]: n }).map(([k, v]) => [k, String(v)])).toString()}`;
    return c.render(
      <ReviewListPage
        t={c.var.t}
        entries={{ ...entries, page: pages.entries, href: href('entries') }}
        changes={{ ...changes, rows: withDiff, page: pages.changes, href: href('changes') }}
        stale={{ ...stale, page: pages.stale, href: href('stale') }}
        formatDate={(at) => c.var.fmt.date(at)}
      />,
      { title: c.var.t('review.title') },
    );
  })
  .get('/admin/directory/import', (c) => c.render(<EntryImportPage t={c.var.t} />, { title: c.var.t('entryImport.title') }))
  .post('/admin/directory/import', async (c) => {
    const file = (await readForm(c)).file;
    const decoded = file instanceof File && file.size > 0 ? decodeCsv(new Uint8Array(await file.arrayBuffer())) : ({ ok: false, problem: { key: 'import.noFile' } } as const);
    return (await previewEntryImport(c, decoded.ok ? decoded.text : decoded.problem)).response;
  })
  .post('/admin/directory/import/confirm', async (c) => {
    const body = await readForm(c);
    const preview = await previewEntryImport(c, typeof body.csv === 'string' ? body.csv : '');
    if (!preview.rows || preview.errors) return preview.response;
    await commitEntryImport(c.var.db, c.var.user!, preview.rows, body.published === 'on', c.var.now());
    return redirectWithFlash(c, '/admin/directory', 'success', 'entryImport.done');
  })
  .get(`/admin/directory/${ID}`, async (c) => {
    const entry = await loadEntry(c);
    return entry ? renderReview(c, entry) : renderError(c, 404);
  })
  .post(
    `/admin/directory/${ID}`,
    validForm(entrySchema.extend({ publish: z.literal('1').optional() }), async (c, _values, errors) => {
      const entry = await loadEntry(c);
      if (!entry) return renderError(c, 404);
      const body = await readForm(c, { all: true });
      return renderReview(c, entry, { values: body as EntryValues, errors });
    }),
    async (c) => {
      const entry = await loadEntry(c);
      if (!entry) return renderError(c, 404);
      const form = c.req.valid('form');
      const input = entryInput(form);
      try {
        assertChoices(await loadChoices(c.var.db, c.var.locale), input, entryInputOf(entry));
      } catch (err) {
        if (!(err instanceof InvalidChoiceError)) throw err;
        c.status(422);
        return renderReview(c, entry, { values: (await readForm(c, { all: true })) as EntryValues, errors: { [err.field]: 'field.choose' } });
      }
      const publish = form.publish === '1';
      await saveEntry(c.var.db, c.var.user!, entry.id, input, c.var.now(), { publish, baseUrl: c.var.config.baseUrl });
      return redirectWithFlash(c, publish ? '/admin/directory' : `/admin/directory/${entry.id}`, 'success', publish ? 'review.approved' : 'directory.saved');
    },
  )
  .post(`/admin/directory/${ID}/publish`, async (c) => {
    const entry = await loadEntry(c);
    if (!entry) return renderError(c, 404);
    await publishEntry(c.var.db, c.var.user!, entry.id, c.var.now(), c.var.config.baseUrl);
    return redirectWithFlash(c, '/admin/directory', 'success', 'review.approved');
  })
  .post(
    `/admin/directory/${ID}/reject`,
    validForm(rejectSchema, async (c, _values, rejectErrors) => {
      const entry = await loadEntry(c);
      return entry ? renderReview(c, entry, { rejectErrors }) : renderError(c, 404);
    }),
    async (c) => {
      const entry = await loadEntry(c);
      if (!entry) return renderError(c, 404);
      await rejectEntry(c.var.db, c.var.user!, entry.id, c.req.valid('form').reason, c.var.now());
      return redirectWithFlash(c, '/admin/directory', 'success', 'review.rejected');
    },
  )
  .get(`/admin/directory/${ID}/contacts`, async (c) => {
    const entry = await loadEntry(c);
    return entry ? renderContacts(c, entry) : renderError(c, 404);
  })
  .post(
    `/admin/directory/${ID}/contacts`,
    validForm(newContactSchema, async (c, values, errors) => {
      const entry = await loadEntry(c);
      return entry ? renderContacts(c, entry, { form: 'new', values, errors }) : renderError(c, 404);
    }),
    async (c) => {
      const entry = await loadEntry(c);
      if (!entry) return renderError(c, 404);
      const form = c.req.valid('form');
      const grant = form.consent === 'none' ? null : consentGrant(c, form.consent, form.consent_date);
      if (grant !== null && !isGrant(grant)) {
        c.status(422);
        return renderContacts(c, entry, { form: 'new', values: formValues(form), errors: grant });
      }
      try {
        await addContact(c.var.db, c.var.user!, entry.id, form, grant, contactContext(c));
      } catch (err) {
        if (!(err instanceof DuplicateContactEmailError)) throw err;
        c.status(422);
        return renderContacts(c, entry, { form: 'new', values: formValues(form), errors: { email: 'people.duplicateEmail' } });
      }
      return redirectWithFlash(c, `/admin/directory/${entry.id}/contacts`, 'success', grant ? 'contacts.addedPublished' : 'contacts.addedHidden');
    },
  )
  .post(
    `/admin/directory/${ID}/contacts/${PERSON}/consent`,
    // The person is checked before the form: a stranger to the entry is 404 whatever was posted.
    validForm(recordConsentSchema, async (c, values, errors) => {
      const entry = await loadEntry(c);
      const personId = Number(c.req.param('person'));
      if (!entry || !(await isContactOf(c.var.db, entry.id, personId))) return renderError(c, 404);
      return renderContacts(c, entry, { form: personId, values, errors });
    }),
    async (c) => {
      const entry = await loadEntry(c);
      const personId = Number(c.req.param('person'));
      if (!entry || !(await isContactOf(c.var.db, entry.id, personId))) return renderError(c, 404);
      const form = c.req.valid('form');
      const grant = consentGrant(c, form.consent, form.consent_date);
      if (!isGrant(grant)) {
        c.status(422);
        return renderContacts(c, entry, { form: personId, values: formValues(form), errors: grant });
      }
      if (!(await recordConsent(c.var.db, c.var.user!, entry.id, personId, grant, contactContext(c)))) return renderError(c, 404);
      return redirectWithFlash(c, `/admin/directory/${entry.id}/contacts`, 'success', 'contacts.recorded');
    },
  )
  .post(`/admin/directory/${ID}/contacts/${PERSON}/withdraw`, async (c) => {
    const entry = await loadEntry(c);
    if (!entry) return renderError(c, 404);
    const result = await withdrawContact(c.var.db, c.var.user!, entry.id, Number(c.req.param('person')), c.var.now());
    if (result === 'missing') return renderError(c, 404);
    return redirectWithFlash(c, `/admin/directory/${entry.id}/contacts`, 'success', result === 'withdrawn' ? 'contacts.withdrawn' : 'contacts.noConsentToWithdraw');
  })
  .post(`/admin/directory/changes/:change{[1-9][0-9]{0,8}}/:decision{(?:apply|discard)}`, async (c) => {
    const apply = c.req.param('decision') === 'apply';
    const choices = await loadChoices(c.var.db, c.var.locale);
    const result = await decideChange(c.var.db, c.var.user!, Number(c.req.param('change')), apply, choices, c.var.now());
    if (result === 'missing') return renderError(c, 404);
    if (result === 'stale') return redirectWithFlash(c, '/admin/directory', 'error', 'review.changeStale');
    return redirectWithFlash(c, '/admin/directory', 'success', apply ? 'review.changeApplied' : 'review.changeRejected');
  });
