import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { SynonymGroup } from '../../src/synonyms/synonyms.js';
import { ErrorSummary, Field } from '../components.js';

export interface SynonymsView {
  t: Translate;
  fmt: Formatters;
  groups: SynonymGroup[];
  /** A refused form: in the add form, or in the row of the group `editing`. */
  form?: { editing?: number; values: Record<string, string>; errors: FieldErrors };
}

/**
 * SynonymsPage: what the synonyms do, the groups (each editable in place, with its own labelled field
 * and a delete button named after it), and the form to add a group.
 */
export function SynonymsPage(p: SynonymsView) {
  const { t, fmt, form } = p;
  const adding = form && form.editing === undefined ? form : undefined;
  return (
    <section>
      <p>
        <a href="/admin">← {t('admin.title')}</a>
      </p>
      <h1>{t('synonyms.title')}</h1>
      <p>{t('synonyms.lead')}</p>
      <p>{t('synonyms.example')}</p>
      <h2 id="synonyms-groups">{t('synonyms.groups')}</h2>
      {p.groups.length === 0 ? <p>{t('synonyms.none')}</p> : null}
      <ul class="synonym-groups" aria-labelledby="synonyms-groups">
        {p.groups.map((g) => {
          const editing = form?.editing === g.id ? form : undefined;
          const prefix = `synonyms-${g.id}-`;
          return (
            <li class="synonym-group">
              <ErrorSummary t={t} errors={editing?.errors} level={3} idPrefix={prefix} />
              <form method="post" action={`/admin/search-synonyms/${g.id}`} class="form" novalidate>
                <Field
                  t={t}
                  id={`${prefix}words`}
                  name="words"
                  label="synonyms.words"
                  labelText={t('synonyms.groupLabel', { words: g.words })}
                  lang="de"
                  value={editing ? editing.values.words : g.words}
                  errors={editing?.errors}
                  required
                  maxlength={500}
                />
                <p class="field__hint">{t('synonyms.changed', { date: fmt.dateTime(g.updated_at) })}</p>
                <div class="form__actions">
                  <button type="submit" class="button button--secondary">
                    {t('synonyms.save')}
                    <span class="visually-hidden">{`: ${g.words}`}</span>
                  </button>
                </div>
              </form>
              <form method="post" action={`/admin/search-synonyms/${g.id}/delete`} class="inline-form">
                <button type="submit" class="button button--danger">
                  {t('synonyms.delete')}
                  <span class="visually-hidden">{`: ${g.words}`}</span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      <h2 id="synonyms-add">{t('synonyms.add')}</h2>
      <ErrorSummary t={t} errors={adding?.errors} />
      <form method="post" action="/admin/search-synonyms" class="form" novalidate aria-labelledby="synonyms-add">
        <Field t={t} name="words" label="synonyms.words" hint="synonyms.wordsHint" lang="de" value={adding?.values.words} errors={adding?.errors} required maxlength={500} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('synonyms.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
