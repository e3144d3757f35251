import type { AccountRow } from '../../src/admin/accounts.js';
import type { OutboxMail } from '../../src/db/schema.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { Pagination } from '../components.js';

export function AdminIndexPage({ t, links }: { t: Translate; links: { href: string; label: MessageKey }[] }) {
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <ul class="link-list">
        {links.map((l) => (
          <li>
            <a href={l.href}>{t(l.label)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AccountsPage(p: { t: Translate; fmt: Formatters; rows: AccountRow[]; page: number; hasNext: boolean }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('admin.users')}</h1>
      <p>
        <a class="button" href="/people/new">
          {t('people.new')}
        </a>
      </p>
      <table class="table">
        <caption class="visually-hidden">{t('admin.users')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.lastLogin')}</th>
            <th scope="col">{t('admin.users.sessions')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/people/${r.person_id}`}>{r.name}</a>
              </td>
              <td>{r.email}</td>
              {/* An anonymised person's account is closed for good: marked, with nothing left to do. */}
              <td>{r.anonymised_at ? '–' : t(`role.${r.role}`)}</td>
              <td>{r.anonymised_at ? <strong>{t('privacy.anonymised.status')}</strong> : !r.active ? t('admin.users.inactive') : r.has_password ? t('admin.users.active') : t('admin.users.invited')}</td>
              <td>{r.last_login_at ? fmt.dateTime(r.last_login_at) : '–'}</td>
              <td>
                {r.anonymised_at ? (
                  '–'
                ) : (
                  <form method="post" action={`/admin/users/${r.user_id}/sessions/end`}>
                    <button type="submit" class="button button--secondary">
                      {t('admin.users.endSessions')}
                      <span class="visually-hidden">: {r.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => `/admin/users?page=${n}`} />
    </section>
  );
}

export function OutboxPage(p: { t: Translate; fmt: Formatters; rows: OutboxMail[]; page: number; hasNext: boolean; smtpConfigured: boolean }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('admin.outbox')}</h1>
      <p>{t('admin.outbox.lead')}</p>
      {p.smtpConfigured ? null : <p class="notice notice--info">{t('admin.outbox.noSmtp')}</p>}
      {p.rows.length === 0 ? (
        <p class="empty-state">{t('admin.outbox.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('admin.outbox')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.outbox.created')}</th>
              <th scope="col">{t('admin.outbox.to')}</th>
              <th scope="col">{t('admin.outbox.subject')}</th>
              <th scope="col">{t('admin.outbox.status')}</th>
              <th scope="col">{t('admin.outbox.attempts')}</th>
              <th scope="col">{t('admin.outbox.error')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((m) => (
              <tr>
                <td>{fmt.dateTime(m.created_at)}</td>
                <td>{m.to_address}</td>
                <td>
                  <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                </td>
                <td>{t(`admin.outbox.status.${m.status}`)}</td>
                <td>{m.attempts}</td>
                {/* Whoever looks here after a mail server outage sees why mails wait, without opening each. */}
                <td>{m.status === 'sent' ? '' : (m.last_error ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => `/admin/outbox?page=${n}`} />
    </section>
  );
}

export function OutboxMailPage({ t, fmt, mail }: { t: Translate; fmt: Formatters; mail: OutboxMail }) {
  return (
    <section>
      <h1>{mail.subject}</h1>
      <dl class="facts">
        <dt>{t('admin.outbox.to')}</dt>
        <dd>{mail.to_address}</dd>
        <dt>{t('admin.outbox.created')}</dt>
        <dd>{fmt.dateTime(mail.created_at)}</dd>
        <dt>{t('admin.outbox.status')}</dt>
        <dd>{t(`admin.outbox.status.${mail.status}`)}</dd>
        {mail.last_error ? (
          <>
            <dt>{t('admin.outbox.error')}</dt>
            <dd>{mail.last_error}</dd>
          </>
        ) : null}
      </dl>
      <pre class="mail-body">{mail.body_text}</pre>
      <p>
        <a href="/admin/outbox">{t('admin.outbox')}</a>
      </p>
    </section>
  );
}
