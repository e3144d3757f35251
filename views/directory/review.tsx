import type { PendingChange, PendingEntry } from '../../src/directory/review.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, CsvUploadForm, Pagination } from '../components.js';
import type { Page } from '../../src/http/pagination.js';

/** One page of a list with its number and the link to another page of it. */
type Paged<R> = Page<R> & { page: number; href: (page: number) => string };
import { EntryFields, type EntryChoices, type EntryValues } from './form.js';

export function ReviewListPage(p: {
  t: Translate;
  entries: Paged<PendingEntry>;
  changes: Paged<PendingChange & { diff: { label: string; value: string }[] }>;
  stale: Paged<{ id: number; name: string; last_confirmed_at: string | null; confirmation_sent_at: string | null }>;
  formatDate: (at: string) => string;
}) {
  const { t } = p;
  return (
    <section>
      <h1>{t('review.title')}</h1>
      <p>
        <a href="/admin/directory/import">{t('review.import')}</a>
      </p>
      <h2>{t('review.pending')}</h2>
      {p.entries.rows.length === 0 ? (
        <p class="empty-state">{t('review.noPending')}</p>
      ) : (
        <ul class="results-list">
          {p.entries.rows.map((e) => (
            <li>
              <h3>
                <a href={`/admin/directory/${e.id}`}>{e.name}</a>
              </h3>
              <p class="meta">{t('review.submittedBy', { name: e.submitter_name ?? '–', email: e.submitter_email ?? '–', date: p.formatDate(e.created_at) })}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} label={t('review.pending')} page={p.entries.page} hasNext={p.entries.hasNext} href={p.entries.href} />
      <h2>{t('review.changes')}</h2>
      {p.changes.rows.length === 0 ? (
        <p class="empty-state">{t('review.noChanges')}</p>
      ) : (
        <ul class="results-list">
          {p.changes.rows.map((ch) => (
            <li>
              <h3>
                <a href={`/directory/${ch.organisation_id}`}>{ch.organisation_name}</a>
              </h3>
              <p class="meta">{t('review.proposedBy', { name: ch.proposed_by ?? '–', date: p.formatDate(ch.created_at) })}</p>
              <dl class="entry-facts" aria-label={t('review.changedFields')}>
                {ch.diff.map((d) => (
                  <>
                    <dt>{d.label}</dt>
                    <dd class="pre-line">{d.value || '–'}</dd>
                  </>
                ))}
              </dl>
              <div class="toolbar">
                <form method="post" action={`/admin/directory/changes/${ch.id}/apply`} class="inline-form">
                  <button type="submit" class="button">
                    {t('review.applyChange')}
                  </button>
                </form>
                <form method="post" action={`/admin/directory/changes/${ch.id}/discard`} class="inline-form">
                  <button type="submit" class="button button--secondary">
                    {t('review.rejectChange')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} label={t('review.changes')} page={p.changes.page} hasNext={p.changes.hasNext} href={p.changes.href} />
      <h2>{t('review.stale')}</h2>
      {p.stale.rows.length === 0 ? (
        <p class="empty-state">{t('review.noStale')}</p>
      ) : (
        <ul class="link-list">
          {p.stale.rows.map((s) => (
            <li>
              <a href={`/admin/directory/${s.id}`}>{s.name}</a>{' '}
              <span class="meta">
                ({t('review.lastConfirmed', { date: s.last_confirmed_at ? p.formatDate(s.last_confirmed_at) : '–', asked: s.confirmation_sent_at ? p.formatDate(s.confirmation_sent_at) : '–' })})
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} label={t('review.stale')} page={p.stale.page} hasNext={p.stale.hasNext} href={p.stale.href} />
    </section>
  );
}

export function ReviewEntryPage(p: {
  t: Translate;
  id: number;
  name: string;
  status: string;
  submittedBy: string;
  values: EntryValues;
  errors?: FieldErrors;
  rejectErrors?: FieldErrors;
  choices: EntryChoices;
}) {
  const { t } = p;
  return (
    <section>
      <p>
        <a href="/admin/directory">← {t('review.title')}</a>
      </p>
      <h1>{p.name}</h1>
      <p class="meta">
        {p.status} · {p.submittedBy}
      </p>
      <p>
        <a href={`/admin/directory/${p.id}/contacts`}>{t('contacts.manage')}</a>
      </p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`/admin/directory/${p.id}`} class="form form--wide" novalidate>
        <EntryFields t={t} values={p.values} errors={p.errors} choices={p.choices} />
        <div class="form__actions">
          <button type="submit" class="button" name="publish" value="1">
            {t('review.saveAndPublish')}
          </button>
          <button type="submit" class="button button--secondary">
            {t('directory.save')}
          </button>
        </div>
      </form>
      <h2 id="reject">{t('review.reject')}</h2>
      <ErrorSummary t={t} errors={p.rejectErrors} level={3} />
      <form method="post" action={`/admin/directory/${p.id}/reject`} class="form" novalidate>
        <Field t={t} name="reason" label="review.reason" errors={p.rejectErrors} required maxlength={2000} />
        <div class="form__actions">
          <button type="submit" class="button button--danger">
            {t('review.reject')}
          </button>
        </div>
      </form>
    </section>
  );
}

export interface EntryImportRowView {
  line: number;
  name: string;
  result: string;
  error: boolean;
}

/** EntryImportPage: upload, preview with a result per row, and confirmation of a directory list. */
export function EntryImportPage(p: { t: Translate; error?: string; rows?: EntryImportRowView[]; summary?: string; csv?: string; canConfirm?: boolean }) {
  const { t } = p;
  return (
    <section>
      <p>
        <a href="/admin/directory">← {t('review.title')}</a>
      </p>
      <h1>{t('entryImport.title')}</h1>
      <p>{t('entryImport.lead')}</p>
      <CsvUploadForm t={t} action="/admin/directory/import" error={p.error} />
      {p.rows ? (
        <section class="section" aria-labelledby="preview">
          <h2 id="preview">{t('import.previewTitle')}</h2>
          <p class={p.canConfirm ? 'notice notice--info' : 'notice notice--error'}>
            {p.summary} {t('import.nothingSaved')}
          </p>
          <table class="table">
            <caption class="visually-hidden">{t('import.previewTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('groups.name')}</th>
                <th scope="col">{t('import.result')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr class={r.error ? 'row-error' : undefined}>
                  <td>{r.line}</td>
                  <td>{r.name}</td>
                  <td>{r.error ? <strong>{r.result}</strong> : r.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.canConfirm && p.csv !== undefined ? (
            <form method="post" action="/admin/directory/import/confirm" class="form">
              <input type="hidden" name="csv" value={p.csv} />
              <div class="field field--checkbox">
                <input type="checkbox" id="field-published" name="published" value="on" />
                <label for="field-published">{t('entryImport.published')}</label>
              </div>
              <div class="form__actions">
                <button type="submit" class="button">
                  {t('import.confirm')}
                </button>
                <a href="/admin/directory">{t('form.cancel')}</a>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
