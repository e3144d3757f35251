import { auditHref, type AuditParam } from '../../src/admin/audit-query.js';
import type { AuditListRow } from '../../src/audit/audit.js';
import { changedFields, clip, prettyJson } from '../../src/audit/describe.js';
import { auditSentence } from '../../src/audit/sentences.js';
import type { SubjectNames } from '../../src/audit/subject-names.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
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
  /** The names of what the page's entries are about (src/audit/subject-names.ts). */
  names: SubjectNames;
}

/** withChosen: the list of choices, plus the chosen value when the list does not have it (yet). */
function withChosen(options: { value: string; label: string }[], chosen: string | undefined) {
  return chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label: chosen }] : options;
}

/** codeLabel: an action or record type in the reader's language, with its code (the code when unknown). */
function codeLabel(t: Translate, prefix: 'audit.action' | 'audit.entityType', code: string): string {
  const label = t(`${prefix}.${code}` as MessageKey) as string | undefined;
  return label ? `${label} (${code})` : code;
}

/** labelled: the codes as options, labelled in the reader's language and sorted by that label. */
function labelled(t: Translate, prefix: 'audit.action' | 'audit.entityType', codes: string[]) {
  return codes.map((code) => ({ value: code, label: codeLabel(t, prefix, code) })).sort((a, b) => a.label.localeCompare(b.label));
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
      <SelectField t={t} name="action" label="audit.filter.action" value={values.action} errors={errors} options={withChosen([all, ...labelled(t, 'audit.action', choices.actions)], values.action)} />
      <SelectField
        t={t}
        name="entity_type"
        label="audit.filter.entityType"
        value={values.entity_type}
        errors={errors}
        options={withChosen([all, ...labelled(t, 'audit.entityType', choices.entityTypes)], values.entity_type)}
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

/** Change: what an entry changed, field by field, then everything it recorded (cut when long). */
function Change({ t, row }: { t: Translate; row: AuditListRow }) {
  const fields = changedFields(row.before_json, row.after_json);
  if (fields.length === 0) return null;
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
      <p class="meta">{t('audit.change')}</p>
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
      <p class="meta">{t('audit.change.raw')}</p>
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
    </>
  );
}

/**
 * Entry: what happened as a sentence, and behind "Details" (a native disclosure: keyboard and screen
 * readers without script) the raw record: who, the action code, the record and the recorded data, each
 * value a link that narrows the current filters by it.
 */
function Entry({ t, fmt, row, names, narrow }: { t: Translate; fmt: Formatters; row: AuditListRow; names: SubjectNames; narrow: (param: AuditParam, value: string, extra?: Values) => string }) {
  return (
    <>
      <p class="audit-sentence">{auditSentence(t, fmt, row, names)}</p>
      <details class="audit-details">
        <summary>
          {t('audit.details')}
          <span class="visually-hidden">{` ${t('audit.details.of', { at: fmt.dateTime(row.at) })}`}</span>
        </summary>
        <dl class="audit-change">
          <dt>{t('audit.details.actor')}</dt>
          <dd>
            {row.actor_user_id === null ? (
              <a href={narrow('actor', 'system')}>{t('admin.audit.system')}</a>
            ) : (
              <a href={narrow('actor', String(row.actor_user_id))}>{row.actor_name ?? `#${row.actor_user_id}`}</a>
            )}
          </dd>
          <dt>{t('audit.details.action')}</dt>
          <dd>
            <a href={narrow('action', row.action)}>
              <code>{row.action}</code>
            </a>
          </dd>
          <dt>{t('audit.details.entity')}</dt>
          <dd>
            {row.entity_id === null ? (
              <a href={narrow('entity_type', row.entity_type)}>{row.entity_type}</a>
            ) : (
              <a href={narrow('entity_type', row.entity_type, { entity_id: row.entity_id })}>{`${row.entity_type} ${row.entity_id}`}</a>
            )}
          </dd>
        </dl>
        <Change t={t} row={row} />
      </details>
    </>
  );
}

/** AuditPage: the accountability log, filterable by GET parameters (bookmarkable, works without script). */
export function AuditPage(p: AuditPageProps) {
  const { t, fmt, values } = p;
  // A link in the details narrows the current filters by one more value (and starts at page 1).
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
        <table class="table audit-log">
          <caption class="visually-hidden">{t('admin.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('audit.entry')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{fmt.dateTime(r.at)}</td>
                <td>
                  <Entry t={t} fmt={fmt} row={r} names={p.names} narrow={narrow} />
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
