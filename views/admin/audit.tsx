import { auditHref, type AuditParam } from '../../src/admin/audit-query.js';
import type { AuditListRow } from '../../src/audit/audit.js';
import { changedFields, clip, prettyJson } from '../../src/audit/describe.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, Pagination, SelectField } from '../components.js';

type Values = Partial<Record<AuditParam, string>>;

export interface AuditPageProps {
  t: Translate;
  fmt: Formatters;
  rows: AuditListRow[];
  page: number;
  hasNext: boolean;
  values: Values;
  errors?: FieldErrors;
  choices: { actions: string[]; entityTypes: string[]; actors: { id: number; name: string }[] };
}

/** withChosen: the list of choices, plus the chosen value when the list does not have it (yet). */
function withChosen(options: { value: string; label: string }[], chosen: string | undefined) {
  return chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label: chosen }] : options;
}

/** Quick filters for what data protection asks about most. */
const QUICK: { label: 'audit.quick.exports' | 'audit.quick.consentGranted' | 'audit.quick.consentWithdrawn'; action: string }[] = [
  { label: 'audit.quick.exports', action: 'person.data_export' },
  { label: 'audit.quick.consentGranted', action: 'person.consent_granted' },
  { label: 'audit.quick.consentWithdrawn', action: 'person.consent_withdrawn' },
];

function AuditFilterForm({ t, values, errors, choices }: Pick<AuditPageProps, 't' | 'values' | 'errors' | 'choices'>) {
  const all = { value: '', label: t('audit.filter.all') };
  return (
    <form method="get" action="/admin/audit" class="filter-form" role="search" aria-label={t('audit.filter.label')}>
      <SelectField
        t={t}
        name="actor"
        label="audit.filter.actor"
        value={values.actor}
        errors={errors}
        options={withChosen([all, { value: 'system', label: t('admin.audit.system') }, ...choices.actors.map((a) => ({ value: String(a.id), label: a.name }))], values.actor)}
      />
      <SelectField t={t} name="action" label="audit.filter.action" value={values.action} errors={errors} options={withChosen([all, ...choices.actions.map((a) => ({ value: a, label: a }))], values.action)} />
      <SelectField
        t={t}
        name="entity_type"
        label="audit.filter.entityType"
        value={values.entity_type}
        errors={errors}
        options={withChosen([all, ...choices.entityTypes.map((e) => ({ value: e, label: e }))], values.entity_type)}
      />
      <Field t={t} name="entity_id" label="audit.filter.entityId" value={values.entity_id} errors={errors} maxlength={100} />
      <Field t={t} name="from" label="audit.filter.from" type="date" value={values.from} errors={errors} />
      <Field t={t} name="to" label="audit.filter.to" type="date" value={values.to} errors={errors} />
      <div class="filter-form__actions">
        <button type="submit" class="button">
          {t('audit.filter.submit')}
        </button>
        <a href="/admin/audit">{t('audit.filter.reset')}</a>
      </div>
    </form>
  );
}

/** Change: what an entry changed, field by field, and everything it recorded behind a disclosure. */
function Change({ t, row }: { t: Translate; row: AuditListRow }) {
  const fields = changedFields(row.before_json, row.after_json);
  if (fields.length === 0) return <span class="meta">–</span>;
  const raw = (json: string | null) => {
    const pretty = prettyJson(json);
    if (pretty === null) return null;
    const { text, cut } = clip(pretty);
    return cut ? `${text} ${t('audit.change.cut')}` : text;
  };
  const before = raw(row.before_json);
  const after = raw(row.after_json);
  return (
    <>
      <dl class="audit-change">
        {fields.map((f) => (
          <>
            <dt>{f.field || t('audit.change.value')}</dt>
            <dd>
              {f.before !== null ? <del>{f.before || '""'}</del> : null}
              {f.before !== null && f.after !== null ? ' → ' : null}
              {f.after !== null ? <ins>{f.after || '""'}</ins> : null}
            </dd>
          </>
        ))}
      </dl>
      <details>
        <summary>{t('audit.change.raw')}</summary>
        {before !== null ? (
          <>
            <p class="meta">{t('audit.change.before')}</p>
            <pre class="audit-json">{before}</pre>
          </>
        ) : null}
        {after !== null ? (
          <>
            <p class="meta">{t('audit.change.after')}</p>
            <pre class="audit-json">{after}</pre>
          </>
        ) : null}
      </details>
    </>
  );
}

/** AuditPage: the accountability log, filterable by GET parameters (bookmarkable, works without script). */
export function AuditPage(p: AuditPageProps) {
  const { t, fmt, values } = p;
  // A link in the list narrows the current filters by one more value (and starts at page 1).
  const narrow = (param: AuditParam, value: string, extra: Values = {}) => auditHref({ ...values, [param]: value, ...extra });
  const hasErrors = Object.keys(p.errors ?? {}).length > 0;
  return (
    <section>
      <h1>{t('admin.audit')}</h1>
      <p>{t('audit.lead')}</p>
      <p>
        {t('audit.quick')}{' '}
        {QUICK.map((q, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={auditHref({ action: q.action })}>{t(q.label)}</a>
          </>
        ))}
      </p>
      <ErrorSummary t={t} errors={p.errors} />
      <AuditFilterForm t={t} values={values} errors={p.errors} choices={p.choices} />
      {hasErrors ? null : p.rows.length === 0 ? (
        <p class="empty-state">{Object.keys(values).length ? t('audit.noMatches') : t('admin.audit.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('admin.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.entity')}</th>
              <th scope="col">{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{fmt.dateTime(r.at)}</td>
                <td>
                  {r.actor_user_id === null ? (
                    <a href={narrow('actor', 'system')}>{t('admin.audit.system')}</a>
                  ) : (
                    <a href={narrow('actor', String(r.actor_user_id))}>{r.actor_name ?? `#${r.actor_user_id}`}</a>
                  )}
                </td>
                <td>
                  <a href={narrow('action', r.action)}>
                    <code>{r.action}</code>
                  </a>
                </td>
                <td>
                  {r.entity_id === null ? (
                    <a href={narrow('entity_type', r.entity_type)}>{r.entity_type}</a>
                  ) : (
                    <a href={narrow('entity_type', r.entity_type, { entity_id: r.entity_id })}>{`${r.entity_type} ${r.entity_id}`}</a>
                  )}
                </td>
                <td>
                  <Change t={t} row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => auditHref(values, n)} />
    </section>
  );
}
