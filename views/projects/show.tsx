import type { Day } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Deadline } from '../../src/projects/deadlines.js';
import type { ProjectDocument } from '../../src/projects/documents.js';
import { DOCUMENT_KINDS } from '../../src/projects/form.js';
import type { Project } from '../../src/projects/projects.js';
import { ActionButton, Content, ErrorSummary } from '../components.js';
import { DeadlineFields } from './deadline-form.js';
import { day, deadlineKindLabel, fileKindLabel, periodText, projectTitle, statusLabel } from './labels.js';

export interface ShowErrors {
  /** A refused upload's message, already translated. */
  document?: string;
  /** A refused new deadline's field messages. */
  deadline?: FieldErrors;
}

/**
 * ProjectPage: a project with its deadlines and documents. The staff see the controls (edit, deadlines,
 * uploads) and the link to the accounts; a partner's representative reads the same page without them.
 */
export function ProjectPage(p: {
  t: Translate;
  fmt: Formatters;
  today: Day;
  project: Project;
  fields: { id: number; label: string }[];
  deadlines: Deadline[];
  documents: ProjectDocument[];
  canEdit: boolean;
  canReadAccounts: boolean;
  errors?: ShowErrors;
  deadlineValues?: Record<string, string>;
}) {
  const { t, fmt, project: pr } = p;
  const period = periodText(t, fmt, pr.starts_on, pr.ends_on);
  const description = (pr.description ?? '').split(/\r?\n/).filter((x) => x.trim());
  return (
    <article>
      <p>
        <a href="/projects">← {t('projects.title')}</a>
      </p>
      <h1>
        <Content t={t}>{projectTitle(pr)}</Content>
      </h1>
      {pr.archived_at ? <p class="notice notice--info">{t('projects.archivedNotice')}</p> : null}
      {p.canEdit || p.canReadAccounts ? (
        <p class="actions">
          {p.canEdit ? (
            <a class="button button--secondary" href={`/projects/${pr.id}/edit`}>
              {t('projects.edit')}
            </a>
          ) : null}{' '}
          {p.canReadAccounts ? (
            <a class="button button--secondary" href={`/projects/${pr.id}/accounts`}>
              {t('projects.accountsLink')}
            </a>
          ) : null}
        </p>
      ) : null}
      {description.length ? (
        <Content t={t} block>
          {description.map((para) => (
            <p>{para}</p>
          ))}
        </Content>
      ) : null}
      <dl class="facts">
        <dt>{t('projects.statusLabel')}</dt>
        <dd>{statusLabel(t, pr.status)}</dd>
        <dt>{t('projects.period')}</dt>
        <dd>{period ?? t('projects.notStated')}</dd>
        <dt>{t('projects.referenceNo')}</dt>
        <dd>{pr.reference_no ?? t('projects.notStated')}</dd>
        <dt>{t('projects.responsible')}</dt>
        <dd>{pr.responsible?.name ?? t('projects.notStated')}</dd>
        <dt>{t('projects.programmes')}</dt>
        <dd>
          {pr.programmes.length
            ? pr.programmes.map((x, i) => (
                <>
                  {i ? ', ' : ''}
                  {x.archived ? <Content t={t}>{x.name}</Content> : <a href={`/programmes/${x.id}`}><Content t={t}>{x.name}</Content></a>}
                </>
              ))
            : t('projects.notStated')}
        </dd>
        <dt>{t('projects.partners')}</dt>
        <dd>
          {pr.partners.length
            ? pr.partners.map((o, i) => (
                <>
                  {i ? ', ' : ''}
                  {o.published ? <a href={`/directory/${o.id}`}>{o.name}</a> : o.name}
                </>
              ))
            : t('projects.notStated')}
        </dd>
        <dt>{t('projects.cities')}</dt>
        <dd>{pr.cities.map((c) => c.name).join(', ') || t('projects.notStated')}</dd>
        <dt>{t('projects.fields')}</dt>
        <dd>{p.fields.map((f) => f.label).join(', ') || t('projects.notStated')}</dd>
      </dl>

      <section aria-labelledby="deadlines">
        <h2 id="deadlines">{t('projects.deadlines.title')}</h2>
        {p.deadlines.length === 0 ? (
          <p class="empty-state">{t('projects.deadlines.none')}</p>
        ) : (
          <div class="table-scroll" tabindex={0} role="region" aria-labelledby="deadlines-caption">
          <table class="table">
            <caption id="deadlines-caption" class="visually-hidden">{t('projects.deadlines.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.deadlines.dueOn')}</th>
                <th scope="col">{t('projects.deadlines.kind')}</th>
                <th scope="col">{t('projects.deadlines.titleLabel')}</th>
                <th scope="col">{t('projects.deadlines.state')}</th>
                {p.canEdit ? <th scope="col">{t('projects.deadlines.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.deadlines.map((d) => {
                const overdue = !d.done_at && d.due_on < p.today;
                return (
                  <tr>
                    <td>{day(fmt, d.due_on)}</td>
                    <td>{deadlineKindLabel(t, d.kind)}</td>
                    <td>
                      <Content t={t}>{d.title}</Content>
                    </td>
                    <td>{d.done_at ? t('projects.deadlines.done', { date: fmt.date(d.done_at) }) : overdue ? <strong>{t('projects.deadlines.overdue')}</strong> : t('projects.deadlines.open')}</td>
                    {p.canEdit ? (
                      <td class="row-actions">
                        {d.done_at ? (
                          <ActionButton action={`/projects/${pr.id}/deadlines/${d.id}/reopen`} label={t('projects.deadlines.reopen')} context={d.title} />
                        ) : (
                          <ActionButton action={`/projects/${pr.id}/deadlines/${d.id}/done`} label={t('projects.deadlines.markDone')} context={d.title} />
                        )}{' '}
                        <a href={`/projects/${pr.id}/deadlines/${d.id}/edit`}>
                          {t('projects.deadlines.edit')}
                          <span class="visually-hidden">{`: ${d.title}`}</span>
                        </a>{' '}
                        <ActionButton action={`/projects/${pr.id}/deadlines/${d.id}/delete`} label={t('projects.deadlines.remove')} context={d.title} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        )}
        {p.canEdit ? (
          <>
            <h3 id="new-deadline">{t('projects.deadlines.add')}</h3>
            <p class="field__hint">{t('projects.deadlines.feedHint')}</p>
            <ErrorSummary t={t} errors={p.errors?.deadline} level={3} />
            <form method="post" action={`/projects/${pr.id}/deadlines`} class="form" novalidate aria-labelledby="new-deadline">
              <DeadlineFields t={t} values={p.deadlineValues} errors={p.errors?.deadline} />
              <div class="form__actions">
                <button type="submit" class="button button--secondary">
                  {t('projects.deadlines.addButton')}
                </button>
              </div>
            </form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="documents">
        <h2 id="documents">{t('projects.documents.title')}</h2>
        {p.documents.length === 0 ? (
          <p class="empty-state">{t('projects.documents.none')}</p>
        ) : (
          <ul class="link-list">
            {p.documents.map((d) => (
              <li>
                <a href={`/projects/${pr.id}/files/${d.id}`} hx-boost="false" download={d.name}>
                  {d.name}
                </a>{' '}
                <span class="meta">
                  ({fileKindLabel(t, d.kind)}, {t('documents.size', { size: Math.max(1, Math.round(d.size / 1024)) })}, {fmt.date(d.created_at)})
                </span>
                {p.canEdit && d.kind !== 'receipt' ? (
                  <>
                    {' '}
                    <ActionButton action={`/projects/${pr.id}/files/${d.id}/delete`} label={t('projects.documents.delete')} context={d.name} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {p.canEdit ? (
          <form method="post" action={`/projects/${pr.id}/files`} enctype="multipart/form-data" class="form" hx-boost="false" aria-label={t('projects.documents.upload')}>
            <div class="field">
              <label for="document-kind">{t('projects.documents.kind')}</label>
              <select id="document-kind" name="kind" required>
                {DOCUMENT_KINDS.map((k) => (
                  <option value={k}>{fileKindLabel(t, k)}</option>
                ))}
              </select>
            </div>
            <div class={p.errors?.document ? 'field field--error' : 'field'}>
              <label for="field-file">{t('documents.file')}</label>
              {p.errors?.document ? (
                <p class="field__error" id="field-file-error">
                  {p.errors.document}
                </p>
              ) : null}
              <input id="field-file" type="file" name="file" required aria-invalid={p.errors?.document ? 'true' : undefined} aria-describedby={p.errors?.document ? 'field-file-error' : undefined} />
            </div>
            <div class="form__actions">
              <button type="submit" class="button button--secondary">
                {t('documents.upload')}
              </button>
            </div>
          </form>
        ) : null}
      </section>
    </article>
  );
}
