import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { ReferenceEntry } from '../../src/reference/lists.js';
import { OTHER_LOCALES, type ReferenceList } from '../../src/reference/names.js';
import { ErrorSummary } from '../components.js';
import { NameFields } from './fields.js';

export interface ReferenceListView {
  t: Translate;
  list: ReferenceList;
  entries: ReferenceEntry[];
  /** The add form: what was typed, and its errors. */
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** ReferenceListPage: one list's entries (names, order, status, use) with a link to edit each, and the form to add one. */
export function ReferenceListPage(p: ReferenceListView) {
  const { t, list } = p;
  const languages = list === 'languages';
  return (
    <section>
      <p>
        <a href="/admin/lists">← {t('reference.backIndex')}</a>
      </p>
      <h1>{t(`reference.list.${list}`)}</h1>
      <p>{t('reference.listLead')}</p>
      {languages ? <p>{t('reference.languagesLead')}</p> : null}
      <table class="table">
        <caption class="visually-hidden">{t(`reference.list.${list}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reference.col.position')}</th>
            {languages ? <th scope="col">{t('reference.col.code')}</th> : null}
            <th scope="col">{t('reference.col.name')}</th>
            {languages ? <th scope="col">{t('reference.col.endonym')}</th> : null}
            <th scope="col">{t('reference.col.otherNames')}</th>
            <th scope="col">{t('reference.col.uses')}</th>
            <th scope="col">{t('reference.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.entries.map((e) => (
            <tr>
              <td>{e.position}</td>
              {languages ? <td>{e.key}</td> : null}
              <td>
                <a href={`/admin/lists/${list}/${e.key}`} lang="de">
                  {e.name}
                </a>
              </td>
              {languages ? <td lang={e.key}>{e.endonym}</td> : null}
              <td>
                {OTHER_LOCALES.filter((l) => e.names[l]).map((l, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    {l}: <span lang={l}>{e.names[l]}</span>
                  </>
                ))}
              </td>
              <td>{e.uses}</td>
              <td>{t(e.retired ? 'reference.status.retired' : 'reference.status.active')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="reference-add">{t('reference.add')}</h2>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`/admin/lists/${list}`} class="form" novalidate aria-labelledby="reference-add">
        <NameFields t={t} list={list} values={p.values} errors={p.errors} adding />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('reference.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
