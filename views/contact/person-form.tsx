import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field, TextareaField } from '../components.js';

/** ContactPersonPage: add a contact person to a topic, or edit one. */
export function ContactPersonPage(p: { t: Translate; topicTitle: string; action: string; editing: boolean; values: Record<string, string>; errors?: FieldErrors }) {
  const { t, errors, values } = p;
  return (
    <section class="narrow">
      <p>
        <a href="/admin/contact">← {t('contact.admin.title')}</a>
      </p>
      <h1>{p.editing ? t('contact.admin.editPerson') : t('contact.admin.addPerson')}</h1>
      <p>{t('contact.admin.personTopic', { topic: p.topicTitle })}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="job_function" label="contact.admin.personFunction" hint="contact.admin.personFunctionHint" lang={CONTENT_LANGUAGE} value={values.job_function} errors={errors} maxlength={200} />
        <Field t={t} name="name" label="contact.admin.personName" value={values.name} errors={errors} required maxlength={200} />
        <Field t={t} name="phone" label="contact.phone" type="tel" value={values.phone} errors={errors} maxlength={50} />
        <Field t={t} name="email" label="contact.email" type="email" value={values.email} errors={errors} maxlength={320} />
        <TextareaField t={t} name="tasks" label="contact.tasks" hint="contact.admin.tasksHint" lang={CONTENT_LANGUAGE} value={values.tasks} errors={errors} maxlength={2000} rows={4} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('contact.admin.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
