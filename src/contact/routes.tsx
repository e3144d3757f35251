import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { ContactAdminPage } from '../../views/contact/admin.js';
import { ContactPage } from '../../views/contact/contact.js';
import { ContactPersonPage } from '../../views/contact/person-form.js';
import { ContactThanksPage } from '../../views/contact/thanks.js';
import { ContactTopicPage } from '../../views/contact/topic-form.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { guardPublicForm } from '../http/public-form.js';
import { officeEmail } from '../http/site.js';
import { mayEditContacts } from './access.js';
import {
  addContactPerson,
  addTopic,
  deleteContactPerson,
  deleteTopic,
  findContactPerson,
  findTopic,
  listTopics,
  moveContactPerson,
  moveTopic,
  topicTitle,
  updateContactPerson,
  updateTopic,
} from './contacts.js';
import { sendContactMessage } from './message.js';
import { contactPersonSchema, messageSchema, moveSchema, topicSchema } from './schemas.js';

/** Contact form messages allowed per client address in an hour, and from everyone together (a mail each). */
export const CONTACT_RULES = { perClient: { limit: 5, windowMs: 60 * 60 * 1000 }, total: { limit: 100, windowMs: 60 * 60 * 1000 } };

const TOPIC = ':topic{[1-9][0-9]{0,8}}';
const PERSON = ':person{[1-9][0-9]{0,8}}';

/** onlyEditors: visitors are sent to sign in (401 for POSTs), everyone but the staff gets 403. */
const onlyEditors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditContacts(c.var.user)) return renderError(c, 403);
  return next();
};

async function renderContact(c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors, problem?: string) {
  const t = c.var.t;
  const topics = (await listTopics(c.var.db)).map((topic) => {
    const title = topicTitle(t, topic);
    return { ...topic, label: title.text, translated: title.translated };
  });
  return c.render(<ContactPage t={t} topics={topics} values={values} errors={errors} problem={problem} retentionMonths={c.var.config.retentionMonths} canEdit={mayEditContacts(c.var.user)} office={{ name: c.var.site.officeName, address: c.var.site.postalAddress, phone: c.var.site.phone, email: c.var.site.officeEmail }} />, {
    title: t('contact.title'),
  });
}

async function renderAdmin(c: Context<AppEnv>) {
  const t = c.var.t;
  return c.render(<ContactAdminPage t={t} topics={await listTopics(c.var.db)} officeEmail={officeEmail(c.var.site, c.var.config.mailFrom)} />, { title: t('contact.admin.title') });
}

async function renderTopic(c: Context<AppEnv>, id: number | undefined, values?: Record<string, string>, errors?: FieldErrors) {
  const t = c.var.t;
  if (id === undefined) return c.render(<ContactTopicPage t={t} values={values ?? {}} errors={errors} />, { title: t('contact.admin.addTopic') });
  const topic = await findTopic(c.var.db, id);
  if (!topic) return renderError(c, 404);
  const persons = (await listTopics(c.var.db)).find((x) => x.id === id)?.persons.length ?? 0;
  return c.render(<ContactTopicPage t={t} topic={topic} personCount={persons} values={values ?? { title: topic.title, email: topic.email ?? '' }} errors={errors} />, {
    title: t('contact.admin.editTopicTitle'),
  });
}

async function renderPerson(c: Context<AppEnv>, target: { topicId: number } | { personId: number }, values?: Record<string, string>, errors?: FieldErrors) {
  const t = c.var.t;
  const person = 'personId' in target ? await findContactPerson(c.var.db, target.personId) : undefined;
  const topic = await findTopic(c.var.db, 'personId' in target ? (person?.topic_id ?? 0) : target.topicId);
  if (!topic || ('personId' in target && !person)) return renderError(c, 404);
  const action = person ? `/admin/contact/persons/${person.id}` : `/admin/contact/topics/${topic.id}/persons`;
  const shown = values ?? (person ? { name: person.name, job_function: person.job_function ?? '', phone: person.phone ?? '', email: person.email ?? '', tasks: person.tasks ?? '' } : {});
  const title = person ? t('contact.admin.editPerson') : t('contact.admin.addPerson');
  return c.render(<ContactPersonPage t={t} topicTitle={topic.title} action={action} editing={Boolean(person)} values={shown} errors={errors} />, { title });
}

const topicId = (c: Context<AppEnv>) => Number(c.req.param('topic'));
const personId = (c: Context<AppEnv>) => Number(c.req.param('person'));

/**
 * The office's contacts: /contact for everyone (the topics with their persons and the contact form),
 * /admin/contact for the staff (src/contact/access.ts). Every change is audited.
 */
