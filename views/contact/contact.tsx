import type { ContactTopic } from '../../src/contact/contacts.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { Content, contentLang, ErrorSummary, Field, Notice, SelectField, TextareaField } from '../components.js';
import { ConsentField } from '../consent-field.js';
import { Honeypot } from '../honeypot.js';

export interface ContactView {
  t: Translate;
  topics: (ContactTopic & { label: string; translated: boolean })[];
  values: Record<string, string>;
  errors?: FieldErrors;
  /** The throttle's message (429), shown above the form. */
  problem?: string;
  /** RETENTION_MONTHS: how long the message is kept (the consent text says so). */
  retentionMonths: number;
  /** Whether the viewer may edit the contacts (a link to the editing page). */
  canEdit: boolean;
  /** The office as the settings describe it (empty parts are left out). */
  office: { name: string; address: string; phone: string; email: string };
}

/** telHref: a phone number as a tel: link (digits and a leading +, nothing else). */
export const telHref = (phone: string) => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/[^0-9]/g, '')}`;

function Persons({ t, topic }: { t: Translate; topic: ContactView['topics'][number] }) {
  if (topic.persons.length === 0) return <p class="empty-state">{t('contact.noPersons')}</p>;
  return (
    <ul class="contact-persons">
      {topic.persons.map((p) => (
        <li class="contact-person">
          {p.job_function ? (
            <p class="contact-person__function">
              <Content t={t}>{p.job_function}</Content>
            </p>
          ) : null}
          <p class="contact-person__name">
            <strong>{p.name}</strong>
          </p>
          <dl class="facts contact-person__details">
            {p.phone ? (
              <>
                <dt>{t('contact.phone')}</dt>
                <dd>
                  <a href={telHref(p.phone)}>{p.phone}</a>
                </dd>
              </>
            ) : null}
            {p.email ? (
              <>
                <dt>{t('contact.email')}</dt>
                <dd>
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </dd>
              </>
            ) : null}
            {p.tasks ? (
              <>
                <dt>{t('contact.tasks')}</dt>
                <dd>
                  <Content t={t} block>
                    {p.tasks}
                  </Content>
                </dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** ContactPage: the office's contacts by topic, then the contact form. */
export function ContactPage(p: ContactView) {
  const { t, errors, values } = p;
  return (
    <section class="narrow">
      <h1>{t('contact.title')}</h1>
      <p>{t('contact.lead')}</p>
      {p.canEdit ? (
        <p>
          <a href="/admin/contact">{t('contact.editLink')}</a>
        </p>
      ) : null}
      <address class="contact-office">
        <Content t={t} block>
          {[p.office.name, p.office.address].filter(Boolean).join('\n')}
        </Content>
        {p.office.phone ? (
          <div>
            <a href={`tel:${p.office.phone.replace(/[^+0-9]/g, '')}`}>{p.office.phone}</a>
          </div>
        ) : null}
        {p.office.email ? (
          <div>
            <a href={`mailto:${p.office.email}`}>{p.office.email}</a>
          </div>
        ) : null}
      </address>
      {p.topics.map((topic) => (
        <section class="contact-topic" aria-labelledby={`topic-${topic.id}`}>
          <h2 id={`topic-${topic.id}`}>{topic.translated ? topic.label : <Content t={t}>{topic.label}</Content>}</h2>
          <Persons t={t} topic={topic} />
        </section>
      ))}
      <h2 id="contact-form">{t('contact.form.title')}</h2>
      <p>{t('contact.form.lead')}</p>
      {p.problem ? <Notice kind="error">{p.problem}</Notice> : null}
      <ErrorSummary t={t} errors={errors} level={3} />
      <form method="post" action="/contact" class="form" novalidate aria-labelledby="contact-form">
        <SelectField
          t={t}
          name="topic"
          label="contact.form.topic"
          value={values.topic}
          errors={errors}
          required
          options={[{ value: '', label: t('contact.form.chooseTopic') }, ...p.topics.map((topic) => ({ value: String(topic.id), label: topic.label, lang: topic.translated ? undefined : contentLang(t) }))]}
        />
        <Field t={t} name="name" label="contact.form.name" value={values.name} errors={errors} required maxlength={200} autocomplete="name" />
        <Field t={t} name="email" label="contact.form.email" type="email" value={values.email} errors={errors} required maxlength={320} autocomplete="email" />
        <TextareaField t={t} name="message" label="contact.form.message" value={values.message} errors={errors} required maxlength={5000} rows={8} />
        <ConsentField t={t} errors={errors} checked={values.consent === 'on'} label="contact.form.consent" text="contact.form.consentText" privacyLink="contact.form.privacyLink" months={p.retentionMonths} textId="contact-consent-text" />
        <Honeypot t={t} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('contact.form.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
