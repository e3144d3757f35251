import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { ReferenceEntry } from '../../src/reference/lists.js';
import type { ReferenceList } from '../../src/reference/names.js';
import { ErrorSummary, SelectField } from '../components.js';
import { NameFields } from './fields.js';

export interface ReferenceEntryView {
  t: Translate;
  list: ReferenceList;
  entry: ReferenceEntry;
  /** The other entries of the list (merge targets; active ones first). */
  others: ReferenceEntry[];
  values: Record<string, string>;
  errors?: FieldErrors;
  /** Errors of the retire and merge forms. */
  retireError?: FieldErrors;
  mergeErrors?: FieldErrors;
}

/** ReferenceEntryPage: one entry: its names and position, retire or make active again, merge into another entry. */
export function ReferenceEntryPage(p: ReferenceEntryView) {
  const { t, list, entry } = p;
  const base = `/admin/lists/${list}/${entry.key}`;
  return (
    <section class="narrow">
      <p>
        <a href={`/admin/lists/${list}`}>← {t('reference.back')}</a>
      </p>
      <h1>
        {t(`reference.list.${list}`)}: <span lang="de">{entry.name}</span>
      </h1>
      <p>
        {t('reference.uses', { n: entry.uses })} {t('reference.col.status')}: {t(entry.retired ? 'reference.status.retired' : 'reference.status.active')}.
      </p>
      <h2 id="reference-edit">{t('reference.editTitle')}</h2>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={base} class="form" novalidate aria-labelledby="reference-edit">
        <NameFields t={t} list={list} values={p.values} errors={p.errors} adding={false} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('reference.save')}
          </button>
        </div>
      </form>
      <h2 id="reference-retire">{entry.retired ? t('reference.restore') : t('reference.retireTitle')}</h2>
      <p>{t(entry.retired ? 'reference.restoreLead' : 'reference.retireLead')}</p>
      {p.retireError?.retire ? (
        <p class="field__error" id="field-retire-error" role="alert">
          {t(p.retireError.retire)}
        </p>
      ) : null}
      <form method="post" action={`${base}/${entry.retired ? 'restore' : 'retire'}`} class="form">
        <div class="form__actions">
          <button type="submit" class={entry.retired ? 'button' : 'button button--secondary'} aria-describedby={p.retireError?.retire ? 'field-retire-error' : undefined}>
            {t(entry.retired ? 'reference.restore' : 'reference.retire')}
          </button>
        </div>
      </form>
      <h2 id="reference-merge">{t('reference.mergeTitle')}</h2>
      <p>{t('reference.mergeLead', { name: entry.name })}</p>
      {p.others.length === 0 ? (
        <p class="empty-state">{t('reference.noOther')}</p>
      ) : (
        <form method="post" action={`${base}/merge`} class="form" novalidate aria-labelledby="reference-merge">
          <ErrorSummary t={t} errors={p.mergeErrors} />
          <SelectField
            t={t}
            name="into"
            label="reference.mergeInto"
            value={p.values.into}
            errors={p.mergeErrors}
            required
            options={p.others.map((o) => ({ value: o.key, label: o.retired ? t('reference.retiredMark', { name: o.name }) : o.name, lang: 'de' }))}
          />
          <div class="form__actions">
            <button type="submit" class="button button--danger">
              {t('reference.merge')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