export const contactRoutes = new Hono<AppEnv>()
  .get('/contact', (c) => renderContact(c))
  .post(
    '/contact',
    validForm(messageSchema, (c, values, errors) => renderContact(c, values, errors)),
    async (c) => {
      const form = c.req.valid('form');
      // A robot gets the same answer as a person, and nothing is sent.
      const verdict = await guardPublicForm(c, 'contact', CONTACT_RULES, form);
      if (verdict.kind === 'robot') return c.redirect('/contact/thanks', 303);
      const typed = { topic: String(form.topic), name: form.name, email: form.email, message: form.message, consent: 'on' };
      if (verdict.kind === 'throttled') return renderContact(c, typed, undefined, c.var.t('contact.form.throttled', { minutes: verdict.retryAfterMinutes }));
      const result = await sendContactMessage(c.var.db, c.var.site, c.var.config.mailFrom, form, c.var.now());
      if (result === 'unknown-topic') {
        // The topic was removed while the form was open.
        c.status(422);
        return renderContact(c, { ...typed, topic: '' }, { topic: 'contact.form.topicRequired' });
      }
      return c.redirect('/contact/thanks', 303);
    },
  )
  .get('/contact/thanks', (c) => c.render(<ContactThanksPage t={c.var.t} />, { title: c.var.t('contact.thanks.title') }))
  .use('/admin/contact', onlyEditors)
  .use('/admin/contact/*', onlyEditors)
  .get('/admin/contact', (c) => renderAdmin(c))
  .get('/admin/contact/topics/new', (c) => renderTopic(c, undefined))
  .post(
    '/admin/contact/topics',
    validForm(topicSchema, (c, values, errors) => renderTopic(c, undefined, values, errors)),
    async (c) => {
      await addTopic(c.var.db, c.var.user!, c.req.valid('form'), c.var.now());
      return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.saved');
    },
  )
  .get(`/admin/contact/topics/${TOPIC}`, (c) => renderTopic(c, topicId(c)))
  .post(
    `/admin/contact/topics/${TOPIC}`,
    validForm(topicSchema, (c, values, errors) => renderTopic(c, topicId(c), values, errors)),
    async (c) => {
      if (!(await updateTopic(c.var.db, c.var.user!, topicId(c), c.req.valid('form'), c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.saved');
    },
  )
  .post(
    `/admin/contact/topics/${TOPIC}/move`,
    validForm(moveSchema, async (c) => ((await findTopic(c.var.db, topicId(c))) ? renderError(c, 400) : renderError(c, 404))),
    async (c) => {
      const moved = await moveTopic(c.var.db, c.var.user!, topicId(c), c.req.valid('form').direction, c.var.now());
      if (moved === undefined) return renderError(c, 404);
      return c.redirect('/admin/contact', 303);
    },
  )
  .post(`/admin/contact/topics/${TOPIC}/delete`, async (c) => {
    if (!(await deleteTopic(c.var.db, c.var.user!, topicId(c), c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.removed');
  })
  .get(`/admin/contact/topics/${TOPIC}/persons/new`, (c) => renderPerson(c, { topicId: topicId(c) }))
  .post(
    `/admin/contact/topics/${TOPIC}/persons`,
    validForm(contactPersonSchema, (c, values, errors) => renderPerson(c, { topicId: topicId(c) }, values, errors)),
    async (c) => {
      const id = await addContactPerson(c.var.db, c.var.user!, topicId(c), c.req.valid('form'), c.var.now());
      if (id === undefined) return renderError(c, 404);
      return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.saved');
    },
  )
  .get(`/admin/contact/persons/${PERSON}`, (c) => renderPerson(c, { personId: personId(c) }))
  .post(
    `/admin/contact/persons/${PERSON}`,
    validForm(contactPersonSchema, (c, values, errors) => renderPerson(c, { personId: personId(c) }, values, errors)),
    async (c) => {
      if (!(await updateContactPerson(c.var.db, c.var.user!, personId(c), c.req.valid('form'), c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.saved');
    },
  )
  .post(
    `/admin/contact/persons/${PERSON}/move`,
    validForm(moveSchema, async (c) => ((await findContactPerson(c.var.db, personId(c))) ? renderError(c, 400) : renderError(c, 404))),
    async (c) => {
      const moved = await moveContactPerson(c.var.db, c.var.user!, personId(c), c.req.valid('form').direction, c.var.now());
      if (moved === undefined) return renderError(c, 404);
      return c.redirect('/admin/contact', 303);
    },
  )
  .post(`/admin/contact/persons/${PERSON}/delete`, async (c) => {
    if ((await deleteContactPerson(c.var.db, c.var.user!, personId(c), c.var.now())) === undefined) return renderError(c, 404);
    return redirectWithFlash(c, '/admin/contact', 'success', 'contact.admin.removed');
  });
