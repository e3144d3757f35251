import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field } from '../components.js';

/** ContactTopicPage: add a topic, or edit one (its title and mailbox) and remove it. */
export function ContactTopicPage(p: { t: Translate; topic?: { id: number; title: string }; values: Record<string, string>; errors?: FieldErrors; personCount?: number }) {
  const { t, errors, values } = p;
  const title = p.topic ? t('contact.admin.editTopicTitle') : t('contact.admin.addTopic');
  return (
    <section class="narrow">
      <p>
        <a href="/admin/contact">← {t('contact.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.topic ? `/admin/contact/topics/${p.topic.id}` : '/admin/contact/topics'} class="form" novalidate>
        <Field t={t} name="title" label="contact.admin.topicTitle" lang={CONTENT_LANGUAGE} value={values.title} errors={errors} required maxlength={200} />
        <Field t={t} name="email" label="contact.admin.topicEmail" hint="contact.admin.topicEmailHint" type="email" value={values.email} errors={errors} maxlength={320} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('contact.admin.save')}
          </button>
        </div>
      </form>
      {p.topic ? (
        <>
          <h2 id="remove-topic">{t('contact.admin.removeTopic')}</h2>
          <p>{t('contact.admin.removeTopicText', { count: p.personCount ?? 0 })}</p>
          <form method="post" action={`/admin/contact/topics/${p.topic.id}/delete`} class="form" aria-labelledby="remove-topic">
            <button type="submit" class="button button--danger">
              {t('contact.admin.removeTopic')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
