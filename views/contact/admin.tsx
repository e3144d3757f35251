import type { ContactTopic } from '../../src/contact/contacts.js';
import type { Translate } from '../../src/i18n/index.js';
import { ActionButton, Content } from '../components.js';

/** MoveButtons: "up" and "down" for one row (the first has no "up", the last no "down"). */
function MoveButtons({ t, action, context, first, last }: { t: Translate; action: string; context: string; first: boolean; last: boolean }) {
  return (
    <>
      {first ? null : (
        <form method="post" action={action} class="inline-form">
          <input type="hidden" name="direction" value="up" />
          <button type="submit" class="button button--link">
            {t('contact.admin.up')}
            <span class="visually-hidden">{`: ${context}`}</span>
          </button>
        </form>
      )}
      {first || last ? null : ' '}
      {last ? null : (
        <form method="post" action={action} class="inline-form">
          <input type="hidden" name="direction" value="down" />
          <button type="submit" class="button button--link">
            {t('contact.admin.down')}
            <span class="visually-hidden">{`: ${context}`}</span>
          </button>
        </form>
      )}
    </>
  );
}

/** ContactAdminPage: the staff's editing page of the office's contacts: topics in order, their persons, links to edit. */
export function ContactAdminPage({ t, topics, officeEmail }: { t: Translate; topics: ContactTopic[]; officeEmail: string }) {
  return (
    <section class="narrow">
      <p>
        <a href="/contact">← {t('contact.admin.public')}</a>
      </p>
      <h1>{t('contact.admin.title')}</h1>
      <p>{t('contact.admin.lead')}</p>
      <p>
        <a class="button" href="/admin/contact/topics/new">
          {t('contact.admin.addTopic')}
        </a>
      </p>
      {topics.length === 0 ? <p class="empty-state">{t('contact.admin.noTopics')}</p> : null}
      {topics.map((topic, i) => (
        <section class="contact-topic" aria-labelledby={`topic-${topic.id}`}>
          <h2 id={`topic-${topic.id}`}>
            <Content t={t}>{topic.title}</Content>
          </h2>
          <p>
            {t('contact.admin.mailbox')}: {topic.email ?? t('contact.admin.mailboxFallback', { email: officeEmail || '–' })}
          </p>
          <p>
            <a href={`/admin/contact/topics/${topic.id}`}>
              {t('contact.admin.editTopic')}
              <span class="visually-hidden">{`: ${topic.title}`}</span>
            </a>{' '}
            <MoveButtons t={t} action={`/admin/contact/topics/${topic.id}/move`} context={topic.title} first={i === 0} last={i === topics.length - 1} />{' '}
            <a href={`/admin/contact/topics/${topic.id}/persons/new`}>
              {t('contact.admin.addPerson')}
              <span class="visually-hidden">{`: ${topic.title}`}</span>
            </a>
          </p>
          {topic.persons.length === 0 ? (
            <p class="empty-state">{t('contact.admin.noPersons')}</p>
          ) : (
            <ul class="link-list">
              {topic.persons.map((p, j) => (
                <li>
                  <a href={`/admin/contact/persons/${p.id}`}>{p.name}</a>
                  {p.job_function ? (
                    <>
                      {' '}(<Content t={t}>{p.job_function}</Content>)
                    </>
                  ) : null}{' '}
                  <MoveButtons t={t} action={`/admin/contact/persons/${p.id}/move`} context={p.name} first={j === 0} last={j === topic.persons.length - 1} />{' '}
                  <ActionButton action={`/admin/contact/persons/${p.id}/delete`} label={t('contact.admin.remove')} context={p.name} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
